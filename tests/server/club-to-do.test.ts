import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayInVietnam } from '../../server/src/calendar.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  province = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = todayInVietnam();
const thisMonth = today.slice(0, 7);

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = province): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw}`);
  return response.data!;
}

async function owner<T = Record<string, any>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return database.owner.query(sql, parameters);
}

async function freshClub(name: string, foundedOn = '2024-01-15'): Promise<string> {
  const data = await ok<{ createClub: { id: string } }>(
    `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
    { input: { communeId: ids.kienLuongTown, name, foundedOn, maxActiveLoansPerMember: 1 } },
  );
  return data.createClub.id;
}

describe('what a club still owes', () => {
  it('lists the months past their due day whose report is not in, from the founding, until each is submitted', async () => {
    const foundedOn = `${addMonths(`${thisMonth}-01`, -3).slice(0, 7)}-10`;
    const clubId = await freshClub('CLB thử báo cáo còn nợ', foundedOn);
    const [setting] = await owner<{ day: number }>('select coalesce((select report_due_day from province_setting where tenant_id = $1), 5) as day', [ids.anGiang]);
    const months = [-3, -2, -1].map((offset) => addMonths(`${thisMonth}-01`, offset).slice(0, 7));
    // A month is overdue once the due day in the month after it has passed.
    const expected = months.filter((month) => `${addMonths(`${month}-01`, 1).slice(0, 7)}-${String(setting.day).padStart(2, '0')}` < today);
    const overdue = async () => (await ok<{ overdueReportMonths: string[] }>('query ($clubId: ID) { overdueReportMonths(clubId: $clubId) }', { clubId })).overdueReportMonths;
    expect(await overdue()).toEqual(expected);

    const [oldest] = months;
    const draft = await ok<{ saveMonthlyReport: { version: number } }>(
      'mutation ($input: SaveMonthlyReportInput!) { saveMonthlyReport(input: $input) { version } }',
      { input: { clubId, month: oldest, narrative: 'Bản nháp' } },
    );
    expect(await overdue()).toEqual(expected);
    await ok('mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { id } }', {
      input: { clubId, month: oldest, narrative: 'Đã nộp', version: draft.saveMonthlyReport.version },
    });
    expect(await overdue()).toEqual(expected.filter((month) => month !== oldest));

    // Another club's staff are not told about this club.
    const staff = await server.signIn('kienluong.club');
    const elsewhere = await server.gql('query ($clubId: ID) { overdueReportMonths(clubId: $clubId) }', { clubId }, staff);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

