import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_LOGIN_ROLE, appDatabaseUrl, createDataSource } from '../../server/src/database/data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/database/embedded.js';
import { migrate } from '../../server/src/database/migrate.js';
import { createLogger } from '../../server/src/logger.js';
import { KIEN_LUONG_CLUB, TUC_DUYEN_CLUB } from '../../server/seed/demo-accounts.js';
import { seedDemoData } from '../../server/seed/demo-data.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { TEST_APP_PASSWORD } from '../support/constants.js';
import { freePort } from '../support/ports.js';

// Every case here stops, freezes or kills PostgreSQL: a cluster of this file's own, never the
// shared server the other tests use.
let dataDir: string;
let pgPort: number;
let cluster: EmbeddedDatabase;
let databaseUrl: string;
const dataSources: DataSource[] = [];
const servers: TestServer[] = [];
const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

async function startCluster(): Promise<void> {
  cluster = await startEmbeddedDatabase(dataDir, pgPort, log);
}

/** The cluster's postmaster, from its lock file. */
async function postmasterPid(): Promise<number> {
  return Number((await readFile(path.join(cluster.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** The postmaster and every process it started (backends, checkpointer, writers…). */
async function clusterProcesses(): Promise<number[]> {
  const postmaster = await postmasterPid();
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The parent pid is the 4th field, after "pid (command) state".
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

async function serverOn(options: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number; queryTimeoutMs?: number }): Promise<TestServer> {
  const app = createDataSource({
    url: databaseUrl,
    poolSize: options.poolSize,
    applicationName: 'ishc-faults',
    connectTimeoutMs: options.connectTimeoutMs,
    queryTimeoutMs: options.queryTimeoutMs,
  });
  await app.initialize();
  dataSources.push(app);
  const server = await startTestServer({ app }, { statementTimeoutMs: options.statementTimeoutMs });
  servers.push(server);
  return server;
}

/** The owner's connection string to the database the platform uses on this cluster. */
function ownerUrl(): string {
  const url = new URL(cluster.ownerUrl);
  url.pathname = '/ishc';
  return url.toString();
}

async function ownerQuery<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const TENANTS = '{ tenants { code } }';
/** The demo's workspaces by GSO code: Bắc Kạn, Thái Nguyên, the old An Giang, An Giang and Kiên Giang (both 91). */
const DEMO_TENANTS = [{ code: '06' }, { code: '19' }, { code: '89' }, { code: '91' }, { code: '91' }];

async function post(server: TestServer, query: string, token?: string): Promise<{ status: number; retryAfter: string | null; body: GraphQLResponse }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const raw = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: { status: response.status, ...JSON.parse(raw), raw } };
}

/** The readiness answer is that of a check at most a second old: a probe sees a change by asking again. */
const READINESS_SETTLES = { timeout: 10_000, interval: 100 };

async function readiness(server: TestServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

const login = { role: APP_LOGIN_ROLE, password: TEST_APP_PASSWORD };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ishc-faults-'));
  pgPort = await freePort();
  await startCluster();
  const admin = new pg.Client({ connectionString: cluster.ownerUrl });
  await admin.connect();
  await admin.query('create database ishc');
  await admin.end();
  const owner = createDataSource({ url: ownerUrl(), poolSize: 1, applicationName: 'ishc-faults-owner' });
  await owner.initialize();
  try {
    // This test's own cluster: the server's usual login role is no one else's here.
    await migrate(owner, login);
  } finally {
    await owner.destroy();
  }
  databaseUrl = appDatabaseUrl(ownerUrl(), login);
  const seeder = createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'ishc-faults-seed' });
  await seeder.initialize();
  try {
    await seedDemoData(seeder);
  } finally {
    await seeder.destroy();
  }
}, 180_000);

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const dataSource of dataSources) await dataSource.destroy().catch(() => undefined);
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('when the database is down or does not answer', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await serverOn({ poolSize: 4, statementTimeoutMs: 2_000, connectTimeoutMs: 2_000, queryTimeoutMs: 3_000 });
    token = await server.signIn('national.viewer');
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while connections are refused, and serves again once it is back', async () => {
    expect((await post(server, TENANTS, token)).status).toBe(200);
    await cluster.stop();
    try {
      const read = await post(server, TENANTS, token);
      expect(read.status).toBe(503);
      expect(read.retryAfter).toBe('5');
      expect(codesOf(read.body)).toEqual(['SERVICE_UNAVAILABLE']);
      const signIn = await post(server, 'mutation { signIn(login: "kiengiang", password: "ishc-demo") { token } }');
      expect(signIn.status).toBe(503);
      expect(codesOf(signIn.body)).toEqual(['SERVICE_UNAVAILABLE']);
      await expect.poll(() => readiness(server), READINESS_SETTLES).toEqual({ status: 503, body: { status: 'database unavailable' } });
      const download = await fetch(`${server.url}/exports/national-comparison.csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(download.status).toBe(503);
      expect(download.headers.get('retry-after')).toBe('5');
      expect(((await download.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await startCluster();
    }
    const again = await post(server, TENANTS, token);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ tenants: DEMO_TENANTS });
    await expect.poll(() => readiness(server), READINESS_SETTLES).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('answers 503 rather than waiting while the database is frozen, and the readiness check says not ready', async () => {
    // Connections in the pool and a new one alike: each must give up on a server that is silent.
    await Promise.all([post(server, TENANTS, token), post(server, TENANTS, token)]);
    const frozen = await clusterProcesses();
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      // The freeze lasts until `finally`: an answer that waited for the server would never come.
      const answers = await Promise.all([
        post(server, TENANTS, token),
        post(server, TENANTS, token),
        post(server, 'mutation { signIn(login: "kiengiang", password: "ishc-demo") { token } }'),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe('5');
        expect(codesOf(answer.body)).toEqual(['SERVICE_UNAVAILABLE']);
      }
      await expect.poll(() => readiness(server), READINESS_SETTLES).toEqual({ status: 503, body: { status: 'database unavailable' } });
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
    expect((await post(server, TENANTS, token)).status).toBe(200);
    await expect.poll(() => readiness(server), READINESS_SETTLES).toEqual({ status: 200, body: { status: 'ready' } });
  });
});

describe('a pool taken up by slow requests', () => {
  it('leaves the readiness check answering ready from its own connection, and refuses a request that cannot get a connection in time', async () => {
    const server = await serverOn({ poolSize: 2, statementTimeoutMs: 60_000, connectTimeoutMs: 2_000 });
    const token = await server.signIn('national.viewer');
    // Every signed-in request reads the account first; with the accounts table locked, two requests
    // hold the pool's two connections until the lock goes.
    const locker = new pg.Client({ connectionString: ownerUrl() });
    await locker.connect();
    let held: Array<Promise<Awaited<ReturnType<typeof post>>>> = [];
    try {
      await locker.query('begin');
      await locker.query('lock table app_user in access exclusive mode');
      held = [post(server, TENANTS, token), post(server, TENANTS, token)];
      // Asked on a connection of its own: a transaction sees one snapshot of pg_stat_activity.
      await expect
        .poll(async () => {
          const [{ count }] = await ownerQuery<{ count: string }>(
            `select count(*) from pg_stat_activity where application_name = 'ishc-faults' and wait_event_type = 'Lock'`,
          );
          return Number(count);
        })
        .toBe(2);

      await expect.poll(() => readiness(server), READINESS_SETTLES).toEqual({ status: 200, body: { status: 'ready' } });
      const turnedAway = await post(server, TENANTS, token);
      expect(turnedAway.status).toBe(503);
      expect(codesOf(turnedAway.body)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
    for (const answer of await Promise.all(held)) {
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ tenants: DEMO_TENANTS });
    }
  });
});

describe('PostgreSQL killed under a write load', () => {
  const RECORD = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`;

  it('loses no acknowledged write, and leaves every other one whole or absent', async () => {
    const server = await serverOn({ poolSize: 8, statementTimeoutMs: 10_000, connectTimeoutMs: 5_000, queryTimeoutMs: 12_000 });
    const tokens: Record<string, string> = { '91': await server.signIn('kiengiang'), '19': await server.signIn('thainguyen') };
    const clubs = await ownerQuery<{ id: string; province: string }>(
      `select club.id, tenant.code as province from club join tenant on tenant.id = club.tenant_id
        where club.name in ('${KIEN_LUONG_CLUB}', '${TUC_DUYEN_CLUB}') order by tenant.code, club.id`,
    );
    expect(clubs.map((club) => club.province)).toEqual(['19', '91']);

    // Each writer records contributions one after another, half of them in each province's club;
    // a contribution is several rows in one transaction: the entry, its audit event, the request's
    // idempotency record.
    const attempts: Array<{ key: string; acknowledged: boolean }> = [];
    let killed = false;
    let enoughWritten!: () => void;
    const enough = new Promise<void>((resolve) => (enoughWritten = resolve));
    const writer = async ({ id: clubId, province }: { id: string; province: string }, writerIndex: number) => {
      for (let index = 0; !killed; index += 1) {
        const key = `crash-${writerIndex}-${index}`;
        const attempt = { key, acknowledged: false };
        attempts.push(attempt);
        const answer = await server
          .gql<{ recordFundEntry: { id: string } }>(
            RECORD,
            { input: { clubId, fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: '2024-06-01', amount: 10_000, description: key, idempotencyKey: key } },
            tokens[province],
          )
          .catch(() => undefined);
        attempt.acknowledged = answer?.status === 200 && Boolean(answer.data?.recordFundEntry?.id);
        if (attempts.filter((each) => each.acknowledged).length >= 60) enoughWritten();
      }
    };
    const writers = Promise.all(Array.from({ length: 8 }, (_, index) => writer(clubs[index % clubs.length], index)));
    await enough;
    const postmaster = await postmasterPid();
    process.kill(postmaster, 'SIGKILL');
    killed = true;
    await writers;

    // The same data directory, after a crash: PostgreSQL replays its log on start.
    await startCluster();
    expect(await postmasterPid()).not.toBe(postmaster);
    const found = await ownerQuery<{ key: string; entry: boolean; audit: boolean; request: boolean }>(
      `select attempt.key,
              exists (select 1 from ledger_entry entry where entry.description = attempt.key) as entry,
              exists (select 1 from ledger_entry entry join audit_event audit on audit.entity_id = entry.id
                       where entry.description = attempt.key and audit.action = 'ledger.record') as audit,
              exists (select 1 from client_request request where request.key = attempt.key and request.result is not null) as request
         from unnest($1::text[]) as attempt(key)`,
      [attempts.map((attempt) => attempt.key)],
    );
    const acknowledged = new Set(attempts.filter((attempt) => attempt.acknowledged).map((attempt) => attempt.key));
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);
    const outcomes = found.map((row) => ({
      key: row.key,
      acknowledged: acknowledged.has(row.key),
      state: row.entry && row.audit && row.request ? 'whole' : !row.entry && !row.audit && !row.request ? 'absent' : 'partial',
    }));
    expect(outcomes.filter((outcome) => outcome.state === 'partial')).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.acknowledged && outcome.state !== 'whole')).toEqual([]);
    const [{ count }] = await ownerQuery<{ count: string }>(`select count(*) from ledger_entry where description like 'crash-%'`);
    expect(Number(count)).toBe(found.filter((row) => row.entry).length);
  }, 180_000);
});
