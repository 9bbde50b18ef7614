import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { findIndicatorsByIds } from './program.service.js';
import type { Indicator } from './program.types.js';

export function createProgramLoaders(db: () => Promise<EntityManager>) {
  return {
    indicatorById: new DataLoader<string, Indicator | null>(async (ids) => {
      const byId = new Map((await findIndicatorsByIds(await db(), ids)).map((indicator) => [indicator.id, indicator]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
