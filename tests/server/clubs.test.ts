import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, firstDayOf, todayInVietnam } from '../../server/src/calendar.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { asClub, asNational, demoIds, openTestDatabase, sqlStateOf, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let kienGiang: string;
let kienLuong: string;
let tucDuyen: string;
let national: string;
let sequence = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  [kienGiang, kienLuong, tucDuyen, national] = await Promise.all(
    ['kiengiang', 'kienluong.club', 'tucduyen.club', 'national.viewer'].map((login) => server.signIn(login)),
  );
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = todayInVietnam();
const key = () => `test-key-${Date.now()}-${(sequence += 1)}`;

function fieldsOf(response: GraphQLResponse): Array<{ field: string; message: string }> {
  return (response.errors ?? []).flatMap((error) => error.extensions?.fields ?? []);
}

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw}`);
  return response.data!;
}

async function countRows(table: string, clubId: string): Promise<number> {
  const [row] = await database.owner.query(`select count(*)::int as count from ${table} where club_id = $1`, [clubId]);
  return row.count;
}

/** A fresh club of Kiên Giang with its own members and money, so each case starts from known figures. */
async function freshClub(name: string): Promise<string> {
  const data = await ok<{ createClub: { id: string } }>(
    `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
    { input: { communeId: ids.kienLuongTown, name, foundedOn: '2024-01-15', maxActiveLoansPerMember: 1 } },
    kienGiang,
  );
  return data.createClub.id;
}

async function addMember(clubId: string, fullName: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number; duplicateStatus: string }> {
  const data = await ok<{ createMember: { id: string; version: number; duplicateStatus: string } }>(
    `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id version duplicateStatus } }`,
    { input: { clubId, fullName, sex: 'FEMALE', birthYear: 1955, joinedOn: '2024-01-15', ...extra } },
    kienGiang,
  );
  return data.createMember;
}

