import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each loan stood on every day, so a month's portfolio (outstanding principal, loans and
 * principal more than 30 days past due, PAR30) counts only what is dated on or before the month's
 * last day, whenever it is asked.
 *
 * A loan's position changes only on the days something happens to it: paid out, a repayment or a
 * reversal (by its own date), a reschedule (from its day), a write-off. loan_position keeps one
 * row per such day, valid until the next, while principal is still owed: the oldest instalment of
 * the schedule then in force that the payments made by then do not cover (unpaid_since) stays the
 * same between two changes, so the days past due on any day are that day less unpaid_since.
 *
 * The schedule in force on a day: the first from the day the loan was paid out, each reschedule
 * from its own day (its instalment 0, what was paid before it, falls due on that day).
 */
export class LoanPositionsByDay1764500000000 implements MigrationInterface {
  name = 'LoanPositionsByDay1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table loan_position (
        tenant_id uuid not null,
        club_id uuid not null,
        loan_id uuid not null,
        valid_from date not null,
        valid_until date not null default 'infinity',
        -- Principal still owed and counted in the portfolio (a written-off loan leaves it on its day).
        outstanding_principal bigint not null check (outstanding_principal > 0),
        -- Due day of the oldest instalment not covered; null when nothing has fallen due unpaid.
        unpaid_since date,
        primary key (tenant_id, loan_id, valid_from),
        check (valid_until > valid_from),
        foreign key (tenant_id, club_id, loan_id) references loan (tenant_id, club_id, id) on delete cascade
      );
      -- A day's portfolio of a province: the rows valid on it.
      create index loan_position_valid on loan_position (tenant_id, valid_until, valid_from)
        include (club_id, outstanding_principal, unpaid_since);
      create index loan_position_club on loan_position (tenant_id, club_id, valid_until, valid_from)
        include (outstanding_principal, unpaid_since);

      -- Written only by the refresh below (as the owner); everyone reads what their scope allows.
      alter table loan_position enable row level security;
      alter table loan_position force row level security;
      create policy loan_position_province on loan_position for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy loan_position_club on loan_position for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      create policy loan_position_national_read on loan_position for select to ishc_national, ishc_national_admin
        using (true);
      grant select on loan_position to ishc_province, ishc_club, ishc_national, ishc_national_admin;
    `);

    await db.query(`
      -- Each schedule of a loan with the day it took effect.
      create function ishc.loan_schedules(p_tenant uuid, p_loan uuid)
        returns table (schedule_version smallint, effective_on date)
        language sql stable
        as $$
          select instalment.schedule_version,
                 coalesce(min(instalment.due_on) filter (where instalment.number = 0), loan.disbursed_on, min(instalment.due_on))
            from loan_instalment instalment
            join loan on loan.tenant_id = instalment.tenant_id and loan.id = instalment.loan_id
           where instalment.tenant_id = p_tenant and instalment.loan_id = p_loan
           group by instalment.schedule_version, loan.disbursed_on
        $$;

      -- A loan's position from each day something happened to it until the next, computed from
      -- the loan, its schedules and its repayments alone.
      create function ishc.loan_positions_computed(p_tenant uuid, p_loan uuid)
        returns setof loan_position
        language sql stable
        as $$
          with lent as (
            select * from loan where tenant_id = p_tenant and id = p_loan and disbursed_on is not null
          ),
          schedule as (
            select * from ishc.loan_schedules(p_tenant, p_loan)
          ),
          change as (
            select lent.disbursed_on as day from lent
            union select repayment.paid_on from repayment join lent on repayment.paid_on >= lent.disbursed_on
                   where repayment.tenant_id = p_tenant and repayment.loan_id = p_loan
            union select schedule.effective_on from schedule join lent on schedule.effective_on >= lent.disbursed_on
            union select lent.closed_on from lent where lent.status = 'WRITTEN_OFF'
          ),
          step as (
            select change.day, lead(change.day, 1, 'infinity') over (order by change.day) as until,
                   (select max(schedule.schedule_version) from schedule where schedule.effective_on <= change.day) as schedule_version,
                   coalesce(paid.principal, 0) as principal_paid, coalesce(paid.total, 0) as total_paid
              from change
              left join lateral (
                select sum(repayment.principal) as principal, sum(repayment.principal + repayment.interest) as total
                  from repayment where repayment.tenant_id = p_tenant and repayment.loan_id = p_loan and repayment.paid_on <= change.day
              ) paid on true
          )
          select p_tenant, lent.club_id, p_loan, step.day, step.until, lent.principal - step.principal_paid,
                 (select due.due_on from (
                    select instalment.due_on, instalment.number,
                           sum(instalment.principal + instalment.interest) over (order by instalment.number) as cumulative
                      from loan_instalment instalment
                     where instalment.tenant_id = p_tenant and instalment.loan_id = p_loan
                       and instalment.schedule_version = step.schedule_version
                  ) due
                  where due.cumulative > step.total_paid order by due.number limit 1)
            from step cross join lent
           where lent.principal - step.principal_paid > 0
             and not (lent.status = 'WRITTEN_OFF' and step.day >= lent.closed_on)
        $$;

      -- Where a loan stands now (on the loan, for lists: the function as it was) and day by day.
      alter function ishc.refresh_loan_position(uuid, uuid) rename to refresh_loan_columns;
      -- No JIT: the rows are a few dozen, but before a table is analysed (a bulk load) the planner
      -- guesses costs high enough to compile every call, tens of milliseconds a loan.
      create function ishc.refresh_loan_position(p_tenant uuid, p_loan uuid) returns void
        language plpgsql
        set jit = off
        as $$
        begin
          -- Locks the loan first, so two writers rebuild its days one after the other.
          perform ishc.refresh_loan_columns(p_tenant, p_loan);
          delete from loan_position where tenant_id = p_tenant and loan_id = p_loan;
          insert into loan_position select * from ishc.loan_positions_computed(p_tenant, p_loan);
        end
        $$;
      revoke execute on function ishc.refresh_loan_position(uuid, uuid) from public;
      revoke execute on function ishc.loan_positions_computed(uuid, uuid), ishc.loan_schedules(uuid, uuid) from public;
      grant execute on function ishc.loan_schedules(uuid, uuid) to ishc_province, ishc_club, ishc_national, ishc_national_admin;

      -- A write-off (or taking one back) moves the loan out of (into) the portfolio from its day.
      drop trigger loan_position on loan;
      create trigger loan_position after update of schedule_version, disbursed_on, status, closed_on on loan
        for each row
        when (old.schedule_version is distinct from new.schedule_version
              or old.disbursed_on is distinct from new.disbursed_on
              or ((old.status = 'WRITTEN_OFF') <> (new.status = 'WRITTEN_OFF')))
        execute function ishc.refresh_loan_itself();

      select count(ishc.refresh_loan_position(tenant_id, id)) from loan where disbursed_on is not null;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop trigger loan_position on loan;
      create trigger loan_position after update of schedule_version on loan
        for each row execute function ishc.refresh_loan_itself();
      drop function ishc.refresh_loan_position(uuid, uuid);
      alter function ishc.refresh_loan_columns(uuid, uuid) rename to refresh_loan_position;
      drop function ishc.loan_positions_computed(uuid, uuid);
      drop function ishc.loan_schedules(uuid, uuid);
      drop table loan_position;
    `);
  }
}
