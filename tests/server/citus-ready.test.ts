import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { asOwner, openTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The schema must be distributable on Citus by `tenant_id` unchanged (docs/scaling.md): every table
 * with a `tenant_id` is distributed and co-located by it, every other table is named here with
 * where it would live and why. A table added without a place, or with a key Citus cannot keep
 * within one province's shard, fails this file.
 */

/** Tables with no `tenant_id`: copied to every node (reference) or kept on the coordinator alone. */
const NOT_DISTRIBUTED: Record<string, { placement: 'reference' | 'coordinator'; reason: string }> = {
  tenant: { placement: 'reference', reason: 'the province workspaces themselves: every province-owned row refers to one' },
  tenant_lineage: { placement: 'reference', reason: 'which province became which, read by the scope of every merged province' },
  indicator: { placement: 'reference', reason: 'the national catalogue of indicators that provinces’ targets and reference figures name' },
  national_phase: { placement: 'reference', reason: 'the national program’s phases, which provinces’ schemes belong to' },
  national_phase_target: { placement: 'reference', reason: 'the national targets of a phase, compared with every province’s' },
  national_revision: { placement: 'reference', reason: 'the revision of the national tables, which every kept answer is keyed by with its province’s' },
  national_audit_event: { placement: 'coordinator', reason: 'the national office’s own events: no province to distribute them by, and no join with province rows' },
  sign_in_throttle: { placement: 'coordinator', reason: 'sign-in attempts, counted before any province is known' },
  schema_migration: { placement: 'coordinator', reason: 'TypeORM’s record of the migrations that ran' },
};

/**
 * Tables that have a `tenant_id` and still cannot be distributed by it, with what keeps them apart.
 * Accounts are global: a national account has no province, and a login is unique across provinces
 * (sign-in reads it before any province is known). On Citus they are a reference table, small and
 * rarely written.
 */
const REFERENCE_TABLES_WITH_TENANT: Record<string, string> = {
  app_user: 'accounts: national ones have no province, and a login is unique across all provinces',
};

/**
 * Foreign keys Citus refuses (a reference or coordinator table pointing into a distributed one),
 * each with what replaces it at the Citus step. Named one by one so that no new one slips in.
 */
const FOREIGN_KEYS_TO_REPLACE: Record<string, string> = {
  app_user_tenant_id_club_id_fkey:
    'a club staff account’s club: moves to a distributed table of club staff (tenant_id, club_id, user_id) keyed with the club',
};

interface CatalogTable {
  table: string;
  tenantAttnum: number | null;
  tenantNotNull: boolean | null;
}

interface CatalogIndex {
  table: string;
  name: string;
  primary: boolean;
  columns: number[];
  definition: string;
}

interface CatalogConstraint {
  table: string;
  name: string;
  kind: 'f' | 'x';
  referenced: string | null;
  pairs: Array<[number, number]>;
  columns: number[];
  definition: string;
}

/** Every breach of the rules above, one line each (empty when the schema can be distributed). */
async function citusProblems(db: EntityManager): Promise<string[]> {
  const tables: CatalogTable[] = await db.query(`
    select c.relname as "table", a.attnum as "tenantAttnum", a.attnotnull as "tenantNotNull"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relkind in ('r', 'p') and not c.relispartition
       and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
     order by 1`);
  const indexes: CatalogIndex[] = await db.query(`
    select c.relname as "table", i.indexrelid::regclass::text as name, i.indisprimary as primary,
           i.indkey::int2[]::int[] as columns, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
     where (i.indisunique or i.indisprimary)
       and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
     order by 1, 2`);
  const constraints: CatalogConstraint[] = await db.query(`
    select c.relname as "table", con.conname as name, con.contype as kind, referenced.relname as referenced,
           coalesce((select json_agg(json_build_array(pair.local, pair.remote))
                       from unnest(con.conkey, con.confkey) as pair(local, remote)), '[]') as pairs,
           con.conkey::int[] as columns, pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_class referenced on referenced.oid = con.confrelid
     where con.contype in ('f', 'x')
       and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
     order by 1, 2`);

  const problems: string[] = [];
  const byName = new Map(tables.map((table) => [table.table, table]));
  const distributed = new Set(
    tables.filter((table) => table.tenantAttnum !== null && !(table.table in REFERENCE_TABLES_WITH_TENANT)).map((table) => table.table),
  );

  for (const table of tables) {
    if (table.tenantAttnum === null && !(table.table in NOT_DISTRIBUTED)) {
      problems.push(`${table.table}: no tenant_id, and not named as a reference or coordinator table`);
    }
  }
  for (const [name, entry] of Object.entries(NOT_DISTRIBUTED)) {
    const table = byName.get(name);
    if (!table) problems.push(`${name}: named as a ${entry.placement} table but does not exist`);
    else if (table.tenantAttnum !== null) problems.push(`${name}: named as a ${entry.placement} table but has a tenant_id`);
  }
  for (const name of Object.keys(REFERENCE_TABLES_WITH_TENANT)) {
    const table = byName.get(name);
    if (!table) problems.push(`${name}: named as a reference table with a tenant_id but does not exist`);
    else if (table.tenantAttnum === null) problems.push(`${name}: named as a reference table with a tenant_id but has none`);
    else if (table.tenantNotNull) problems.push(`${name}: its tenant_id is required, so it can be distributed: key it by tenant_id`);
  }

  for (const name of distributed) {
    const table = byName.get(name)!;
    if (!table.tenantNotNull) problems.push(`${name}: tenant_id may be null (a distribution column may not)`);
    const tableIndexes = indexes.filter((index) => index.table === name);
    if (!tableIndexes.some((index) => index.primary)) problems.push(`${name}: no primary key`);
    for (const index of tableIndexes) {
      if (!index.columns.includes(table.tenantAttnum!)) {
        problems.push(`${name}: ${index.primary ? 'primary key' : 'unique index'} without tenant_id: ${index.definition}`);
      }
    }
  }

  for (const constraint of constraints) {
    const source = byName.get(constraint.table);
    if (!source) continue;
    if (constraint.kind === 'x') {
      if (distributed.has(constraint.table) && !constraint.columns.includes(source.tenantAttnum!)) {
        problems.push(`${constraint.table}: exclusion constraint without tenant_id: ${constraint.name}`);
      }
      continue;
    }
    const target = byName.get(constraint.referenced!)!;
    if (distributed.has(constraint.table)) {
      if (distributed.has(target.table)) {
        const sameTenant = constraint.pairs.some(([local, remote]) => local === source.tenantAttnum && remote === target.tenantAttnum);
        if (!sameTenant) {
          problems.push(`${constraint.table}: foreign key ${constraint.name} to ${target.table} does not match tenant_id with tenant_id: ${constraint.definition}`);
        }
      } else if (NOT_DISTRIBUTED[target.table]?.placement === 'coordinator') {
        problems.push(`${constraint.table}: foreign key ${constraint.name} to ${target.table}, which stays on the coordinator`);
      }
    } else if (distributed.has(target.table) && !(constraint.name in FOREIGN_KEYS_TO_REPLACE)) {
      problems.push(`${constraint.table}: foreign key ${constraint.name} into the distributed table ${target.table}`);
    }
  }
  for (const name of Object.keys(FOREIGN_KEYS_TO_REPLACE)) {
    const found = constraints.find((constraint) => constraint.name === name && constraint.kind === 'f');
    if (!found || distributed.has(found.table) || !distributed.has(found.referenced!)) {
      problems.push(`${name}: named as a foreign key to replace but is not one from an undistributed table into a distributed one`);
    }
  }
  return problems;
}

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase({ seed: false });
});

