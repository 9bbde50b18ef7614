import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Club } from './club.entity.js';
import { findClubsByIds } from './club.service.js';

export function createClubLoaders(db: () => Promise<EntityManager>) {
  return {
    clubById: new DataLoader<string, Club | null>(async (ids) => {
      const clubs = await findClubsByIds(await db(), ids);
      const byId = new Map(clubs.map((club) => [club.id, club]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
