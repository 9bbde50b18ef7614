import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_CLUB_FIGURES } from './1764400000000-live-figures.js';

/**
 * A ledger entry changes only a club's two funds, from the entry's month on. Its refresh starts
 * there instead of recomputing the club's whole history (members, loans, every entry): a repayment,
 * which writes two entries, stays cheap in a club with years of ledger.
 *
 * The rows it writes are the rows the full recompute (ishc.club_figures_computed) would write — a
 * row for every month with a change, funds summed up to that month, the quality item "both funds
 * hold money" judged again — which a test checks. Both refreshes write through one function,
 * ishc.replace_club_figures, which the full recompute now calls too.
 */
export class LedgerFiguresFromMonth1764450000000 implements MigrationInterface {
  name = 'LedgerFiguresFromMonth1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Writes a club's new figure rows in place of its old ones: only the rows that differ, and
      -- the months of its province's (and commune's) totals that move. Both lists are in month
      -- order and start at the same month or at the club's first (see apply_figure_changes).
      create function ishc.replace_club_figures(p_tenant uuid, p_club uuid, p_old club_month_figure[], p_new club_month_figure[])
        returns void
        language plpgsql
        as $$
        begin
          if p_old = p_new then
            return;
          end if;
          perform ishc.apply_figure_changes(p_tenant, p_old, p_new);
          -- Set differences (hashed), not row-by-row searches: a club has a row for every month it changed.
          delete from club_month_figure figure
           using (select * from unnest(p_old) except select * from unnest(p_new)) gone
           where figure.tenant_id = p_tenant and figure.club_id = p_club and figure.month = gone.month;
          insert into club_month_figure select * from unnest(p_new) except select * from unnest(p_old);
        end
        $$;
      revoke execute on function ishc.replace_club_figures(uuid, uuid, club_month_figure[], club_month_figure[]) from public;

      -- The full recompute, writing through it.
      create or replace function ishc.refresh_club_figures(p_tenant uuid, p_club uuid) returns void
        language plpgsql
        as $$
        begin
          -- One refresh at a time per province, until the writer commits: two writers never
          -- take away the same old rows twice, and never lock the province's months in crossed order.
          perform pg_advisory_xact_lock(1764400, hashtext(p_tenant::text));
          perform ishc.replace_club_figures(p_tenant, p_club,
            array(select figure from club_month_figure figure
                   where figure.tenant_id = p_tenant and figure.club_id = p_club order by figure.month),
            array(select figure from ishc.club_figures_computed(p_tenant, p_club) figure order by figure.month));
        end
        $$;

      -- Adds fund movements (month, income generation fund, activity fund) to a club's figures:
      -- the rows from the month of the earliest movement on are rebuilt from the rows before them.
      create function ishc.add_club_fund_changes(p_tenant uuid, p_club uuid, p_months date[], p_income bigint[], p_activity bigint[])
        returns void
        language plpgsql
        as $$
        declare
          first_month date := (select min(month) from unnest(p_months) month);
          old_rows club_month_figure[];
          new_rows club_month_figure[];
        begin
          -- The same lock as ishc.refresh_club_figures: the rows read below are the latest.
          perform pg_advisory_xact_lock(1764400, hashtext(p_tenant::text));
          -- The row in force at the first month, and every row after it.
          old_rows := array(select figure from club_month_figure figure
                             where figure.tenant_id = p_tenant and figure.club_id = p_club and figure.valid_until > first_month
                             order by figure.month);
          new_rows := array(
            with change as (
              select month, sum(income) as income, sum(activity) as activity
                from unnest(p_months, p_income, p_activity) as change (month, income, activity)
               group by month
            ),
            month_of as (
              select month from unnest(old_rows) union select month from change
            ),
            rebuilt as (
              select month_of.month,
                     coalesce(lead(month_of.month) over (order by month_of.month), 'infinity'::date) as valid_until,
                     base.figure,
                     coalesce((base.figure).income_fund, 0) + added.income as income_fund,
                     coalesce((base.figure).activity_fund, 0) + added.activity as activity_fund
                from month_of
                -- A month before the club's first row starts from nothing, as the full recompute does.
                left join lateral (select old as figure from unnest(old_rows) old
                                    where old.month <= month_of.month order by old.month desc limit 1) base on true
                cross join lateral (select coalesce(sum(change.income), 0) as income, coalesce(sum(change.activity), 0) as activity
                                      from change where change.month <= month_of.month) added
            ),
            judged as (
              select rebuilt.*,
                     (coalesce((figure).items_met, 0)
                      - (coalesce((figure).income_fund, 0) > 0 and coalesce((figure).activity_fund, 0) > 0)::int
                      + (income_fund > 0 and activity_fund > 0)::int)::smallint as items_met
                from rebuilt
            )
            select row(p_tenant, p_club, month, valid_until,
                       coalesce((figure).running, 0), coalesce((figure).members, 0), coalesce((figure).women, 0),
                       coalesce((figure).older, 0), coalesce((figure).poor_or_near_poor, 0), coalesce((figure).ethnic_minority, 0),
                       coalesce((figure).volunteers, 0), coalesce((figure).borrowers, 0), coalesce((figure).joined_total, 0),
                       coalesce((figure).left_total, 0), income_fund, activity_fund, items_met, items_met = 6,
                       coalesce((figure).commune_id, (select commune_id from club where tenant_id = p_tenant and id = p_club))
                   )::club_month_figure
              from judged
             order by month);
          -- Both lists start at the same row (the one in force at the first month, which the
          -- movements leave as it is) or at the club's first month: the province's totals move as
          -- they would between the club's whole old and new histories.
          perform ishc.replace_club_figures(p_tenant, p_club, old_rows, new_rows);
        end
        $$;
      revoke execute on function ishc.add_club_fund_changes(uuid, uuid, date[], bigint[], bigint[]) from public;

      create function ishc.refresh_club_funds() returns trigger
        language plpgsql
        as $$
        begin
          perform ishc.add_club_fund_changes(club.tenant_id, club.club_id, club.months, club.income, club.activity)
             from (select tenant_id, club_id,
                          array_agg(date_trunc('month', entry_on)::date) as months,
                          array_agg(case when fund = 'INCOME_GENERATION' then amount else 0 end) as income,
                          array_agg(case when fund = 'ACTIVITY' then amount else 0 end) as activity
                     from changed group by tenant_id, club_id order by tenant_id, club_id) club;
          return null;
        end
        $$;
      alter function ishc.refresh_club_funds() security definer set search_path = pg_catalog, public;

      drop trigger ledger_figures_insert on ledger_entry;
      create trigger ledger_figures_insert after insert on ledger_entry referencing new table as changed
        for each statement execute function ishc.refresh_club_funds();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop trigger ledger_figures_insert on ledger_entry;
      create trigger ledger_figures_insert after insert on ledger_entry referencing new table as changed
        for each statement execute function ishc.refresh_changed_clubs();
      drop function ishc.refresh_club_funds();
      drop function ishc.add_club_fund_changes(uuid, uuid, date[], bigint[], bigint[]);
      ${REFRESH_CLUB_FIGURES}
      drop function ishc.replace_club_figures(uuid, uuid, club_month_figure[], club_month_figure[]);
    `);
  }
}
