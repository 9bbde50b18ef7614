import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes to the administrative hierarchy: which units replaced which (the 2025 reform merged
 * and split communes, and data recorded under the old units must still roll up into the new
 * ones), and the staging area of CSV imports, which are uploaded in pieces, previewed, and only
 * then applied in one transaction.
 */
export class HierarchyChanges1764200000000 implements MigrationInterface {
  name = 'HierarchyChanges1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Moving a unit rewrites the paths under it. The province role has no grant on path (a
      -- written path could lie about the tree), so the trigger that derives them runs as the
      -- owner; it touches only rows of the moved unit's own tenant.
      alter function ishc.admin_unit_move_descendants() security definer set search_path = pg_catalog, public;
    `);

    await db.query(`
      -- A retired unit keeps its row (clubs and reports still point at it); this table says which
      -- units took its place, so figures recorded under it can be rolled up into its successors.
      create table admin_unit_succession (
        tenant_id uuid not null default ishc.current_tenant_id(),
        predecessor_id uuid not null,
        successor_id uuid not null,
        kind text not null check (kind in ('MERGE', 'SPLIT')),
        effective_on date not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, predecessor_id, successor_id),
        check (predecessor_id <> successor_id),
        foreign key (tenant_id) references tenant (id) on delete restrict,
        foreign key (tenant_id, predecessor_id) references admin_unit (tenant_id, id) on delete restrict,
        foreign key (tenant_id, successor_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index admin_unit_succession_successor on admin_unit_succession (tenant_id, successor_id);

      alter table admin_unit_succession enable row level security;
      alter table admin_unit_succession force row level security;
      create policy admin_unit_succession_province on admin_unit_succession for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy admin_unit_succession_club_read on admin_unit_succession for select to ishc_club
        using (tenant_id = ishc.current_tenant_id());
      create policy admin_unit_succession_national_read on admin_unit_succession for select
        to ishc_national, ishc_national_admin using (true);
      grant select on admin_unit_succession to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      -- Successions are history: recorded once, never changed (no update grant).
      grant insert (predecessor_id, successor_id, kind, effective_on) on admin_unit_succession to ishc_province;
    `);

    await db.query(`
      -- A CSV import is uploaded in pieces (a province has thousands of hamlets; one request body
      -- stays small), checked as a whole, and applied in one transaction. Rows are kept exactly as
      -- read: checking them is the preview's job.
      create table admin_unit_import (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        file_name text check (length(file_name) <= 255),
        created_by uuid default ishc.current_user_id(),
        created_at timestamptz not null default now(),
        row_count integer not null default 0 check (row_count >= 0),
        committed_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id) references tenant (id) on delete restrict
      );
      create index admin_unit_import_created on admin_unit_import (tenant_id, created_at);

      create table admin_unit_import_row (
        tenant_id uuid not null default ishc.current_tenant_id(),
        import_id uuid not null,
        row_number integer not null check (row_number >= 2),
        code text not null check (length(code) <= 100),
        name text not null check (length(name) <= 1000),
        kind text not null check (length(kind) <= 100),
        parent_code text not null check (length(parent_code) <= 100),
        primary key (tenant_id, import_id, row_number),
        foreign key (tenant_id, import_id) references admin_unit_import (tenant_id, id) on delete cascade
      );

      alter table admin_unit_import enable row level security;
      alter table admin_unit_import force row level security;
      create policy admin_unit_import_province on admin_unit_import for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      grant select, delete on admin_unit_import to ishc_province;
      grant insert (file_name), update (row_count, committed_at) on admin_unit_import to ishc_province;

      alter table admin_unit_import_row enable row level security;
      alter table admin_unit_import_row force row level security;
      create policy admin_unit_import_row_province on admin_unit_import_row for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      grant select, delete on admin_unit_import_row to ishc_province;
      grant insert (import_id, row_number, code, name, kind, parent_code) on admin_unit_import_row to ishc_province;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      alter function ishc.admin_unit_move_descendants() security invoker reset search_path;
      drop table admin_unit_import_row;
      drop table admin_unit_import;
      drop table admin_unit_succession;
    `);
  }
}
