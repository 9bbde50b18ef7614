import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInVietnam } from '../../server/src/calendar.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';
import { commitImport, uploadImport } from '../support/imports.js';

/*
 * Importing the opening balances of clubs' two funds at the go-live day through HTTP: upload,
 * preview, commit, the same file again, and a wrong balance corrected through the ledger.
 */

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;
/** Clubs with no ledger yet, as clubs are on their go-live day. */
const clubs: Record<'first' | 'second' | 'third', { id: string; name: string }> = {} as never;
const month = todayInVietnam().slice(0, 7);
/** The go-live day: the first of this month, so this month's figures count it. */
const asOf = `${month}-01`;
const asOfText = asOf.split('-').reverse().join('/');

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
  province = await server.signIn('angiang');
  for (const [key, name] of [
    ['first', 'CLB Liên thế hệ tự giúp nhau ấp Cống Tre'],
    ['second', 'CLB Liên thế hệ tự giúp nhau ấp Ngã Ba'],
    ['third', 'CLB Liên thế hệ tự giúp nhau ấp Hòn Chông'],
  ] as const) {
    const created = await server.gql<{ createClub: { id: string } }>(
      'mutation Add($input: CreateClubInput!) { createClub(input: $input) { id } }',
      { input: { name, communeId: ids.kienLuongTown, foundedOn: '2024-05-01', maxActiveLoansPerMember: 1 } },
      province,
    );
    expect(created.errors).toBeUndefined();
    clubs[key] = { id: created.data!.createClub.id, name };
  }
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

function upload(body: string, query = '', token = province) {
  return uploadImport(server, 'fund-balances', body, { query, token });
}

const PREVIEW = `query Preview($id: ID!) {
  dataImport(id: $id) { counts { new changed unchanged problems warnings }
    rows(first: 100) { rowNumber action name changes { field column from to } problems { column message } } }
}`;

async function preview(importId: string, token = province) {
  const response = await server.gql<{ dataImport: any }>(PREVIEW, { id: importId }, token);
  expect(response.errors).toBeUndefined();
  return response.data!.dataImport;
}

function commit(importId: string) {
  return commitImport(server, importId, province);
}

async function openingEntries(): Promise<Array<{ name: string; fund: string; entry_on: string; amount: string }>> {
  return database.owner.query(
    `select club.name, entry.fund, entry.entry_on::text as entry_on, entry.amount::text as amount
       from ledger_entry entry join club on club.id = entry.club_id
      where entry.club_id = any($1) order by club.name, entry.fund, entry.recorded_at`,
    [Object.values(clubs).map((club) => club.id)],
  );
}

async function fundsOf(clubId: string) {
  const response = await server.gql<{ club: any; monthFigures: any }>(
    `query Funds($id: ID!, $month: Month!) {
       club(id: $id) { fundBalances { incomeGeneration activity } }
       monthFigures(clubId: $id, month: $month) { incomeGenerationFund activityFund contributions }
     }`,
    { id: clubId, month },
    province,
  );
  expect(response.errors).toBeUndefined();
  return { balances: response.data!.club.fundBalances, report: response.data!.monthFigures };
}

