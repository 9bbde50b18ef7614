import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { findMembersByIds } from './member.service.js';
import type { Member } from './member.types.js';

export function createMemberLoaders(db: () => Promise<EntityManager>) {
  return {
    memberById: new DataLoader<string, Member | null>(async (ids) => {
      const byId = new Map((await findMembersByIds(await db(), ids)).map((member) => [member.id, member]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
