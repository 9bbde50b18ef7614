import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RequestScope } from '../../server/src/database/request-scope.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

const UNITS = '{ adminUnits(first: 100) { edges { node { tenant { code } } } } tenants { code } }';

interface UnitsResult {
  adminUnits: { edges: Array<{ node: { tenant: { code: string } } }> };
  tenants: Array<{ code: string }>;
}

/** What each province's scope reads: its own workspace and those merged into it (their codes). */
const SEEN_BY: Record<'91' | '19', string[]> = { '91': ['89', '91'], '19': ['06', '19'] };

function provincesSeen(data: UnitsResult | null | undefined): string[] {
  const codes = new Set([...(data?.adminUnits.edges ?? []).map((edge) => edge.node.tenant.code), ...(data?.tenants ?? []).map((tenant) => tenant.code)]);
  return [...codes].sort();
}

async function leftoverSettings(database: TestDatabase): Promise<Record<string, string | null>> {
  const [row] = await database.app.query(
    `select current_setting('app.tenant_id', true) as tenant, current_setting('app.club_id', true) as club,
            current_setting('app.user_id', true) as "user", current_user as role`,
  );
  return row;
}

describe('with a pool of one connection', () => {
  let database: TestDatabase;
  let server: TestServer;
  let kienGiang: string;
  let thaiNguyen: string;

  beforeAll(async () => {
    database = await openTestDatabase({ poolSize: 1 });
    server = await startTestServer(database);
    kienGiang = await server.signIn('kiengiang');
    thaiNguyen = await server.signIn('thainguyen');
  });

  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('serves tenant B only B’s rows right after tenant A, and leaves no setting behind', async () => {
    const first = await server.gql<UnitsResult>(UNITS, {}, kienGiang);
    expect(provincesSeen(first.data)).toEqual(SEEN_BY['91']);
    const settings = await leftoverSettings(database);
    expect(settings).toEqual({ tenant: '', club: '', user: '', role: inject('appLoginRole') });
    const second = await server.gql<UnitsResult>(UNITS, {}, thaiNguyen);
    expect(provincesSeen(second.data)).toEqual(SEEN_BY['19']);
  });

  it('recovers the connection after a request that fails mid-transaction', async () => {
    const forged = Buffer.from(JSON.stringify(['00000030787', 'not-a-uuid'])).toString('base64url');
    const failed = await server.gql(
      'query($after: String) { tenants { code } adminUnits(after: $after) { totalCount } }',
      { after: forged },
      kienGiang,
    );
    expect(codesOf(failed)).toEqual(['BAD_USER_INPUT']);
    expect(await leftoverSettings(database)).toEqual({ tenant: '', club: '', user: '', role: inject('appLoginRole') });
    const next = await server.gql<UnitsResult>(UNITS, {}, thaiNguyen);
    expect(next.errors).toBeUndefined();
    expect(provincesSeen(next.data)).toEqual(SEEN_BY['19']);
  });

  it('keeps two concurrent requests of different tenants on the one connection apart', async () => {
    const results = await Promise.all([
      server.gql<UnitsResult>(UNITS, {}, kienGiang),
      server.gql<UnitsResult>(UNITS, {}, thaiNguyen),
      server.gql<UnitsResult>(UNITS, {}, kienGiang),
      server.gql<UnitsResult>(UNITS, {}, thaiNguyen),
    ]);
    expect(results.map((result) => provincesSeen(result.data))).toEqual([SEEN_BY['91'], SEEN_BY['19'], SEEN_BY['91'], SEEN_BY['19']]);
  });

  it('rolls a failed mutation back whole', async () => {
    const mutation = `mutation($a: CreateUserInput!, $b: CreateUserInput!) { a: createUser(input: $a) { id } b: createUser(input: $b) { id } }`;
    const result = await server.gql(
      mutation,
      {
        a: { login: 'nguoi.mot', displayName: 'Người một', password: 'mat-khau-du-dai', role: 'PROVINCE_ADMIN' },
        b: { login: 'x', displayName: 'Người hai', password: 'mat-khau-du-dai', role: 'PROVINCE_ADMIN' },
      },
      kienGiang,
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(await database.owner.query(`select login from app_user where login = 'nguoi.mot'`)).toEqual([]);
    expect(await database.owner.query(`select 1 from audit_event where action = 'user.create' and after->>'login' = 'nguoi.mot'`)).toEqual([]);
  });
});

describe('under interleaved load', () => {
  let database: TestDatabase;
  let server: TestServer;
  let ids: DemoIds;

  beforeAll(async () => {
    database = await openTestDatabase({ poolSize: 3 });
    server = await startTestServer(database);
    ids = await demoIds(database);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('never returns the other tenant’s data in 500 interleaved requests', async () => {
    const tokens = { '91': await server.signIn('kiengiang'), '19': await server.signIn('thainguyen') };
    const provinces = Array.from({ length: 500 }, (_, index) => (index % 2 === 0 ? '91' : '19') as '91' | '19');
    const seen: string[][] = [];
    const concurrency = 16;
    for (let start = 0; start < provinces.length; start += concurrency) {
      const batch = provinces.slice(start, start + concurrency);
      const results = await Promise.all(batch.map((code) => server.gql<UnitsResult>(UNITS, {}, tokens[code])));
      results.forEach((result, index) => {
        expect(result.errors).toBeUndefined();
        seen.push(provincesSeen(result.data));
        expect(provincesSeen(result.data)).toEqual(SEEN_BY[batch[index]]);
      });
    }
    expect(seen).toHaveLength(500);
    // A read answers before its transaction has ended; each one ends right after, none is left open.
    await expect
      .poll(
        async () =>
          (await database.owner.query(
            `select count(*)::int as count from pg_stat_activity
              where datname = current_database() and application_name = 'ishc-test-app' and state like '%in transaction%'`,
          ))[0].count,
        { timeout: 5_000 },
      )
      .toBe(0);
  });

  it('sends a request’s statements asked at once to its connection one at a time, in order, and goes on past a failed one', async () => {
    const [account] = await database.owner.query(`select id, role, tenant_id, club_id from app_user where login = 'kiengiang'`);
    const scope = new RequestScope(database.app, { userId: account.id, role: account.role, tenantId: account.tenant_id, clubId: account.club_id, tokenVersion: 1 }, { statementTimeoutMs: 10_000 });
    const db = await scope.db();
    // The driver queues statements itself when asked while busy; that queue is what must stay empty.
    const sent = pg.Client.prototype.query;
    const queuedInDriver: number[] = [];
    pg.Client.prototype.query = function (this: pg.Client & { _queryQueue?: unknown[]; _activeQuery?: unknown }, ...args: unknown[]) {
      queuedInDriver.push((this._queryQueue?.length ?? 0) + (this._activeQuery ? 1 : 0));
      return (sent as (...queryArgs: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    try {
      const answers = await Promise.allSettled([
        ...[30, 10, 20].map((ms, index) => db.query(`select pg_sleep(${ms / 1000}), ${index} as n, current_setting('app.tenant_id') as tenant`)),
        db.query(`select 3 as n, current_setting('app.tenant_id') as tenant`),
        db.query('select 1 / 0'),
        // Still sent after the failure, and answered by the database: the transaction is aborted.
        db.query('select 4 as n'),
      ]);
      const outcome = (answer: PromiseSettledResult<unknown>) =>
        answer.status === 'fulfilled' ? (answer.value as Array<{ n: number }>)[0].n : (answer.reason as { driverError?: { code?: string } }).driverError?.code;
      expect(answers.map(outcome)).toEqual([0, 1, 2, 3, '22012', '25P02']);
      for (const answer of answers) if (answer.status === 'fulfilled') expect((answer.value as Array<{ tenant: string }>)[0].tenant).toBe(ids.anGiang);
      expect(queuedInDriver).toEqual([0, 0, 0, 0, 0, 0]);
    } finally {
      pg.Client.prototype.query = sent;
      await scope.rollback();
    }
  });

  it('creates DataLoaders per request: a unit loaded for the national office is not served to a province', async () => {
    const national = await server.signIn('national.viewer');
    const province = await server.signIn('kiengiang');
    const query = 'query($id: ID!) { adminUnit(id: $id) { name tenant { code } } }';
    const [asNational, asProvince] = await Promise.all([
      server.gql(query, { id: ids.tucDuyen }, national),
      server.gql(query, { id: ids.tucDuyen }, province),
    ]);
    expect(asNational.data?.adminUnit).toEqual({ name: 'Túc Duyên', tenant: { code: '19' } });
    expect(asProvince.data?.adminUnit).toBeNull();
  });
});
