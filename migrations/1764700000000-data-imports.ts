import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports of a province's existing records from spreadsheets: an uploaded file is checked row by
 * row into a preview (what each row would do, what would change, what is wrong), and committed as
 * a whole or not at all. The preview is kept with who made it, and the commit with who made it.
 */
export class DataImports1764700000000 implements MigrationInterface {
  name = 'DataImports1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table data_import (
        tenant_id uuid not null default ishc.current_tenant_id() references tenant (id) on delete restrict,
        id uuid not null default gen_random_uuid(),
        kind text not null check (kind in ('clubs', 'members', 'fund-balances', 'loans', 'survey-visits')),
        -- The club an import is for, when it is one club's (club staff's always are).
        club_id uuid,
        file_name text check (file_name = normalize(file_name, NFC) and length(file_name) <= 255),
        file_format text not null check (file_format in ('csv', 'xlsx')),
        status text not null default 'PREVIEW' check (status in ('PREVIEW', 'COMMITTED')),
        row_count integer not null check (row_count >= 0),
        created_by uuid not null default ishc.current_user_id(),
        created_at timestamptz not null default now(),
        committed_by uuid,
        committed_at timestamptz,
        version integer not null default 1,
        primary key (tenant_id, id),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict deferrable initially immediate,
        check ((status = 'COMMITTED') = (committed_at is not null))
      );
      create index data_import_recent on data_import (tenant_id, created_at desc);

      create table data_import_row (
        tenant_id uuid not null default ishc.current_tenant_id(),
        import_id uuid not null,
        row_number integer not null check (row_number >= 1),
        action text not null check (action in ('NEW', 'UPDATE', 'UNCHANGED', 'PROBLEM')),
        club_id uuid,
        -- The record the row matches (a member, say), for UPDATE and UNCHANGED.
        target_id uuid,
        -- The row's fields as read and checked, by API field name.
        fields jsonb not null,
        -- For UPDATE: [{ field, from, to }].
        changes jsonb not null default '[]',
        -- [{ column, message }], in Vietnamese, naming the column.
        problems jsonb not null default '[]',
        -- [{ message, memberId }]: possible duplicates the importer may accept.
        warnings jsonb not null default '[]',
        primary key (tenant_id, import_id, row_number),
        foreign key (tenant_id, import_id) references data_import (tenant_id, id) on delete cascade deferrable initially immediate,
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict deferrable initially immediate,
        check ((action = 'PROBLEM') = (jsonb_array_length(problems) > 0))
      );
      create index data_import_row_action on data_import_row (tenant_id, import_id, action, row_number);

      alter table data_import enable row level security;
      alter table data_import force row level security;
      alter table data_import_row enable row level security;
      alter table data_import_row force row level security;
      create policy data_import_province on data_import to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy data_import_club on data_import to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id())
        with check (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      create policy data_import_row_province on data_import_row to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy data_import_row_club on data_import_row to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id())
        with check (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      grant select, insert on data_import, data_import_row to ishc_province, ishc_club;
      grant update (status, committed_by, committed_at, version) on data_import to ishc_province, ishc_club;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop table data_import_row;
      drop table data_import;
    `);
  }
}