async function seedCapital(clubId: string, amount: number): Promise<void> {
  await ok(
    `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
    { input: { clubId, fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', entryOn: '2024-01-15', amount, description: 'Vốn ban đầu', idempotencyKey: key() } },
    kienGiang,
  );
}

async function approvedLoan(clubId: string, memberId: string, principal: number): Promise<{ id: string; version: number }> {
  const requested = await ok<{ requestLoan: { id: string; version: number } }>(
    `mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id version } }`,
    { input: { clubId, memberId, principal, termMonths: 10, monthlyRate: '0.5', purpose: 'LIVESTOCK', requestedOn: '2024-02-01' } },
    kienGiang,
  );
  const approved = await ok<{ approveLoan: { id: string; version: number } }>(
    `mutation ($input: LoanDecisionInput!) { approveLoan(input: $input) { id version } }`,
    { input: { id: requested.requestLoan.id, version: requested.requestLoan.version, decidedOn: '2024-02-02' } },
    kienGiang,
  );
  return approved.approveLoan;
}

const DISBURSE = `mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id status standing { outstandingPrincipal } } }`;
const REPAY = `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id principal interest } }`;

async function balances(clubId: string): Promise<{ incomeGeneration: number; activity: number }> {
  const data = await ok<{ club: { fundBalances: { incomeGeneration: number; activity: number } } }>(
    `query ($id: ID!) { club(id: $id) { fundBalances { incomeGeneration activity } } }`,
    { id: clubId },
    kienGiang,
  );
  return data.club.fundBalances;
}

async function sumsOfEntries(clubId: string): Promise<{ incomeGeneration: number; activity: number }> {
  const rows: Array<{ fund: string; total: string }> = await database.owner.query(
    `select fund, sum(amount)::text as total from ledger_entry where club_id = $1 group by fund`,
    [clubId],
  );
  const total = (fund: string) => Number(rows.find((row) => row.fund === fund)?.total ?? 0);
  return { incomeGeneration: total('INCOME_GENERATION'), activity: total('ACTIVITY') };
}

describe('the two funds', () => {
  it('keeps a fund from going below zero, refuses the entry saying what the fund holds, and writes nothing', async () => {
    const clubId = await freshClub('CLB thử số dư');
    await seedCapital(clubId, 1_000_000);
    const before = await countRows('ledger_entry', clubId);
    const response = await server.gql(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'INCOME_GENERATION', kind: 'EXPENSE', entryOn: '2024-01-21', amount: 1_000_001, description: 'Chi quá số dư', idempotencyKey: key() } },
      kienGiang,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(response)).toEqual([
      { field: 'amount', message: 'is more than the income-generation fund holds (1,000,000 VND); asked 1,000,001 VND' },
    ]);
    expect(await countRows('ledger_entry', clubId)).toBe(before);
    expect(await balances(clubId)).toEqual(await sumsOfEntries(clubId));
  });

  it('has no way to edit or delete a ledger entry, not even for the province', async () => {
    const [entry] = await database.owner.query('select id from ledger_entry where club_id = $1 limit 1', [ids.kienLuongClub]);
    expect(await sqlStateOf(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('update ledger_entry set amount = 1 where id = $1', [entry.id])))).toBe('42501');
    expect(await sqlStateOf(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('delete from ledger_entry where id = $1', [entry.id])))).toBe('42501');
  });
});

describe('a sequence of money operations', () => {
  it('leaves every balance equal to the sum of its entries, with the newest running balance equal to it', async () => {
    const clubId = await freshClub('CLB thử chuỗi nghiệp vụ');
    const first = await addMember(clubId, 'Lê Thị Một');
    const second = await addMember(clubId, 'Lê Thị Hai');
    await seedCapital(clubId, 8_000_000);
    const contribution = await ok<{ recordFundEntry: { id: string } }>(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: '2024-01-20', amount: 200_000, memberId: first.id, idempotencyKey: key() } },
      kienGiang,
    );
    await ok(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'ACTIVITY', kind: 'EXPENSE', entryOn: '2024-01-21', amount: 60_000, description: 'Nước uống', idempotencyKey: key() } },
      kienGiang,
    );
    const expense = await ok<{ recordFundEntry: { id: string } }>(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'ACTIVITY', kind: 'EXPENSE', entryOn: '2024-01-22', amount: 60_000, description: 'Hoa quả', idempotencyKey: key() } },
      kienGiang,
    );
    const REVERSE = `mutation ($input: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $input) { id amount kind } }`;
    // Taking back the 200,000 contribution now would leave the activity fund at -60,000.
    const refused = await server.gql(REVERSE, { input: { id: contribution.recordFundEntry.id, reason: 'Góp nhầm quỹ', idempotencyKey: key() } }, kienGiang);
    expect(fieldsOf(refused)).toEqual([{ field: 'id', message: 'is more than the activity fund holds (80,000 VND); asked 200,000 VND' }]);
    const reversal = await ok<{ reverseLedgerEntry: { amount: number; kind: string } }>(
      REVERSE,
      { input: { id: expense.recordFundEntry.id, reason: 'Chi trùng', idempotencyKey: key() } },
      kienGiang,
    );
    expect(reversal.reverseLedgerEntry).toEqual({ id: expect.any(String), amount: 60_000, kind: 'CORRECTION' });
    const loanA = await approvedLoan(clubId, first.id, 3_000_000);
    const loanB = await approvedLoan(clubId, second.id, 2_000_000);
    await ok(DISBURSE, { input: { loanId: loanA.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    await ok(DISBURSE, { input: { loanId: loanB.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    const repaid = await ok<{ recordRepayment: { id: string } }>(
      REPAY,
      { input: { loanId: loanA.id, paidOn: '2024-03-10', principal: 300_000, interest: 15_000, idempotencyKey: key() } },
      kienGiang,
    );
    await ok(
      `mutation ($input: ReverseRepaymentInput!) { reverseRepayment(input: $input) { id principal interest } }`,
      { input: { id: repaid.recordRepayment.id, reason: 'Ghi nhầm khoản vay', idempotencyKey: key() } },
      kienGiang,
    );
    await ok(REPAY, { input: { loanId: loanB.id, paidOn: '2024-03-10', principal: 200_000, interest: 10_000, idempotencyKey: key() } }, kienGiang);

    const sums = await sumsOfEntries(clubId);
    expect(await balances(clubId)).toEqual(sums);
    // 8,000,000 in, 5,000,000 lent, 315,000 repaid then reversed, 210,000 repaid.
    expect(sums).toEqual({ incomeGeneration: 8_000_000 - 5_000_000 + 210_000, activity: 200_000 - 60_000 - 60_000 + 60_000 });
    for (const fund of ['INCOME_GENERATION', 'ACTIVITY']) {
      const ledger = await ok<{ ledgerEntries: { edges: Array<{ node: { runningBalance: number } }> } }>(
        `query ($clubId: ID, $fund: Fund!) { ledgerEntries(clubId: $clubId, fund: $fund, first: 1) { edges { node { runningBalance } } } }`,
        { clubId, fund },
        kienGiang,
      );
      expect(ledger.ledgerEntries.edges[0].node.runningBalance).toBe(fund === 'ACTIVITY' ? sums.activity : sums.incomeGeneration);
    }
    const loanState = await ok<{ loan: { standing: { outstandingPrincipal: number; principalRepaid: number } } }>(
      `query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal principalRepaid } } }`,
      { id: loanA.id },
      kienGiang,
    );
    expect(loanState.loan.standing).toEqual({ outstandingPrincipal: 3_000_000, principalRepaid: 0 });
  });
});

describe('loans', () => {
  it('refuses a payout above the fund’s balance with the amounts, and writes nothing', async () => {
    const clubId = await freshClub('CLB thử giải ngân');
    const member = await addMember(clubId, 'Phạm Thị Vay');
    await seedCapital(clubId, 2_000_000);
    const loan = await approvedLoan(clubId, member.id, 2_500_000);
    const before = { ledger: await countRows('ledger_entry', clubId), schedule: await countRows('loan_instalment', clubId) };
    const response = await server.gql(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    expect(fieldsOf(response)).toEqual([
      { field: 'loanId', message: 'is more than the income-generation fund holds (2,000,000 VND); asked 2,500,000 VND' },
    ]);
    expect({ ledger: await countRows('ledger_entry', clubId), schedule: await countRows('loan_instalment', clubId) }).toEqual(before);
    const [row] = await database.owner.query('select status from loan where id = $1', [loan.id]);
    expect(row.status).toBe('APPROVED');
  });

  it('refuses a repayment above what is owed with the amounts, and writes nothing', async () => {
    const clubId = await freshClub('CLB thử trả nợ');
    const member = await addMember(clubId, 'Võ Thị Trả');
    await seedCapital(clubId, 5_000_000);
    const loan = await approvedLoan(clubId, member.id, 1_000_000);
    await ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    const before = { ledger: await countRows('ledger_entry', clubId), repayments: await countRows('repayment', clubId) };
    const response = await server.gql(
      REPAY,
      { input: { loanId: loan.id, paidOn: '2024-03-10', principal: 1_000_001, interest: 0, idempotencyKey: key() } },
      kienGiang,
    );
    expect(fieldsOf(response)).toEqual([{ field: 'principal', message: 'is more than what is owed (1,000,000 VND); paid 1,000,001 VND' }]);
    // 0.5% a month on 1,000,000 over 10 months is 50,000 of interest in all.
    const tooMuchInterest = await server.gql(
      REPAY,
      { input: { loanId: loan.id, paidOn: '2024-03-10', principal: 0, interest: 50_001, idempotencyKey: key() } },
      kienGiang,
    );
    expect(fieldsOf(tooMuchInterest)).toEqual([{ field: 'interest', message: 'is more than what is owed (50,000 VND); paid 50,001 VND' }]);
    expect({ ledger: await countRows('ledger_entry', clubId), repayments: await countRows('repayment', clubId) }).toEqual(before);
  });

  it('counts a retried repayment once, and refuses the same key for another repayment', async () => {
    const clubId = await freshClub('CLB thử gửi lại');
    const member = await addMember(clubId, 'Đặng Thị Mạng');
    await seedCapital(clubId, 5_000_000);
    const loan = await approvedLoan(clubId, member.id, 1_000_000);
    const payoutKey = key();
    const payout = { input: { loanId: loan.id, disbursedOn: '2024-02-10', idempotencyKey: payoutKey } };
    await ok(DISBURSE, payout, kienGiang);
    await ok(DISBURSE, payout, kienGiang);
    const repaymentKey = key();
    const repayment = { input: { loanId: loan.id, paidOn: '2024-03-10', principal: 100_000, interest: 5_000, idempotencyKey: repaymentKey } };
    const [first, again] = await Promise.all([server.gql(REPAY, repayment, kienGiang), server.gql(REPAY, repayment, kienGiang)]);
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(first.data).toEqual(again.data);
    expect(await countRows('repayment', clubId)).toBe(1);
    expect(await sumsOfEntries(clubId)).toEqual({ incomeGeneration: 5_000_000 - 1_000_000 + 105_000, activity: 0 });
    const reused = await server.gql(REPAY, { input: { ...repayment.input, principal: 200_000 } }, kienGiang);
    expect(fieldsOf(reused)).toEqual([{ field: 'idempotencyKey', message: 'was already used for a different request' }]);
  });

  it('allows one loan per member unless the club’s rule says more', async () => {
    const clubId = await freshClub('CLB thử một khoản vay');
    const member = await addMember(clubId, 'Bùi Thị Luật');
    await approvedLoan(clubId, member.id, 500_000);
    const second = await server.gql(
      `mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id } }`,
      { input: { clubId, memberId: member.id, principal: 500_000, termMonths: 6, flatFee: 30_000, purpose: 'CROPS', requestedOn: '2024-02-05' } },
      kienGiang,
    );
    expect(fieldsOf(second)).toEqual([{ field: 'memberId', message: 'already has a loan that is not repaid; the club allows one loan per member' }]);
  });

  it('reschedules what remains by a board decision and writes a loan off with its reason', async () => {
    const clubId = await freshClub('CLB thử gia hạn');
    const member = await addMember(clubId, 'Huỳnh Thị Gia Hạn');
    await seedCapital(clubId, 5_000_000);
    const loan = await approvedLoan(clubId, member.id, 1_200_000);
    await ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    await ok(REPAY, { input: { loanId: loan.id, paidOn: '2024-03-10', principal: 120_000, interest: 6_000, idempotencyKey: key() } }, kienGiang);
    const LOAN = 'id version status standing { outstandingPrincipal daysPastDue } schedule { number dueOn principal interest } events { action reason }';
    const before = await ok<{ loan: any }>(`query ($id: ID!) { loan(id: $id) { ${LOAN} } }`, { id: loan.id }, kienGiang);
    expect(before.loan.standing.daysPastDue).toBeGreaterThan(30);
    const firstDueOn = addMonths(today, 1);
    const noReason = await server.gql(
      `mutation ($input: RescheduleLoanInput!) { rescheduleLoan(input: $input) { id } }`,
      { input: { id: loan.id, version: before.loan.version, termMonths: 6, firstDueOn, reason: '' } },
      kienGiang,
    );
    expect(fieldsOf(noReason)).toEqual([{ field: 'reason', message: 'give the board’s reason' }]);
    const rescheduled = await ok<{ rescheduleLoan: any }>(
      `mutation ($input: RescheduleLoanInput!) { rescheduleLoan(input: $input) { ${LOAN} } }`,
      { input: { id: loan.id, version: before.loan.version, termMonths: 6, firstDueOn, reason: 'Mất mùa, ban chủ nhiệm cho gia hạn' } },
      kienGiang,
    );
    const schedule = rescheduled.rescheduleLoan.schedule;
    expect(schedule).toHaveLength(6);
    expect(schedule[0]).toMatchObject({ number: 1, dueOn: firstDueOn, principal: 180_000, interest: 5_400 });
    expect(schedule.reduce((sum: number, instalment: { principal: number }) => sum + instalment.principal, 0)).toBe(1_080_000);
    expect(rescheduled.rescheduleLoan.standing).toEqual({ outstandingPrincipal: 1_080_000, daysPastDue: 0 });
    const writtenOff = await ok<{ writeOffLoan: any }>(
      `mutation ($input: LoanDecisionInput!) { writeOffLoan(input: $input) { ${LOAN} } }`,
      { input: { id: loan.id, version: rescheduled.rescheduleLoan.version, decidedOn: today, reason: 'Hội viên qua đời, gia đình không có khả năng trả' } },
      kienGiang,
    );
    expect(writtenOff.writeOffLoan.status).toBe('WRITTEN_OFF');
    expect(writtenOff.writeOffLoan.events.map((event: { action: string }) => event.action)).toEqual(['REQUESTED', 'APPROVED', 'DISBURSED', 'RESCHEDULED', 'WRITTEN_OFF']);
    const portfolio = await ok<{ loanPortfolio: { activeLoans: number; outstandingPrincipal: number } }>(
      `query ($clubId: ID) { loanPortfolio(clubId: $clubId) { activeLoans outstandingPrincipal } }`,
      { clubId },
      kienGiang,
    );
    expect(portfolio.loanPortfolio).toEqual({ activeLoans: 0, outstandingPrincipal: 0 });
  });

  it('lists the seeded overdue loans first with days past due computed from the schedule', async () => {
    const data = await ok<{ loans: { edges: Array<{ node: { status: string; standing: { daysPastDue: number; atRisk: boolean } } }> } }>(
      '{ loans(first: 50) { edges { node { status standing { daysPastDue atRisk } } } } }',
      {},
      kienLuong,
    );
    const days = data.loans.edges.map((edge) => edge.node.standing.daysPastDue);
    expect(days[0]).toBeGreaterThan(30);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const portfolio = await ok<{ loanPortfolio: { loansAtRisk: number; par30: string; outstandingPrincipal: number; principalAtRisk: number } }>(
      '{ loanPortfolio { loansAtRisk par30 outstandingPrincipal principalAtRisk } }',
      {},
      kienLuong,
    );
    expect(portfolio.loanPortfolio.loansAtRisk).toBe(data.loans.edges.filter((edge) => edge.node.standing.atRisk).length);
    const expected = ((portfolio.loanPortfolio.principalAtRisk * 100) / portfolio.loanPortfolio.outstandingPrincipal).toFixed(2);
    expect(Number(portfolio.loanPortfolio.par30)).toBeCloseTo(Number(expected), 2);
  });

  it('pages through the loans in the order of one long page, and a loan requested meanwhile shifts nothing', async () => {
    type Loans = { loans: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; status: string } }> } };
    const LOANS = `query ($first: Int!, $after: String) { loans(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`;
    const REQUEST = `mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id } }`;
    const borrowers: Array<{ id: string }> = await database.owner.query(
      `select id from member where club_id = $1 and left_on is null and joined_on <= '2025-01-01'
          and not exists (select 1 from loan where loan.member_id = member.id) order by id limit 5`,
      [ids.kienLuongClub],
    );
    // Four requests waiting since January, so that loans not being repaid fill more than one page.
    for (const [index, borrower] of borrowers.slice(0, 4).entries()) {
      await ok(REQUEST, { input: { memberId: borrower.id, principal: 1_000_000, termMonths: 6, monthlyRate: '0.5', purpose: 'LIVESTOCK', requestedOn: `2026-01-0${index + 1}` } }, kienLuong);
    }
    const whole = (await ok<Loans>(LOANS, { first: 100 }, kienLuong)).loans;
    const paged: string[] = [];
    let requested: string | null = null;
    let after: string | null = null;
    for (;;) {
      const page: Loans['loans'] = (await ok<Loans>(LOANS, { first: 3, after }, kienLuong)).loans;
      paged.push(...page.edges.map((edge) => edge.node.id));
      if (!requested && page.pageInfo.hasNextPage && page.edges.some((edge) => edge.node.status !== 'DISBURSED')) {
        // Asked today, the new request sorts first among loans not being repaid: among those
        // already read. Counted by position, the next page would repeat one of them.
        const made = await ok<{ requestLoan: { id: string } }>(
          REQUEST,
          { input: { memberId: borrowers[4].id, principal: 1_000_000, termMonths: 6, monthlyRate: '0.5', purpose: 'LIVESTOCK', requestedOn: today } },
          kienLuong,
        );
        requested = made.requestLoan.id;
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(requested).not.toBeNull();
    expect(paged).toEqual(whole.edges.map((edge) => edge.node.id));
    expect((await ok<Loans>(LOANS, { first: 100 }, kienLuong)).loans.totalCount).toBe(whole.totalCount + 1);
    const forged = Buffer.from(JSON.stringify([1, 1, 'not-a-date', 'x'])).toString('base64url');
    expect(fieldsOf(await server.gql(LOANS, { first: 3, after: forged }, kienLuong))).toEqual([{ field: 'after', message: 'is not a cursor of this list' }]);
  });
});

describe('the meeting sheet', () => {
  const SUBMIT = `mutation ($input: SubmitMeetingSheetInput!) {
    submitMeetingSheet(input: $input) { activity { id attendanceCount monthlyMeeting } repayments { principal } contributions { amount } disbursedLoans { id status } }
  }`;

  it('saves attendance, repayments, contributions and payouts as one submission, once however often it is sent', async () => {
    const clubId = await freshClub('CLB thử sổ sinh hoạt');
    const members = [await addMember(clubId, 'Hồ Thị A'), await addMember(clubId, 'Hồ Thị B'), await addMember(clubId, 'Hồ Văn C', { sex: 'MALE' })];
    await seedCapital(clubId, 3_000_000);
    const running = await approvedLoan(clubId, members[0].id, 1_000_000);
    await ok(DISBURSE, { input: { loanId: running.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
    const waiting = await approvedLoan(clubId, members[1].id, 2_100_000);
    const input = {
      clubId,
      heldOn: '2024-03-10',
      attendeeIds: members.map((member) => member.id),
      repayments: [{ loanId: running.id, principal: 100_000, interest: 5_000 }],
      contributions: members.map((member) => ({ memberId: member.id, amount: 10_000 })),
      disbursements: [{ loanId: waiting.id }],
      idempotencyKey: key(),
    };
    const first = await ok<{ submitMeetingSheet: any }>(SUBMIT, { input }, kienGiang);
    const again = await ok<{ submitMeetingSheet: any }>(SUBMIT, { input }, kienGiang);
    expect(again).toEqual(first);
    expect(first.submitMeetingSheet.activity).toMatchObject({ attendanceCount: 3, monthlyMeeting: true });
    expect(first.submitMeetingSheet.disbursedLoans).toEqual([{ id: waiting.id, status: 'DISBURSED' }]);
    expect(await countRows('activity', clubId)).toBe(1);
    expect(await countRows('repayment', clubId)).toBe(1);
    // The fund held 2,000,000; the payout of 2,100,000 fits only because the meeting's repayment came in first.
    expect(await sumsOfEntries(clubId)).toEqual({ incomeGeneration: 3_000_000 - 1_000_000 + 105_000 - 2_100_000, activity: 30_000 });
  });

  it('writes nothing when one line is refused, and names that line', async () => {
    const clubId = await freshClub('CLB thử sổ lỗi');
    const members = [await addMember(clubId, 'Ngô Thị A'), await addMember(clubId, 'Ngô Thị B')];
    await seedCapital(clubId, 3_000_000);
    const loans = [];
    for (const member of members) {
      const loan = await approvedLoan(clubId, member.id, 1_000_000);
      await ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2024-02-10', idempotencyKey: key() } }, kienGiang);
      loans.push(loan);
    }
    const before = await Promise.all(['activity', 'attendance', 'repayment', 'ledger_entry'].map((table) => countRows(table, clubId)));
    const response = await server.gql(
      SUBMIT,
      {
        input: {
          clubId,
          heldOn: '2024-03-10',
          attendeeIds: members.map((member) => member.id),
          repayments: [
            { loanId: loans[0].id, principal: 100_000, interest: 5_000 },
            { loanId: loans[1].id, principal: 1_100_000, interest: 0 },
          ],
          contributions: [{ memberId: members[0].id, amount: 10_000 }],
          disbursements: [],
          idempotencyKey: key(),
        },
      },
      kienGiang,
    );
    expect(fieldsOf(response)).toEqual([{ field: 'repayments[1].principal', message: 'is more than what is owed (1,000,000 VND); paid 1,100,000 VND' }]);
    expect(await Promise.all(['activity', 'attendance', 'repayment', 'ledger_entry'].map((table) => countRows(table, clubId)))).toEqual(before);
  });
});

describe('monthly reports', () => {
  const lastMonth = addMonths(firstDayOf(today.slice(0, 7)), -1).slice(0, 7);
  const REPORT = 'id version status late returnComment figures { members activityFund contributions attendanceRate }';

  it('keeps a submitted report’s figures when the data changes afterwards', async () => {
    const clubId = await freshClub('CLB thử báo cáo');
    const member = await addMember(clubId, 'Dương Thị Báo');
    await ok(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: `${lastMonth}-05`, amount: 40_000, memberId: member.id, idempotencyKey: key() } },
      kienGiang,
    );
    const submitted = await ok<{ submitMonthlyReport: any }>(
      `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { ${REPORT} } }`,
      { input: { clubId, month: lastMonth, narrative: 'Sinh hoạt đều đặn.' } },
      kienGiang,
    );
    expect(submitted.submitMonthlyReport.figures).toMatchObject({ members: 1, activityFund: 40_000, contributions: 40_000 });
    await addMember(clubId, 'Dương Thị Mới', { joinedOn: `${lastMonth}-20` });
    await ok(
      `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      { input: { clubId, fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: `${lastMonth}-25`, amount: 60_000, memberId: member.id, idempotencyKey: key() } },
      kienGiang,
    );
    const read = await ok<{ monthlyReport: any; monthFigures: any }>(
      `query ($clubId: ID, $month: Month!) { monthlyReport(clubId: $clubId, month: $month) { ${REPORT} } monthFigures(clubId: $clubId, month: $month) { members activityFund } }`,
      { clubId, month: lastMonth },
      kienGiang,
    );
    expect(read.monthlyReport.figures).toEqual(submitted.submitMonthlyReport.figures);
    expect(read.monthFigures).toEqual({ members: 2, activityFund: 100_000 });
  });

  it('goes back to the club with a comment, is approved by the province only, and reopens only with a reason', async () => {
    const month = addMonths(firstDayOf(today.slice(0, 7)), -9).slice(0, 7);
    const submitted = await ok<{ submitMonthlyReport: any }>(
      `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { ${REPORT} } }`,
      { input: { month, narrative: 'Báo cáo tháng.' } },
      kienLuong,
    );
    const report = submitted.submitMonthlyReport;
    expect(report.late).toBe(true);
    const DECIDE = (name: string) => `mutation ($input: ReportDecisionInput!) { ${name}(input: $input) { ${REPORT} } }`;
    expect(codesOf(await server.gql(DECIDE('approveMonthlyReport'), { input: { id: report.id, version: report.version } }, kienLuong))).toEqual(['FORBIDDEN']);
    const noComment = await server.gql(DECIDE('returnMonthlyReport'), { input: { id: report.id, version: report.version, comment: ' ' } }, kienGiang);
    expect(fieldsOf(noComment)).toEqual([{ field: 'comment', message: 'say what the club should correct, or why' }]);
    const returned = await ok<{ returnMonthlyReport: any }>(
      DECIDE('returnMonthlyReport'),
      { input: { id: report.id, version: report.version, comment: 'Bổ sung số lượt chăm sóc tại nhà.' } },
      kienGiang,
    );
    expect(returned.returnMonthlyReport).toMatchObject({ status: 'RETURNED', returnComment: 'Bổ sung số lượt chăm sóc tại nhà.' });
    const stale = await server.gql(DECIDE('approveMonthlyReport'), { input: { id: report.id, version: report.version } }, kienGiang);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const resubmitted = await ok<{ submitMonthlyReport: any }>(
      `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { ${REPORT} } }`,
      { input: { month, narrative: 'Đã bổ sung.', version: returned.returnMonthlyReport.version } },
      kienLuong,
    );
    const approved = await ok<{ approveMonthlyReport: any }>(
      DECIDE('approveMonthlyReport'),
      { input: { id: report.id, version: resubmitted.submitMonthlyReport.version } },
      kienGiang,
    );
    expect(approved.approveMonthlyReport.status).toBe('APPROVED');
    const noReason = await server.gql(DECIDE('reopenMonthlyReport'), { input: { id: report.id, version: approved.approveMonthlyReport.version } }, kienGiang);
    expect(fieldsOf(noReason)[0].field).toBe('comment');
    const reopened = await ok<{ reopenMonthlyReport: any }>(
      DECIDE('reopenMonthlyReport'),
      { input: { id: report.id, version: approved.approveMonthlyReport.version, comment: 'Sai số dư quỹ hoạt động.' } },
      kienGiang,
    );
    expect(reopened.reopenMonthlyReport.status).toBe('RETURNED');
    const events = await database.owner.query(`select action, comment from monthly_report_event where report_id = $1 order by recorded_at`, [report.id]);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['SUBMITTED', 'RETURNED', 'SUBMITTED', 'APPROVED', 'REOPENED']);
    const audits = await database.owner.query(`select action from audit_event where entity_id = $1 order by occurred_at, id`, [report.id]);
    expect(audits.map((audit: { action: string }) => audit.action)).toEqual(
      expect.arrayContaining(['report.submit', 'report.returned', 'report.approved', 'report.reopened']),
    );
  });

  it('cannot be approved by club staff even directly in the database', async () => {
    const [report] = await database.owner.query(`select id from monthly_report where club_id = $1 and status = 'SUBMITTED' limit 1`, [ids.kienLuongClub]);
    expect(report).toBeDefined();
    expect(
      await sqlStateOf(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query(`update monthly_report set status = 'APPROVED' where id = $1`, [report.id]))),
    ).toBe('42501');
  });
});

