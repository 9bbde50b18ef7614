import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { findIndicatorsByIds, listNationalPhases } from './program.service.js';
import type { Indicator, NationalPhase } from './program.types.js';

export function createProgramLoaders(db: () => Promise<EntityManager>) {
  return {
    indicatorById: new DataLoader<string, Indicator | null>(async (ids) => {
      const byId = new Map((await findIndicatorsByIds(await db(), ids)).map((indicator) => [indicator.id, indicator]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // A handful of phases exist: one read serves every scheme of the request.
    nationalPhaseById: new DataLoader<string, NationalPhase | null>(async (ids) => {
      const byId = new Map((await listNationalPhases(await db())).map((phase) => [phase.id, phase]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