async function provinceFunds(): Promise<{ incomeFund: number; activityFund: number }> {
  const response = await server.gql<{ provinceDashboard: { figures: { incomeFund: number; activityFund: number } } }>(
    'query Dashboard($month: Month) { provinceDashboard(month: $month) { figures { incomeFund activityFund } } }',
    { month },
    province,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.provinceDashboard.figures;
}

// Written with the API's field names; amounts as provinces' spreadsheets write them.
const HEADER = 'club,asOf,incomeFund,activityFund';
const goodRows = () => [
  `${clubs.first.name},${asOfText},35.000.000,2 500 000`,
  `${clubs.second.name},${asOf},20000000,1.200.000`,
  `${clubs.third.name},${asOfText},"10.000.000",0`,
];

describe('importing opening balances', () => {
  it('names each problem by its column and commits nothing', async () => {
    const [seeded] = await database.owner.query(
      `select club.name, min(entry.entry_on)::text as first_on from ledger_entry entry join club on club.id = entry.club_id
        where club.id = $1 group by club.name`,
      [ids.kienLuongClub],
    );
    const tomorrow = addDays(todayInVietnam(), 1).split('-').reverse().join('/');
    const firstOn = seeded.first_on.split('-').reverse().join('/');
    const csv = [
      HEADER,
      goodRows()[0],
      `${clubs.second.name},${asOfText},"35000000,5",-200000`,
      `CLB không có thật,${asOfText},1000000,1000000`,
      `${clubs.first.name.toUpperCase()},${asOfText},35000000,2500000`,
      `${seeded.name},${asOfText},5000000,500000`,
      `${clubs.third.name},${tomorrow},ba triệu,1000000`,
    ].join('\n');
    const uploaded = await upload(`\uFEFF${csv}\n`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = await preview(uploaded.json.importId);
    expect(checked.counts).toEqual({ new: 1, changed: 0, unchanged: 0, problems: 5, warnings: 0 });
    expect(checked.rows.filter((row: any) => row.action === 'PROBLEM').map((row: any) => [row.rowNumber, row.problems])).toEqual([
      [
        3,
        [
          { column: 'Quỹ tăng thu nhập', message: 'ghi số đồng chẵn, không có phần lẻ ("35000000,5")' },
          { column: 'Quỹ hoạt động', message: 'số tiền không được âm ("-200000")' },
        ],
      ],
      [4, [{ column: 'Câu lạc bộ', message: 'không có câu lạc bộ "CLB không có thật" trong tỉnh' }]],
      [5, [{ column: 'Câu lạc bộ', message: 'số dư của câu lạc bộ này đã có ở dòng 2 của tệp' }]],
      [
        6,
        [
          {
            column: 'Ngày chốt số dư',
            message: `sổ quỹ của câu lạc bộ đã có khoản thu, chi từ ngày ${firstOn}; số dư đầu kỳ phải đứng trước mọi khoản khác: chọn ngày chốt trước ngày ${firstOn}`,
          },
        ],
      ],
      [
        7,
        [
          { column: 'Ngày chốt số dư', message: 'là ngày trong tương lai' },
          { column: 'Quỹ tăng thu nhập', message: '"ba triệu" không phải số tiền; ghi số đồng, ví dụ 35000000 hoặc 35.000.000' },
        ],
      ],
    ]);
    expect(codesOf(await commit(uploaded.json.importId))).toEqual(['BAD_USER_INPUT']);
    expect(await openingEntries()).toEqual([]);
  });

  it('commits one opening entry per fund and club with its amount, counted in the balances, the month’s figures and the dashboard; the same file again changes nothing', async () => {
    const before = await provinceFunds();
    const csv = `${HEADER}\n${goodRows().join('\n')}\n`;
    const first = await upload(csv);
    expect((await preview(first.json.importId)).counts).toEqual({ new: 3, changed: 0, unchanged: 0, problems: 0, warnings: 0 });
    const committed = await commit(first.json.importId);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitDataImport.status).toBe('COMMITTED');

    // A fund that held nothing gets no entry.
    const entries = [
      { name: clubs.first.name, fund: 'ACTIVITY', entry_on: asOf, amount: '2500000' },
      { name: clubs.first.name, fund: 'INCOME_GENERATION', entry_on: asOf, amount: '35000000' },
      { name: clubs.second.name, fund: 'ACTIVITY', entry_on: asOf, amount: '1200000' },
      { name: clubs.second.name, fund: 'INCOME_GENERATION', entry_on: asOf, amount: '20000000' },
      { name: clubs.third.name, fund: 'INCOME_GENERATION', entry_on: asOf, amount: '10000000' },
    ].sort((left, right) => (left.name === right.name ? 0 : left.name < right.name ? -1 : 1));
    expect(await openingEntries()).toEqual(entries);
    const [kinds] = await database.owner.query(`select array_agg(distinct kind) as kinds from ledger_entry where club_id = any($1)`, [
      Object.values(clubs).map((club) => club.id),
    ]);
    expect(kinds.kinds).toEqual(['OPENING_BALANCE']);

    // Money already in the fund: in its balance from its day, not a contribution of the month.
    expect(await fundsOf(clubs.first.id)).toEqual({
      balances: { incomeGeneration: 35_000_000, activity: 2_500_000 },
      report: { incomeGenerationFund: 35_000_000, activityFund: 2_500_000, contributions: 0 },
    });
    expect((await fundsOf(clubs.third.id)).balances).toEqual({ incomeGeneration: 10_000_000, activity: 0 });
    const after = await provinceFunds();
    expect(after.incomeFund - before.incomeFund).toBe(65_000_000);
    expect(after.activityFund - before.activityFund).toBe(3_700_000);
    const ledger = await server.gql<{ ledgerEntries: { edges: Array<{ node: { kind: string; amount: number; runningBalance: number } }> } }>(
      'query Ledger($clubId: ID!) { ledgerEntries(clubId: $clubId, fund: INCOME_GENERATION) { edges { node { kind amount runningBalance } } } }',
      { clubId: clubs.first.id },
      province,
    );
    expect(ledger.data!.ledgerEntries.edges.map((edge) => edge.node)).toEqual([{ kind: 'OPENING_BALANCE', amount: 35_000_000, runningBalance: 35_000_000 }]);

    // The same file once more: every balance is on record as the file says.
    const second = await upload(csv);
    expect((await preview(second.json.importId)).counts).toEqual({ new: 0, changed: 0, unchanged: 3, problems: 0, warnings: 0 });
    expect((await commit(second.json.importId)).errors).toBeUndefined();
    expect(await openingEntries()).toEqual(entries);
    expect(await provinceFunds()).toEqual(after);
  });

  it('refuses a different balance, saying to correct it in the ledger; reversed there, the right one is imported', async () => {
    const wrong = await upload(`${HEADER}\n${clubs.first.name},${asOfText},36.000.000,2.500.000\n`);
    expect((await preview(wrong.json.importId)).rows).toEqual([
      {
        rowNumber: 2,
        action: 'PROBLEM',
        name: clubs.first.name,
        changes: [],
        problems: [
          {
            column: 'Quỹ tăng thu nhập',
            message:
              `câu lạc bộ đã có số dư đầu kỳ quỹ tăng thu nhập 35.000.000 ₫ ngày ${asOfText}; số dư đầu kỳ không sửa bằng tệp nhập: ` +
              'hủy khoản đó trong sổ quỹ của câu lạc bộ (nút "Hủy" ở dòng Số dư đầu kỳ) rồi nhập lại',
          },
        ],
      },
    ]);

    const [opening] = await database.owner.query(`select id from ledger_entry where club_id = $1 and fund = 'INCOME_GENERATION'`, [clubs.first.id]);
    const reversed = await server.gql(
      'mutation Reverse($input: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $input) { id } }',
      { input: { id: opening.id, idempotencyKey: randomUUID(), reason: 'Số dư đầu kỳ ghi nhầm' } },
      province,
    );
    expect(reversed.errors).toBeUndefined();
    const corrected = await upload(`${HEADER}\n${clubs.first.name},${asOfText},36.000.000,2.500.000\n`);
    expect((await preview(corrected.json.importId)).rows[0]).toMatchObject({
      action: 'UPDATE',
      changes: [{ field: 'incomeFund', column: 'Quỹ tăng thu nhập', from: null, to: '36.000.000 ₫' }],
      problems: [],
    });
    expect((await commit(corrected.json.importId)).errors).toBeUndefined();
    expect((await fundsOf(clubs.first.id)).balances).toEqual({ incomeGeneration: 36_000_000, activity: 2_500_000 });
  });

  it('lets club staff import their own club’s balances, which come before its ledger or not at all', async () => {
    const staff = await server.signIn('kienluong.club');
    const uploaded = await upload(`asOf,incomeFund,activityFund\n01/01/2019,5000000,500000\n`, '', staff);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = await preview(uploaded.json.importId, staff);
    // The club was founded on 15/06/2019, so its funds held nothing before.
    expect(checked.rows[0].problems).toEqual([{ column: 'Ngày chốt số dư', message: 'là trước ngày thành lập câu lạc bộ (15/06/2019)' }]);
  });
});
