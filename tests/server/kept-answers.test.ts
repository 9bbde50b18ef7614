import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../server/src/calendar.js';
import { ComparisonParts } from '../../server/src/figures/national-comparison.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let sequence = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const month = todayInVietnam().slice(0, 7);
// As the client asks: `__typename` at the root too, for its cache.
const DASHBOARD = `query Dashboard($month: Month) { __typename provinceDashboard(month: $month) { month tenant { name } figures { members clubs } } }`;
// Large enough to be compressed (answers under a kilobyte go as they are).
const FULL_DASHBOARD = `query FullDashboard($month: Month) { provinceDashboard(month: $month) { month tenant { name } figures { members clubs }
  units { unit { id fullName } figures { members clubs olderMembers womenMembers } } trend { month clubs members olderMembers womenMembers } } }`;
const COMPARISON = `query Comparison($month: Month) { nationalComparison(month: $month) { provinces { tenant { code } figures { members } } national { figures { members } } } }`;
const CREATE = `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`;

/** An answer with whether it was a kept one (the x-kept-answer header). */
async function ask(query: string, token: string): Promise<{ kept: boolean; data: any }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { month } }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { kept: response.headers.get('x-kept-answer') === 'yes', data: body.data };
}

/** An answer's bytes as they came over the wire, asked for in one encoding. */
function raw(query: string, token: string, encoding: 'identity' | 'br' | 'gzip'): Promise<{ kept: boolean; encoding: string | undefined; body: Buffer }> {
  const payload = JSON.stringify({ query, variables: { month } });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding, authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ kept: response.headers['x-kept-answer'] === 'yes', encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function addMember(token: string, clubId: string): Promise<void> {
  sequence += 1;
  const added = await server.gql(CREATE, { input: { clubId, fullName: `Người Giữ Số ${sequence}`, sex: 'FEMALE', birthYear: 1950 + sequence, joinedOn: `${month}-01` } }, token);
  expect(added.errors).toBeUndefined();
}

describe('kept answers', () => {
  it('hands the same dashboard to the next asker, and a committed write is seen by the very next request', async () => {
    const province = await server.signIn('kiengiang');
    const staff = await server.signIn('kienluong.club');
    const first = await ask(DASHBOARD, province);
    const again = await ask(DASHBOARD, province);
    expect(again).toEqual({ kept: true, data: first.data });

    await addMember(staff, ids.kienLuongClub);
    const afterWrite = await ask(DASHBOARD, province);
    expect(afterWrite.kept).toBe(false);
    expect(afterWrite.data.provinceDashboard.figures.members).toBe(first.data.provinceDashboard.figures.members + 1);
    expect(await ask(DASHBOARD, province)).toEqual({ kept: true, data: afterWrite.data });
  });

  it('keeps each province’s answer apart: the same question from another province is its own, and another province’s write leaves it kept', async () => {
    const kienGiang = await server.signIn('kiengiang');
    const thaiNguyen = await server.signIn('thainguyen');
    const staff = await server.signIn('kienluong.club');
    const ours = await ask(DASHBOARD, kienGiang);
    const theirs = await ask(DASHBOARD, thaiNguyen);
    expect(theirs.data.provinceDashboard.tenant.name).not.toBe(ours.data.provinceDashboard.tenant.name);
    expect((await ask(DASHBOARD, thaiNguyen)).kept).toBe(true);

    await addMember(staff, ids.kienLuongClub);
    expect(await ask(DASHBOARD, thaiNguyen)).toEqual({ kept: true, data: theirs.data });
    expect((await ask(DASHBOARD, kienGiang)).kept).toBe(false);
  });

  it('gives the national comparison a province’s write at once', async () => {
    const national = await server.signIn('national');
    const staff = await server.signIn('kienluong.club');
    const before = await ask(COMPARISON, national);
    expect((await ask(COMPARISON, national)).kept).toBe(true);
    await addMember(staff, ids.kienLuongClub);
    const after = await ask(COMPARISON, national);
    expect(after.kept).toBe(false);
    expect(after.data.nationalComparison.national.figures.members).toBe(before.data.nationalComparison.national.figures.members + 1);
  });

  it('reads again only the province written to for the national comparison, and answers as if every province were read afresh', async () => {
    const parts = new ComparisonParts();
    const own = await startTestServer(database, { comparisonParts: parts });
    const fresh = await startTestServer(database, { comparisonParts: new ComparisonParts() });
    try {
      const national = await own.signIn('national');
      const staff = await own.signIn('kienluong.club');
      const comparison = async (on: TestServer) => {
        const answer = await on.gql(COMPARISON, { month }, national);
        expect(answer.errors).toBeUndefined();
        return answer.data!.nationalComparison;
      };
      const before = await comparison(own);
      const provinces = parts.read;
      expect(provinces).toBeGreaterThan(1);
      expect(parts.reused).toBe(0);

      await addMember(staff, ids.kienLuongClub);
      const after = await comparison(own);
      expect(parts.read).toBe(provinces + 1);
      expect(parts.reused).toBe(provinces - 1);
      expect(after.national.figures.members).toBe(before.national.figures.members + 1);
      // The same answer as one computed over every province now, on a server that kept nothing.
      expect(after).toEqual(await comparison(fresh));

      // A change to a national table reads every province again.
      await database.owner.query(`update indicator set code = code where code = (select min(code) from indicator)`);
      expect(await comparison(own)).toEqual(after);
      expect(parts.read).toBe(2 * provinces + 1);
    } finally {
      await own.stop();
      await fresh.stop();
    }
  });

  it('moves the revision when the owner writes outside any request (a fix in the database), and on a change to a national table', async () => {
    const province = await server.signIn('kiengiang');
    const first = await ask(DASHBOARD, province);
    expect((await ask(DASHBOARD, province)).kept).toBe(true);
    await database.owner.query(`update club set name = name where id = $1`, [ids.kienLuongClub]);
    expect((await ask(DASHBOARD, province)).kept).toBe(false);
    expect((await ask(DASHBOARD, province)).kept).toBe(true);
    await database.owner.query(`update indicator set code = code where code = (select min(code) from indicator)`);
    const afterNational = await ask(DASHBOARD, province);
    expect(afterNational).toEqual({ kept: false, data: first.data });
  });

  it('computes an answer asked by many at once one time, and every one of them gets it', async () => {
    const province = await server.signIn('kiengiang');
    const staff = await server.signIn('kienluong.club');
    await addMember(staff, ids.kienLuongClub);
    const answers = await Promise.all(Array.from({ length: 6 }, () => ask(DASHBOARD, province)));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
    expect(answers.filter((answer) => !answer.kept).length).toBe(1);
  });

  it('sends a kept answer byte for byte as the first one went, plain, brotli or gzip, to each who asks', async () => {
    const province = await server.signIn('kiengiang');
    const staff = await server.signIn('kienluong.club');
    await addMember(staff, ids.kienLuongClub);
    const computed = await raw(FULL_DASHBOARD, province, 'identity');
    expect(computed.kept).toBe(false);
    expect(computed.encoding).toBeUndefined();
    expect(computed.body.length).toBeGreaterThan(1024);
    expect(JSON.parse(computed.body.toString('utf8')).data.provinceDashboard.figures.members).toBeGreaterThan(0);
    for (const encoding of ['identity', 'br', 'gzip', 'br'] as const) {
      const sent = await raw(FULL_DASHBOARD, province, encoding);
      expect(sent.kept).toBe(true);
      expect(sent.encoding).toBe(encoding === 'identity' ? undefined : encoding);
      const text = encoding === 'br' ? zlib.brotliDecompressSync(sent.body) : encoding === 'gzip' ? zlib.gunzipSync(sent.body) : sent.body;
      expect(text.toString('utf8')).toBe(computed.body.toString('utf8'));
    }
    // Another province's admin is never handed it.
    const other = await raw(FULL_DASHBOARD, await server.signIn('thainguyen'), 'br');
    expect(other.kept).toBe(false);
    expect(JSON.parse(zlib.brotliDecompressSync(other.body).toString('utf8')).data.provinceDashboard.tenant.name).not.toBe(
      JSON.parse(computed.body.toString('utf8')).data.provinceDashboard.tenant.name,
    );
  });

  it('lets no request role read the revisions themselves', async () => {
    const rows: Array<{ role: string; readable: boolean }> = await database.owner.query(
      `select role, has_table_privilege(role, 'ishc.tenant_revision', 'select') as readable
         from unnest(array['ishc_club', 'ishc_province', 'ishc_national', 'ishc_national_admin', 'ishc_anonymous']) as role`,
    );
    expect(rows.filter((row) => row.readable)).toEqual([]);
  });
});
