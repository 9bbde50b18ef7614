import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RequestScope } from '../../server/src/database/request-scope.js';
import { formatError } from '../../server/src/graphql/errors.js';
import { LIMITS } from '../../server/src/graphql/limits.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let token: string;

beforeAll(async () => {
  database = await openTestDatabase({ poolSize: 1 });
  ids = await demoIds(database);
  server = await startTestServer(database, { statementTimeoutMs: 300 });
  token = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

/** Sends a request and says how many database transactions it opened. */
async function countingTransactions<T>(send: () => Promise<T>): Promise<{ result: T; transactions: number }> {
  const spy = vi.spyOn(database.app, 'createQueryRunner');
  try {
    const result = await send();
    return { result, transactions: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

async function stillServing(): Promise<void> {
  const result = await server.gql('{ me { login } }', {}, token);
  expect(result.data?.me.login).toBe('kiengiang');
}

function expectNoLeaks(raw: string): void {
  expect(raw).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(raw).not.toMatch(/select |insert |update |from admin_unit|constraint|_fkey|_pkey|stacktrace/i);
}

describe('request limits', () => {
  it('answers malformed JSON with a clear error and no SQL', async () => {
    const { result, transactions } = await countingTransactions(() => server.post('{"query": "{ me { login } }"'));
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).errors[0]).toMatchObject({ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    expect(transactions).toBe(0);
    await stillServing();
  });

  it('refuses a body over the size limit', async () => {
    const query = `{ me { login } } # ${'x'.repeat(LIMITS.bodyBytes)}`;
    const { result, transactions } = await countingTransactions(() => server.post(JSON.stringify({ query })));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(transactions).toBe(0);
    await stillServing();
  });

  it('refuses a query deeper than the limit', async () => {
    const deep = `{ adminUnits { edges { node { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } }`;
    const { result, transactions } = await countingTransactions(() => server.gql(deep, {}, token));
    expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors?.[0].message).toMatch(/levels deep; at most 10/);
    expect(transactions).toBe(0);
    await stillServing();
  });

  it('refuses too many aliases', async () => {
    const aliased = `{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, index) => `a${index}: me { login }`).join(' ')} }`;
    const { result, transactions } = await countingTransactions(() => server.gql(aliased, {}, token));
    expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors?.[0].message).toMatch(/aliases/);
    expect(transactions).toBe(0);
  });

  it('refuses too many tokens', async () => {
    const long = `{ me { ${Array.from({ length: LIMITS.maxTokens }, () => 'login').join(' ')} } }`;
    const { result, transactions } = await countingTransactions(() => server.gql(long, {}, token));
    expect(codesOf(result)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(result.errors?.[0].message).toMatch(/more th.t 2000 tokens/);
    expect(transactions).toBe(0);
  });

  it('refuses a query too expensive to run', async () => {
    const expensive = `{ adminUnits(first: 100) { edges { node { children { children { children { name } } } } } } }`;
    const { result, transactions } = await countingTransactions(() => server.gql(expensive, {}, token));
    expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors?.[0].message).toMatch(/too expensive/);
    expect(transactions).toBe(0);
  });

  it('judges the cost of the same query again when its variables change', async () => {
    const query = 'query($first: Int) { adminUnits(first: $first) { edges { node { children { children { children { name } } } } } } }';
    expect((await server.gql(query, { first: 2 }, token)).errors).toBeUndefined();
    const { result, transactions } = await countingTransactions(() => server.gql(query, { first: 100 }, token));
    expect(result.errors?.[0].message).toMatch(/too expensive/);
    expect(transactions).toBe(0);
    expect((await server.gql(query, { first: 2 }, token)).errors).toBeUndefined();
  });

  it('refuses a wrong-typed variable', async () => {
    const { result, transactions } = await countingTransactions(() =>
      server.gql('query($first: Int) { adminUnits(first: $first) { totalCount } }', { first: 'twenty' }, token),
    );
    expect(codesOf(result), result.raw).toEqual(['BAD_USER_INPUT']);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/\$first/);
    expect(transactions).toBe(0);
  });

  it('refuses first: 100000 on a connection, naming the field', async () => {
    const { result, transactions } = await countingTransactions(() =>
      server.gql('{ adminUnits(first: 100000) { totalCount } }', {}, token),
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'first', message: 'must be at most 100' }]);
    expect(transactions).toBe(0);
    await stillServing();
  });

  it('answers a cursor that is not of the list without leaking SQL, and keeps serving', async () => {
    const forged = Buffer.from(JSON.stringify(['00000030787', 'not-a-uuid'])).toString('base64url');
    const result = await server.gql('query($after: String) { adminUnits(after: $after) { totalCount } }', { after: forged }, token);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expectNoLeaks(result.raw);
    await stillServing();
  });
});

describe('statement timeout', () => {
  it('cancels a statement over the timeout, and the next request on that connection succeeds', async () => {
    const viewer = { userId: (await database.owner.query(`select id from app_user where login = 'kiengiang'`))[0].id, role: 'PROVINCE_ADMIN' as never, tenantId: ids.anGiang, clubId: null, tokenVersion: 1 };
    const scope = new RequestScope(database.app, viewer, { statementTimeoutMs: 200 });
    const failure = await (await scope.db()).query('select pg_sleep(2)').catch((error: unknown) => error);
    await scope.rollback();
    expect((failure as { driverError?: { code?: string } }).driverError?.code).toBe('57014');
    const shown = formatError({ message: 'canceling statement due to statement timeout' }, failure);
    expect(shown.extensions?.code).toBe('TIMEOUT');
    expectNoLeaks(JSON.stringify(shown));
    // The pool has one connection: this request runs on the very connection that was cancelled.
    await stillServing();
  });
});
