import type { EntityManager } from 'typeorm';
import { Club } from './club.entity.js';

export async function findClubsByIds(db: EntityManager, ids: readonly string[]): Promise<Club[]> {
  return db.createQueryBuilder(Club, 'club').where('club.id = any(:ids)', { ids }).getMany();
}

/** Clubs of each unit, whether the unit is their commune or their hamlet (retired units keep their clubs). */
export async function countClubsInUnits(db: EntityManager, unitIds: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ unit_id: string; count: string }> = await db.query(
    `select unit_id, count(*) as count
       from (select commune_id as unit_id from club where commune_id = any($1)
             union all
             select hamlet_id from club where hamlet_id = any($1)) as placed
      group by unit_id`,
    [unitIds],
  );
  return new Map(rows.map((row) => [row.unit_id, Number(row.count)]));
}
