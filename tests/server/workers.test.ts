import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../server/src/calendar.js';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';
import { demoIds, openTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

const root = path.resolve(import.meta.dirname, '../..');

let database: TestDatabase;
let dataDir: string;
let server: { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

/** The pids of the first process's Node children: its HTTP workers (not the compiler's helper process). */
function workerPids(parent: number): number[] {
  const listed = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(parent)], { encoding: 'utf8' });
  return listed
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, command]) => Number(pid) > 0 && command === 'node')
    .map(([pid]) => Number(pid));
}

async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

const SIGN_IN = 'mutation ($login: String!, $password: String!) { signIn(login: $login, password: $password) { token } }';

async function signIn(login: string, password = DEMO_PASSWORD): Promise<string> {
  const answer = await graphql(SIGN_IN, { login, password });
  if (!answer.data?.signIn) throw new Error(`sign-in of ${login} failed: ${JSON.stringify(answer)}`);
  return answer.data.signIn.token;
}

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ishc-workers-'));
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: database.ownerUrl,
    // A login role of its own (login roles are cluster-wide): the test run's keeps its password.
    APP_DATABASE_ROLE: `ishc_workers_${process.pid}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    SERVE_CLIENT: 'false',
    LOG_LEVEL: 'info',
    WEB_WORKERS: '2',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /ISHC platform: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  server = { child, url, output: () => output, exited };
}, 240_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    for (const pid of workerPids(server.child.pid!)) process.kill(pid, 'SIGKILL');
  }
  await database?.owner.query(`drop role if exists ishc_workers_${process.pid}`).catch(() => undefined);
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('several HTTP workers on one port (WEB_WORKERS)', () => {
  it('serves from two processes that agree on sign-in throttling and on what was written', async () => {
    expect(server.output()).toContain('HTTP workers are up');
    expect(workerPids(server.child.pid!)).toHaveLength(2);

    // Five wrong passwords, spread by the first process over both workers, use up the login's
    // places at this address: the right one is then refused too, wherever it lands.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const refused = await graphql(SIGN_IN, { login: 'tucduyen.club', password: 'not-the-password' });
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const throttled = await graphql(SIGN_IN, { login: 'tucduyen.club', password: DEMO_PASSWORD });
      expect(throttled.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    }

    // A write through one worker is in the next answer of either, kept answers or not.
    const ids = await demoIds(database);
    const province = await signIn('kiengiang');
    const staff = await signIn('kienluong.club');
    const month = todayInVietnam().slice(0, 7);
    const DASHBOARD = 'query ($month: Month) { provinceDashboard(month: $month) { figures { members } } }';
    const members = async () => (await graphql(DASHBOARD, { month }, province)).data.provinceDashboard.figures.members as number;
    const before = [await members(), await members(), await members()];
    expect(new Set(before).size).toBe(1);
    const added = await graphql('mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }', { input: { clubId: ids.kienLuongClub, fullName: 'Người Hai Tiến Trình', sex: 'MALE', birthYear: 1951, joinedOn: `${month}-01` } }, staff);
    expect(added.errors).toBeUndefined();
    expect([await members(), await members(), await members()]).toEqual([before[0] + 1, before[0] + 1, before[0] + 1]);
  });

  it('starts another worker when one dies, and stops them all, then itself, on SIGTERM', async () => {
    const [dying] = workerPids(server.child.pid!);
    process.kill(dying, 'SIGKILL');
    await expect.poll(() => workerPids(server.child.pid!).filter((pid) => pid !== dying).length, { timeout: 60_000 }).toBe(2);
    await expect.poll(async () => (await fetch(`${server.url}/healthz`)).status, { timeout: 30_000 }).toBe(200);
    expect(server.output()).toContain('an HTTP worker stopped; starting another');

    const workers = workerPids(server.child.pid!);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
