import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling and token revocation live in PostgreSQL, so every worker and machine agrees.
 *
 * Throttling counts attempts per login and address together (the person at a keyboard), per address
 * (one machine trying many logins) and per login alone (many machines trying one login, with a
 * higher limit whose wait grows). An attempt takes its place in all three counts before the password
 * is checked, in one call that holds the three rows locked, so a burst lets through no more than a
 * limit allows.
 *
 * Tokens carry the account's token version, which moves with every change that must end the
 * account's sessions (password, disabling, role or scope); a request compares it with the row.
 */
export class SignInTrust1764510000000 implements MigrationInterface {
  name = 'SignInTrust1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Counts are not province data (an attempt names no province), so the table has no tenant_id;
      -- only ishc_credentials may touch it, through the functions below.
      create table sign_in_throttle (
        -- KNOWN: an address from which the login has signed in (its window is how long that is remembered).
        scope text not null check (scope in ('LOGIN_ADDRESS', 'LOGIN', 'ADDRESS', 'KNOWN')),
        login text not null,
        address text not null,
        window_started_at timestamptz not null,
        window_ends_at timestamptz not null,
        attempts integer not null check (attempts >= 0),
        refused boolean not null default false,
        primary key (scope, login, address),
        check (window_ends_at > window_started_at)
      );
      create index sign_in_throttle_ended on sign_in_throttle (window_ends_at);
      grant select, insert, update, delete on sign_in_throttle to ishc_credentials;

      -- Takes a place for one sign-in attempt, or says how many seconds to wait. The three rows are
      -- locked in one order (address, login, pair) by every caller, so callers never deadlock; a
      -- refused attempt counts nowhere, so attempts refused by one count cannot fill another.
      -- Rows whose window ended a day ago are removed here, a few at a time, skipping busy ones.
      create function ishc.take_sign_in_attempt(
        login_key text, address_key text,
        pair_limit integer, address_limit integer, login_limit integer,
        window_seconds integer, login_max_window_seconds integer)
        returns integer
        language plpgsql volatile security definer
        set search_path = pg_catalog, public
        as $$
        declare
          wait_seconds integer;
          -- The login's own limit does not hold at an address it signed in from: guessers elsewhere,
          -- however many, cannot lock its owner out of the phone they always use.
          effective_login_limit integer := case when exists (
            select 1 from public.sign_in_throttle
             where scope = 'KNOWN' and login = login_key and address = address_key and window_ends_at > now())
            then null else login_limit end;
        begin
          insert into public.sign_in_throttle as counted (scope, login, address, window_started_at, window_ends_at, attempts)
          values ('ADDRESS', '', address_key, now(), now() + make_interval(secs => window_seconds), 0),
                 ('LOGIN', login_key, '', now(), now() + make_interval(secs => window_seconds), 0),
                 ('LOGIN_ADDRESS', login_key, address_key, now(), now() + make_interval(secs => window_seconds), 0)
          on conflict (scope, login, address) do update
             -- A login refused in its last window, which ended less than a day ago, waits twice as
             -- long in the next one, up to the maximum: a slow, distributed guesser slows down.
             set window_started_at = now(),
                 window_ends_at = now() + case
                   when counted.scope = 'LOGIN' and counted.refused and counted.window_ends_at > now() - interval '1 day'
                     then least(2 * (counted.window_ends_at - counted.window_started_at), make_interval(secs => login_max_window_seconds))
                   else make_interval(secs => window_seconds) end,
                 attempts = 0,
                 refused = false
           where counted.window_ends_at <= now();

          select max(ceil(extract(epoch from window_ends_at - now())))::integer into wait_seconds
            from public.sign_in_throttle
           where (scope, login, address) in (('ADDRESS', '', address_key), ('LOGIN', login_key, ''), ('LOGIN_ADDRESS', login_key, address_key))
             and attempts >= case scope when 'ADDRESS' then address_limit when 'LOGIN' then effective_login_limit else pair_limit end;

          if wait_seconds is not null then
            update public.sign_in_throttle set refused = true
             where (scope, login, address) in (('ADDRESS', '', address_key), ('LOGIN', login_key, ''), ('LOGIN_ADDRESS', login_key, address_key))
               and attempts >= case scope when 'ADDRESS' then address_limit when 'LOGIN' then effective_login_limit else pair_limit end;
          else
            update public.sign_in_throttle set attempts = attempts + 1
             where (scope, login, address) in (('ADDRESS', '', address_key), ('LOGIN', login_key, ''), ('LOGIN_ADDRESS', login_key, address_key));
          end if;

          delete from public.sign_in_throttle
           where ctid = any (array(
             select ctid from public.sign_in_throttle
              where window_ends_at < now() - interval '1 day'
              limit 100
                for update skip locked));

          return greatest(coalesce(wait_seconds, 0), 0);
        end
        $$;