describe('members', () => {
  it('flags a possible duplicate in another club of the province without refusing it, until the staff confirm', async () => {
    const [existing] = await database.owner.query(
      `select full_name, birth_year from member where club_id = $1 and left_on is null order by full_name limit 1`,
      [ids.kienLuongClub],
    );
    const clubId = await freshClub('CLB thử trùng lặp');
    const decomposed = existing.full_name.normalize('NFD').toUpperCase();
    const candidates = await ok<{ memberDuplicateCandidates: Array<{ clubName: string; matchedBy: string }> }>(
      `query ($fullName: String!, $birthYear: Int!) { memberDuplicateCandidates(fullName: $fullName, birthYear: $birthYear) { clubName matchedBy } }`,
      { fullName: decomposed, birthYear: existing.birth_year },
      kienGiang,
    );
    expect(candidates.memberDuplicateCandidates).toContainEqual({
      clubName: 'CLB Liên thế hệ tự giúp nhau Hội Người cao tuổi thị trấn Kiên Lương',
      matchedBy: 'NAME_AND_BIRTH_YEAR',
    });
    const flagged = await addMember(clubId, decomposed, { birthYear: existing.birth_year });
    expect(flagged.duplicateStatus).toBe('POSSIBLE');
    const confirmed = await ok<{ confirmMemberDistinct: { duplicateStatus: string } }>(
      `mutation ($input: MemberVersionInput!) { confirmMemberDistinct(input: $input) { duplicateStatus } }`,
      { input: { id: flagged.id, version: flagged.version } },
      kienGiang,
    );
    expect(confirmed.confirmMemberDistinct.duplicateStatus).toBe('CONFIRMED_DISTINCT');
    const [audit] = await database.owner.query(`select count(*)::int as count from audit_event where entity_id = $1`, [flagged.id]);
    expect(audit.count).toBe(2);
  });

  it('finds a possible duplicate by citizen ID alone, before the name or year of birth is typed', async () => {
    const [existing] = await database.owner.query(
      `select id, citizen_id from member where club_id = $1 and left_on is null and citizen_id is not null order by id limit 1`,
      [ids.kienLuongClub],
    );
    const QUERY = `query ($fullName: String, $birthYear: Int, $citizenId: String, $exceptMemberId: ID) {
      memberDuplicateCandidates(fullName: $fullName, birthYear: $birthYear, citizenId: $citizenId, exceptMemberId: $exceptMemberId) { memberId matchedBy } }`;
    type Found = { memberDuplicateCandidates: Array<{ memberId: string; matchedBy: string }> };
    const found = await ok<Found>(QUERY, { citizenId: existing.citizen_id }, kienGiang);
    expect(found.memberDuplicateCandidates).toEqual([{ memberId: existing.id, matchedBy: 'CITIZEN_ID' }]);
    // A name without a year of birth matches no one; nothing typed asks nothing.
    expect((await ok<Found>(QUERY, { fullName: 'Nguyễn Thị Lan' }, kienGiang)).memberDuplicateCandidates).toEqual([]);
    expect((await ok<Found>(QUERY, {}, kienGiang)).memberDuplicateCandidates).toEqual([]);
    // The member being edited does not match themself; another province's staff find no one.
    expect((await ok<Found>(QUERY, { citizenId: existing.citizen_id, exceptMemberId: existing.id }, kienGiang)).memberDuplicateCandidates).toEqual([]);
    const thaiNguyen = await server.signIn('thainguyen');
    expect((await ok<Found>(QUERY, { citizenId: existing.citizen_id }, thaiNguyen)).memberDuplicateCandidates).toEqual([]);
  });

  it('finds members ignoring accents and case, with the total count', async () => {
    const [someone] = await database.owner.query(`select full_name from member where club_id = $1 and left_on is null order by id limit 1`, [ids.kienLuongClub]);
    const plain = someone.full_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const data = await ok<{ members: { totalCount: number; edges: Array<{ node: { fullName: string } }> } }>(
      `query ($search: String) { members(search: $search, first: 50) { totalCount edges { node { fullName } } } }`,
      { search: plain },
      kienLuong,
    );
    expect(data.members.edges.map((edge) => edge.node.fullName)).toContain(someone.full_name);
    expect(data.members.totalCount).toBe(data.members.edges.length);
  });

  it('gives the same total on every page, asked directly or through a fragment, and after the last page', async () => {
    const [{ count }] = await database.owner.query(`select count(*)::int as count from member where club_id = $1 and left_on is null`, [ids.kienLuongClub]);
    type Page = { members: { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } };
    const direct = `query ($after: String) { members(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const throughFragment = `query ($after: String) { members(first: 25, after: $after) { ...Counted pageInfo { hasNextPage endCursor } edges { node { id } } } }
      fragment Counted on MemberConnection { ... on MemberConnection { totalCount } }`;
    const uncounted = `query ($after: String) { members(first: 25, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    for (const query of [direct, throughFragment, uncounted]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await ok<Page>(query, { after }, kienLuong);
        if (query !== uncounted) expect(page.members.totalCount).toBe(count);
        else expect(page.members.totalCount).toBeUndefined();
        seen.push(...page.members.edges.map((edge) => edge.node.id));
        if (!page.members.pageInfo.hasNextPage) {
          // Past the last page: no rows, and still the whole list's total.
          const beyond = await ok<Page>(query, { after: page.members.pageInfo.endCursor }, kienLuong);
          expect(beyond.members.edges).toEqual([]);
          if (query !== uncounted) expect(beyond.members.totalCount).toBe(count);
          break;
        }
        after = page.members.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(count);
    }
  });

  it('refuses a stale edit with CONFLICT and overwrites nothing', async () => {
    const clubId = await freshClub('CLB thử sửa');
    const member = await addMember(clubId, 'Tô Thị Sửa');
    const UPDATE = `mutation ($input: UpdateMemberInput!) { updateMember(input: $input) { fullName version } }`;
    const base = { id: member.id, fullName: 'Tô Thị Sửa', sex: 'FEMALE', birthYear: 1955, joinedOn: '2024-01-15' };
    await ok(UPDATE, { input: { ...base, version: member.version, phone: '0912345678' } }, kienGiang);
    const stale = await server.gql(UPDATE, { input: { ...base, version: member.version, fullName: 'Tên cũ đè lên' } }, kienGiang);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const [row] = await database.owner.query('select full_name, phone from member where id = $1', [member.id]);
    expect(row).toEqual({ full_name: 'Tô Thị Sửa', phone: '0912345678' });
  });
});

describe('home-care visits', () => {
  const VISITS = `query ($clubId: ID, $memberId: ID, $volunteerId: ID, $after: String) {
    homeCareVisits(clubId: $clubId, memberId: $memberId, volunteerId: $volunteerId, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id volunteer { id } member { id } } } } }`;
  const RECORD = `mutation ($input: RecordHomeCareVisitInput!) { recordHomeCareVisit(input: $input) { id } }`;
  type Visits = { homeCareVisits: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; volunteer: { id: string }; member: { id: string } } }> } };

  it('lists the visits of one volunteer, of one member, or both, each with its own total', async () => {
    const [busiest] = await database.owner.query(
      `select volunteer_id, member_id from home_care_visit where club_id = $1 group by volunteer_id, member_id order by count(*) desc, volunteer_id limit 1`,
      [ids.kienLuongClub],
    );
    const counts = async (where: string, values: unknown[]) =>
      (await database.owner.query(`select count(*)::int as count from home_care_visit where club_id = $1 and ${where}`, [ids.kienLuongClub, ...values]))[0].count as number;
    for (const [filter, where, values] of [
      [{ volunteerId: busiest.volunteer_id }, 'volunteer_id = $2', [busiest.volunteer_id]],
      [{ memberId: busiest.member_id }, 'member_id = $2', [busiest.member_id]],
      [{ volunteerId: busiest.volunteer_id, memberId: busiest.member_id }, 'volunteer_id = $2 and member_id = $3', [busiest.volunteer_id, busiest.member_id]],
    ] as const) {
      const page = await ok<Visits>(VISITS, { clubId: ids.kienLuongClub, ...filter }, kienGiang);
      const expected = await counts(where, [...values]);
      expect(expected).toBeGreaterThan(0);
      expect(page.homeCareVisits.totalCount).toBe(expected);
      for (const { node } of page.homeCareVisits.edges) {
        if ('volunteerId' in filter) expect(node.volunteer.id).toBe(filter.volunteerId);
        if ('memberId' in filter) expect(node.member.id).toBe(filter.memberId);
      }
    }
    expect(await counts('volunteer_id = $2', [busiest.volunteer_id])).toBeLessThan(await counts('true', []));
    const wrong = await server.gql(VISITS, { clubId: ids.kienLuongClub, volunteerId: 'not-an-id' }, kienGiang);
    expect(wrong.errors?.[0].extensions?.fields).toEqual([{ field: 'volunteerId', message: 'is not a member identifier' }]);
  });

  it('records a visit once for a retried key, and refuses someone who is not a volunteer, naming the field', async () => {
    const [volunteer] = await database.owner.query(
      `select id from member where club_id = $1 and home_care_volunteer and left_on is null order by id limit 1`, [ids.kienLuongClub]);
    const [other, receiver] = await database.owner.query(
      `select id from member where club_id = $1 and not home_care_volunteer and left_on is null and joined_on <= $2 order by id limit 2`, [ids.kienLuongClub, today]);
    const input = { clubId: ids.kienLuongClub, volunteerId: volunteer.id, memberId: receiver.id, visitedOn: today, kinds: ['HOUSEWORK'], notes: null, idempotencyKey: key() };
    const before = (await ok<Visits>(VISITS, { clubId: ids.kienLuongClub, volunteerId: volunteer.id }, kienGiang)).homeCareVisits.totalCount;
    const first = await ok<{ recordHomeCareVisit: { id: string } }>(RECORD, { input }, kienGiang);
    const retried = await ok<{ recordHomeCareVisit: { id: string } }>(RECORD, { input }, kienGiang);
    expect(retried.recordHomeCareVisit.id).toBe(first.recordHomeCareVisit.id);
    expect((await ok<Visits>(VISITS, { clubId: ids.kienLuongClub, volunteerId: volunteer.id }, kienGiang)).homeCareVisits.totalCount).toBe(before + 1);
    const refused = await server.gql(RECORD, { input: { ...input, volunteerId: other.id, idempotencyKey: key() } }, kienGiang);
    expect(refused.errors?.[0].extensions?.fields).toEqual([{ field: 'volunteerId', message: 'is not a home-care volunteer' }]);
  });
});

