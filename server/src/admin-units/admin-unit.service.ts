import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { normalizeText } from '../text.js';
import { AdminUnit } from './admin-unit.entity.js';
import type { AdminUnitKind } from './admin-unit-kind.js';

export interface AdminUnitFilter {
  parentId?: string | null;
  search?: string | null;
  tenantId?: string | null;
  first: number;
  after?: string | null;
}

const UNIT_LABEL_SEPARATOR = '_';

/** Unit identifiers along a materialized path, root first. */
export function idsOnPath(path: string): string[] {
  return path.split('.').map((label) => label.replaceAll(UNIT_LABEL_SEPARATOR, '-'));
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Units under a parent, matching a search over the whole visible hierarchy, or the root units.
 * Which province's units are visible is decided by row-level security, not here.
 */
export async function listAdminUnits(db: EntityManager, filter: AdminUnitFilter): Promise<Page<AdminUnit>> {
  const search = filter.search ? normalizeText(filter.search) : '';
  const ordering = search ? (['level', 'sortKey', 'id'] as const) : (['sortKey', 'id'] as const);

  const filtered = (): SelectQueryBuilder<AdminUnit> => {
    const query = db.createQueryBuilder(AdminUnit, 'unit');
    if (filter.tenantId) query.andWhere('unit.tenantId = :tenantId', { tenantId: filter.tenantId });
    if (filter.parentId) query.andWhere('unit.parentId = :parentId', { parentId: filter.parentId });
    if (search) {
      query.andWhere(`unit.search_name like '%' || ishc.search_text(:term) || '%'`, { term: escapeLike(search) });
    } else if (!filter.parentId) {
      // The province units of provinces merged into this one are retired and hold nothing since
      // (their units moved under the province in force): history, not part of the tree.
      query.andWhere('unit.parentId is null');
      query.andWhere(
        '(unit.validTo is null or exists (select 1 from admin_unit child where child.tenant_id = unit.tenant_id and child.parent_id = unit.id))',
      );
    }
    return query;
  };

  const query = filtered();
  if (filter.after) {
    const values = decodeCursor(filter.after, ordering.length);
    const columns = ordering.map((key) => COLUMN_OF[key]).join(', ');
    const placeholders = ordering.map((_, index) => `:after${index}`).join(', ');
    query.andWhere(`(${columns}) > (${placeholders})`, Object.fromEntries(values.map((value, index) => [`after${index}`, value])));
  }
  for (const key of ordering) query.addOrderBy(`unit.${key}`, 'ASC');
  const rows = await query.limit(filter.first + 1).getMany();

  return {
    nodes: rows.slice(0, filter.first),
    cursorOf: (unit) => ordering.map((key) => unit[key]),
    hasNextPage: rows.length > filter.first,
    hasPreviousPage: Boolean(filter.after),
    countTotal: () => filtered().getCount(),
  };
}

const COLUMN_OF = { level: 'unit.level', sortKey: 'unit.sort_key', id: 'unit.id' } as const;

/** An admin_unit row as the entity reads it (dates as written, the path as text). */
const UNIT_COLUMNS = `unit.tenant_id as "tenantId", unit.id, unit.parent_id as "parentId", unit.code, unit.name, unit.kind, unit.level,
  unit.sort_key as "sortKey", ltree2text(unit.path) as path, unit.valid_from::text as "validFrom", unit.valid_to::text as "validTo", unit.version`;

export async function findAdminUnitsByIds(db: EntityManager, ids: readonly string[]): Promise<AdminUnit[]> {
  // A plain statement, not the query builder: a dashboard names hundreds of units, and building and
  // mapping them through the ORM cost more than the statement itself.
  const rows: Array<Record<string, unknown>> = await db.query(`select ${UNIT_COLUMNS} from admin_unit unit where unit.id = any($1::uuid[])`, [ids]);
  return rows.map((row) => Object.assign(new AdminUnit(), row));
}

export async function findChildrenOf(db: EntityManager, parentIds: readonly string[]): Promise<AdminUnit[]> {
  return db
    .createQueryBuilder(AdminUnit, 'unit')
    .where('unit.parentId = any(:parentIds)', { parentIds })
    .orderBy('unit.sortKey', 'ASC')
    .addOrderBy('unit.id', 'ASC')
    .getMany();
}

export async function countChildrenOf(db: EntityManager, parentIds: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ parent_id: string; count: string }> = await db.query(
    'select parent_id, count(*) as count from admin_unit where parent_id = any($1) group by parent_id',
    [parentIds],
  );
  return new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
}

export async function findRootUnitsOf(db: EntityManager, tenantIds: readonly string[]): Promise<AdminUnit[]> {
  return db
    .createQueryBuilder(AdminUnit, 'unit')
    .where('unit.tenantId = any(:tenantIds)', { tenantIds })
    .andWhere('unit.parentId is null')
    // A province merged away leaves its own province unit, retired, after the one in use.
    .orderBy('unit.validTo', 'ASC', 'NULLS FIRST')
    .addOrderBy('unit.sortKey', 'ASC')
    .getMany();
}

export interface NewRootUnit {
  tenantId: string;
  code: string;
  name: string;
  kind: AdminUnitKind;
}

/** A new province's root unit, made by national administration when it provisions the province. */
export async function createRootUnit(db: EntityManager, unit: NewRootUnit): Promise<string> {
  const rows: Array<{ id: string }> = await db.query(
    'insert into admin_unit (tenant_id, code, name, kind) values ($1, $2, $3, $4) returning id',
    [unit.tenantId, unit.code, normalizeText(unit.name), unit.kind],
  );
  return rows[0].id;
}
