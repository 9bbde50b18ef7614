import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live figures. Every write that changes a club's figures refreshes them in the same transaction,
 * through triggers, so a dashboard reads a figure the moment the write commits — no nightly job.
 *
 * - club_month_figure: a club's running totals (members, women, older, funds, quality …) from the
 *   month they took these values until the month they next changed (valid_until, exclusive).
 *   A month's values are those at its end.
 * - province_month_figure: what each month changed in a province's totals over its running clubs,
 *   so a province's total at a month is the sum of its changes up to that month (a few hundred
 *   rows per province, whatever the number of members).
 * - club_month_activity: what a club did in a month (activities, meetings, attendance, areas).
 * - loan.principal_repaid and loan.unpaid_since: where a loan stands, for the portfolio at risk.
 */
/**
 * Recomputes one club's figures, then writes only what changed: as this migration made it (the
 * ledger's refresh migration that follows rewrites it, and puts it back on the way down).
 */
export const REFRESH_CLUB_FIGURES = `
      -- Recomputes one club's figures, then writes only what changed: the club's rows that differ,
      -- and the months of its province's (and commune's) totals that move. A club has a few dozen
      -- members and a few hundred ledger entries, so this stays a few milliseconds.
      create or replace function ishc.refresh_club_figures(p_tenant uuid, p_club uuid) returns void
        language plpgsql
        as $$
        declare
          old_rows club_month_figure[];
          new_rows club_month_figure[];
        begin
          -- One refresh at a time per province, until the writer commits: two writers never
          -- take away the same old rows twice, and never lock the province's months in crossed order.
          perform pg_advisory_xact_lock(1764400, hashtext(p_tenant::text));
          old_rows := array(select figure from club_month_figure figure
                             where figure.tenant_id = p_tenant and figure.club_id = p_club order by figure.month);
          new_rows := array(select figure from ishc.club_figures_computed(p_tenant, p_club) figure order by figure.month);
          if old_rows = new_rows then
            return;
          end if;
          perform ishc.apply_figure_changes(p_tenant, old_rows, new_rows);
          -- Set differences (hashed), not row-by-row searches: a club has a row for every month it changed.
          delete from club_month_figure figure
           using (select * from unnest(old_rows) except select * from unnest(new_rows)) gone
           where figure.tenant_id = p_tenant and figure.club_id = p_club and figure.month = gone.month;
          insert into club_month_figure select * from unnest(new_rows) except select * from unnest(old_rows);
        end
        $$;
`;