afterAll(async () => {
  await database?.close();
});

describe('the schema on Citus, distributed by tenant_id', () => {
  it('keys every province-owned table, its unique constraints and its foreign keys with tenant_id, and names every other table', async () => {
    const problems = await asOwner(database, citusProblems);
    expect(problems).toEqual([]);
    const [{ count }]: Array<{ count: number }> = await database.owner.query(`
      select count(*)::int as count from pg_attribute a join pg_class c on c.oid = a.attrelid
       where a.attname = 'tenant_id' and c.relkind = 'r' and c.relnamespace = 'public'::regnamespace`);
    // The rules above are about something: most tables are the provinces'.
    expect(count).toBeGreaterThan(30);
  });

  it('finds a table added without a place, or keyed in a way Citus cannot keep', async () => {
    const problems = await asOwner(database, async (db) => {
      await db.query(`
        create table unnamed_settings (name text primary key, value text);
        create unique index club_id_alone on club (id);
        create table visit_note (
          tenant_id uuid not null default ishc.current_tenant_id(),
          id uuid not null default gen_random_uuid(),
          club_id uuid not null,
          number integer not null unique,
          primary key (id),
          foreign key (tenant_id) references tenant (id) on delete restrict,
          foreign key (club_id) references club (id) on delete restrict
        );
        create table loose_tenant (tenant_id uuid, id uuid not null, unique (tenant_id, id));
        alter table indicator add column club_tenant_id uuid, add column club_id uuid,
          add foreign key (club_tenant_id, club_id) references club (tenant_id, id);
        alter table member add column noted_event bigint references national_audit_event (id) on delete restrict;
      `);
      return citusProblems(db);
    });
    expect(problems.sort()).toEqual([
      expect.stringMatching(/^club: unique index without tenant_id: CREATE UNIQUE INDEX club_id_alone/),
      expect.stringMatching(/^indicator: foreign key indicator_club_tenant_id_club_id_fkey into the distributed table club/),
      'loose_tenant: no primary key',
      'loose_tenant: tenant_id may be null (a distribution column may not)',
      'member: foreign key member_noted_event_fkey to national_audit_event, which stays on the coordinator',
      'unnamed_settings: no tenant_id, and not named as a reference or coordinator table',
      expect.stringMatching(/^visit_note: foreign key visit_note_club_id_fkey to club does not match tenant_id with tenant_id/),
      expect.stringMatching(/^visit_note: primary key without tenant_id/),
      expect.stringMatching(/^visit_note: unique index without tenant_id: CREATE UNIQUE INDEX visit_note_number_key/),
    ]);
  });
});
