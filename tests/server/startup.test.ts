import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';

const root = path.resolve(import.meta.dirname, '../..');

interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
  exited: Promise<number | null>;
}

async function startServer(dataDir: string, pgPort: number): Promise<Running> {
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PORT: String(port), SERVE_CLIENT: 'false', LOG_LEVEL: 'info', HOST: '127.0.0.1' };
  delete environment.DATABASE_URL;
  delete environment.SEED_DEMO;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150_000);
    const check = setInterval(() => {
      const match = /ISHC platform: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, url, exited };
}

/** Whether a process is a running PostgreSQL (not gone, not a zombie waiting to be collected). */
function isServer(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^\d+ \(postgres\) [^Z]/.test(stat);
  } catch {
    return false;
  }
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(login: "${login}", password: "ishc-demo") { token } }` }),
  });
  const body = (await response.json()) as { data: { signIn: { token: string } } };
  return body.data.signIn.token;
}

async function tenantCodes(url: string): Promise<string[]> {
  const token = await signIn(url, 'national.viewer');
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ tenants { code status } adminUnits(search: "kien luong") { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { tenants: Array<{ code: string; status: string }>; adminUnits: { totalCount: number } } };
  expect(body.data.adminUnits.totalCount).toBe(2);
  return body.data.tenants.map((tenant) => `${tenant.code} ${tenant.status}`).sort();
}

/** The demo's workspaces: An Giang and Thái Nguyên in use, the three merged into them retired. */
const DEMO_TENANTS = ['06 RETIRED', '19 ACTIVE', '89 RETIRED', '91 ACTIVE', '91 RETIRED'];

describe('starting on embedded PostgreSQL', () => {
  let dataDir: string;

  let leftRunning: number | undefined;

  afterAll(async () => {
    // A failure between the kill and the next start would leave that PostgreSQL behind.
    if (leftRunning && isServer(leftRunning)) {
      process.kill(leftRunning, 'SIGINT');
      await expect.poll(() => isServer(leftRunning!), { timeout: 60_000 }).toBe(false);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates, migrates and seeds from an empty data directory, reuses it on the next start, and stops cleanly on SIGTERM', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ishc-start-'));
    const pgPort = await freePort();

    const first = await startServer(dataDir, pgPort);
    expect(first.output()).toContain('demo workspaces loaded');
    expect(first.output()).toMatch(/kienluong\.club\s+club staff/);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${first.url}/readyz`)).json()).toEqual({ status: 'ready' });
    expect(await tenantCodes(first.url)).toEqual(DEMO_TENANTS);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startServer(dataDir, pgPort);
    expect(second.output()).not.toContain('demo workspaces loaded');
    expect(second.output()).not.toContain('migrations applied');
    expect(await tenantCodes(second.url)).toEqual(DEMO_TENANTS);

    // A browser keeps idle keep-alive connections open; they must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise<void>((resolve, reject) =>
      http.get(`${second.url}/healthz`, { agent }, (response) => response.resume().on('end', resolve)).on('error', reject),
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    agent.destroy();
    expect(second.output()).toContain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 300_000);

  it('stops the PostgreSQL a killed start left running and comes up, leaves a running start alone; a lock file naming another process does not stop it', async () => {
    const pgPort = await freePort();
    const lockFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmasterOf = async () => Number((await readFile(lockFile, 'utf8')).split('\n')[0]);

    const killed = await startServer(dataDir, pgPort);
    const left = await postmasterOf();
    leftRunning = left;
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(isServer(left)).toBe(true);

    const next = await startServer(dataDir, pgPort);
    expect(next.output()).toContain('stopping the embedded PostgreSQL an earlier start left running');
    expect(isServer(left)).toBe(false);
    expect(await postmasterOf()).not.toBe(left);
    expect(await tenantCodes(next.url)).toEqual(DEMO_TENANTS);
    // Another start of the same data directory (a second npm start, a migration) while this one
    // runs is refused, and stops nothing of the running one.
    await expect(startServer(dataDir, pgPort)).rejects.toThrow(/is in use by process \d+/);
    expect(await tenantCodes(next.url)).toEqual(DEMO_TENANTS);
    const lockOfRunningServer = await readFile(lockFile, 'utf8');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);

    // After a crash of the whole machine the number in the lock file can belong to any process.
    await writeFile(lockFile, lockOfRunningServer.replace(/^\d+/, String(process.pid)));
    const afterStaleLock = await startServer(dataDir, pgPort);
    expect(afterStaleLock.output()).toContain('removing a stale PostgreSQL lock file');
    expect(await tenantCodes(afterStaleLock.url)).toEqual(DEMO_TENANTS);
    afterStaleLock.child.kill('SIGTERM');
    expect(await afterStaleLock.exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  }, 300_000);
});
