import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loans brought in when a club begins to record here (the go-live day), from the books it kept
 * before: paid out long ago, partly repaid, perhaps past due. Nothing of their history before that
 * day is known but where they stood on it, so:
 *
 * - loan.opening_on marks such a loan with its go-live day. Its position (portfolio, PAR30) counts
 *   from that day, never before: the months before it keep the figures they had, and no invented
 *   history of repayments makes a past month's loans look late.
 * - repayment.opening marks the one repayment that stands for the principal repaid before that
 *   day. It covers the schedule's instalment 0 like any payment, but it is no money received in
 *   the month: a month's repayments leave it out, and it moves no fund (the fund's opening balance
 *   already holds what came back and lacks what is still lent out).
 * - loan_event gains OPENING_BALANCE, the step that brought the loan in.
 */
const ACTIONS = `'REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'RESCHEDULED', 'WRITTEN_OFF', 'CLOSED', 'REOPENED'`;

/** The loan's position from each day something happened to it, from `since` on. */
function positionsComputed(since: string): string {
  return `
      create or replace function ishc.loan_positions_computed(p_tenant uuid, p_loan uuid)
        returns setof loan_position
        language sql stable
        as $$
          with lent as (
            select loan.*, ${since} as since from loan where tenant_id = p_tenant and id = p_loan and disbursed_on is not null
          ),
          schedule as (
            select * from ishc.loan_schedules(p_tenant, p_loan)
          ),
          change as (
            select lent.since as day from lent
            union select repayment.paid_on from repayment join lent on repayment.paid_on >= lent.since
                   where repayment.tenant_id = p_tenant and repayment.loan_id = p_loan
            union select schedule.effective_on from schedule join lent on schedule.effective_on >= lent.since
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
        $$;`;
}

export class OpeningLoans1764810000000 implements MigrationInterface {
  name = 'OpeningLoans1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table loan add column opening_on date,
        add constraint loan_opening_after_payout check (opening_on >= disbursed_on);
      alter table repayment add column opening boolean not null default false,
        add constraint repayment_opening_not_reversal check (not opening or reverses_id is null);
      -- One opening repayment a loan: what was repaid before it was brought in.
      create unique index repayment_opening on repayment (tenant_id, loan_id) where opening;

      alter table loan_event drop constraint loan_event_action_check,
        add constraint loan_event_action_check check (action in (${ACTIONS}, 'OPENING_BALANCE'));

      -- The national office counts loans by when they count from; the day names nobody.
      grant select (opening_on) on loan to ishc_national, ishc_national_admin;
    `);
    // A loan brought in counts from its go-live day; one paid out here, from its payout.
    await db.query(positionsComputed('coalesce(loan.opening_on, loan.disbursed_on)'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(positionsComputed('loan.disbursed_on'));
    await db.query(`
      revoke select (opening_on) on loan from ishc_national, ishc_national_admin;
      alter table loan_event drop constraint loan_event_action_check,
        add constraint loan_event_action_check check (action in (${ACTIONS}));
      drop index repayment_opening;
      alter table repayment drop column opening;
      alter table loan drop column opening_on;
    `);
  }
}
