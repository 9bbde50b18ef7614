import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province workspaces, the administrative hierarchy, clubs, accounts and the audit trail,
 * with the database roles and row-level-security policies that keep provinces apart.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- ltree holds each unit's materialized path; unaccent + pg_trgm give accent-insensitive
      -- search over Vietnamese names ("kien luong" finds "Kiên Lương").
      create extension if not exists ltree;
      create extension if not exists unaccent;
      create extension if not exists pg_trgm;

      create schema ishc;
    `);

    await db.query(`
      -- Roles are cluster-wide: another database of the same cluster may have made them already.
      -- ishc_app is the server's login role. It is NOINHERIT and owns nothing, so it can do nothing
      -- until a request's transaction switches to one of the scope roles with SET LOCAL ROLE.
      do $$
      declare
        scope_role text;
      begin
        foreach scope_role in array array[
          'ishc_anonymous', 'ishc_province', 'ishc_club', 'ishc_national', 'ishc_national_admin', 'ishc_credentials'
        ] loop
          if not exists (select 1 from pg_roles where rolname = scope_role) then
            execute format('create role %I nologin noinherit', scope_role);
          end if;
        end loop;
        if not exists (select 1 from pg_roles where rolname = 'ishc_app') then
          create role ishc_app login noinherit nosuperuser nocreatedb nocreaterole nobypassrls;
        end if;
      end
      $$;
      grant ishc_anonymous, ishc_province, ishc_club, ishc_national, ishc_national_admin to ishc_app;
      -- A request holds one connection for its whole transaction: never let one hang on forever.
      alter role ishc_app set statement_timeout = '30s';
      alter role ishc_app set idle_in_transaction_session_timeout = '60s';
      alter role ishc_app set lock_timeout = '10s';

      grant usage on schema ishc to ishc_app, ishc_anonymous, ishc_province, ishc_club, ishc_national,
        ishc_national_admin, ishc_credentials;
      grant usage on schema public to ishc_app, ishc_anonymous, ishc_province, ishc_club, ishc_national,
        ishc_national_admin, ishc_credentials;
    `);

    await db.query(`
      -- The request scope lives only in transaction-local settings. A finished local setting
      -- reads back as '' rather than NULL, hence nullif.
      create function ishc.current_tenant_id() returns uuid
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
      create function ishc.current_club_id() returns uuid
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.club_id', true), '')::uuid $$;
      create function ishc.current_user_id() returns uuid
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

      -- Immutable wrapper so search keys can be stored and indexed.
      create function ishc.search_text(value text) returns text
        language sql immutable parallel safe strict
        as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
    `);

    await db.query(`
      -- Province workspaces. Reference data of the national office; a province sees its own row.
      create table tenant (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[0-9]{2}$'),
        slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
        name text not null check (length(btrim(name)) between 1 and 200 and name = normalize(name, NFC)),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'MERGED')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      );

      -- Provinces merged in the 2025 reform keep their history; lineage says who became whom.
      create table tenant_lineage (
        predecessor_id uuid not null references tenant (id) on delete restrict,
        successor_id uuid not null references tenant (id) on delete restrict,
        effective_on date not null,
        primary key (predecessor_id, successor_id),
        check (predecessor_id <> successor_id)
      );

      alter table tenant enable row level security;
      alter table tenant force row level security;
      create policy tenant_own_read on tenant for select to ishc_province, ishc_club
        using (id = ishc.current_tenant_id());
      create policy tenant_national_read on tenant for select to ishc_national, ishc_national_admin
        using (true);
      create policy tenant_national_insert on tenant for insert to ishc_national_admin
        with check (true);
      create policy tenant_national_update on tenant for update to ishc_national_admin
        using (true) with check (true);
      grant select on tenant to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert (code, slug, name, status), update (slug, name, status, updated_at, version)
        on tenant to ishc_national_admin;

      alter table tenant_lineage enable row level security;
      alter table tenant_lineage force row level security;
      create policy tenant_lineage_own_read on tenant_lineage for select to ishc_province, ishc_club
        using (ishc.current_tenant_id() in (predecessor_id, successor_id));
      create policy tenant_lineage_national_read on tenant_lineage for select
        to ishc_national, ishc_national_admin using (true);
      create policy tenant_lineage_national_insert on tenant_lineage for insert
        to ishc_national_admin with check (true);
      grant select on tenant_lineage to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert on tenant_lineage to ishc_national_admin;
    `);

    await db.query(`
      -- Administrative units of any depth: province, district, commune, hamlet. The 2025 reform
      -- removed the district level, so depth is not the level: level follows the kind.
      create table admin_unit (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        parent_id uuid,
        code text check (code ~ '^[0-9]{2,8}$'),
        name text not null check (length(btrim(name)) between 1 and 200 and name = normalize(name, NFC)),
        kind text not null check (kind in (
          'PROVINCE', 'MUNICIPALITY',
          'RURAL_DISTRICT', 'URBAN_DISTRICT', 'DISTRICT_TOWN', 'PROVINCIAL_CITY',
          'COMMUNE', 'WARD', 'TOWNSHIP',
          'HAMLET', 'VILLAGE', 'MOUNTAIN_VILLAGE', 'QUARTER', 'RESIDENTIAL_GROUP')),
        level smallint generated always as (case
          when kind in ('PROVINCE', 'MUNICIPALITY') then 1
          when kind in ('RURAL_DISTRICT', 'URBAN_DISTRICT', 'DISTRICT_TOWN', 'PROVINCIAL_CITY') then 2
          when kind in ('COMMUNE', 'WARD', 'TOWNSHIP') then 3
          else 4 end) stored,
        path ltree not null,
        search_name text generated always as (ishc.search_text(name)) stored,
        -- GSO codes give the official order; units without a code follow, by name.
        sort_key text generated always as (coalesce(lpad(code, 8, '0'), '~' || ishc.search_text(name))) stored,
        valid_from date,
        valid_to date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, code),
        check (valid_to is null or valid_from is null or valid_to > valid_from),
        foreign key (tenant_id) references tenant (id) on delete restrict,
        foreign key (tenant_id, parent_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index admin_unit_children on admin_unit (tenant_id, parent_id, sort_key, id);
      create index admin_unit_roots on admin_unit (tenant_id, sort_key, id) where parent_id is null;
      create index admin_unit_path on admin_unit using gist (path);
      create index admin_unit_search on admin_unit using gin (search_name gin_trgm_ops);

      -- The path is derived from the parent on every insert and move; a unit cannot move under itself.
      create function ishc.admin_unit_set_path() returns trigger
        language plpgsql
        as $$
        declare
          parent_path ltree;
        begin
          if new.parent_id is null then
            new.path := text2ltree(replace(new.id::text, '-', '_'));
            return new;
          end if;
          select path into parent_path from admin_unit where tenant_id = new.tenant_id and id = new.parent_id;
          if parent_path is null then
            raise exception 'parent unit % not found', new.parent_id using errcode = 'foreign_key_violation';
          end if;
          if tg_op = 'UPDATE' and parent_path <@ old.path then
            raise exception 'a unit cannot be moved under itself or its descendants' using errcode = 'check_violation';
          end if;
          new.path := parent_path || text2ltree(replace(new.id::text, '-', '_'));
          return new;
        end
        $$;
      create trigger admin_unit_set_path before insert or update of parent_id on admin_unit
        for each row execute function ishc.admin_unit_set_path();

      create function ishc.admin_unit_move_descendants() returns trigger
        language plpgsql
        as $$
        begin
          update admin_unit
             set path = new.path || subpath(path, nlevel(old.path))
           where tenant_id = new.tenant_id and path <@ old.path and id <> new.id;
          return null;
        end
        $$;
      create trigger admin_unit_move_descendants after update of parent_id on admin_unit
        for each row when (old.path is distinct from new.path)
        execute function ishc.admin_unit_move_descendants();

      alter table admin_unit enable row level security;
      alter table admin_unit force row level security;
      create policy admin_unit_province on admin_unit for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy admin_unit_club_read on admin_unit for select to ishc_club
        using (tenant_id = ishc.current_tenant_id());
      create policy admin_unit_national_read on admin_unit for select to ishc_national, ishc_national_admin
        using (true);
      -- Provisioning a new province creates its root unit.
      create policy admin_unit_national_insert on admin_unit for insert to ishc_national_admin
        with check (parent_id is null);
      grant select on admin_unit to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert (tenant_id, id, parent_id, code, name, kind, valid_from, valid_to),
        update (parent_id, code, name, kind, valid_from, valid_to, updated_at, version),
        delete on admin_unit to ishc_province;
      grant insert (tenant_id, id, code, name, kind, valid_from, valid_to) on admin_unit to ishc_national_admin;
    `);

    await db.query(`
      -- Clubs. Club staff see and change only their own club.
      create table club (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        commune_id uuid not null,
        hamlet_id uuid,
        name text not null check (length(btrim(name)) between 1 and 200 and name = normalize(name, NFC)),
        status text not null default 'ACTIVE' check (status in ('PLANNED', 'ACTIVE', 'SUSPENDED', 'DISSOLVED')),
        founded_on date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        foreign key (tenant_id) references tenant (id) on delete restrict,
        foreign key (tenant_id, commune_id) references admin_unit (tenant_id, id) on delete restrict,
        foreign key (tenant_id, hamlet_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index club_commune on club (tenant_id, commune_id);
      create index club_hamlet on club (tenant_id, hamlet_id) where hamlet_id is not null;

      alter table club enable row level security;
      alter table club force row level security;
      create policy club_province on club for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy club_own_read on club for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and id = ishc.current_club_id());
      create policy club_own_update on club for update to ishc_club
        using (tenant_id = ishc.current_tenant_id() and id = ishc.current_club_id())
        with check (tenant_id = ishc.current_tenant_id() and id = ishc.current_club_id());
      create policy club_national_read on club for select to ishc_national, ishc_national_admin
        using (true);
      grant select on club to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert (id, commune_id, hamlet_id, name, status, founded_on),
        update (commune_id, hamlet_id, name, status, founded_on, updated_at, version),
        delete on club to ishc_province;
      grant update (name, updated_at, version) on club to ishc_club;
    `);

    await db.query(`
      -- Accounts are global: national accounts have no tenant. Password hashes are readable only
      -- through the credential functions below, never by a column grant.
      create table app_user (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid default ishc.current_tenant_id(),
        club_id uuid,
        login text not null unique check (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name text not null
          check (length(btrim(display_name)) between 1 and 200 and display_name = normalize(display_name, NFC)),
        role text not null check (role in ('NATIONAL_ADMIN', 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'CLUB_STAFF')),
        password_hash text not null,
        password_changed_at timestamptz not null default now(),
        disabled_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (
          (role in ('NATIONAL_ADMIN', 'NATIONAL_VIEWER') and tenant_id is null and club_id is null)
          or (role = 'PROVINCE_ADMIN' and tenant_id is not null and club_id is null)
          or (role = 'CLUB_STAFF' and tenant_id is not null and club_id is not null)
        ),
        foreign key (tenant_id) references tenant (id) on delete restrict,
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict
      );
      create index app_user_tenant on app_user (tenant_id, login);

      alter table app_user enable row level security;
      alter table app_user force row level security;
      create policy app_user_province on app_user for all to ishc_province
        using (tenant_id = ishc.current_tenant_id())
        with check (tenant_id = ishc.current_tenant_id() and role in ('PROVINCE_ADMIN', 'CLUB_STAFF'));
      create policy app_user_self_read on app_user for select to ishc_club, ishc_national
        using (id = ishc.current_user_id());
      create policy app_user_national_read on app_user for select to ishc_national, ishc_national_admin
        using (true);
      create policy app_user_national_insert on app_user for insert to ishc_national_admin
        with check (role in ('NATIONAL_ADMIN', 'NATIONAL_VIEWER', 'PROVINCE_ADMIN'));
      create policy app_user_credentials on app_user for select to ishc_credentials using (true);
      create policy app_user_own_password on app_user for update to ishc_credentials
        using (id = ishc.current_user_id()) with check (id = ishc.current_user_id());
      grant select (id, tenant_id, club_id, login, display_name, role, password_changed_at, disabled_at,
        created_at, updated_at, version)
        on app_user to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert (club_id, login, display_name, role, password_hash),
        update (display_name, disabled_at, updated_at, version) on app_user to ishc_province;
      grant insert (tenant_id, login, display_name, role, password_hash) on app_user to ishc_national_admin;
      grant select on app_user to ishc_credentials;
      grant update (password_hash, password_changed_at, updated_at, version) on app_user to ishc_credentials;
      grant select on tenant to ishc_credentials;
      create policy tenant_credentials_read on tenant for select to ishc_credentials using (true);
    `);

    await db.query(`
      -- Sign-in happens before any tenant is known. These functions are the only readers of
      -- password hashes; they run as ishc_credentials, which sees accounts and nothing else.
      create function ishc.credential_for_login(login_input text)
        returns table (user_id uuid, password_hash text, disabled boolean, tenant_active boolean,
                       role text, tenant_id uuid, club_id uuid)
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$
          select u.id, u.password_hash, u.disabled_at is not null, coalesce(t.status = 'ACTIVE', true),
                 u.role, u.tenant_id, u.club_id
            from public.app_user u
            left join public.tenant t on t.id = u.tenant_id
           where u.login = lower(btrim(login_input))
        $$;

      -- The account a verified token stands for, if it may still act: not disabled, its province
      -- active, and its password unchanged since the token was issued.
      create function ishc.active_account(account_id uuid, token_issued_at timestamptz)
        returns table (user_id uuid, role text, tenant_id uuid, club_id uuid)
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$
          select u.id, u.role, u.tenant_id, u.club_id
            from public.app_user u
            left join public.tenant t on t.id = u.tenant_id
           where u.id = account_id
             and u.disabled_at is null
             and coalesce(t.status = 'ACTIVE', true)
             and u.password_changed_at < token_issued_at + interval '1 second'
        $$;

      create function ishc.own_password_hash() returns text
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$ select password_hash from public.app_user where id = ishc.current_user_id() $$;

      create function ishc.set_own_password(new_hash text) returns void
        language sql volatile security definer
        set search_path = pg_catalog, public
        as $$
          update public.app_user
             set password_hash = new_hash, password_changed_at = now(), updated_at = now(), version = version + 1
           where id = ishc.current_user_id()
        $$;

      alter function ishc.credential_for_login(text) owner to ishc_credentials;
      alter function ishc.active_account(uuid, timestamptz) owner to ishc_credentials;
      alter function ishc.own_password_hash() owner to ishc_credentials;
      alter function ishc.set_own_password(text) owner to ishc_credentials;
      revoke all on function ishc.credential_for_login(text) from public;
      revoke all on function ishc.active_account(uuid, timestamptz) from public;
      revoke all on function ishc.own_password_hash() from public;
      revoke all on function ishc.set_own_password(text) from public;
      grant execute on function ishc.credential_for_login(text) to ishc_anonymous;
      grant execute on function ishc.active_account(uuid, timestamptz) to ishc_app;
      grant execute on function ishc.own_password_hash() to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant execute on function ishc.set_own_password(text) to ishc_province, ishc_club, ishc_national, ishc_national_admin;
    `);

    await db.query(`
      -- The audit trail: append-only (no update or delete grant), written in the same transaction
      -- as the change it records. National events have no tenant.
      create table audit_event (
        id bigint generated always as identity primary key,
        tenant_id uuid default ishc.current_tenant_id() references tenant (id) on delete restrict,
        occurred_at timestamptz not null default now(),
        actor_user_id uuid default ishc.current_user_id(),
        request_id text,
        action text not null,
        entity_type text not null,
        entity_id uuid,
        before jsonb,
        after jsonb
      );
      create index audit_event_entity on audit_event (tenant_id, entity_type, entity_id, occurred_at);

      alter table audit_event enable row level security;
      alter table audit_event force row level security;
      create policy audit_event_province on audit_event for all to ishc_province, ishc_club
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy audit_event_national_read on audit_event for select to ishc_national, ishc_national_admin
        using (true);
      create policy audit_event_national_insert on audit_event for insert to ishc_national
        with check (tenant_id is null);
      create policy audit_event_national_admin_insert on audit_event for insert to ishc_national_admin
        with check (true);
      grant select, insert on audit_event to ishc_province, ishc_national, ishc_national_admin;
      grant insert on audit_event to ishc_club;
    `);

    await db.query(`
      -- Readiness: the server's role may see which migrations ran, and nothing else of the schema.
      create function ishc.applied_migrations() returns setof text
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$ select name from public.schema_migration order by id $$;
      revoke all on function ishc.applied_migrations() from public;
      grant execute on function ishc.applied_migrations() to ishc_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop table audit_event;
      drop table app_user;
      drop table club;
      drop table admin_unit;
      drop table tenant_lineage;
      drop table tenant;
      drop schema ishc cascade;
    `);
  }
}
