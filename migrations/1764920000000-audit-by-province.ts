import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail held national events (the program's phases and indicators, national accounts
 * signing in or changing their password) in the same table as the provinces' events, with no
 * tenant, so the table was keyed by its id alone. National events now have a table of their own,
 * and every row of `audit_event` belongs to a province: `tenant_id` is required and the key is
 * `(tenant_id, id)`, as on every other province-owned table. On Citus the provinces' events are
 * then distributed with the rows they record (a club's write appends its event on the same shard)
 * and the national ones stay on the coordinator (docs/scaling.md).
 *
 * Writers do not choose: `ishc.record_audit_event` puts an event with a tenant (given, or the
 * request's) in `audit_event` and one without in `national_audit_event`. Existing national events
 * move with their ids, times and actors.
 */
export class AuditByProvince1764920000000 implements MigrationInterface {
  name = 'AuditByProvince1764920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Append-only like the provinces' trail: no update or delete grant.
      create table national_audit_event (
        id bigint generated always as identity primary key,
        occurred_at timestamptz not null default now(),
        actor_user_id uuid default ishc.current_user_id(),
        request_id text,
        action text not null,
        entity_type text not null,
        entity_id uuid,
        before jsonb,
        after jsonb
      );
      insert into national_audit_event (id, occurred_at, actor_user_id, request_id, action, entity_type, entity_id, before, after)
        overriding system value
        select id, occurred_at, actor_user_id, request_id, action, entity_type, entity_id, before, after
          from audit_event where tenant_id is null order by id;
      select setval(pg_get_serial_sequence('national_audit_event', 'id'),
                    coalesce((select max(id) from national_audit_event), 0) + 1, false);
      create index national_audit_event_entity on national_audit_event (entity_type, entity_id, occurred_at);

      alter table national_audit_event enable row level security;
      alter table national_audit_event force row level security;
      create policy national_audit_event_read on national_audit_event for select to ishc_national, ishc_national_admin
        using (true);
      create policy national_audit_event_insert on national_audit_event for insert to ishc_national, ishc_national_admin
        with check (true);
      grant select, insert on national_audit_event to ishc_national, ishc_national_admin;
    `);

    await db.query(`
      delete from audit_event where tenant_id is null;
      -- A national viewer's only events are national ones; the national administration still
      -- records what it does to a province (provisioning, merges) in that province's trail.
      drop policy audit_event_national_insert on audit_event;
      revoke insert on audit_event from ishc_national;
      alter table audit_event alter column tenant_id set not null;
      alter table audit_event drop constraint audit_event_pkey, add primary key (tenant_id, id);
    `);

    await db.query(`
      -- Security invoker: the caller's grants and policies decide, as for a plain insert.
      create function ishc.record_audit_event(
        event_request_id text, event_action text, event_entity_type text, event_entity_id uuid,
        event_before jsonb, event_after jsonb, event_tenant_id uuid)
        returns void
        language plpgsql volatile
        set search_path = pg_catalog, public
        as $$
        declare
          tenant uuid := coalesce(event_tenant_id, ishc.current_tenant_id());
        begin
          if tenant is null then
            insert into public.national_audit_event (request_id, action, entity_type, entity_id, before, after)
            values (event_request_id, event_action, event_entity_type, event_entity_id, event_before, event_after);
          else
            insert into public.audit_event (tenant_id, request_id, action, entity_type, entity_id, before, after)
            values (tenant, event_request_id, event_action, event_entity_type, event_entity_id, event_before, event_after);
          end if;
        end
        $$;
      revoke all on function ishc.record_audit_event(text, text, text, uuid, jsonb, jsonb, uuid) from public;
      grant execute on function ishc.record_audit_event(text, text, text, uuid, jsonb, jsonb, uuid)
        to ishc_province, ishc_club, ishc_national, ishc_national_admin;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop function ishc.record_audit_event(text, text, text, uuid, jsonb, jsonb, uuid);
      alter table audit_event drop constraint audit_event_pkey, add primary key (id);
      alter table audit_event alter column tenant_id drop not null;
      create policy audit_event_national_insert on audit_event for insert to ishc_national
        with check (tenant_id is null);
      grant insert on audit_event to ishc_national;
      -- The two tables numbered their events apart: national events come back with new ids, in their order.
      insert into audit_event (tenant_id, occurred_at, actor_user_id, request_id, action, entity_type, entity_id, before, after)
        select null, occurred_at, actor_user_id, request_id, action, entity_type, entity_id, before, after
          from national_audit_event order by id;
      drop table national_audit_event;
    `);
  }
}
