import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let token: string;
const logged: Array<Record<string, any>> = [];

beforeAll(async () => {
  database = await openTestDatabase({ poolSize: 2 });
  ids = await demoIds(database);
  const log = createLogger('info', { write: (line: string) => void logged.push(JSON.parse(line)) });
  server = await startTestServer(database, { log });
  token = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const CREATE_CLUB = 'mutation CreateClub($input: CreateClubInput!) { createClub(input: $input) { id name } }';

async function clubsNamed(prefix: string): Promise<number> {
  const [row] = await database.owner.query(`select count(*)::int as count from club where starts_with(name, $1)`, [prefix]);
  return row.count;
}

describe('a NUL character in text', () => {
  it('is refused as BAD_USER_INPUT naming the field of an input, and nothing is stored', async () => {
    const result = await server.gql(CREATE_CLUB, { input: { communeId: ids.kienLuongTown, name: 'CLB Nul\u0000 thử' } }, token);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'name', message: expect.stringMatching(/NUL/) }]);
    expect(await clubsNamed('CLB Nul')).toBe(0);
    // The same club without the NUL is taken: the NUL was the only thing wrong.
    const clean = await server.gql(CREATE_CLUB, { input: { communeId: ids.kienLuongTown, name: 'CLB Nul thử' } }, token);
    expect(clean.errors).toBeUndefined();
    expect(await clubsNamed('CLB Nul')).toBe(1);
  });

  it('is refused in a plain argument written into the query, naming the argument', async () => {
    const result = await server.gql('mutation { signIn(login: "kiengiang\\u0000", password: "x") { token } }');
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'login', message: expect.stringMatching(/NUL/) }]);
  });

  it('is refused inside a list of inputs, naming the item’s field, and in a plain variable', async () => {
    const national = await server.signIn('national');
    const phase = {
      title: 'Giai đoạn thử',
      decisionNumber: '1/QĐ-TTg',
      decisionYear: 2030,
      firstYear: 2036,
      lastYear: 2040,
      targets: [{ descriptionVi: 'Mục tiêu một', descriptionEn: 'Target one' }, { descriptionVi: 'Mục tiêu\u0000 hai', descriptionEn: 'Target two' }],
    };
    const result = await server.gql('mutation ($input: NationalPhaseInput!) { createNationalPhase(input: $input) { id } }', { input: phase }, national);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'targets[1].descriptionVi', message: expect.stringMatching(/NUL/) }]);
    const [row] = await database.owner.query(`select count(*)::int as count from national_phase where title = $1`, [phase.title]);
    expect(row.count).toBe(0);

    const search = await server.gql('query ($search: String) { clubs(first: 1, search: $search) { totalCount } }', { search: 'a\u0000' }, token);
    expect(codesOf(search)).toEqual(['BAD_USER_INPUT']);
    expect(search.errors?.[0].extensions?.fields).toEqual([{ field: 'search', message: expect.stringMatching(/NUL/) }]);
  });
});