describe('clubs of the province', () => {
  it('founds a club from the club plan, and suspends it only with a reason kept in its history', async () => {
    // Every commune of the demo's plans has its club: the plan of the current scheme gets one more.
    const [scheme] = await database.owner.query(`select id from scheme where tenant_id = $1 and first_year = 2026`, [ids.anGiang]);
    const [commune] = await database.owner.query(`select id from admin_unit where code = '30808'`);
    const added = await ok<{ saveClubPlanEntry: { id: string } }>(
      'mutation ($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id } }',
      { input: { schemeId: scheme.id, communeId: commune.id, plannedYear: 2026 } },
      kienGiang,
    );
    const entry = { id: added.saveClubPlanEntry.id, commune_id: commune.id as string };
    const created = await ok<{ createClub: { id: string; version: number; status: string; inClubPlan: boolean; scheme: { firstYear: number } } }>(
      `mutation ($input: CreateClubInput!) { createClub(input: $input) { id version status inClubPlan scheme { firstYear } } }`,
      { input: { communeId: entry.commune_id, clubPlanEntryId: entry.id, name: 'CLB Liên thế hệ tự giúp nhau thử nghiệm', foundedOn: '2026-05-01', maxActiveLoansPerMember: 1 } },
      kienGiang,
    );
    expect(created.createClub).toMatchObject({ status: 'ACTIVE', inClubPlan: true, scheme: { firstYear: 2026 } });
    const [planned] = await database.owner.query('select status, club_id from club_plan_entry where id = $1', [entry.id]);
    expect(planned).toEqual({ status: 'FOUNDED', club_id: created.createClub.id });
    const STATUS = `mutation ($input: ChangeClubStatusInput!) { changeClubStatus(input: $input) { status statusSince version } }`;
    const noReason = await server.gql(STATUS, { input: { id: created.createClub.id, version: created.createClub.version, status: 'SUSPENDED', effectiveOn: today } }, kienGiang);
    expect(fieldsOf(noReason)).toEqual([{ field: 'reason', message: 'give the reason' }]);
    const suspended = await ok<{ changeClubStatus: { status: string; statusSince: string } }>(
      STATUS,
      { input: { id: created.createClub.id, version: created.createClub.version, status: 'SUSPENDED', effectiveOn: today, reason: 'Ban chủ nhiệm kiện toàn lại' } },
      kienGiang,
    );
    expect(suspended.changeClubStatus).toMatchObject({ status: 'SUSPENDED', statusSince: today });
    const history = await database.owner.query('select status, reason from club_status_change where club_id = $1 order by recorded_at', [created.createClub.id]);
    expect(history).toEqual([{ status: 'ACTIVE', reason: null }, { status: 'SUSPENDED', reason: 'Ban chủ nhiệm kiện toàn lại' }]);
    const read = await ok<{ club: { statusHistory: Array<{ status: string; effectiveOn: string; reason: string | null }> } }>(
      `query ($id: ID!) { club(id: $id) { statusHistory { status effectiveOn reason } } }`,
      { id: created.createClub.id },
      kienGiang,
    );
    expect(read.club.statusHistory).toEqual([
      { status: 'ACTIVE', effectiveOn: '2026-05-01', reason: null },
      { status: 'SUSPENDED', effectiveOn: today, reason: 'Ban chủ nhiệm kiện toàn lại' },
    ]);
    expect(codesOf(await server.gql(STATUS, { input: { id: created.createClub.id, version: 1, status: 'ACTIVE', effectiveOn: today } }, kienLuong))).toEqual(['FORBIDDEN']);
  });
});