      -- An attempt that proved its password stops counting against its login and address, the
      -- failures of that login at that address are forgotten, and the address is remembered as one
      -- the login signs in from for 90 days. Same lock order as taking a place.
      create function ishc.sign_in_succeeded(login_key text, address_key text)
        returns void
        language plpgsql volatile security definer
        set search_path = pg_catalog, public
        as $$
        begin
          update public.sign_in_throttle set attempts = greatest(attempts - 1, 0)
           where scope = 'ADDRESS' and login = '' and address = address_key;
          update public.sign_in_throttle set attempts = greatest(attempts - 1, 0)
           where scope = 'LOGIN' and login = login_key and address = '';
          delete from public.sign_in_throttle
           where scope = 'LOGIN_ADDRESS' and login = login_key and address = address_key;
          insert into public.sign_in_throttle (scope, login, address, window_started_at, window_ends_at, attempts)
          values ('KNOWN', login_key, address_key, now(), now() + interval '90 days', 0)
          on conflict (scope, login, address) do update set window_started_at = now(), window_ends_at = now() + interval '90 days';
        end
        $$;

      alter function ishc.take_sign_in_attempt(text, text, integer, integer, integer, integer, integer) owner to ishc_credentials;
      alter function ishc.sign_in_succeeded(text, text) owner to ishc_credentials;
      revoke all on function ishc.take_sign_in_attempt(text, text, integer, integer, integer, integer, integer) from public;
      revoke all on function ishc.sign_in_succeeded(text, text) from public;
      -- A place is taken outside the request's transaction (a refused sign-in rolls that back), so
      -- by the login role itself, before the request holds a connection; success is recorded in the
      -- request's transaction, whatever its scope: a request never holds two connections, which
      -- under load would leave every request waiting for a second one.
      grant execute on function ishc.take_sign_in_attempt(text, text, integer, integer, integer, integer, integer) to ishc_app;
      grant execute on function ishc.sign_in_succeeded(text, text)
        to ishc_anonymous, ishc_province, ishc_club, ishc_national, ishc_national_admin;
    `);

    await db.query(`
      -- A token is good while its version is the account's. A trigger moves the version, so no way
      -- of changing an account (the API, a script, an operator's SQL) can leave old sessions alive.
      alter table app_user add column token_version integer not null default 1;

      create function ishc.next_token_version() returns trigger
        language plpgsql
        as $$
        begin
          if new.password_hash is distinct from old.password_hash
             or new.role is distinct from old.role
             or new.tenant_id is distinct from old.tenant_id
             or new.club_id is distinct from old.club_id
             or (new.disabled_at is not null and old.disabled_at is null) then
            new.token_version := old.token_version + 1;
          end if;
          return new;
        end
        $$;
      create trigger app_user_token_version before update on app_user
        for each row execute function ishc.next_token_version();

      drop function ishc.credential_for_login(text);
      create function ishc.credential_for_login(login_input text)
        returns table (user_id uuid, password_hash text, disabled boolean, tenant_active boolean,
                       role text, tenant_id uuid, club_id uuid, token_version integer)
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$
          select u.id, u.password_hash, u.disabled_at is not null, coalesce(t.status = 'ACTIVE', true),
                 u.role, u.tenant_id, u.club_id, u.token_version
            from public.app_user u
            left join public.tenant t on t.id = u.tenant_id
           where u.login = lower(btrim(login_input))
        $$;

      -- The account a verified token stands for, if it may still act: not disabled, its province
      -- active, and the token's version still the account's.
      drop function ishc.active_account(uuid, timestamptz);
      create function ishc.active_account(account_id uuid, account_token_version integer)
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
             and u.token_version = account_token_version
        $$;

      alter function ishc.credential_for_login(text) owner to ishc_credentials;
      alter function ishc.active_account(uuid, integer) owner to ishc_credentials;
      revoke all on function ishc.credential_for_login(text) from public;
      revoke all on function ishc.active_account(uuid, integer) from public;
      grant execute on function ishc.credential_for_login(text) to ishc_anonymous;
      grant execute on function ishc.active_account(uuid, integer) to ishc_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop function ishc.active_account(uuid, integer);
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

      drop function ishc.credential_for_login(text);
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

      alter function ishc.credential_for_login(text) owner to ishc_credentials;
      alter function ishc.active_account(uuid, timestamptz) owner to ishc_credentials;
      revoke all on function ishc.credential_for_login(text) from public;
      revoke all on function ishc.active_account(uuid, timestamptz) from public;
      grant execute on function ishc.credential_for_login(text) to ishc_anonymous;
      grant execute on function ishc.active_account(uuid, timestamptz) to ishc_app;

      drop trigger app_user_token_version on app_user;
      drop function ishc.next_token_version();
      alter table app_user drop column token_version;

      drop function ishc.sign_in_succeeded(text, text);
      drop function ishc.take_sign_in_attempt(text, text, integer, integer, integer, integer, integer);
      drop table sign_in_throttle;
    `);
  }
}
