import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { normalizeText } from '../text.js';
import { Club } from './club.entity.js';

/**
 * Clubs by name, a page at a time, optionally matching a search that ignores accents and case.
 * Which clubs are visible (a province's own, a club's itself, all for the national office) is
 * decided by row-level security, not here.
 */
export async function listClubs(db: EntityManager, filter: { search?: string | null; first: number; after?: string | null }): Promise<Page<Club>> {
  const search = filter.search ? normalizeText(filter.search) : '';
  const filtered = (): SelectQueryBuilder<Club> => {
    const query = db.createQueryBuilder(Club, 'club');
    if (search) {
      query.andWhere(`ishc.search_text(club.name) like '%' || ishc.search_text(:term) || '%'`, { term: search.replace(/[\\%_]/g, (character) => `\\${character}`) });
    }
    return query;
  };
  const query = filtered();
  if (filter.after) {
    const [name, id] = decodeCursor(filter.after, 2);
    query.andWhere('(club.name, club.id) > (:afterName, :afterId)', { afterName: name, afterId: id });
  }
  const rows = await query.orderBy('club.name', 'ASC').addOrderBy('club.id', 'ASC').limit(filter.first + 1).getMany();
  return {
    nodes: rows.slice(0, filter.first),
    cursorOf: (club) => [club.name, club.id],
    hasNextPage: rows.length > filter.first,
    hasPreviousPage: Boolean(filter.after),
    countTotal: () => filtered().getCount(),
  };
}

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
