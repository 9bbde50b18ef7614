import type { EntityManager } from 'typeorm';
import { rowsOf } from '../database/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { addMonths, checkDay, todayInVietnam } from '../calendar.js';
import { requireClub } from '../clubs/club-scope.js';
import { appendEntry, fundBalance, lockClubMoney, refuseOverdraw } from '../funds/ledger.service.js';
import { Fund, LedgerKind } from '../funds/ledger.types.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { isLocalDate } from '../graphql/scalars.js';
import { once } from '../idempotency/client-request.js';
import { formatVnd } from '../money/format-vnd.js';
import { VND_ENTRY_CEILING, VND_ENTRY_MESSAGE } from '../money/vnd-entry.js';
import { normalizeText, optionalText, UUID_PATTERN } from '../text.js';
import type {
  DisburseLoanInput,
  LoanDecisionInput,
  LoansArgs,
  RecordRepaymentInput,
  RequestLoanInput,
  RescheduleLoanInput,
  ReverseRepaymentInput,
} from './loan.inputs.js';
import {
  equalInstalments,
  openingSchedule,
  positionOf,
  rateInThousandths,
  type Instalment,
  type LoanCharge,
  type OpeningProblem,
} from './loan-schedule.js';
import {
  Loan,
  LoanEvent,
  LoanInstalment,
  LoanPortfolio,
  LoanStanding,
  LoanStatus,
  MAX_TERM_MONTHS,
  PAR_DAYS,
  Repayment,
  type LoanPurpose,
} from './loan.types.js';

interface LoanRow {
  id: string;
  club_id: string;
  member_id: string;
  principal: string;
  term_months: number;
  monthly_rate: string | null;
  flat_fee: string | null;
  purpose: string;
  purpose_note: string | null;
  status: string;
  requested_on: string;
  decided_on: string | null;
  disbursed_on: string | null;
  first_due_on: string | null;
  closed_on: string | null;
  opening_on: string | null;
  schedule_version: number;
  version: number;
}

const LOAN_COLUMNS = `id, club_id, member_id, principal::text as principal, term_months, monthly_rate::text as monthly_rate,
  flat_fee::text as flat_fee, purpose, purpose_note, status, requested_on::text as requested_on, decided_on::text as decided_on,
  disbursed_on::text as disbursed_on, first_due_on::text as first_due_on, closed_on::text as closed_on, opening_on::text as opening_on,
  schedule_version, version`;

function loanOf(row: LoanRow): Loan {
  return Object.assign(new Loan(), {
    id: row.id,
    clubId: row.club_id,
    memberId: row.member_id,
    principal: BigInt(row.principal),
    termMonths: row.term_months,
    monthlyRate: row.monthly_rate === null ? null : row.monthly_rate.replace(/\.?0+$/, ''),
    flatFee: row.flat_fee === null ? null : BigInt(row.flat_fee),
    purpose: row.purpose as LoanPurpose,
    purposeNote: row.purpose_note,
    status: row.status as LoanStatus,
    requestedOn: row.requested_on,
    decidedOn: row.decided_on,
    disbursedOn: row.disbursed_on,
    firstDueOn: row.first_due_on,
    closedOn: row.closed_on,
    openingOn: row.opening_on,
    scheduleVersion: row.schedule_version,
    version: row.version,
  });
}

export async function findLoansByIds(db: EntityManager, ids: readonly string[]): Promise<Loan[]> {
  const rows: LoanRow[] = await db.query(`select ${LOAN_COLUMNS} from loan where id = any($1)`, [ids]);
  return rows.map(loanOf);
}

async function lockLoan(db: EntityManager, id: string, version?: number): Promise<Loan> {
  const rows: LoanRow[] = await db.query(`select ${LOAN_COLUMNS} from loan where id = $1 for update`, [id]);
  if (!rows[0]) throw notFound('Loan');
  const loan = loanOf(rows[0]);
  if (version !== undefined && loan.version !== version) throw conflict('The loan');
  return loan;
}

async function reload(db: EntityManager, id: string): Promise<Loan> {
  const [loan] = await findLoansByIds(db, [id]);
  return loan;
}

async function recordEvent(db: EntityManager, loan: Loan, action: string, happenedOn: string, reason: string | null): Promise<void> {
  await db.query(
    'insert into loan_event (club_id, loan_id, action, happened_on, reason) values ($1, $2, $3, $4, $5)',
    [loan.clubId, loan.id, action, happenedOn, reason],
  );
}

/** Changes a loan and moves its version on; with nothing to set, only the version moves (a repayment changed it). */
async function touch(db: EntityManager, id: string, set = '', values: unknown[] = []): Promise<void> {
  await db.query(`update loan set ${set ? `${set}, ` : ''}version = version + 1, updated_at = now() where id = $1`, [id, ...values]);
}

/** The first day a loan is recorded here: its go-live day if brought in from a club's books, else its payout. */
function recordedSince(loan: Pick<Loan, 'disbursedOn' | 'openingOn'>): string | null {
  return loan.openingOn ?? loan.disbursedOn;
}

function chargeOf(loan: Pick<Loan, 'monthlyRate' | 'flatFee'>): LoanCharge {
  return loan.flatFee !== null ? { flatFee: loan.flatFee } : { monthlyRate: loan.monthlyRate ?? '0' };
}

/**
 * Schedules and what was paid, for many loans at once: one statement. On a day: the schedule in
 * force that day and the payments (and reversals) dated on or before it; without a day, the
 * current schedule and every payment.
 */
