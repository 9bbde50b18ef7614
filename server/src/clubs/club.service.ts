import type { EntityManager } from 'typeorm';
import { Club } from './club.entity.js';

export async function findClubsByIds(db: EntityManager, ids: readonly string[]): Promise<Club[]> {
  return db.createQueryBuilder(Club, 'club').where('club.id = any(:ids)', { ids }).getMany();
}
