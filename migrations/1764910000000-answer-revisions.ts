import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose rows no dashboard or comparison reads: the audit trail, idempotency keys, import
 * previews (a committed import writes the real tables) and accounts. Writing them moves no revision.
 */
const UNREVISED_TABLES = ['audit_event', 'client_request', 'data_import', 'data_import_row', 'admin_unit_import', 'admin_unit_import_row', 'app_user'];
/** National tables every answer may read: a write to one moves the revision every answer is kept under. */
const NATIONAL_TABLES = ['tenant', 'tenant_lineage', 'indicator', 'national_phase', 'national_phase_target'];

/**
 * Revisions of what answers are computed from, so that a computed answer can be kept and handed to
 * the next viewer who asks the same thing until a write changes what it was computed from.
 *
 * - ishc.tenant_revision: one counter per province, moved once by every transaction that commits a
 *   write to any of the province's rows (every table with tenant_id but the few named above), and
 *   ishc.national_revision, moved by a write to a national table.
 * - The counter moves at commit (a deferred constraint trigger), in the same transaction as the
 *   write: whoever reads the new revision reads the write too, and an answer computed after
 *   reading a revision holds at least everything up to it. The counter is the last lock a writer
 *   takes, just before commit, so it never crosses the figures' refresh lock in the other order.
 * - ishc.answer_revision() gives the viewer the revision of what they may read: their province's
 *   (with the national one), or for the national office the sum over every province. The counters
 *   themselves are not readable by the request roles: a province learns nothing of another's writes.
 *
 * A province merge moves rows with triggers off; the successor's totals it writes and the
 * predecessors' status change move the revisions all the same (the tenant trigger fires always).
 */
export class AnswerRevisions1764910000000 implements MigrationInterface {
  name = 'AnswerRevisions1764910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table ishc.tenant_revision (
        tenant_id uuid primary key references public.tenant (id) on delete cascade,
        revision bigint not null default 0
      );
      insert into ishc.tenant_revision (tenant_id) select id from public.tenant;
      -- No request role has a grant on the counters; the functions below (the owner's) move and
      -- read them, and even they keep to the viewer's province when a request has one.
      alter table ishc.tenant_revision enable row level security;
      alter table ishc.tenant_revision force row level security;
      create policy tenant_revision_scope on ishc.tenant_revision
        using (ishc.current_tenant_id() is null or tenant_id = ishc.current_tenant_id());
      create table ishc.national_revision (
        only_row boolean primary key default true check (only_row),
        revision bigint not null default 0
      );
      insert into ishc.national_revision default values;

      -- Once per transaction and province: the provinces already moved are kept in a
      -- transaction-local setting, so a write of many rows costs one update.
      create function ishc.move_tenant_revision(p_tenant uuid) returns void
        language plpgsql security definer
        set search_path = pg_catalog, ishc
        as $$
        declare
          moved text := coalesce(current_setting('ishc.revised_tenants', true), '');
        begin
          if p_tenant is null or position(p_tenant::text in moved) > 0 then
            return;
          end if;
          insert into ishc.tenant_revision as kept (tenant_id, revision) values (p_tenant, 1)
          on conflict (tenant_id) do update set revision = kept.revision + 1;
          perform set_config('ishc.revised_tenants', moved || p_tenant::text || ',', true);
        end
        $$;

      create function ishc.revise_tenant() returns trigger
        language plpgsql security definer
        set search_path = pg_catalog, ishc
        as $$
        begin
          if tg_op <> 'DELETE' then
            perform ishc.move_tenant_revision(new.tenant_id);
          end if;
          if tg_op <> 'INSERT' then
            perform ishc.move_tenant_revision(old.tenant_id);
          end if;
          return null;
        end
        $$;

      create function ishc.revise_national() returns trigger
        language plpgsql security definer
        set search_path = pg_catalog, ishc
        as $$
        begin
          if coalesce(current_setting('ishc.revised_national', true), '') = 'yes' then
            return null;
          end if;
          update ishc.national_revision set revision = revision + 1;
          perform set_config('ishc.revised_national', 'yes', true);
          return null;
        end
        $$;

      -- Only what a viewer may read: their own province's counter, or every one for the national office.
      create function ishc.answer_revision() returns text
        language sql stable security definer
        set search_path = pg_catalog, ishc
        as $$
          select (select revision from ishc.national_revision)::text || '.' ||
                 coalesce(case when ishc.current_tenant_id() is null
                               then (select sum(revision) from ishc.tenant_revision)
                               else (select revision from ishc.tenant_revision where tenant_id = ishc.current_tenant_id())
                          end, 0)::text
        $$;
      revoke all on function ishc.answer_revision() from public;
      grant execute on function ishc.answer_revision() to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      revoke all on function ishc.move_tenant_revision(uuid) from public;
    `);
    await db.query(`
      do $$
      declare
        revised regclass;
      begin
        for revised in
          select c.oid::regclass
            from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
           where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
             and c.relname <> all (array[${UNREVISED_TABLES.map((table) => `'${table}'`).join(', ')}])
        loop
          execute format('create constraint trigger revise_answers after insert or update or delete on %s
                            deferrable initially deferred for each row execute function ishc.revise_tenant()', revised);
        end loop;
      end
      $$;
    `);
    for (const table of NATIONAL_TABLES) {
      await db.query(`
        create constraint trigger revise_answers after insert or update or delete on public.${table}
          deferrable initially deferred for each row execute function ishc.revise_national();
      `);
    }
    // A merge retires its predecessors with the moved tables' triggers off, or as a replica would:
    // the tenant table's revision moves in either case.
    await db.query('alter table public.tenant enable always trigger revise_answers');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      do $$
      declare
        revised record;
      begin
        for revised in select tgrelid::regclass as tab from pg_trigger where tgname = 'revise_answers' loop
          execute format('drop trigger revise_answers on %s', revised.tab);
        end loop;
      end
      $$;
      drop function ishc.answer_revision();
      drop function ishc.revise_national();
      drop function ishc.revise_tenant();
      drop function ishc.move_tenant_revision(uuid);
      drop table ishc.national_revision;
      drop table ishc.tenant_revision;
    `);
  }
}