async function scheduleAndPaymentsOf(db: EntityManager, loans: readonly Loan[], asOf: string | null = null) {
  const ids = loans.map((loan) => loan.id);
  const rows: Array<{
    loan_id: string;
    instalments: InstalmentJson;
    principal: string;
    interest: string;
  }> = await db.query(
    `select loan.id as loan_id,
            (select json_agg(json_build_object('number', instalment.number, 'due_on', instalment.due_on, 'principal', instalment.principal::text,
                                               'interest', instalment.interest::text) order by instalment.number)
               from loan_instalment instalment
              where instalment.tenant_id = loan.tenant_id and instalment.loan_id = loan.id
                and instalment.schedule_version = coalesce(in_force.schedule_version, loan.schedule_version)) as instalments,
            coalesce(paid.principal, 0)::text as principal, coalesce(paid.interest, 0)::text as interest
       from loan
       left join lateral (select max(schedule.schedule_version) as schedule_version
                            from ishc.loan_schedules(loan.tenant_id, loan.id) schedule
                           where $2::date is not null and schedule.effective_on <= $2::date) in_force on true
       left join lateral (select sum(principal) as principal, sum(interest) as interest from repayment
                           where repayment.tenant_id = loan.tenant_id and repayment.loan_id = loan.id
                             and ($2::date is null or repayment.paid_on <= $2::date)) paid on true
      where loan.id = any($1)`,
    [ids, asOf],
  );
  const schedules = new Map<string, Instalment[]>(ids.map((id) => [id, []]));
  const payments = new Map<string, { principal: bigint; interest: bigint }>();
  for (const row of rows) {
    schedules.set(row.loan_id, instalmentsOf(row.instalments));
    payments.set(row.loan_id, { principal: BigInt(row.principal), interest: BigInt(row.interest) });
  }
  return { schedules, payments };
}

type InstalmentJson = Array<{ number: number; due_on: string; principal: string; interest: string }> | null;

/** A schedule as json_agg gives it, amounts as text. */
function instalmentsOf(json: InstalmentJson): Instalment[] {
  return (json ?? []).map((instalment) => ({
    number: instalment.number,
    dueOn: instalment.due_on,
    principal: BigInt(instalment.principal),
    interest: BigInt(instalment.interest),
  }));
}

/**
 * Whether a loan was being repaid on a day: paid out by then (for a loan brought in from a club's
 * books, recorded here by then), and not yet closed or written off.
 */
function beingRepaidOn(loan: Loan, day: string): boolean {
  const since = recordedSince(loan);
  if (!since || since > day) return false;
  if (loan.status === LoanStatus.DISBURSED) return true;
  return loan.closedOn !== null && loan.closedOn > day;
}

/**
 * Where each loan stood at the end of a day: only the payments and reversals dated on or before
 * it count, against the schedule in force that day; what is recorded later never moves it.
 */
export async function standingsOf(db: EntityManager, loans: readonly Loan[], asOf = todayInVietnam()): Promise<Map<string, LoanStanding>> {
  const { schedules, payments } = await scheduleAndPaymentsOf(db, loans, asOf);
  const standings = new Map<string, LoanStanding>();
  for (const loan of loans) {
    const paid = payments.get(loan.id) ?? { principal: 0n, interest: 0n };
    const running = beingRepaidOn(loan, asOf);
    const repaid = loan.status === LoanStatus.CLOSED && loan.closedOn !== null && loan.closedOn <= asOf;
    const schedule = schedules.get(loan.id) ?? [];
    const position = positionOf(loan.principal, schedule, paid, asOf);
    const nextDue = running && position.nextDue ? Object.assign(new LoanInstalment(), position.nextDue) : null;
    standings.set(
      loan.id,
      Object.assign(new LoanStanding(), {
        outstandingPrincipal: running || repaid ? position.outstandingPrincipal : 0n,
        interestRemaining: running ? position.interestRemaining : 0n,
        arrears: running ? position.arrears : 0n,
        daysPastDue: running ? position.daysPastDue : 0,
        atRisk: running && position.daysPastDue > PAR_DAYS,
        nextDue,
        principalRepaid: paid.principal,
        interestPaid: paid.interest,
      }),
    );
  }
  return standings;
}

export async function scheduleOf(db: EntityManager, loan: Loan): Promise<LoanInstalment[]> {
  const { schedules } = await scheduleAndPaymentsOf(db, [loan]);
  return (schedules.get(loan.id) ?? []).filter((instalment) => instalment.number > 0).map((instalment) => Object.assign(new LoanInstalment(), instalment));
}

interface RepaymentRow {
  id: string;
  club_id: string;
  loan_id: string;
  paid_on: string;
  principal: string;
  interest: string;
  reverses_id: string | null;
  opening: boolean;
  recorded_at: Date;
}

function repaymentOf(row: RepaymentRow): Repayment {
  return Object.assign(new Repayment(), {
    id: row.id,
    clubId: row.club_id,
    loanId: row.loan_id,
    paidOn: row.paid_on,
    principal: BigInt(row.principal),
    interest: BigInt(row.interest),
    reversesId: row.reverses_id,
    opening: row.opening,
    recordedAt: row.recorded_at,
  });
}

const REPAYMENT_COLUMNS = `id, club_id, loan_id, paid_on::text as paid_on, principal::text as principal, interest::text as interest, reverses_id,
  opening, recorded_at`;

export async function repaymentsOf(db: EntityManager, loanId: string): Promise<Repayment[]> {
  const rows: RepaymentRow[] = await db.query(
    `select ${REPAYMENT_COLUMNS} from repayment where loan_id = $1 order by paid_on, recorded_at`,
    [loanId],
  );
  return rows.map(repaymentOf);
}