describe('isolation between clubs', () => {
  it('keeps one club’s staff out of another club’s members, even by id, in the API and in the database', async () => {
    const clubId = await freshClub('CLB bên cạnh');
    const neighbour = await addMember(clubId, 'Lý Thị Hàng Xóm');
    const byId = await server.gql<{ member: unknown }>(`query ($id: ID!) { member(id: $id) { fullName } }`, { id: neighbour.id }, kienLuong);
    expect(byId.data?.member).toBeNull();
    const listed = await server.gql(`query ($clubId: ID) { members(clubId: $clubId) { totalCount } }`, { clubId }, kienLuong);
    expect(codesOf(listed)).toEqual(['NOT_FOUND']);
    const otherProvince = await server.gql<{ member: unknown }>(`query ($id: ID!) { member(id: $id) { fullName } }`, { id: neighbour.id }, tucDuyen);
    expect(otherProvince.data?.member).toBeNull();

    const seen = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select id from member where club_id = $1', [clubId]));
    expect(seen).toEqual([]);
    expect(
      await sqlStateOf(
        asClub(database, ids.anGiang, ids.kienLuongClub, (db) =>
          db.query(`insert into member (club_id, full_name, sex, birth_year, joined_on) values ($1, 'Người lạ', 'MALE', 1950, '2024-01-01')`, [clubId]),
        ),
      ),
    ).toBe('42501');
    const moved = await asClub(database, ids.anGiang, ids.kienLuongClub, async (db) => {
      const [, count] = await db.query(`update member set full_name = 'Đổi tên' where id = $1`, [neighbour.id]);
      return count;
    });
    expect(moved).toBe(0);
  });

  it('keeps a province’s club writes inside the province', async () => {
    const response = await server.gql(
      `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
      { input: { clubId: ids.tucDuyenClub, fullName: 'Người tỉnh khác', sex: 'MALE', birthYear: 1950, joinedOn: '2024-01-01' } },
      kienGiang,
    );
    expect(codesOf(response)).toEqual(['NOT_FOUND']);
    const [count] = await database.owner.query(`select count(*)::int as count from member where full_name = 'Người tỉnh khác'`);
    expect(count.count).toBe(0);
  });

  it('gives national accounts aggregates only: no member list, no names in the database', async () => {
    expect(codesOf(await server.gql('{ members { totalCount } }', {}, national))).toEqual(['FORBIDDEN']);
    expect(await sqlStateOf(asNational(database, (db) => db.query('select full_name from member limit 1')))).toBe('42501');
    expect(await sqlStateOf(asNational(database, (db) => db.query('select citizen_id, phone from member limit 1')))).toBe('42501');
    const counted = await asNational(database, (db) => db.query(`select count(*)::int as count from member where sex = 'FEMALE'`));
    expect(counted[0].count).toBeGreaterThan(0);
  });
});

describe('the quality checklist', () => {
  it('matches the standard computed by hand for the seeded club', async () => {
    const data = await ok<{ myClub: { qualityChecklist: { items: Array<{ code: string; met: boolean; value: string }> } } }>(
      '{ myClub { qualityChecklist { items { code met value } } } }',
      {},
      kienLuong,
    );
    const [hand] = await database.owner.query(
      `select count(*)::int as members, count(*) filter (where sex = 'FEMALE')::int as women,
              count(*) filter (where home_care_volunteer)::int as volunteers
         from member where club_id = $1 and joined_on <= $2 and (left_on is null or left_on > $2)`,
      [ids.kienLuongClub, today],
    );
    const items = Object.fromEntries(data.myClub.qualityChecklist.items.map((item) => [item.code, item]));
    expect(items.MEMBERS).toMatchObject({ value: String(hand.members), met: hand.members >= 50 && hand.members <= 70 });
    expect(Number(items.WOMEN.value)).toBeCloseTo((hand.women * 100) / hand.members, 2);
    expect(items.VOLUNTEERS).toMatchObject({ value: String(hand.volunteers), met: hand.volunteers >= 5 });
    expect(items.FUNDS.met).toBe(true);
  });
});
