import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, daysBetween, firstDayOf, lastDayOf, todayInVietnam } from '../../server/src/calendar.js';
import { percentOf } from '../../server/src/loans/loan.service.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

/**
 * Every figure of a month counts only what is dated on or before the month's last day: repayments
 * by the day they were paid, a reversal on its own day, days past due against the schedule in
 * force on that day. Writes dated in the current month never move last month's figures, draft or
 * frozen, and each month's figures agree with a computation made here straight from the rows.
 */
let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let kienGiang: string;
let sequence = 0;

const today = todayInVietnam();
const thisMonth = today.slice(0, 7);
const monthsAgo = (count: number) => addMonths(firstDayOf(thisMonth), -count).slice(0, 7);
const [m4, m3, m2, m1] = [4, 3, 2, 1].map(monthsAgo);
const key = () => `month-end-${Date.now()}-${(sequence += 1)}`;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  kienGiang = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = kienGiang): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw} ${JSON.stringify(response.errors.map((error) => error.extensions))}`);
  return response.data!;
}

interface Portfolio {
  loansOutstanding: number;
  outstandingPrincipal: number;
  loansOverdue: number;
  principalOverdue: number;
  par30: string;
}

/**
 * A club's (or the whole province's) portfolio at the end of a day, from the loans, their
 * instalments, repayments and loan events alone: a loan counts from the day it was paid out while
 * the repayments dated by then leave principal owed, unless written off by then; the schedule in
 * force is the first one plus one for every reschedule event on or before the day.
 */
async function portfolioFromRows(scope: { clubId: string } | { tenantId: string }, day: string): Promise<Portfolio> {
  const condition = 'clubId' in scope ? 'club_id = $1' : 'tenant_id = $1';
  const loans: Array<{ id: string; principal: string }> = await database.owner.query(
    `select id, principal::text as principal from loan
      where ${condition} and disbursed_on <= $2 and not (status = 'WRITTEN_OFF' and closed_on <= $2)`,
    ['clubId' in scope ? scope.clubId : scope.tenantId, day],
  );
  let outstanding = 0n;
  let atRisk = 0n;
  let loansOutstanding = 0;
  let loansOverdue = 0;
  for (const loan of loans) {
    const payments: Array<{ principal: string; interest: string }> = await database.owner.query(
      'select principal::text as principal, interest::text as interest from repayment where loan_id = $1 and paid_on <= $2',
      [loan.id, day],
    );
    const [reschedules] = await database.owner.query(
      `select count(*)::int as count from loan_event where loan_id = $1 and action = 'RESCHEDULED' and happened_on <= $2`,
      [loan.id, day],
    );
    const instalments: Array<{ due_on: string; amount: string }> = await database.owner.query(
      `select due_on::text as due_on, (principal + interest)::text as amount from loan_instalment
        where loan_id = $1 and schedule_version = $2 order by number`,
      [loan.id, 1 + reschedules.count],
    );
    const principalPaid = payments.reduce((sum, payment) => sum + BigInt(payment.principal), 0n);
    const totalPaid = payments.reduce((sum, payment) => sum + BigInt(payment.principal) + BigInt(payment.interest), 0n);
    const owed = BigInt(loan.principal) - principalPaid;
    if (owed <= 0n) continue;
    let cumulative = 0n;
    let daysPastDue = 0;
    for (const instalment of instalments) {
      cumulative += BigInt(instalment.amount);
      if (cumulative > totalPaid) {
        if (instalment.due_on <= day) daysPastDue = daysBetween(instalment.due_on, day);
        break;
      }
    }
    loansOutstanding += 1;
    outstanding += owed;
    if (daysPastDue > 30) {
      loansOverdue += 1;
      atRisk += owed;
    }
  }
  return { loansOutstanding, outstandingPrincipal: Number(outstanding), loansOverdue, principalOverdue: Number(atRisk), par30: percentOf(atRisk, outstanding) };
}

const REPORT_FIGURES = 'loansOutstanding outstandingPrincipal loansOverdue principalOverdue par30 principalRepaid interestReceived contributions activityFund incomeGenerationFund';

/** Everything the API says of a club's month: the figures, the report, the portfolio, each loan's standing, the province dashboard. */
async function monthAsSeen(clubId: string, month: string) {
  const day = month === thisMonth ? today : lastDayOf(month);
  const data = await ok<any>(
    `query ($clubId: ID!, $month: Month!, $day: LocalDate!) {
       monthFigures(clubId: $clubId, month: $month) { ${REPORT_FIGURES} }
       monthlyReport(clubId: $clubId, month: $month) { status figures { ${REPORT_FIGURES} } }
       loanPortfolio(clubId: $clubId, asOf: $day) { activeLoans outstandingPrincipal loansAtRisk principalAtRisk par30 }
       loans(clubId: $clubId, first: 50) { edges { node { id standing(asOf: $day) { outstandingPrincipal daysPastDue atRisk arrears } } } }
       provinceDashboard(month: $month) { loans { activeLoans loansAtRisk outstandingPrincipal principalAtRisk par30 } }
     }`,
    { clubId, month, day },
  );
  // Standings by loan; the list's own order follows days past due today, which may move.
  data.loans = Object.fromEntries(data.loans.edges.map((edge: { node: { id: string; standing: unknown } }) => [edge.node.id, edge.node.standing]));
  return data;
}

function expectPortfolio(seen: any, expected: Portfolio): void {
  const { par30, ...counts } = expected;
  expect(seen.monthFigures).toMatchObject({ ...counts, par30 });
  expect(seen.loanPortfolio).toEqual({
    activeLoans: expected.loansOutstanding,
    outstandingPrincipal: expected.outstandingPrincipal,
    loansAtRisk: expected.loansOverdue,
    principalAtRisk: expected.principalOverdue,
    par30,
  });
}

describe('figures of a month', () => {
  it('agree with the rows dated by the month’s end for the demo club, for every month it has run, in the report, the portfolio and the dashboard', async () => {
    for (const month of [monthsAgo(6), monthsAgo(5), m4, m3, m2, m1]) {
      const seen = await monthAsSeen(ids.kienLuongClub, month);
      const expected = await portfolioFromRows({ clubId: ids.kienLuongClub }, lastDayOf(month));
      expectPortfolio(seen, expected);
      if (seen.monthlyReport && seen.monthlyReport.status !== 'DRAFT') {
        expect(seen.monthlyReport.figures).toEqual(seen.monthFigures);
      }
      const province = await portfolioFromRows({ tenantId: ids.anGiang }, lastDayOf(month));
      expect(seen.provinceDashboard.loans).toEqual({
        activeLoans: province.loansOutstanding,
        loansAtRisk: province.loansOverdue,
        outstandingPrincipal: province.outstandingPrincipal,
        principalAtRisk: province.principalOverdue,
        par30: province.par30,
      });
    }
    // The demo's repayments go on after each month: a month-end that counted them would read less.
    const [later] = await database.owner.query(
      `select count(*)::int as count from repayment where club_id = $1 and paid_on > $2`,
      [ids.kienLuongClub, lastDayOf(m2)],
    );
    expect(later.count).toBeGreaterThan(0);
  });

  it('do not move when a repayment, a reversal, a reschedule and a corrected contribution are recorded in the current month', async () => {
    const { createClub } = await ok<{ createClub: { id: string } }>(
      `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
      { input: { communeId: ids.kienLuongTown, name: 'CLB thử số liệu cuối tháng', foundedOn: '2024-01-15', maxActiveLoansPerMember: 1 } },
    );
    const clubId = createClub.id;
    const addMember = async (fullName: string) =>
      (await ok<{ createMember: { id: string } }>(
        `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
        { input: { clubId, fullName, sex: 'FEMALE', birthYear: 1956, joinedOn: '2024-01-15' } },
      )).createMember.id;
    const fundEntry = async (fund: string, kind: string, entryOn: string, amount: number, memberId?: string) =>
      (await ok<{ recordFundEntry: { id: string } }>(
        `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
        { input: { clubId, fund, kind, entryOn, amount, memberId, description: 'Thử', idempotencyKey: key() } },
      )).recordFundEntry.id;
    const lend = async (memberId: string, principal: number) => {
      const requested = await ok<{ requestLoan: { id: string; version: number } }>(
        `mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id version } }`,
        { input: { clubId, memberId, principal, termMonths: 10, monthlyRate: '0.5', purpose: 'LIVESTOCK', requestedOn: `${m4}-01` } },
      );
      const approved = await ok<{ approveLoan: { id: string; version: number } }>(
        `mutation ($input: LoanDecisionInput!) { approveLoan(input: $input) { id version } }`,
        { input: { id: requested.requestLoan.id, version: requested.requestLoan.version, decidedOn: `${m4}-02` } },
      );
      await ok(`mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }`, {
        input: { loanId: approved.approveLoan.id, disbursedOn: `${m4}-10`, firstDueOn: `${m3}-10`, idempotencyKey: key() },
      });
      return approved.approveLoan.id;
    };
    const repay = async (loanId: string, paidOn: string, principal: number, interest: number) =>
      (await ok<{ recordRepayment: { id: string } }>(
        `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`,
        { input: { loanId, paidOn, principal, interest, idempotencyKey: key() } },
      )).recordRepayment.id;

    await fundEntry('INCOME_GENERATION', 'SEED_CAPITAL', '2024-01-15', 10_000_000);
    const [an, binh] = [await addMember('Lê Thị An'), await addMember('Trần Thị Bình')];
    // 3.000.000 ₫ over 10 months at 0,5%: 315.000 ₫ due on the 10th from m3; 2.000.000 ₫: 210.000 ₫.
    const paying = await lend(an, 3_000_000);
    const late = await lend(binh, 2_000_000);
    await repay(paying, `${m3}-10`, 300_000, 15_000);
    const reversedLater = await repay(paying, `${m2}-12`, 300_000, 15_000);
    const contribution = await fundEntry('ACTIVITY', 'CONTRIBUTION', `${m2}-05`, 50_000, an);

    // The club's reports: m2 submitted, then returned; m1 submitted and kept; the province's queue.
    const submit = (month: string, version: number | null = null) =>
      ok<{ submitMonthlyReport: { id: string; version: number; figures: any } }>(
        `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { id version figures { ${REPORT_FIGURES} } } }`,
        { input: { clubId, month, narrative: 'Sinh hoạt đều đặn.', version } },
      );
    const firstM2 = (await submit(m2)).submitMonthlyReport;
    const returned = await ok<{ returnMonthlyReport: { version: number } }>(
      `mutation ($input: ReportDecisionInput!) { returnMonthlyReport(input: $input) { version } }`,
      { input: { id: firstM2.id, version: firstM2.version, comment: 'Bổ sung tình hình thu hồi nợ.' } },
    );
    const frozenM1 = (await submit(m1)).submitMonthlyReport;

    // By hand, at the end of m1: 2.400.000 + 2.000.000 ₫ owed; the second loan unpaid since m3-10.
    const handM1: Portfolio = {
      loansOutstanding: 2,
      outstandingPrincipal: 4_400_000,
      loansOverdue: 1,
      principalOverdue: 2_000_000,
      par30: '45.45',
    };
    expect(frozenM1.figures).toMatchObject(handM1);
    expect(await portfolioFromRows({ clubId }, lastDayOf(m1))).toEqual(handM1);
    expect((await monthAsSeen(clubId, m1)).loans[late].daysPastDue).toBe(daysBetween(`${m3}-10`, lastDayOf(m1)));

    const before = { m1: await monthAsSeen(clubId, m1), m2: await monthAsSeen(clubId, m2) };

    // Today: a repayment, the m2 repayment taken back, the late loan rescheduled, the contribution reversed.
    await repay(paying, today, 300_000, 15_000);
    await ok(`mutation ($input: ReverseRepaymentInput!) { reverseRepayment(input: $input) { id } }`, {
      input: { id: reversedLater, reason: 'Ghi nhầm khoản vay', idempotencyKey: key() },
    });
    const { loan } = await ok<{ loan: { version: number } }>(`query ($id: ID!) { loan(id: $id) { version } }`, { id: late });
    await ok(`mutation ($input: RescheduleLoanInput!) { rescheduleLoan(input: $input) { id } }`, {
      input: { id: late, version: loan.version, termMonths: 8, firstDueOn: `${addMonths(firstDayOf(thisMonth), 1).slice(0, 7)}-10`, reason: 'Hộ gặp khó khăn do thiên tai' },
    });
    await ok(`mutation ($input: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $input) { id } }`, {
      input: { id: contribution, reason: 'Ghi trùng', idempotencyKey: key() },
    });

    const after = { m1: await monthAsSeen(clubId, m1), m2: await monthAsSeen(clubId, m2) };
    expect(after).toEqual(before);
    expect(after.m1.monthlyReport.figures).toEqual(frozenM1.figures);
    expect(after.m2.monthFigures.contributions).toBe(50_000);
    for (const month of [m4, m3, m2, m1]) {
      expectPortfolio(await monthAsSeen(clubId, month), await portfolioFromRows({ clubId }, lastDayOf(month)));
    }

    // Resubmitted today, the returned m2 report freezes what it froze the first time.
    const again = (await submit(m2, returned.returnMonthlyReport.version)).submitMonthlyReport;
    expect(again.figures).toEqual(firstM2.figures);

    // The current month carries what was dated in it: the reversal nets the repayment and the contribution.
    const current = await monthAsSeen(clubId, thisMonth);
    expect(current.monthFigures).toMatchObject({ principalRepaid: 0, interestReceived: 0, contributions: -50_000 });
    expectPortfolio(current, await portfolioFromRows({ clubId }, today));
    expect(current.loans[late].daysPastDue).toBe(0);
  });

  it('change for a month when an entry dated in that month is recorded later, and only then', async () => {
    const [loanRow] = await database.owner.query(
      `select loan.id from loan join loan_position position on position.loan_id = loan.id
        where loan.club_id = $1 and loan.status = 'DISBURSED' and position.valid_from <= $2 and position.valid_until > $2
        order by loan.id limit 1`,
      [ids.kienLuongClub, lastDayOf(m1)],
    );
    const before = await monthAsSeen(ids.kienLuongClub, m1);
    await ok(`mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`, {
      input: { loanId: loanRow.id, paidOn: `${m1}-28`, principal: 10_000, interest: 0, idempotencyKey: key() },
    });
    const after = await monthAsSeen(ids.kienLuongClub, m1);
    expect(after.monthFigures.outstandingPrincipal).toBe(before.monthFigures.outstandingPrincipal - 10_000);
    expect(after.monthFigures.principalRepaid).toBe(before.monthFigures.principalRepaid + 10_000);
    expectPortfolio(after, await portfolioFromRows({ clubId: ids.kienLuongClub }, lastDayOf(m1)));
    const earlier = await monthAsSeen(ids.kienLuongClub, m2);
    expectPortfolio(earlier, await portfolioFromRows({ clubId: ids.kienLuongClub }, lastDayOf(m2)));
  });

  it('count a loan repaid by a payment recorded late, dated before one recorded earlier, until the later day', async () => {
    const [loanRow] = await database.owner.query(
      `select loan.id, loan.version from loan where loan.club_id = $1 and loan.status = 'DISBURSED' and loan.disbursed_on < $2
        order by loan.id limit 1`,
      [ids.kienLuongClub, `${m1}-20`],
    );
    const owed = async () =>
      (await ok<any>(`query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal interestRemaining } } }`, { id: loanRow.id })).loan.standing;
    await ok(`mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`, {
      input: { loanId: loanRow.id, paidOn: today, principal: 10_000, interest: 0, idempotencyKey: key() },
    });
    const rest = await owed();
    await ok(`mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`, {
      input: { loanId: loanRow.id, paidOn: `${m1}-20`, principal: rest.outstandingPrincipal, interest: rest.interestRemaining, idempotencyKey: key() },
    });
    const [loan] = await database.owner.query('select status, closed_on::text as closed_on from loan where id = $1', [loanRow.id]);
    expect(loan).toEqual({ status: 'CLOSED', closed_on: today });
    const seen = await monthAsSeen(ids.kienLuongClub, m1);
    expect(seen.loans[loanRow.id].outstandingPrincipal).toBe(10_000);
    expectPortfolio(seen, await portfolioFromRows({ clubId: ids.kienLuongClub }, lastDayOf(m1)));
  });

  it('score a club’s health at a month’s end with the reports submitted by then, not those sent later', async () => {
    const { createClub } = await ok<{ createClub: { id: string } }>(
      `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
      { input: { communeId: ids.kienLuongTown, name: 'CLB thử báo cáo nộp muộn', foundedOn: '2024-01-15', maxActiveLoansPerMember: 1 } },
    );
    const health = async (month: string) =>
      (await ok<any>(`query ($id: ID!, $month: Month!) { club(id: $id) { health(month: $month) { score reasons { code value } } } }`, { id: createClub.id, month })).club.health;
    const before = await health(m1);
    expect(before.reasons).toContainEqual({ code: 'MISSING_REPORTS', value: '3' });
    await ok(`mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { id } }`, {
      input: { clubId: createClub.id, month: m3, narrative: 'Nộp bổ sung.' },
    });
    expect(await health(m1)).toEqual(before);
    expect((await health(thisMonth)).reasons).toContainEqual({ code: 'MISSING_REPORTS', value: '2' });
  });

  it('keeps each loan’s day-by-day positions equal to a computation from its rows after every kind of write', async () => {
    const mismatches = await database.owner.query(`
      select loan.id from loan
       where loan.disbursed_on is not null
         and array(select row(p.*)::text from loan_position p where p.loan_id = loan.id order by p.valid_from)
             <> array(select row(c.*)::text from ishc.loan_positions_computed(loan.tenant_id, loan.id) c order by c.valid_from)`);
    expect(mismatches).toEqual([]);
    const [{ count }] = await database.owner.query('select count(*)::int as count from loan_position');
    expect(count).toBeGreaterThan(0);
  });
});