export async function findRepaymentsByIds(db: EntityManager, ids: readonly string[]): Promise<Repayment[]> {
  const rows: RepaymentRow[] = await db.query(`select ${REPAYMENT_COLUMNS} from repayment where id = any($1)`, [ids]);
  const byId = new Map(rows.map((row) => [row.id, repaymentOf(row)]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export async function eventsOf(db: EntityManager, loanId: string): Promise<LoanEvent[]> {
  const rows: Array<{ action: string; happened_on: string; reason: string | null; recorded_at: Date }> = await db.query(
    `select action, happened_on::text as happened_on, reason, recorded_at from loan_event where loan_id = $1 order by recorded_at`,
    [loanId],
  );
  return rows.map((row) => Object.assign(new LoanEvent(), { action: row.action, happenedOn: row.happened_on, reason: row.reason, recordedAt: row.recorded_at }));
}

/**
 * A club's loans, the ones past due first (longest overdue at the top), then the others newest
 * first. Days past due are computed from the schedules when read.
 */
export async function listLoans(db: EntityManager, clubId: string, args: LoansArgs, asOf = todayInVietnam()): Promise<Page<Loan>> {
  const conditions = ['loan.club_id = $1'];
  const parameters: unknown[] = [clubId, asOf];
  if (args.statuses?.length) conditions.push(`loan.status = any($${parameters.push(args.statuses)})`);
  if (args.memberId) conditions.push(`loan.member_id = $${parameters.push(args.memberId)}`);
  const ranked = `
    with paid as (
      select loan_id, sum(principal + interest) as amount from repayment where club_id = $1 group by loan_id),
    due as (
      select instalment.loan_id, instalment.due_on,
             sum(instalment.principal + instalment.interest) over (partition by instalment.loan_id order by instalment.number) as cumulative
        from loan_instalment instalment join loan on loan.id = instalment.loan_id and loan.schedule_version = instalment.schedule_version
       where instalment.club_id = $1 and loan.status = 'DISBURSED'),
    late as (
      select due.loan_id, $2::date - min(due.due_on) as days
        from due left join paid on paid.loan_id = due.loan_id
       where due.due_on <= $2::date and due.cumulative > coalesce(paid.amount, 0)
       group by due.loan_id)
    select ${LOAN_COLUMNS.split(',').map((column) => `loan.${column.trim()}`).join(', ')}, coalesce(late.days, 0) as days_past_due,
           loan.status = 'DISBURSED' as being_repaid, loan.requested_on as requested_date
      from loan left join late on late.loan_id = loan.id
     where ${conditions.join(' and ')} ${args.overdueOnly ? 'and coalesce(late.days, 0) > 0' : ''}`;
  // Pages follow the order itself (keyset): a loan requested while someone pages moves nothing.
  const countParameters = [...parameters];
  let after = '';
  if (args.after) {
    const [days, beingRepaid, requestedOn, id] = decodeCursor(args.after, 4);
    if (typeof days !== 'number' || !Number.isInteger(days) || (beingRepaid !== 0 && beingRepaid !== 1) || typeof requestedOn !== 'string' || !isLocalDate(requestedOn) || typeof id !== 'string' || !UUID_PATTERN.test(id)) {
      throw badInput([{ field: 'after', message: 'is not a cursor of this list' }]);
    }
    after = `where (ranked.days_past_due, ranked.being_repaid, ranked.requested_date, ranked.id)
                 < ($${parameters.push(days)}::int, $${parameters.push(beingRepaid === 1)}::boolean, $${parameters.push(requestedOn)}::date, $${parameters.push(id)}::uuid)`;
  }
  const rows: Array<LoanRow & { days_past_due: number; being_repaid: boolean }> = await db.query(
    `select * from (${ranked}) ranked ${after}
      order by ranked.days_past_due desc, ranked.being_repaid desc, ranked.requested_date desc, ranked.id desc
      limit ${args.first + 1}`,
    parameters,
  );
  const keys = new Map(rows.map((row) => [row.id, [row.days_past_due, row.being_repaid ? 1 : 0, row.requested_on, row.id]]));
  return {
    nodes: rows.slice(0, args.first).map(loanOf),
    cursorOf: (loan) => keys.get(loan.id) ?? [],
    hasNextPage: rows.length > args.first,
    hasPreviousPage: Boolean(args.after),
    countTotal: async () => {
      const [row]: Array<{ count: number }> = await db.query(`select count(*)::int as count from (${ranked}) as counted`, countParameters);
      return row.count;
    },
  };
}

/**
 * SQL: each club's portfolio at the end of a day from the loan positions valid on it (principal
 * owed, and the part more than 30 days past due), for the clubs `clubCondition` picks. `day` and
 * `parDays` are the statement's parameters, e.g. '$2' and '$3'. The report, the club's portfolio,
 * the dashboard and club health all count loans through this.
 */
export function clubPortfoliosSql(day: string, parDays: string, clubCondition: string): string {
  return `select position.club_id, count(*)::int as loans, sum(position.outstanding_principal) as outstanding,
            count(*) filter (where position.unpaid_since < ${day}::date - ${parDays}::int)::int as loans_at_risk,
            sum(position.outstanding_principal) filter (where position.unpaid_since < ${day}::date - ${parDays}::int) as at_risk
       from loan_position position
      where ${clubCondition} and position.valid_from <= ${day}::date and position.valid_until > ${day}::date
      group by position.club_id`;
}

/** A club's loan portfolio at the end of a day. */
export async function portfolioOf(db: EntityManager, clubId: string, asOf = todayInVietnam()): Promise<LoanPortfolio> {
  // No row when nothing is owed.
  const [row]: Array<{ loans: number; outstanding: string; loans_at_risk: number; at_risk: string | null }> = await db.query(
    `select loans, outstanding::text as outstanding, loans_at_risk, at_risk::text as at_risk
       from (${clubPortfoliosSql('$2', '$3', 'position.club_id = $1')}) portfolio`,
    [clubId, asOf, PAR_DAYS],
  );
  const [outstanding, atRisk] = [BigInt(row?.outstanding ?? 0), BigInt(row?.at_risk ?? 0)];
  return Object.assign(new LoanPortfolio(), {
    activeLoans: row?.loans ?? 0,
    outstandingPrincipal: outstanding,
    loansAtRisk: row?.loans_at_risk ?? 0,
    principalAtRisk: atRisk,
    par30: percentOf(atRisk, outstanding),
  });
}

/** part / whole in percent with two decimals, rounded half up, as exact text. */
export function percentOf(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0';
  const hundredths = (part * 10_000n * 2n + whole) / (whole * 2n);
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return text.replace(/\.?0+$/, '');
}

/** A loan charges interest at a monthly rate (which may be 0) or one flat fee, never both. */
function checkCharge(monthlyRate: string | null | undefined, flatFee: bigint | null | undefined, problems: FieldProblem[]): { hasRate: boolean; hasFee: boolean } {
  const hasRate = monthlyRate !== null && monthlyRate !== undefined;
  const hasFee = flatFee !== null && flatFee !== undefined;
  if (hasRate === hasFee) problems.push({ field: 'monthlyRate', message: 'give either a monthly rate (may be 0) or a flat fee' });
  if (hasRate && !/^\d{1,2}(\.\d{1,3})?$/.test(monthlyRate)) problems.push({ field: 'monthlyRate', message: 'must be a percent per month such as 0.5' });
  else if (hasRate && rateInThousandths(monthlyRate) > 10_000n) problems.push({ field: 'monthlyRate', message: 'must be at most 10 percent per month' });
  if (hasFee && flatFee < 0n) problems.push({ field: 'flatFee', message: 'must not be negative' });
  return { hasRate, hasFee };
}

const ACTIVE_STATUSES = [LoanStatus.REQUESTED, LoanStatus.APPROVED, LoanStatus.DISBURSED];

async function refuseBeyondRule(db: EntityManager, clubId: string, memberId: string, exceptLoanId: string | null, field: string): Promise<void> {
  const club = await requireClub(db, clubId);
  const [row]: Array<{ count: number }> = await db.query(
    `select count(*)::int as count from loan where member_id = $1 and status = any($2) and ($3::uuid is null or id <> $3)`,
    [memberId, ACTIVE_STATUSES, exceptLoanId],
  );
  if (row.count >= club.maxActiveLoansPerMember) {
    throw badInput([
      {
        field,
        message:
          club.maxActiveLoansPerMember === 1
            ? 'already has a loan that is not repaid; the club allows one loan per member'
            : `already has ${row.count} loans that are not repaid; the club allows ${club.maxActiveLoansPerMember}`,
      },
    ]);
  }
}

export async function requestLoan(db: EntityManager, requestId: string, clubId: string, input: RequestLoanInput): Promise<Loan> {
  const club = await requireClub(db, clubId);
  const problems: FieldProblem[] = [];
  const members: Array<{ joined_on: string; left_on: string | null }> = await db.query(
    'select joined_on::text as joined_on, left_on::text as left_on from member where id = $1 and club_id = $2',
    [input.memberId, clubId],
  );
  if (!members.length) problems.push({ field: 'memberId', message: 'is not a member of this club' });
  else if (members[0].left_on) problems.push({ field: 'memberId', message: 'has left the club' });
  if (club.status !== 'ACTIVE') problems.push({ field: 'clubId', message: 'only an active club lends' });
  if (input.principal <= 0n) problems.push({ field: 'principal', message: 'must be more than 0' });
  const { hasRate, hasFee } = checkCharge(input.monthlyRate, input.flatFee, problems);
  checkDay('requestedOn', input.requestedOn, problems, members[0]?.joined_on);
  if (problems.length) throw badInput(problems);
  await refuseBeyondRule(db, clubId, input.memberId, null, 'memberId');

  const [row]: Array<{ id: string }> = await db.query(
    `insert into loan (club_id, member_id, principal, term_months, monthly_rate, flat_fee, purpose, purpose_note, requested_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      clubId, input.memberId, input.principal.toString(), input.termMonths, hasRate ? input.monthlyRate : null,
      hasFee ? input.flatFee!.toString() : null, input.purpose, optionalText(input.purposeNote), input.requestedOn,
    ],
  );
  const loan = await reload(db, row.id);
  await recordEvent(db, loan, 'REQUESTED', input.requestedOn, null);
  await recordAudit(db, requestId, { action: 'loan.request', entityType: 'loan', entityId: loan.id, after: loan });
  return loan;
}

export async function approveLoan(db: EntityManager, requestId: string, input: LoanDecisionInput): Promise<Loan> {
  const before = await lockLoan(db, input.id, input.version);
  if (before.status !== LoanStatus.REQUESTED) throw badInput([{ field: 'id', message: 'only a requested loan can be approved' }]);
  const problems: FieldProblem[] = [];
  checkDay('decidedOn', input.decidedOn, problems, before.requestedOn);
  if (problems.length) throw badInput(problems);
  await refuseBeyondRule(db, before.clubId, before.memberId, before.id, 'id');
  await touch(db, before.id, `status = 'APPROVED', decided_on = $2, decision_note = $3`, [input.decidedOn, optionalText(input.reason)]);
  const after = await reload(db, before.id);
  await recordEvent(db, after, 'APPROVED', input.decidedOn, optionalText(input.reason));
  await recordAudit(db, requestId, { action: 'loan.approve', entityType: 'loan', entityId: before.id, before, after });
  return after;
}

export async function rejectLoan(db: EntityManager, requestId: string, input: LoanDecisionInput): Promise<Loan> {
  const before = await lockLoan(db, input.id, input.version);
  if (before.status !== LoanStatus.REQUESTED && before.status !== LoanStatus.APPROVED) {
    throw badInput([{ field: 'id', message: 'only a loan not yet paid out can be rejected' }]);
  }
  const reason = optionalText(input.reason);
  const problems: FieldProblem[] = [];
  if (!reason || reason.length < 3) problems.push({ field: 'reason', message: 'give the board’s reason' });
  checkDay('decidedOn', input.decidedOn, problems, before.requestedOn);
  if (problems.length) throw badInput(problems);
  await touch(db, before.id, `status = 'REJECTED', decided_on = $2, decision_note = $3`, [input.decidedOn, reason]);
  const after = await reload(db, before.id);
  await recordEvent(db, after, 'REJECTED', input.decidedOn, reason);
  await recordAudit(db, requestId, { action: 'loan.reject', entityType: 'loan', entityId: before.id, before, after });
  return after;
}

async function writeSchedule(db: EntityManager, loan: Loan, version: number, instalments: Instalment[]): Promise<void> {
  await db.query(
    `insert into loan_instalment (club_id, loan_id, schedule_version, number, due_on, principal, interest)
     select $1, $2, $3, number, due_on, principal, interest
       from unnest($4::smallint[], $5::date[], $6::bigint[], $7::bigint[]) as instalment(number, due_on, principal, interest)`,
    [
      loan.clubId, loan.id, version,
      instalments.map((instalment) => instalment.number),
      instalments.map((instalment) => instalment.dueOn),
      instalments.map((instalment) => instalment.principal.toString()),
      instalments.map((instalment) => instalment.interest.toString()),
    ],
  );
}

/** Pays out an approved loan; the caller has claimed the idempotency key. */
export async function payOutLoan(
  db: EntityManager,
  requestId: string,
  clubId: string,
  input: Omit<DisburseLoanInput, 'idempotencyKey'>,
  fieldPrefix = '',
): Promise<string> {
  const loan = await lockLoan(db, input.loanId);
  if (loan.clubId !== clubId) throw notFound('Loan');
  if (loan.status !== LoanStatus.APPROVED) {
    throw badInput([{ field: `${fieldPrefix}loanId`, message: 'only a loan approved by the board can be paid out' }]);
  }
  const problems: FieldProblem[] = [];
  checkDay(`${fieldPrefix}disbursedOn`, input.disbursedOn, problems, loan.decidedOn);
  const firstDueOn = input.firstDueOn ?? addMonths(input.disbursedOn, 1);
  if (firstDueOn <= input.disbursedOn) problems.push({ field: `${fieldPrefix}firstDueOn`, message: 'must be after the day it is paid out' });
  if (problems.length) throw badInput(problems);

  await lockClubMoney(db, clubId);
  refuseOverdraw(`${fieldPrefix}loanId`, Fund.INCOME_GENERATION, await fundBalance(db, clubId, Fund.INCOME_GENERATION), loan.principal);
  await writeSchedule(db, loan, 1, equalInstalments(loan.principal, loan.termMonths, firstDueOn, chargeOf(loan)));
  await touch(db, loan.id, `status = 'DISBURSED', disbursed_on = $2, first_due_on = $3, schedule_version = 1`, [input.disbursedOn, firstDueOn]);
  await appendEntry(db, {
    clubId,
    fund: Fund.INCOME_GENERATION,
    kind: LedgerKind.LOAN_DISBURSED,
    entryOn: input.disbursedOn,
    amount: -loan.principal,
    memberId: loan.memberId,
    loanId: loan.id,
  });
  const after = await reload(db, loan.id);
  await recordEvent(db, after, 'DISBURSED', input.disbursedOn, null);
  await recordAudit(db, requestId, { action: 'loan.disburse', entityType: 'loan', entityId: loan.id, before: loan, after });
  return loan.id;
}

/** A running loan as a club's own books had it on the go-live day, to be brought in. */
export interface OpeningLoanInput {
  memberId: string;
  principal: bigint;
  /** Principal still owed on the go-live day. */
  outstanding: bigint;
  termMonths: number;
  monthlyRate: string | null;
  flatFee: bigint | null;
  purpose: LoanPurpose;
  disbursedOn: string;
  openingOn: string;
  daysPastDue: number;
  nextDueOn: string | null;
}

/** How the step that brought a loan in reads in the loan's history. */
const OPENING_NOTE = 'Số dư đầu kỳ khi chuyển sang hệ thống';

/** Why opening figures make no schedule, as the field's message says it. */
function openingProblemMessage(problem: OpeningProblem): string {
  switch (problem.reason) {
    case 'NOT_AFTER_PAYOUT':
      return 'must be after the day the loan was paid out';
    case 'AFTER_TERM':
      return `falls after the last instalment of the term (${problem.lastDueOn})`;
    case 'MISSING':
      return `give the next instalment: the term runs until ${problem.lastDueOn}`;
    case 'DISAGREES_WITH_NEXT_DUE':
      return `must be ${problem.expected}: the instalment named next fell due that many days before the go-live day`;
    case 'BEFORE_PAYOUT':
      return `must be at most ${problem.most}: the loan was paid out only that long before the go-live day`;
    case 'TERM_OVER':
      return `the term ended on ${problem.lastDueOn} with principal still owed: give the days past due`;
  }
}

/** The opening figures' own problems: amounts, charge, term and days, each by its field. */
function openingLoanProblems(input: Omit<OpeningLoanInput, 'memberId' | 'purpose'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.principal <= 0n) problems.push({ field: 'principal', message: 'must be more than 0' });
  else if (input.principal > VND_ENTRY_CEILING) problems.push({ field: 'principal', message: VND_ENTRY_MESSAGE });
  if (input.outstanding <= 0n) problems.push({ field: 'outstanding', message: 'must be more than 0; a loan repaid in full is not brought in' });
  else if (input.outstanding > input.principal) problems.push({ field: 'outstanding', message: `is more than the amount lent (${formatVnd(input.principal)})` });
  checkCharge(input.monthlyRate, input.flatFee, problems);
  if (input.flatFee !== null && input.flatFee > VND_ENTRY_CEILING) problems.push({ field: 'flatFee', message: VND_ENTRY_MESSAGE });
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > MAX_TERM_MONTHS) {
    problems.push({ field: 'termMonths', message: `must be 1 to ${MAX_TERM_MONTHS} months` });
  }
  if (!Number.isInteger(input.daysPastDue) || input.daysPastDue < 0) problems.push({ field: 'daysPastDue', message: 'must be a whole number of days, 0 or more' });
  checkDay('openingOn', input.openingOn, problems);
  if (input.disbursedOn > input.openingOn) problems.push({ field: 'disbursedOn', message: 'must not be after the go-live day' });
  if (problems.length) return problems;
  const schedule = openingSchedule({ ...input, charge: chargeOf(input) });
  return 'problems' in schedule ? schedule.problems.map((problem) => ({ field: problem.field, message: openingProblemMessage(problem) })) : [];
}

/**
 * Brings in a loan a club's own books show running on its go-live day: paid out before it, with
 * the principal still owed, the days past due and the next instalment on that day. The loan counts
 * from the go-live day with a schedule in force from then (openingSchedule), and one opening
 * repayment stands for the principal repaid before it. No fund moves: the money went out and came
 * back before the go-live day, and the fund's opening balance already holds the difference; what
 * the member repays from now on comes into the fund as any repayment does. The club's rule on
 * loans a member may have at once holds as for a new loan.
 */
export async function recordOpeningLoan(db: EntityManager, requestId: string, clubId: string, input: OpeningLoanInput): Promise<Loan> {
  await requireClub(db, clubId);
  const problems = openingLoanProblems(input);
  const members: Array<{ joined_on: string; left_on: string | null }> = await db.query(
    'select joined_on::text as joined_on, left_on::text as left_on from member where id = $1 and club_id = $2',
    [input.memberId, clubId],
  );
  if (!members.length) problems.push({ field: 'memberId', message: 'is not a member of this club' });
  else if (members[0].left_on) problems.push({ field: 'memberId', message: 'has left the club' });
  else if (input.disbursedOn < members[0].joined_on) problems.push({ field: 'disbursedOn', message: `must not be before the member joined (${members[0].joined_on})` });
  if (problems.length) throw badInput(problems);
  await refuseBeyondRule(db, clubId, input.memberId, null, 'memberId');

  const schedule = openingSchedule({ ...input, charge: chargeOf(input) });
  if ('problems' in schedule) throw new Error('opening figures were checked');
  const [row]: Array<{ id: string }> = await db.query(
    `insert into loan (club_id, member_id, principal, term_months, monthly_rate, flat_fee, purpose, status, requested_on, decided_on,
                       disbursed_on, first_due_on, schedule_version, opening_on)
     values ($1, $2, $3, $4, $5, $6, $7, 'DISBURSED', $8, $8, $8, $9, 1, $10) returning id`,
    [
      clubId, input.memberId, input.principal.toString(), input.termMonths, input.monthlyRate, input.flatFee?.toString() ?? null,
      input.purpose, input.disbursedOn, schedule.firstDueOn, input.openingOn,
    ],
  );
  const loan = await reload(db, row.id);
  await writeSchedule(db, loan, 1, schedule.instalments);
  if (input.principal > input.outstanding) {
    await db.query(
      'insert into repayment (club_id, loan_id, paid_on, principal, interest, opening) values ($1, $2, $3, $4, 0, true)',
      [clubId, loan.id, input.openingOn, (input.principal - input.outstanding).toString()],
    );
  }
  await recordEvent(db, loan, 'DISBURSED', input.disbursedOn, null);
  await recordEvent(db, loan, 'OPENING_BALANCE', input.openingOn, OPENING_NOTE);
  await recordAudit(db, requestId, {
    action: 'loan.open',
    entityType: 'loan',
    entityId: loan.id,
    after: { ...loan, outstanding: input.outstanding, daysPastDue: input.daysPastDue, nextDueOn: input.nextDueOn },
  });
  return loan;
}

export interface OpeningStanding {
  openingOn: string;
  outstanding: bigint;
  daysPastDue: number;
  nextDueOn: string | null;
}

/**
 * What each loan brought in from a club's books was brought in with: where it stood on its go-live
 * day by its first schedule and its opening repayment alone, whatever was recorded since.
 */
export async function openingStandingsOf(db: EntityManager, loans: readonly Loan[]): Promise<Map<string, OpeningStanding>> {
  const opening = loans.filter((loan) => loan.openingOn !== null);
  const rows: Array<{ id: string; repaid: string; instalments: InstalmentJson }> = opening.length
    ? await db.query(
        `select loan.id, coalesce(repaid.principal, 0)::text as repaid,
                (select json_agg(json_build_object('number', instalment.number, 'due_on', instalment.due_on,
                                                   'principal', instalment.principal::text, 'interest', instalment.interest::text)
                                 order by instalment.number)
                   from loan_instalment instalment
                  where instalment.tenant_id = loan.tenant_id and instalment.loan_id = loan.id and instalment.schedule_version = 1) as instalments
           from loan
           left join repayment repaid on repaid.tenant_id = loan.tenant_id and repaid.loan_id = loan.id and repaid.opening
          where loan.id = any($1)`,
        [opening.map((loan) => loan.id)],
      )
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const standings = new Map<string, OpeningStanding>();
  for (const loan of opening) {
    const row = byId.get(loan.id)!;
    const position = positionOf(loan.principal, instalmentsOf(row.instalments), { principal: BigInt(row.repaid), interest: 0n }, loan.openingOn!);
    standings.set(loan.id, {
      openingOn: loan.openingOn!,
      outstanding: position.outstandingPrincipal,
      daysPastDue: position.daysPastDue,
      nextDueOn: position.nextDue?.dueOn ?? null,
    });
  }
  return standings;
}

/** The club of a loan, refused if the club is dissolved: one statement. */
async function clubOfLoan(db: EntityManager, loanId: string): Promise<string> {
  const [row]: Array<{ club_id: string; club_status: string }> = await db.query(
    `select loan.club_id, club.status as club_status
       from loan join club on club.tenant_id = loan.tenant_id and club.id = loan.club_id where loan.id = $1`,
    [loanId],
  );
  if (!row) throw notFound('Loan');
  if (row.club_status === 'DISSOLVED') throw badInput([{ field: 'clubId', message: 'the club is dissolved; its records are closed' }]);
  return row.club_id;
}

export async function disburseLoan(db: EntityManager, requestId: string, input: DisburseLoanInput): Promise<Loan> {
  const clubId = await clubOfLoan(db, input.loanId);
  const { idempotencyKey, ...payment } = input;
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'loan.disburse', input: payment }, async () => ({
    loanId: await payOutLoan(db, requestId, clubId, payment),
  }));
  return reload(db, receipt.loanId as string);
}

/**
 * Records a repayment; the caller has claimed the idempotency key. Refuses more than is owed.
 * Five statements: the loan locked (its version moved on with the lock), its schedule and what was
 * paid, the repayment with its ledger entries, and the audit; closing the loan is a sixth.
 */
export async function takeRepayment(
  db: EntityManager,
  requestId: string,
  clubId: string,
  input: Omit<RecordRepaymentInput, 'idempotencyKey'>,
  fieldPrefix = '',
): Promise<Repayment> {
  // Locking by an update moves the version on at once; a refusal below rolls it back with the rest.
  const [locked] = await rowsOf<LoanRow>(db, `update loan set version = version + 1, updated_at = now() where id = $1 returning ${LOAN_COLUMNS}`, [
    input.loanId,
  ]);
  if (!locked) throw notFound('Loan');
  const loan = loanOf(locked);
  if (loan.clubId !== clubId) throw notFound('Loan');
  if (loan.status !== LoanStatus.DISBURSED) {
    throw badInput([{ field: `${fieldPrefix}loanId`, message: 'only a loan being repaid takes repayments' }]);
  }
  const problems: FieldProblem[] = [];
  if (input.principal < 0n) problems.push({ field: `${fieldPrefix}principal`, message: 'must not be negative' });
  if (input.interest < 0n) problems.push({ field: `${fieldPrefix}interest`, message: 'must not be negative' });
  if (input.principal + input.interest <= 0n) problems.push({ field: `${fieldPrefix}principal`, message: 'must be more than 0' });
  // What was repaid before a loan brought in from a club's books was recorded is in its opening figures.
  checkDay(`${fieldPrefix}paidOn`, input.paidOn, problems, recordedSince(loan));
  if (problems.length) throw badInput(problems);

  const { schedules, payments } = await scheduleAndPaymentsOf(db, [loan]);
  const schedule = schedules.get(loan.id) ?? [];
  const paid = payments.get(loan.id) ?? { principal: 0n, interest: 0n };
  const standing = positionOf(loan.principal, schedule, paid, input.paidOn);
  const over: FieldProblem[] = [];
  if (input.principal > standing.outstandingPrincipal) {
    over.push({ field: `${fieldPrefix}principal`, message: `is more than what is owed (${formatVnd(standing.outstandingPrincipal)}); paid ${formatVnd(input.principal)}` });
  }
  if (input.interest > standing.interestRemaining) {
    over.push({ field: `${fieldPrefix}interest`, message: `is more than what is owed (${formatVnd(standing.interestRemaining)}); paid ${formatVnd(input.interest)}` });
  }
  if (over.length) throw badInput(over);

  // Money coming in cannot overdraw a fund, so no lock on the club's money is taken. The repayment
  // and its entries in the income-generation fund are written by one statement.
  const [repayment]: RepaymentRow[] = await db.query(
    `with paid as (
       insert into repayment (club_id, loan_id, paid_on, principal, interest) values ($1, $2, $3, $4, $5)
       returning *
     ),
     entries as (
       insert into ledger_entry (club_id, fund, kind, entry_on, amount, member_id, loan_id, repayment_id)
       select paid.club_id, 'INCOME_GENERATION', entry.kind, paid.paid_on, entry.amount, $6, paid.loan_id, paid.id
         from paid cross join lateral (values ('PRINCIPAL_REPAID', paid.principal), ('INTEREST', paid.interest)) as entry (kind, amount)
        where entry.amount > 0
     )
     select ${REPAYMENT_COLUMNS} from paid`,
    [clubId, loan.id, input.paidOn, input.principal.toString(), input.interest.toString(), loan.memberId],
  );
  const after = positionOf(loan.principal, schedule, { principal: paid.principal + input.principal, interest: paid.interest + input.interest }, input.paidOn);
  if (after.outstandingPrincipal === 0n && after.arrears === 0n) {
    // Repaid in full on the day of its latest payment: a payment recorded late, dated before one
    // recorded earlier, does not close the loan before the day that later payment was made.
    const [closed] = await rowsOf<{ closed_on: string }>(
      db,
      `update loan set status = 'CLOSED', closed_on = greatest($2::date, (select max(paid_on) from repayment where loan_id = $1))
        where id = $1 returning closed_on::text as closed_on`,
      [loan.id, input.paidOn],
    );
    await recordEvent(db, loan, 'CLOSED', closed.closed_on, null);
  }
  await recordAudit(db, requestId, {
    action: 'loan.repay',
    entityType: 'repayment',
    entityId: repayment.id,
    after: { loanId: loan.id, paidOn: input.paidOn, principal: input.principal.toString(), interest: input.interest.toString() },
  });
  return repaymentOf(repayment);
}

export async function recordRepayment(db: EntityManager, requestId: string, input: RecordRepaymentInput): Promise<Repayment> {
  const clubId = await clubOfLoan(db, input.loanId);
  const { idempotencyKey, ...payment } = input;
  let recorded: Repayment | undefined;
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'loan.repay', input: payment }, async () => {
    recorded = await takeRepayment(db, requestId, clubId, payment);
    return { repaymentId: recorded.id };
  });
  return recorded ?? (await findRepaymentsByIds(db, [receipt.repaymentId as string]))[0];
}

export async function reverseRepayment(db: EntityManager, requestId: string, input: ReverseRepaymentInput): Promise<Repayment> {
  const [target] = await findRepaymentsByIds(db, [input.id]);
  if (!target) throw notFound('Repayment');
  const clubId = target.clubId;
  await requireClub(db, clubId);
  const reason = normalizeText(input.reason);
  const receipt = await once(db, { clubId, key: input.idempotencyKey, operation: 'loan.repay.reverse', input: { id: input.id, reason } }, async () => {
    if (reason.length < 3) throw badInput([{ field: 'reason', message: 'give the reason for the correction' }]);
    const [original] = await findRepaymentsByIds(db, [input.id]);
    if (!original || original.clubId !== clubId) throw notFound('Repayment');
    if (original.reversesId) throw badInput([{ field: 'id', message: 'is itself a correction' }]);
    if (original.opening) throw badInput([{ field: 'id', message: 'stands for what was repaid before the go-live day; it is not a payment to reverse' }]);
    const loan = await lockLoan(db, original.loanId);
    const reversed: unknown[] = await db.query('select 1 from repayment where reverses_id = $1', [original.id]);
    if (reversed.length) throw badInput([{ field: 'id', message: 'was already reversed' }]);
    if (loan.status !== LoanStatus.DISBURSED && loan.status !== LoanStatus.CLOSED) {
      throw badInput([{ field: 'id', message: 'the loan was written off; its repayments stay' }]);
    }
    await lockClubMoney(db, clubId);
    refuseOverdraw('id', Fund.INCOME_GENERATION, await fundBalance(db, clubId, Fund.INCOME_GENERATION), original.principal + original.interest);
    const today = todayInVietnam();
    const [row]: Array<{ id: string }> = await db.query(
      `insert into repayment (club_id, loan_id, paid_on, principal, interest, reverses_id) values ($1, $2, $3, $4, $5, $6) returning id`,
      [clubId, loan.id, today, (-original.principal).toString(), (-original.interest).toString(), original.id],
    );
    const entries: Array<{ id: string; amount: string }> = await db.query(
      'select id, amount::text as amount from ledger_entry where repayment_id = $1',
      [original.id],
    );
    for (const entry of entries) {
      await appendEntry(db, {
        clubId, fund: Fund.INCOME_GENERATION, kind: LedgerKind.CORRECTION, entryOn: today, amount: -BigInt(entry.amount),
        memberId: loan.memberId, loanId: loan.id, repaymentId: row.id, description: reason, reversesId: entry.id,
      });
    }
    if (loan.status === LoanStatus.CLOSED) {
      await touch(db, loan.id, `status = 'DISBURSED', closed_on = null`, []);
      await recordEvent(db, loan, 'REOPENED', today, reason);
    } else {
      await touch(db, loan.id);
    }
    await recordAudit(db, requestId, { action: 'loan.repay.reverse', entityType: 'repayment', entityId: row.id, before: { id: original.id }, after: { reason } });
    return { repaymentId: row.id };
  });
  const [repayment] = await findRepaymentsByIds(db, [receipt.repaymentId as string]);
  return repayment;
}

export async function rescheduleLoan(db: EntityManager, requestId: string, input: RescheduleLoanInput): Promise<Loan> {
  const before = await lockLoan(db, input.id, input.version);
  if (before.status !== LoanStatus.DISBURSED) throw badInput([{ field: 'id', message: 'only a loan being repaid can be rescheduled' }]);
  const reason = normalizeText(input.reason);
  const today = todayInVietnam();
  const problems: FieldProblem[] = [];
  if (reason.length < 3) problems.push({ field: 'reason', message: 'give the board’s reason' });
  if (input.firstDueOn <= today) problems.push({ field: 'firstDueOn', message: 'must be after today' });
  if (problems.length) throw badInput(problems);
  const standing = (await standingsOf(db, [before], today)).get(before.id)!;
  const version = before.scheduleVersion + 1;
  // Instalment 0 stands for what was paid before the reschedule, so the new schedule still
  // adds up to the whole loan and payments keep covering instalments in order.
  const settled: Instalment = { number: 0, dueOn: today, principal: standing.principalRepaid, interest: standing.interestPaid };
  const charge: LoanCharge =
    before.flatFee !== null ? { flatFee: standing.interestRemaining } : { monthlyRate: before.monthlyRate ?? '0' };
  const rest = equalInstalments(standing.outstandingPrincipal, input.termMonths, input.firstDueOn, charge);
  await writeSchedule(db, before, version, [settled, ...rest]);
  await touch(db, before.id, 'schedule_version = $2, decided_on = $3', [version, today]);
  const after = await reload(db, before.id);
  await recordEvent(db, after, 'RESCHEDULED', today, reason);
  await recordAudit(db, requestId, { action: 'loan.reschedule', entityType: 'loan', entityId: before.id, before, after: { ...after, reason } });
  return after;
}

export async function writeOffLoan(db: EntityManager, requestId: string, input: LoanDecisionInput): Promise<Loan> {
  const before = await lockLoan(db, input.id, input.version);
  if (before.status !== LoanStatus.DISBURSED) throw badInput([{ field: 'id', message: 'only a loan being repaid can be written off' }]);
  const reason = optionalText(input.reason);
  const problems: FieldProblem[] = [];
  if (!reason || reason.length < 3) problems.push({ field: 'reason', message: 'give the board’s reason' });
  checkDay('decidedOn', input.decidedOn, problems, recordedSince(before));
  if (problems.length) throw badInput(problems);
  await touch(db, before.id, `status = 'WRITTEN_OFF', decided_on = $2, closed_on = $2, decision_note = $3`, [input.decidedOn, reason]);
  const after = await reload(db, before.id);
  await recordEvent(db, after, 'WRITTEN_OFF', input.decidedOn, reason);
  await recordAudit(db, requestId, { action: 'loan.write-off', entityType: 'loan', entityId: before.id, before, after });
  return after;
}