export class LiveFigures1764400000000 implements MigrationInterface {
  name = 'LiveFigures1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table club_month_figure (
        tenant_id uuid not null,
        club_id uuid not null,
        month date not null check (extract(day from month) = 1),
        valid_until date not null default 'infinity',
        running smallint not null,
        members integer not null,
        women integer not null,
        older integer not null,
        poor_or_near_poor integer not null,
        ethnic_minority integer not null,
        volunteers integer not null,
        borrowers integer not null,
        joined_total integer not null,
        left_total integer not null,
        income_fund bigint not null,
        activity_fund bigint not null,
        -- Items of the national quality standard met (of six), and whether all are.
        items_met smallint not null,
        meets_standard boolean not null,
        -- The commune the club was in when these figures were taken: what it counts under.
        commune_id uuid not null,
        primary key (tenant_id, club_id, month),
        check (valid_until > month),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete cascade
      );
      create index club_month_figure_valid on club_month_figure (tenant_id, valid_until, month) include (club_id, running);

      create table province_month_figure (
        tenant_id uuid not null,
        month date not null check (extract(day from month) = 1),
        clubs_running integer not null default 0,
        clubs_meeting_standard integer not null default 0,
        clubs_with_both_funds integer not null default 0,
        members integer not null default 0,
        women integer not null default 0,
        older integer not null default 0,
        poor_or_near_poor integer not null default 0,
        ethnic_minority integer not null default 0,
        volunteers integer not null default 0,
        borrowers integer not null default 0,
        joined_total integer not null default 0,
        left_total integer not null default 0,
        income_fund bigint not null default 0,
        activity_fund bigint not null default 0,
        primary key (tenant_id, month),
        foreign key (tenant_id) references tenant (id) on delete restrict
      );

      -- What each month changed in the number of running clubs of a commune: a commune has a club at
      -- a month when its changes up to then add up to more than none. Communes are not additive, so
      -- the province's count of communes with a club is read from here.
      create table commune_month_figure (
        tenant_id uuid not null,
        commune_id uuid not null,
        month date not null check (extract(day from month) = 1),
        running_clubs integer not null,
        primary key (tenant_id, commune_id, month),
        foreign key (tenant_id, commune_id) references admin_unit (tenant_id, id) on delete restrict
      );

      create table club_month_activity (
        tenant_id uuid not null,
        club_id uuid not null,
        month date not null check (extract(day from month) = 1),
        activities integer not null,
        meetings integer not null,
        -- Members present at monthly meetings, summed over the month's meetings.
        meeting_attendance integer not null,
        -- One bit per area of activity, in the order of ishc.activity_area_bit.
        areas integer not null,
        primary key (tenant_id, club_id, month),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete cascade
      );

      alter table loan
        add column principal_repaid bigint not null default 0,
        -- Due date of the oldest instalment that payments do not yet cover; null when none is left.
        add column unpaid_since date;
      create index loan_portfolio on loan (tenant_id, club_id) include (principal, principal_repaid, unpaid_since)
        where status = 'DISBURSED';
    `);

    await db.query(`
      -- The figures are written only by the refresh functions below (as the owner); everyone reads
      -- what their scope allows.
      alter table club_month_figure enable row level security;
      alter table club_month_figure force row level security;
      alter table province_month_figure enable row level security;
      alter table province_month_figure force row level security;
      alter table club_month_activity enable row level security;
      alter table club_month_activity force row level security;
      alter table commune_month_figure enable row level security;
      alter table commune_month_figure force row level security;
      create policy commune_month_figure_province on commune_month_figure for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy commune_month_figure_national_read on commune_month_figure for select to ishc_national, ishc_national_admin
        using (true);

      create policy club_month_figure_province on club_month_figure for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy club_month_figure_club on club_month_figure for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      create policy club_month_figure_national_read on club_month_figure for select to ishc_national, ishc_national_admin
        using (true);
      create policy province_month_figure_province on province_month_figure for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy province_month_figure_national_read on province_month_figure for select to ishc_national, ishc_national_admin
        using (true);
      create policy club_month_activity_province on club_month_activity for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy club_month_activity_club on club_month_activity for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      create policy club_month_activity_national_read on club_month_activity for select to ishc_national, ishc_national_admin
        using (true);

      grant select on club_month_figure, club_month_activity to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant select on province_month_figure, commune_month_figure to ishc_province, ishc_national, ishc_national_admin;
      grant select (principal_repaid, unpaid_since) on loan to ishc_national, ishc_national_admin;
    `);

    await db.query(`
      create function ishc.activity_area_bit(area text) returns integer
        language sql immutable
        as $$
          select 1 << (array_position(array['LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'SELF_HELP', 'RIGHTS', 'LEARNING',
            'CULTURE', 'RESOURCE_MOBILISATION'], area) - 1)
        $$;

      -- What changed in a club's figures in each month: membership spans, the span in which a
      -- member counts as older (from January of the year they turn 60) or as a borrower (from
      -- their first disbursed loan), running spans from the status history, and fund movements.
      create function ishc.club_figure_changes(p_tenant uuid, p_club uuid)
        returns table (month date, running integer, members integer, women integer, older integer,
          poor_or_near_poor integer, ethnic_minority integer, volunteers integer, borrowers integer,
          joined_total integer, left_total integer, income_fund bigint, activity_fund bigint)
        language sql stable
        as $$
          with first_loan as (
            select member_id, date_trunc('month', min(disbursed_on))::date as borrowed_month
              from loan where tenant_id = p_tenant and club_id = p_club and disbursed_on is not null
             group by member_id
          ),
          person as (
            select member.*, date_trunc('month', member.joined_on)::date as joined_month,
                   date_trunc('month', member.left_on)::date as left_month, first_loan.borrowed_month
              from member left join first_loan on first_loan.member_id = member.id
             where member.tenant_id = p_tenant and member.club_id = p_club
          ),
          status_change as (
            select effective_on, (status = 'ACTIVE')::int as active,
                   coalesce(lag((status = 'ACTIVE')::int) over (order by effective_on, recorded_at), 0) as was_active
              from club_status_change where tenant_id = p_tenant and club_id = p_club
          )
          select date_trunc('month', effective_on)::date, active - was_active, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint, 0::bigint
            from status_change where active <> was_active
          union all
          -- A club with no recorded history runs from its founding if it is active now.
          select date_trunc('month', coalesce(club.founded_on, club.status_since, club.created_at::date))::date,
                 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            from club
           where club.tenant_id = p_tenant and club.id = p_club and club.status = 'ACTIVE'
             and not exists (select 1 from club_status_change where tenant_id = p_tenant and club_id = p_club)
          union all
          select span.month, 0, span.sign, span.sign * (person.sex = 'FEMALE')::int, 0,
                 span.sign * (person.poor_household or person.near_poor_household)::int,
                 span.sign * (person.ethnic_minority is not null)::int,
                 span.sign * person.home_care_volunteer::int, 0,
                 greatest(span.sign, 0), greatest(-span.sign, 0), 0, 0
            from person cross join lateral (values (person.joined_month, 1), (person.left_month, -1)) as span (month, sign)
           where span.month is not null
          union all
          select span.month, 0, 0, 0, span.sign, 0, 0, 0, 0, 0, 0, 0, 0
            from person
           cross join lateral (select greatest(person.joined_month, make_date(person.birth_year + 60, 1, 1)) as since) older
           cross join lateral (values (older.since, 1), (person.left_month, -1)) as span (month, sign)
           where span.month is not null and (person.left_month is null or older.since < person.left_month)
          union all
          select span.month, 0, 0, 0, 0, 0, 0, 0, span.sign, 0, 0, 0, 0
            from person
           cross join lateral (select case when person.borrowed_month is not null
                                      then greatest(person.joined_month, person.borrowed_month) end as since) borrowed
           cross join lateral (values (borrowed.since, 1), (person.left_month, -1)) as span (month, sign)
           where borrowed.since is not null and span.month is not null
             and (person.left_month is null or borrowed.since < person.left_month)
          union all
          select date_trunc('month', entry_on)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                 case when fund = 'INCOME_GENERATION' then amount else 0 end,
                 case when fund = 'ACTIVITY' then amount else 0 end
            from ledger_entry where tenant_id = p_tenant and club_id = p_club
        $$;

      -- A club's running totals month by month, with the quality standard judged on them
      -- (the same rules as the club's checklist: 50–70 members, 60–70% women and older people,
      -- at least 5 home-care volunteers, at least half the members borrowed, both funds hold money).
      create function ishc.club_figures_computed(p_tenant uuid, p_club uuid)
        returns setof club_month_figure
        language sql stable
        as $$
          with monthly as (
            select month, sum(running) as running, sum(members) as members, sum(women) as women, sum(older) as older,
                   sum(poor_or_near_poor) as poor_or_near_poor, sum(ethnic_minority) as ethnic_minority,
                   sum(volunteers) as volunteers, sum(borrowers) as borrowers, sum(joined_total) as joined_total,
                   sum(left_total) as left_total, sum(income_fund) as income_fund, sum(activity_fund) as activity_fund
              from ishc.club_figure_changes(p_tenant, p_club) group by month
          ),
          running_total as (
            select month,
                   coalesce(lead(month) over w, 'infinity'::date) as valid_until,
                   least(greatest(sum(running) over w, 0), 1)::smallint as running,
                   (sum(members) over w)::int as members, (sum(women) over w)::int as women,
                   (sum(older) over w)::int as older, (sum(poor_or_near_poor) over w)::int as poor_or_near_poor,
                   (sum(ethnic_minority) over w)::int as ethnic_minority, (sum(volunteers) over w)::int as volunteers,
                   (sum(borrowers) over w)::int as borrowers, (sum(joined_total) over w)::int as joined_total,
                   (sum(left_total) over w)::int as left_total, (sum(income_fund) over w)::bigint as income_fund,
                   (sum(activity_fund) over w)::bigint as activity_fund
              from monthly
            window w as (order by month)
          ),
          judged as (
            select running_total.*,
                   ((members between 50 and 70)::int
                    + (members > 0 and round(women * 100.0 / members, 2) between 60 and 70)::int
                    + (members > 0 and round(older * 100.0 / members, 2) between 60 and 70)::int
                    + (volunteers >= 5)::int
                    + (members > 0 and round(borrowers * 100.0 / members, 2) >= 50)::int
                    + (income_fund > 0 and activity_fund > 0)::int)::smallint as items_met
              from running_total
          )
          select p_tenant, p_club, month, valid_until, running, members, women, older, poor_or_near_poor, ethnic_minority,
                 volunteers, borrowers, joined_total, left_total, income_fund, activity_fund, items_met, items_met = 6,
                 (select commune_id from club where tenant_id = p_tenant and id = p_club)
            from judged
        $$;

      -- What some rows of one club add to its province's totals, month by month (each total's
      -- change over running clubs from the row before), times a sign: -1 takes old rows away.
      create function ishc.province_changes_of(p_rows club_month_figure[], p_sign integer)
        returns table (month date, clubs_running bigint, clubs_meeting_standard bigint, clubs_with_both_funds bigint, members bigint, women bigint, older bigint, poor_or_near_poor bigint, ethnic_minority bigint, volunteers bigint, borrowers bigint, joined_total bigint, left_total bigint, income_fund bigint, activity_fund bigint)
        language sql immutable
        as $$
          select month,
                 (p_sign * (running - coalesce(lag(running) over w, 0)))::bigint,
                 (p_sign * ((running = 1 and meets_standard)::int - coalesce(lag((running = 1 and meets_standard)::int) over w, 0)))::bigint,
                 (p_sign * ((running = 1 and income_fund > 0 and activity_fund > 0)::int - coalesce(lag((running = 1 and income_fund > 0 and activity_fund > 0)::int) over w, 0)))::bigint,
                 (p_sign * (running * members - coalesce(lag(running * members) over w, 0)))::bigint,
                 (p_sign * (running * women - coalesce(lag(running * women) over w, 0)))::bigint,
                 (p_sign * (running * older - coalesce(lag(running * older) over w, 0)))::bigint,
                 (p_sign * (running * poor_or_near_poor - coalesce(lag(running * poor_or_near_poor) over w, 0)))::bigint,
                 (p_sign * (running * ethnic_minority - coalesce(lag(running * ethnic_minority) over w, 0)))::bigint,
                 (p_sign * (running * volunteers - coalesce(lag(running * volunteers) over w, 0)))::bigint,
                 (p_sign * (running * borrowers - coalesce(lag(running * borrowers) over w, 0)))::bigint,
                 (p_sign * (running * joined_total - coalesce(lag(running * joined_total) over w, 0)))::bigint,
                 (p_sign * (running * left_total - coalesce(lag(running * left_total) over w, 0)))::bigint,
                 (p_sign * (running * income_fund - coalesce(lag(running * income_fund) over w, 0)))::bigint,
                 (p_sign * (running * activity_fund - coalesce(lag(running * activity_fund) over w, 0)))::bigint
            from unnest(p_rows)
          window w as (order by month)
        $$;

      -- Moves a province's totals, and its communes' counts of running clubs, from a club's old rows
      -- to its new ones: only the months whose totals change are written, in month order.
      create function ishc.apply_figure_changes(p_tenant uuid, p_old club_month_figure[], p_new club_month_figure[]) returns void
        language sql
        as $$
          insert into province_month_figure as total (tenant_id, month, clubs_running, clubs_meeting_standard, clubs_with_both_funds, members, women, older, poor_or_near_poor, ethnic_minority, volunteers, borrowers, joined_total, left_total, income_fund, activity_fund)
          select p_tenant, month, sum(clubs_running), sum(clubs_meeting_standard), sum(clubs_with_both_funds), sum(members), sum(women), sum(older), sum(poor_or_near_poor), sum(ethnic_minority), sum(volunteers), sum(borrowers), sum(joined_total), sum(left_total), sum(income_fund), sum(activity_fund)
            from (select * from ishc.province_changes_of(p_new, 1) union all select * from ishc.province_changes_of(p_old, -1)) change
           group by month
          having sum(clubs_running) <> 0 or sum(clubs_meeting_standard) <> 0 or sum(clubs_with_both_funds) <> 0 or sum(members) <> 0 or sum(women) <> 0 or sum(older) <> 0 or sum(poor_or_near_poor) <> 0 or sum(ethnic_minority) <> 0 or sum(volunteers) <> 0 or sum(borrowers) <> 0 or sum(joined_total) <> 0 or sum(left_total) <> 0 or sum(income_fund) <> 0 or sum(activity_fund) <> 0
           order by month
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

          insert into commune_month_figure as total (tenant_id, commune_id, month, running_clubs)
          select p_tenant, commune_id, month, sum(change)
            from (select commune_id, month, running - coalesce(lag(running) over (order by month), 0) as change from unnest(p_new)
                  union all
                  select commune_id, month, -(running - coalesce(lag(running) over (order by month), 0)) from unnest(p_old)) change
           group by commune_id, month
          having sum(change) <> 0
           order by commune_id, month
          on conflict (tenant_id, commune_id, month) do update set running_clubs = total.running_clubs + excluded.running_clubs;
        $$;

