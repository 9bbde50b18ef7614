import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province workspaces that merge (the reform of 1 July 2025): two or more workspaces become one
 * from a day. The predecessors' rows are re-keyed into the successor in one transaction, so every
 * row keeps its `(tenant_id, id)` key shape and every policy keeps reading one tenant from the
 * request scope: after a merge the successor simply holds the rows. What must still name the
 * province it was made in (clubs, schemes, surveys) carries `origin_tenant_id`; reference figures
 * are not moved at all (they describe the old province's population) and are read through the
 * lineage. The retired workspace keeps its tenant row, its reference figures and its audit trail,
 * and takes no new writes (no account can be scoped to it). See docs/province-merges.md.
 */
export class ProvinceMerges1764600000000 implements MigrationInterface {
  name = 'ProvinceMerges1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table tenant drop constraint tenant_status_check;
      update tenant set status = 'RETIRED' where status = 'MERGED';
      alter table tenant
        add column valid_from date,
        add column valid_to date,
        add column sample boolean not null default false,
        add constraint tenant_status_check check (status in ('ACTIVE', 'SUSPENDED', 'RETIRED')),
        add constraint tenant_validity check (valid_to is null or valid_from is null or valid_to >= valid_from),
        add constraint tenant_retired_until check ((status = 'RETIRED') = (valid_to is not null));
      -- A merged province may take a predecessor's code (the new An Giang took Kiên Giang's 91), so
      -- codes and slugs are unique among the workspaces in use; a retired one keeps its own.
      alter table tenant drop constraint tenant_code_key, drop constraint tenant_slug_key;
      create unique index tenant_code_current on tenant (code) where status <> 'RETIRED';
      create unique index tenant_slug_current on tenant (slug) where status <> 'RETIRED';

      -- A predecessor has one successor; the record says why and who.
      alter table tenant_lineage
        add column reason text not null default '' check (reason = normalize(reason, NFC) and length(reason) <= 2000),
        add column merged_by uuid,
        add column merged_at timestamptz not null default now(),
        add constraint tenant_lineage_one_successor unique (predecessor_id);
      create index tenant_lineage_successor on tenant_lineage (successor_id);

      -- Where a row was made, kept through merges: a club counts for its old province in the map of
      -- the time, a scheme stays "the scheme of Kiên Giang".
      alter table club add column origin_tenant_id uuid references tenant (id) on delete restrict,
                       add column sample boolean not null default false;
      alter table scheme add column origin_tenant_id uuid references tenant (id) on delete restrict;
      alter table survey add column origin_tenant_id uuid references tenant (id) on delete restrict;
      alter table reference_figure add column sample boolean not null default false;
      alter table club disable trigger user;
      update club set origin_tenant_id = tenant_id;
      alter table club enable trigger user;
      update scheme set origin_tenant_id = tenant_id;
      update survey set origin_tenant_id = tenant_id;
      alter table club alter column origin_tenant_id set not null;
      alter table scheme alter column origin_tenant_id set not null;
      alter table survey alter column origin_tenant_id set not null;
      -- A new row is made in the province that holds it.
      create function ishc.origin_is_holder() returns trigger
        language plpgsql
        as $$
        begin
          new.origin_tenant_id := coalesce(new.origin_tenant_id, new.tenant_id);
          return new;
        end
        $$;
      create trigger club_origin before insert on club for each row execute function ishc.origin_is_holder();
      create trigger scheme_origin before insert on scheme for each row execute function ishc.origin_is_holder();
      create trigger survey_origin before insert on survey for each row execute function ishc.origin_is_holder();
      create index club_origin on club (origin_tenant_id) where origin_tenant_id <> tenant_id;
    `);

    // Every foreign key between tenant rows may wait for the end of a merge's transaction: the
    // predecessors' tables are re-keyed one after another, so in between a child points at a parent
    // that has already moved. Outside a merge they are checked at once, as before.
    await db.query(`
      do $$
      declare
        constraint_row record;
      begin
        for constraint_row in
          select k.conrelid::regclass as table_name, k.conname
            from pg_constraint k
           where k.contype = 'f' and k.connamespace = 'public'::regnamespace and array_length(k.conkey, 1) > 1
             and exists (select 1 from pg_attribute a where a.attrelid = k.conrelid and a.attnum = any (k.conkey) and a.attname = 'tenant_id')
        loop
          execute format('alter table %s alter constraint %I deferrable initially immediate', constraint_row.table_name, constraint_row.conname);
        end loop;
      end
      $$;
    `);

    await db.query(`
      -- The tenant and every province it has absorbed, directly or through earlier merges.
      create function ishc.lineage_of(p_tenant uuid) returns uuid[]
        language sql stable security definer set search_path = pg_catalog, public
        as $$
          with recursive absorbed (tenant_id) as (
            select p_tenant
            union
            select lineage.predecessor_id from tenant_lineage lineage join absorbed on lineage.successor_id = absorbed.tenant_id
          )
          select coalesce(array_agg(tenant_id), array[]::uuid[]) from absorbed where tenant_id is not null
        $$;

      -- The province that held, on a day, what was made in a province: follows the merges that had
      -- taken effect by then.
      create function ishc.province_at(p_origin uuid, p_day date) returns uuid
        language sql stable security definer set search_path = pg_catalog, public
        as $$
          with recursive chain (tenant_id, depth) as (
            select p_origin, 0
            union all
            select lineage.successor_id, chain.depth + 1
              from chain join tenant_lineage lineage on lineage.predecessor_id = chain.tenant_id and lineage.effective_on <= p_day
          )
          select tenant_id from chain order by depth desc limit 1
        $$;

      -- A reference figure of a province for a year: its own latest figure up to the year, plus,
      -- for a year before a merge took effect, what the provinces it absorbed then had (they were
      -- not yet in its own figure). With p_absorbed false, only the province's own figure (the map
      -- of the time). Null when nothing is known.
      create function ishc.reference_value(p_tenant uuid, p_kind text, p_year integer, p_absorbed boolean) returns bigint
        language plpgsql stable
        as $$
        declare
          own bigint;
          absorbed bigint;
          predecessor record;
        begin
          select value into own from reference_figure
           where tenant_id = p_tenant and kind = p_kind and year <= p_year order by year desc limit 1;
          if not p_absorbed then return own; end if;
          for predecessor in
            select predecessor_id from tenant_lineage where successor_id = p_tenant and effective_on > make_date(p_year, 12, 31)
          loop
            absorbed := coalesce(absorbed, 0) + coalesce(ishc.reference_value(predecessor.predecessor_id, p_kind, p_year, true), 0);
          end loop;
          if own is null and absorbed is null then return null; end if;
          return coalesce(own, 0) + coalesce(absorbed, 0);
        end
        $$;

      grant execute on function ishc.lineage_of(uuid), ishc.province_at(uuid, date), ishc.reference_value(uuid, text, integer, boolean)
        to ishc_province, ishc_club, ishc_national, ishc_national_admin;

      -- A province reads the workspaces it absorbed (their names, lineage and reference figures);
      -- it writes only its own.
      drop policy tenant_own_read on tenant;
      create policy tenant_own_read on tenant for select to ishc_province, ishc_club
        using (id = any ((select ishc.lineage_of(ishc.current_tenant_id()))::uuid[]));
      drop policy tenant_lineage_own_read on tenant_lineage;
      create policy tenant_lineage_own_read on tenant_lineage for select to ishc_province, ishc_club
        using (successor_id = any ((select ishc.lineage_of(ishc.current_tenant_id()))::uuid[]));
      drop policy reference_figure_province on reference_figure;
      create policy reference_figure_province_read on reference_figure for select to ishc_province
        using (tenant_id = any ((select ishc.lineage_of(ishc.current_tenant_id()))::uuid[]));
      create policy reference_figure_province_write on reference_figure for insert to ishc_province
        with check (tenant_id = ishc.current_tenant_id());
      create policy reference_figure_province_update on reference_figure for update to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy reference_figure_province_delete on reference_figure for delete to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      -- The national office keeps a retired province's figures as they were.
      drop policy reference_figure_national_write on reference_figure;
      create policy reference_figure_national_write on reference_figure to ishc_national_admin
        using (true)
        with check (exists (select 1 from tenant where tenant.id = reference_figure.tenant_id and tenant.status <> 'RETIRED'));
      grant update (status, valid_from, valid_to, sample, updated_at, version), insert (valid_from, sample) on tenant to ishc_national_admin;
      -- Whether a club is sample data is the province's to say.
      grant insert (sample), update (sample) on club to ishc_province;

      -- The re-keying of a merge, all in the caller's transaction. Runs as the owner: it alone may
      -- hold the tables' triggers off while rows change only their tenant (figures, paths and
      -- positions do not depend on it), and move rows across tenants. Tables that keep a
      -- predecessor's history stay where they are: its audit trail, reference figures and settings;
      -- its monthly totals are added into the successor's. Every other table with a tenant_id moves,
      -- so a table added later moves too unless it is named here.
      create function ishc.rekey_provinces(p_from uuid[], p_to uuid, p_effective date, p_disable_admins boolean) returns void
        language plpgsql security definer set search_path = pg_catalog, public, ishc
        as $$
        declare
          bypass boolean;
          moved regclass[];
          moving regclass;
          old_roots uuid[];
          new_root uuid;
          admins uuid[];
          activity record;
          found_tenant uuid;
          found_day date;
          latest_day date;
          latest text;
        begin
          if p_to = any (p_from) then
            raise exception 'a province cannot be merged into itself' using errcode = 'check_violation';
          end if;
          select rolsuper or rolbypassrls into bypass from pg_roles where rolname = current_user;

          -- Activity dated on or after the merge day belongs to the successor: a merge that would
          -- leave some behind in a predecessor is refused, naming the latest such record.
          for activity in
            select * from (values ('club', 'founded_on', 'a club founded'), ('club_status_change', 'effective_on', 'a club status change'),
                                  ('member', 'joined_on', 'a member joining'), ('member', 'left_on', 'a member leaving'),
                                  ('activity', 'held_on', 'an activity'), ('home_care_visit', 'visited_on', 'a home-care visit'),
                                  ('ledger_entry', 'entry_on', 'a fund entry'), ('loan', 'requested_on', 'a loan request'),
                                  ('loan', 'disbursed_on', 'a loan paid out'), ('loan_event', 'happened_on', 'a loan event'),
                                  ('repayment', 'paid_on', 'a repayment'), ('disbursement', 'paid_on', 'a disbursement'),
                                  ('survey_visit', 'visited_on', 'a survey visit'), ('monthly_report', 'month', 'a monthly report'))
                   as dated (table_name, column_name, what)
          loop
            if not bypass then execute format('alter table %I no force row level security', activity.table_name); end if;
            execute format('select tenant_id, %1$I from %2$I where tenant_id = any ($1) and %1$I >= $2 order by %1$I desc limit 1',
                           activity.column_name, activity.table_name)
              into found_tenant, found_day using p_from, p_effective;
            if not bypass then execute format('alter table %I force row level security', activity.table_name); end if;
            if found_day is not null and (latest_day is null or found_day > latest_day) then
              latest_day := found_day;
              latest := found_tenant || '|' || found_day || '|' || activity.what;
            end if;
          end loop;
          if latest is not null then
            raise exception 'activity dated on or after the merge day' using errcode = 'P0001', hint = 'ishc:activity-after-merge', detail = latest;
          end if;

          select array_agg(id) into old_roots from admin_unit where tenant_id = any (p_from) and parent_id is null and valid_to is null;
          select id into new_root from admin_unit where tenant_id = p_to and parent_id is null and valid_to is null order by sort_key limit 1;
          select array_agg(id) into admins from app_user where tenant_id = any (p_from) and role = 'PROVINCE_ADMIN';
          select array_agg(c.oid::regclass) into moved
            from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
           where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
             and c.relname not in ('audit_event', 'reference_figure', 'province_setting', 'province_month_figure');

          -- Every row of every moved table changes only its tenant, from the same predecessors to
          -- the same successor, so every (tenant_id, x_id) reference that held before holds after:
          -- the keys need no checking, and the figures, paths and positions the triggers keep do not
          -- depend on the tenant. Where the owner may, the rows move as a replica would apply them
          -- (no trigger, no key check: a national province moves in the time its rows take to
          -- write). Otherwise the triggers are held off table by table (a lock that makes writes
          -- wait) and the keys are checked once at the end, which is slower for a large province.
          -- An operator may ask for the checked way anyway (set ishc.merge_checks = on).
          if bypass and has_parameter_privilege('session_replication_role', 'SET')
             and coalesce(current_setting('ishc.merge_checks', true), '') <> 'on' then
            set local session_replication_role = replica;
            update admin_unit old_root set code = null
             where old_root.tenant_id = any (p_from) and old_root.parent_id is null
               and old_root.code in (select code from admin_unit where tenant_id = p_to and parent_id is null);
            foreach moving in array moved loop
              execute format('update %s set tenant_id = $1 where tenant_id = any ($2)', moving) using p_to, p_from;
            end loop;
            set local session_replication_role = origin;
          else
            foreach moving in array moved loop
              execute format('alter table %s disable trigger user', moving);
              if not bypass then execute format('alter table %s no force row level security', moving); end if;
            end loop;
            set constraints all deferred;
            -- The successor's province unit may take a predecessor's code (91): the retired one gives it up.
            update admin_unit old_root set code = null
             where old_root.tenant_id = any (p_from) and old_root.parent_id is null
               and old_root.code in (select code from admin_unit where tenant_id = p_to and parent_id is null);
            foreach moving in array moved loop
              execute format('update %s set tenant_id = $1 where tenant_id = any ($2)', moving) using p_to, p_from;
            end loop;
            set constraints all immediate;
            foreach moving in array moved loop
              if not bypass then execute format('alter table %s force row level security', moving); end if;
              execute format('alter table %s enable trigger user', moving);
            end loop;
          end if;

          -- Totals are sums over clubs: the successor's months add the predecessors'.
          if not bypass then alter table province_month_figure no force row level security; end if;
          insert into province_month_figure as total (tenant_id, month, clubs_running, clubs_meeting_standard, clubs_with_both_funds, members, women, older, poor_or_near_poor, ethnic_minority, volunteers, borrowers, joined_total, left_total, income_fund, activity_fund)
          select p_to, month, sum(clubs_running), sum(clubs_meeting_standard), sum(clubs_with_both_funds), sum(members), sum(women), sum(older), sum(poor_or_near_poor), sum(ethnic_minority), sum(volunteers), sum(borrowers), sum(joined_total), sum(left_total), sum(income_fund), sum(activity_fund)
            from province_month_figure where tenant_id = any (p_from) group by month order by month
          on conflict (tenant_id, month) do update set
            clubs_running = total.clubs_running + excluded.clubs_running,
            clubs_meeting_standard = total.clubs_meeting_standard + excluded.clubs_meeting_standard,
            clubs_with_both_funds = total.clubs_with_both_funds + excluded.clubs_with_both_funds,
            members = total.members + excluded.members,
            women = total.women + excluded.women,
            older = total.older + excluded.older,
            poor_or_near_poor = total.poor_or_near_poor + excluded.poor_or_near_poor,
            ethnic_minority = total.ethnic_minority + excluded.ethnic_minority,
            volunteers = total.volunteers + excluded.volunteers,
            borrowers = total.borrowers + excluded.borrowers,
            joined_total = total.joined_total + excluded.joined_total,
            left_total = total.left_total + excluded.left_total,
            income_fund = total.income_fund + excluded.income_fund,
            activity_fund = total.activity_fund + excluded.activity_fund;
          delete from province_month_figure where tenant_id = any (p_from);
          if not bypass then alter table province_month_figure force row level security; end if;

          if not bypass then alter table province_setting no force row level security; end if;
          insert into province_setting (tenant_id, report_due_day)
          select p_to, report_due_day from province_setting where tenant_id = any (p_from) order by report_due_day limit 1
          on conflict (tenant_id) do nothing;
          insert into province_setting (tenant_id) values (p_to) on conflict (tenant_id) do nothing;
          if not bypass then alter table province_setting force row level security; end if;

          -- The predecessors' province units end the day before; everything under them (retired
          -- districts too, as history) moves under the successor's, so the province is one tree
          -- (paths follow through the units' triggers).
          if not bypass then alter table admin_unit no force row level security; end if;
          if new_root is not null and old_roots is not null then
            update admin_unit set parent_id = new_root, updated_at = now(), version = version + 1
             where tenant_id = p_to and parent_id = any (old_roots);
          end if;
          update admin_unit set valid_to = p_effective - 1, updated_at = now(), version = version + 1
           where tenant_id = p_to and id = any (old_roots);
          if not bypass then alter table admin_unit force row level security; end if;

          if p_disable_admins and admins is not null then
            if not bypass then alter table app_user no force row level security; end if;
            update app_user set disabled_at = now() where tenant_id = p_to and id = any (admins) and disabled_at is null;
            if not bypass then alter table app_user force row level security; end if;
          end if;
        end
        $$;
      revoke all on function ishc.rekey_provinces(uuid[], uuid, date, boolean) from public;
      grant execute on function ishc.rekey_provinces(uuid[], uuid, date, boolean) to ishc_national_admin;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop function ishc.rekey_provinces(uuid[], uuid, date, boolean);
      revoke update (status, valid_from, valid_to, sample, updated_at, version), insert (valid_from, sample) on tenant from ishc_national_admin;
      revoke insert (sample), update (sample) on club from ishc_province;
      drop policy reference_figure_national_write on reference_figure;
      create policy reference_figure_national_write on reference_figure to ishc_national_admin using (true) with check (true);
      drop policy reference_figure_province_read on reference_figure;
      drop policy reference_figure_province_write on reference_figure;
      drop policy reference_figure_province_update on reference_figure;
      drop policy reference_figure_province_delete on reference_figure;
      create policy reference_figure_province on reference_figure to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      drop policy tenant_lineage_own_read on tenant_lineage;
      create policy tenant_lineage_own_read on tenant_lineage for select to ishc_province, ishc_club
        using (ishc.current_tenant_id() = predecessor_id or ishc.current_tenant_id() = successor_id);
      drop policy tenant_own_read on tenant;
      create policy tenant_own_read on tenant for select to ishc_province, ishc_club using (id = ishc.current_tenant_id());
      drop function ishc.reference_value(uuid, text, integer, boolean);
      drop function ishc.province_at(uuid, date);
      drop function ishc.lineage_of(uuid);
      drop index club_origin;
      drop trigger survey_origin on survey;
      drop trigger scheme_origin on scheme;
      drop trigger club_origin on club;
      drop function ishc.origin_is_holder();
      alter table reference_figure drop column sample;
      alter table survey drop column origin_tenant_id;
      alter table scheme drop column origin_tenant_id;
      alter table club drop column origin_tenant_id, drop column sample;
      drop index tenant_lineage_successor;
      alter table tenant_lineage drop constraint tenant_lineage_one_successor, drop column merged_at, drop column merged_by, drop column reason;
      drop index tenant_slug_current;
      drop index tenant_code_current;
      alter table tenant add constraint tenant_code_key unique (code), add constraint tenant_slug_key unique (slug);
      alter table tenant drop constraint tenant_retired_until, drop constraint tenant_validity, drop constraint tenant_status_check,
        drop column sample, drop column valid_to, drop column valid_from;
      update tenant set status = 'MERGED' where status = 'RETIRED';
      alter table tenant add constraint tenant_status_check check (status in ('ACTIVE', 'SUSPENDED', 'MERGED'));
    `);
  }
}