describe('requests that are not one GraphQL operation', () => {
  it('answers several operations without operationName with 400 BAD_REQUEST', async () => {
    const { status, text } = await server.post(JSON.stringify({ query: 'query A { me { login } } query B { me { login } }' }), {
      authorization: `Bearer ${token}`,
    });
    expect(status).toBe(400);
    expect(JSON.parse(text).errors.map((error: any) => error.extensions.code)).toEqual(['BAD_REQUEST']);
  });

  it('answers a body that is not valid UTF-8 with 400 BAD_REQUEST, and stores nothing', async () => {
    const json = Buffer.from(JSON.stringify({ query: CREATE_CLUB, variables: { input: { communeId: ids.kienLuongTown, name: 'CLB UTF8 @@' } } }));
    const at = json.indexOf('@@');
    // 0xC3 0x28 is no UTF-8 sequence: a lenient decoder makes it U+FFFD and stores that.
    const broken = Buffer.concat([json.subarray(0, at), Buffer.from([0xc3, 0x28]), json.subarray(at + 2)]);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: broken,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((error: any) => error.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(await clubsNamed('CLB UTF8')).toBe(0);
  });
});

describe('exports of text a user typed', () => {
  it('write a club named like a formula as text: quoted in CSV, a string cell in XLSX', async () => {
    const name = '=HYPERLINK("http://example.com/x","Xem")';
    const created = await server.gql(CREATE_CLUB, { input: { communeId: ids.kienLuongTown, name, foundedOn: '2026-01-05' } }, token);
    expect(created.errors).toBeUndefined();
    const download = (format: string) => fetch(`${server.url}/exports/province-clubs.${format}`, { headers: { authorization: `Bearer ${token}` } });

    const csv = await (await download('csv')).text();
    expect(csv).toContain(`\r\n"'=HYPERLINK(""http://example.com/x"",""Xem"")",`);
    expect(csv).not.toMatch(/(^|\r\n)"?=HYPERLINK/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await download('xlsx')).arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const cells = (sheet.getColumn(1).values as unknown[]).filter((value) => value !== undefined);
    expect(cells).toContain(name);
    sheet.getColumn(1).eachCell((cell) => {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    });
  });
});

describe('the log', () => {
  it('writes a client’s mistakes as one info or warn line each, without a stack, and no error', async () => {
    logged.length = 0;
    const posted = async (body: string) => JSON.parse((await server.post(body, { authorization: `Bearer ${token}` })).text).errors.map((error: any) => error.extensions.code);
    const mistakes: Array<[string, () => Promise<string[]>]> = [
      ['GRAPHQL_PARSE_FAILED', async () => codesOf(await server.gql('query { me { ', {}, token))],
      ['GRAPHQL_VALIDATION_FAILED', async () => codesOf(await server.gql('query { me { nosuchfield } }', {}, token))],
      ['BAD_USER_INPUT', async () => codesOf(await server.gql(CREATE_CLUB, { input: { communeId: ids.kienLuongTown, name: 'x\u0000' } }, token))],
      ['UNAUTHENTICATED', async () => codesOf(await server.gql('query { me { login } }'))],
      ['FORBIDDEN', async () => codesOf(await server.gql('query { nationalComparison(month: "2026-06") { national { fundsMobilised } } }', {}, token))],
      ['NOT_FOUND', async () => codesOf(await server.gql(`mutation { closeScheme(id: "${randomUUID()}", version: 1) { id } }`, {}, token))],
      ['BAD_REQUEST', () => posted('{not json')],
      ['BAD_REQUEST', () => posted(JSON.stringify({ query: 'query A { me { login } } query B { me { login } }' }))],
    ];
    for (const [code, send] of mistakes) {
      const before = logged.length;
      expect(await send()).toEqual([code]);
      const lines = logged.slice(before);
      expect(lines, `${code}: ${JSON.stringify(lines)}`).toHaveLength(1);
      expect(lines[0].level, code).toBeLessThanOrEqual(40);
      expect(lines[0].level, code).toBeGreaterThanOrEqual(30);
      expect(JSON.stringify(lines[0]), code).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });
});

describe('in production', () => {
  it('does not suggest field names in validation errors', async () => {
    const production = await startTestServer(database, { production: true });
    try {
      const typo = '{ me { logn } }';
      const there = await production.gql(typo, {}, token);
      expect(codesOf(there)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(there.errors?.[0].message).toBe('Cannot query field "logn" on type "User".');
      // The suggestion is what a developer sees, so this is not a message that never had one.
      expect((await server.gql(typo, {}, token)).errors?.[0].message).toMatch(/Did you mean "login"\?/);

      // Variables are checked against their input types when the operation runs, not in validation.
      const input = { communeId: ids.kienLuongTown, name: 'CLB gõ sai', nam: 'CLB gõ sai' };
      const variable = await production.gql(CREATE_CLUB, { input }, token);
      expect(codesOf(variable)).toEqual(['BAD_USER_INPUT']);
      expect(variable.errors?.[0].message).toMatch(/"nam" is not defined by type "CreateClubInput"/);
      expect(variable.raw).not.toMatch(/Did you mean/);
      expect((await server.gql(CREATE_CLUB, { input }, token)).raw).toMatch(/Did you mean/);
    } finally {
      await production.stop();
    }
  });
});