${REFRESH_CLUB_FIGURES}
      create function ishc.refresh_club_activity(p_tenant uuid, p_club uuid, p_month date) returns void
        language plpgsql
        as $$
        begin
          perform pg_advisory_xact_lock(1764401, hashtext(p_club::text));
          delete from club_month_activity where tenant_id = p_tenant and club_id = p_club and month = p_month;
          insert into club_month_activity (tenant_id, club_id, month, activities, meetings, meeting_attendance, areas)
          select p_tenant, p_club, p_month, count(*), count(*) filter (where activity.monthly_meeting),
                 coalesce(sum(present.members) filter (where activity.monthly_meeting), 0),
                 coalesce(bit_or(ishc.activity_area_bit(activity.area)), 0)
            from activity
            left join lateral (select count(*)::int as members from attendance
                                where attendance.tenant_id = activity.tenant_id and attendance.activity_id = activity.id) present on true
           where activity.tenant_id = p_tenant and activity.club_id = p_club
             and activity.held_on >= p_month and activity.held_on < p_month + interval '1 month'
          having count(*) > 0;
        end
        $$;

      -- The unit that stands today in the place of a retired one: follows merges, and for a split
      -- the successor that now holds the given hamlet (else the first successor in official order).
      create function ishc.current_unit_of(p_tenant uuid, p_unit uuid, p_hamlet uuid) returns uuid
        language plpgsql stable
        as $$
        declare
          unit uuid := p_unit;
          successor uuid;
          hamlet_parent uuid := (select parent_id from admin_unit where tenant_id = p_tenant and id = p_hamlet);
        begin
          for step in 1..10 loop
            select succession.successor_id into successor
              from admin_unit_succession succession
              join admin_unit on admin_unit.tenant_id = succession.tenant_id and admin_unit.id = succession.successor_id
             where succession.tenant_id = p_tenant and succession.predecessor_id = unit
             order by (admin_unit.id = hamlet_parent) desc nulls last, admin_unit.sort_key, admin_unit.id
             limit 1;
            exit when successor is null;
            unit := successor;
          end loop;
          return unit;
        end
        $$;
      grant execute on function ishc.current_unit_of(uuid, uuid, uuid) to ishc_province, ishc_club, ishc_national, ishc_national_admin;

      -- Where a loan stands: principal repaid, and the oldest instalment of the current schedule
      -- that payments (covering instalments in order) do not yet cover.
      create function ishc.refresh_loan_position(p_tenant uuid, p_loan uuid) returns void
        language plpgsql
        as $$
        begin
          -- Lock first, then read in statements of their own, which see a repayment committed
          -- by a writer that held the lock before us.
          perform 1 from loan where tenant_id = p_tenant and id = p_loan for update;
          with paid as (
            select coalesce(sum(principal), 0) as principal, coalesce(sum(principal + interest), 0) as total
              from repayment where tenant_id = p_tenant and loan_id = p_loan
          )
          update loan set
            principal_repaid = paid.principal,
            unpaid_since = (
              select schedule.due_on from (
                select instalment.due_on, instalment.number,
                       sum(instalment.principal + instalment.interest) over (order by instalment.number) as cumulative
                  from loan_instalment instalment
                 where instalment.tenant_id = p_tenant and instalment.loan_id = p_loan
                   and instalment.schedule_version = loan.schedule_version
              ) schedule
              where schedule.cumulative > paid.total
              order by schedule.number limit 1)
          from paid
          where loan.tenant_id = p_tenant and loan.id = p_loan;
        end
        $$;
    `);

    await db.query(`
      -- Triggers: each write refreshes what it changed, once per statement where a statement can
      -- touch many rows (a meeting's attendance), in the writer's transaction.
      create function ishc.refresh_changed_clubs() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_club_figures(changed.tenant_id, changed.club_id)
             from (select distinct tenant_id, club_id from changed order by 1, 2) changed;
          return null;
        end
        $$;

      create function ishc.refresh_club_of_loan() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_club_figures(new.tenant_id, new.club_id);
          return null;
        end
        $$;

      create function ishc.refresh_club_itself() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_club_figures(new.tenant_id, new.id);
          return null;
        end
        $$;

      -- A deleted club (one that never had members) takes its share out of its province's totals.
      create function ishc.remove_club_figures() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.apply_figure_changes(old.tenant_id,
            array(select figure from club_month_figure figure where figure.tenant_id = old.tenant_id and figure.club_id = old.id order by figure.month),
            '{}');
          return old;
        end
        $$;

      create function ishc.refresh_activity_months() returns trigger
        language plpgsql
        as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then
            perform ishc.refresh_club_activity(old.tenant_id, old.club_id, date_trunc('month', old.held_on)::date);
          end if;
          if tg_op in ('INSERT', 'UPDATE') then
            perform ishc.refresh_club_activity(new.tenant_id, new.club_id, date_trunc('month', new.held_on)::date);
          end if;
          return null;
        end
        $$;

      create function ishc.refresh_attended_months() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_club_activity(month.tenant_id, month.club_id, month.month)
             from (select distinct activity.tenant_id, activity.club_id, date_trunc('month', activity.held_on)::date as month
                     from changed join activity on activity.tenant_id = changed.tenant_id and activity.id = changed.activity_id
                    order by 1, 2, 3) month;
          return null;
        end
        $$;

      create function ishc.refresh_loan_of_row() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_loan_position(changed.tenant_id, changed.loan_id)
             from (select distinct tenant_id, loan_id from changed) changed;
          return null;
        end
        $$;

      create function ishc.refresh_loan_itself() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.refresh_loan_position(new.tenant_id, new.id);
          return null;
        end
        $$;

      -- The refreshes write tables nobody else may write, and read rows the writer may not see
      -- (a club's staff do not read the province's totals): the trigger functions run as the owner,
      -- and only ever for the tenant and club of the row that fired them.
      do $$
      declare
        trigger_function text;
      begin
        foreach trigger_function in array array['refresh_changed_clubs', 'refresh_club_of_loan', 'refresh_club_itself',
          'remove_club_figures', 'refresh_activity_months', 'refresh_attended_months', 'refresh_loan_of_row',
          'refresh_loan_itself'] loop
          execute format('alter function ishc.%I() security definer set search_path = pg_catalog, public', trigger_function);
        end loop;
      end
      $$;
      revoke execute on function ishc.refresh_club_figures(uuid, uuid), ishc.refresh_club_activity(uuid, uuid, date),
        ishc.refresh_loan_position(uuid, uuid), ishc.apply_figure_changes(uuid, club_month_figure[], club_month_figure[]) from public;

      create trigger member_figures_insert after insert on member referencing new table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      create trigger member_figures_update after update on member referencing new table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      create trigger member_figures_delete after delete on member referencing old table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      create trigger ledger_figures_insert after insert on ledger_entry referencing new table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      create trigger club_status_figures_insert after insert on club_status_change referencing new table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      create trigger loan_figures_insert after insert on loan
        for each row when (new.disbursed_on is not null)
        execute function ishc.refresh_club_of_loan();
      create trigger loan_figures after update of status, disbursed_on on loan
        for each row when (old.disbursed_on is distinct from new.disbursed_on)
        execute function ishc.refresh_club_of_loan();
      create trigger club_figures after insert or update of status, founded_on, status_since, commune_id on club
        for each row execute function ishc.refresh_club_itself();
      create trigger club_figures_delete before delete on club
        for each row execute function ishc.remove_club_figures();

      create trigger activity_figures after insert or update of held_on, area, monthly_meeting or delete on activity
        for each row execute function ishc.refresh_activity_months();
      create trigger attendance_figures_insert after insert on attendance referencing new table as changed
        for each statement execute function ishc.refresh_attended_months();
      create trigger attendance_figures_delete after delete on attendance referencing old table as changed
        for each statement execute function ishc.refresh_attended_months();

      create trigger repayment_position after insert on repayment referencing new table as changed
        for each statement execute function ishc.refresh_loan_of_row();
      create trigger instalment_position after insert on loan_instalment referencing new table as changed
        for each statement execute function ishc.refresh_loan_of_row();
      create trigger loan_position after update of schedule_version on loan
        for each row execute function ishc.refresh_loan_itself();
    `);

    await db.query(`
      -- Figures for the data already recorded.
      select ishc.refresh_loan_position(tenant_id, id) from loan where status <> 'REQUESTED';
      select ishc.refresh_club_figures(tenant_id, id) from club;
      select ishc.refresh_club_activity(month.tenant_id, month.club_id, month.month)
        from (select distinct tenant_id, club_id, date_trunc('month', held_on)::date as month from activity) month;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop trigger loan_position on loan;
      drop trigger instalment_position on loan_instalment;
      drop trigger repayment_position on repayment;
      drop trigger attendance_figures_delete on attendance;
      drop trigger attendance_figures_insert on attendance;
      drop trigger activity_figures on activity;
      drop trigger club_figures_delete on club;
      drop trigger club_figures on club;
      drop trigger loan_figures on loan;
      drop trigger loan_figures_insert on loan;
      drop trigger club_status_figures_insert on club_status_change;
      drop trigger ledger_figures_insert on ledger_entry;
      drop trigger member_figures_delete on member;
      drop trigger member_figures_update on member;
      drop trigger member_figures_insert on member;
      drop function ishc.refresh_loan_itself();
      drop function ishc.refresh_loan_of_row();
      drop function ishc.refresh_attended_months();
      drop function ishc.refresh_activity_months();
      drop function ishc.remove_club_figures();
      drop function ishc.refresh_club_itself();
      drop function ishc.refresh_club_of_loan();
      drop function ishc.refresh_changed_clubs();
      drop function ishc.refresh_loan_position(uuid, uuid);
      drop function ishc.current_unit_of(uuid, uuid, uuid);
      drop function ishc.refresh_club_activity(uuid, uuid, date);
      drop function ishc.refresh_club_figures(uuid, uuid);
      drop function ishc.apply_figure_changes(uuid, club_month_figure[], club_month_figure[]);
      drop function ishc.province_changes_of(club_month_figure[], integer);
      drop function ishc.club_figures_computed(uuid, uuid);
      drop function ishc.club_figure_changes(uuid, uuid);
      drop function ishc.activity_area_bit(text);
      drop index loan_portfolio;
      alter table loan drop column unpaid_since, drop column principal_repaid;
      drop table club_month_activity;
      drop table commune_month_figure;
      drop table province_month_figure;
      drop table club_month_figure;
    `);
  }
}
