import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let kienGiang: string;
let clubStaff: string;
let national: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  [kienGiang, clubStaff, national] = await Promise.all(['kiengiang', 'kienluong.club', 'national.viewer'].map((login) => server.signIn(login)));
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const CEILING_MESSAGE = 'must be at most 100.000.000.000 ₫ per entry';
const RECORD = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id amount } }`;

function fieldsOf(response: GraphQLResponse): Array<{ field: string; message: string }> {
  return (response.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
}

async function ledgerRows(clubId: string): Promise<number> {
  const [row] = await database.owner.query('select count(*)::int as count from ledger_entry where club_id = $1', [clubId]);
  return row.count;
}

function contribution(amount: number | string) {
  return { input: { fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: '2026-01-10', amount, description: 'Góp quỹ', idempotencyKey: randomUUID() } };
}

describe('the ceiling of one entry', () => {
  it('refuses a ledger entry of 100.000.000.001 ₫ naming the field, records nothing, and takes 100.000.000.000 ₫', async () => {
    const before = await ledgerRows(ids.kienLuongClub);
    const refused = await server.gql(RECORD, contribution(100_000_000_001), clubStaff);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(refused)).toEqual([{ field: 'amount', message: CEILING_MESSAGE }]);
    expect(refused.errors?.[0].message).toBe(`amount: ${CEILING_MESSAGE}`);
    expect(await ledgerRows(ids.kienLuongClub)).toBe(before);

    const accepted = await server.gql<{ recordFundEntry: { amount: number } }>(RECORD, contribution(100_000_000_000), clubStaff);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recordFundEntry.amount).toBe(100_000_000_000);
    expect(await ledgerRows(ids.kienLuongClub)).toBe(before + 1);
  });

  it('refuses an amount past exact JSON integers, naming where it was, with the same words', async () => {
    const refused = await server.gql(RECORD, contribution('9007199254740993'), clubStaff);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].message).toContain('"input.amount"');
    expect(refused.errors?.[0].message).toContain('at most 100.000.000.000 ₫ per entry');
  });

  it('names the line of a meeting sheet and of a loan repayment over the ceiling', async () => {
    const sheet = await server.gql(
      `mutation ($input: SubmitMeetingSheetInput!) { submitMeetingSheet(input: $input) { activity { id } } }`,
      {
        input: {
          heldOn: '2026-01-10',
          attendeeIds: [],
          repayments: [{ loanId: randomUUID(), principal: 1_000, interest: 0 }, { loanId: randomUUID(), principal: 100_000_000_001, interest: 0 }],
          contributions: [{ memberId: randomUUID(), amount: 200_000_000_000 }],
          idempotencyKey: randomUUID(),
        },
      },
      clubStaff,
    );
    expect(codesOf(sheet)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(sheet)).toEqual([
      { field: 'repayments[1].principal', message: CEILING_MESSAGE },
      { field: 'contributions[0].amount', message: CEILING_MESSAGE },
    ]);

    const repayment = await server.gql(
      `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`,
      { input: { loanId: randomUUID(), paidOn: '2026-01-10', principal: 1, interest: 100_000_000_001, idempotencyKey: randomUUID() } },
      clubStaff,
    );
    expect(fieldsOf(repayment)).toEqual([{ field: 'interest', message: CEILING_MESSAGE }]);
  });

  it('holds for a budget: the stated total, a line, an amount per club and what a line per club comes to', async () => {
    const created = await server.gql<{ createScheme: { id: string; version: number } }>(
      `mutation ($input: CreateSchemeInput!) { createScheme(input: $input) { id version } }`,
      { input: { title: 'Đề án thử trần', firstYear: 2026, lastYear: 2030, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang', totalBudget: 100_000_000_001 } },
      kienGiang,
    );
    expect(fieldsOf(created)).toEqual([{ field: 'totalBudget', message: CEILING_MESSAGE }]);
    const scheme = await server.gql<{ createScheme: { id: string; version: number } }>(
      `mutation ($input: CreateSchemeInput!) { createScheme(input: $input) { id version } }`,
      { input: { title: 'Đề án thử trần', firstYear: 2026, lastYear: 2030, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang', totalBudget: 100_000_000_000 } },
      kienGiang,
    );
    expect(scheme.errors).toBeUndefined();
    const { id: schemeId, version } = scheme.data!.createScheme;
    const SAVE = `mutation ($input: SaveBudgetInput!) { saveSchemeBudget(input: $input) { id } }`;
    const line = { source: 'PROVINCE_BUDGET', purpose: 'TRAINING' };
    const typed = await server.gql(
      SAVE,
      { input: { schemeId, version, totalBudget: 100_000_000_001, lines: [{ ...line, amount: 100_000_000_001 }, { ...line, perClubAmount: 100_000_000_001, plannedClubs: 1 }] } },
      kienGiang,
    );
    expect(fieldsOf(typed)).toEqual([
      { field: 'totalBudget', message: CEILING_MESSAGE },
      { field: 'lines[0].amount', message: CEILING_MESSAGE },
      { field: 'lines[1].perClubAmount', message: CEILING_MESSAGE },
    ]);
    const computed = await server.gql(
      SAVE,
      { input: { schemeId, version, totalBudget: 100_000_000_000, lines: [{ ...line, perClubAmount: 20_000_000_000, plannedClubs: 6 }] } },
      kienGiang,
    );
    expect(fieldsOf(computed)).toEqual([{ field: 'lines[0].amount', message: CEILING_MESSAGE }]);
  });
});

describe('amounts stored before the ceiling', () => {
  const MAX_STORED = '9007199254740991';
  let month: string;
  let expectedIncomeFund: string;

  beforeAll(async () => {
    // Two of the largest entries the table ever took: the club's fund is now past 2^53.
    await database.owner.query(
      `insert into ledger_entry (tenant_id, club_id, fund, kind, entry_on, amount, description)
       values ($1, $2, 'INCOME_GENERATION', 'SEED_CAPITAL', current_date, $3, 'Vốn rất lớn'),
              ($1, $2, 'INCOME_GENERATION', 'SEED_CAPITAL', current_date, $3, 'Vốn rất lớn')`,
      [ids.anGiang, ids.kienLuongClub, MAX_STORED],
    );
    const [row] = await database.owner.query(
      `select to_char(current_date, 'YYYY-MM') as month,
              (select sum(amount)::text from ledger_entry where club_id = $1 and fund = 'INCOME_GENERATION') as total`,
      [ids.kienLuongClub],
    );
    month = row.month;
    expectedIncomeFund = row.total;
    expect(BigInt(expectedIncomeFund)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('reads the ledger, giving an entry as a number and a balance past 2^53 exactly, as digits', async () => {
    const ledger = await server.gql<{ ledgerEntries: { edges: Array<{ node: { amount: number | string; runningBalance: number | string } }> } }>(
      `query { ledgerEntries(fund: INCOME_GENERATION, first: 2) { edges { node { amount runningBalance } } } }`,
      {},
      clubStaff,
    );
    expect(ledger.errors).toBeUndefined();
    const [latest] = ledger.data!.ledgerEntries.edges;
    expect(latest.node.amount).toBe(Number.MAX_SAFE_INTEGER);
    expect(latest.node.runningBalance).toBe(expectedIncomeFund);
    expect(ledger.raw).toContain(`"runningBalance":"${expectedIncomeFund}"`);
  });

  it('reads the club’s balances and figures', async () => {
    const club = await server.gql<{ club: { fundBalances: { incomeGeneration: string }; figures: { incomeFund: string } } }>(
      `query ($id: ID!, $month: Month) { club(id: $id) { fundBalances { incomeGeneration } figures(month: $month) { incomeFund } } }`,
      { id: ids.kienLuongClub, month },
      kienGiang,
    );
    expect(club.errors).toBeUndefined();
    expect(club.data!.club.fundBalances.incomeGeneration).toBe(expectedIncomeFund);
    expect(club.data!.club.figures.incomeFund).toBe(expectedIncomeFund);
  });

  it('reads the province dashboard and the national comparison, with the province’s total exact', async () => {
    const dashboard = await server.gql<{ provinceDashboard: { figures: { incomeFund: string } } }>(
      `query ($month: Month) { provinceDashboard(month: $month) { figures { incomeFund activityFund } loans { outstandingPrincipal } } }`,
      { month },
      kienGiang,
    );
    expect(dashboard.errors).toBeUndefined();
    const provinceTotal = BigInt(dashboard.data!.provinceDashboard.figures.incomeFund);
    expect(provinceTotal).toBeGreaterThanOrEqual(BigInt(expectedIncomeFund));

    const comparison = await server.gql<{ nationalComparison: { provinces: Array<{ tenant: { id: string }; figures: { incomeFund: string } }>; national: { figures: { incomeFund: string } } } }>(
      `query ($month: Month) { nationalComparison(month: $month) { provinces { tenant { id } figures { incomeFund } } national { figures { incomeFund } fundsMobilised } } }`,
      { month },
      national,
    );
    expect(comparison.errors).toBeUndefined();
    const provinces = comparison.data!.nationalComparison.provinces;
    expect(BigInt(provinces.find((row) => row.tenant.id === ids.anGiang)!.figures.incomeFund)).toBe(provinceTotal);
    const sum = provinces.reduce((total, row) => total + BigInt(row.figures.incomeFund), 0n);
    expect(String(comparison.data!.nationalComparison.national.figures.incomeFund)).toBe(sum.toString());
  });

  it('exports the clubs with the exact total: digits in CSV, text in the workbook, other amounts still numbers', async () => {
    const download = (format: string) =>
      fetch(`${server.url}/exports/province-clubs.${format}?month=${month}`, { headers: { authorization: `Bearer ${kienGiang}` } });
    const csv = await download('csv');
    expect(csv.status).toBe(200);
    const line = (await csv.text()).split('\r\n').find((row) => row.includes(expectedIncomeFund));
    expect(line).toBeDefined();

    const xlsx = await download('xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const incomeColumn = header.indexOf('Quỹ tăng thu nhập (đồng)');
    const activityColumn = header.indexOf('Quỹ hoạt động (đồng)');
    expect(incomeColumn).toBeGreaterThan(-1);
    const rows = [];
    for (let index = 2; index <= sheet.rowCount; index += 1) rows.push((sheet.getRow(index).values as unknown[]).slice(1));
    const club = rows.find((row) => row[incomeColumn] === expectedIncomeFund);
    expect(club).toBeDefined();
    expect(typeof club![activityColumn]).toBe('number');
  });
});
