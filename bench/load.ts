import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TokenService } from '../server/src/auth/tokens.js';
import { todayInVietnam } from '../server/src/calendar.js';
import { appDatabaseUrl, type LoginRole } from '../server/src/database/data-source.js';
import { Role } from '../server/src/users/role.js';
import { clientOperationId } from './client-operations.js';
import { SERVER_HEAP_MIB } from './data-import.js';
import { AS_OF } from './dataset/generate.js';
import { BENCH_TOKEN_SECRET, percentile, round } from './harness.js';
import type { LoadJob, LoadUser, OperationJob, OperationResult } from './load-generator.js';
import { summariseProfiles, type CpuProfileSummary } from './profile.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** The issue's budgets for the load phase. */
export const LOAD_BUDGETS = {
  readP99MsAt200: 1_000,
  writeP99MsAt200: 1_500,
  readyzP99Ms: 50,
  dashboardPerSecondAt50: 300,
  comparisonPerSecondAt50: 200,
};

/** A month-end mix: which share of the users does what. */
const MIX: Array<{ name: string; share: number }> = [
  { name: 'roster (ClubMembers)', share: 0.2 },
  { name: 'loans with what is due (ClubLoans)', share: 0.15 },
  { name: 'meeting sheet (SubmitMeetingSheet)', share: 0.1 },
  { name: 'repayment (RecordRepayment)', share: 0.1 },
  { name: 'province dashboard (ProvinceDashboard)', share: 0.2 },
  { name: 'report queue (ProvinceMonthlyReports)', share: 0.1 },
  { name: 'national comparison (NationalComparison)', share: 0.15 },
];

export interface LoadStep {
  name: string;
  users: number;
  seconds: number;
  operations: OperationResult[];
  perSecond: number;
  errors: number;
  readyz: { samples: number; p50: number; p99: number; max: number; failed: number };
  /** The server's pool: time from asking for a connection to having one. */
  poolWait: { checkouts: number; totalMs: number; p50Ms: number; p99Ms: number; maxMs: number; maxWaiting: number; poolSize: number } | null;
  /** Cores used over the step (CPU seconds / wall seconds), from /proc. */
  cpu: { server: number; postgres: number; generator: number | null };
  /** CPU milliseconds a request cost the server and PostgreSQL over the step (cores × 1000 / req/s). */
  costMs: { server: number; postgres: number };
  memoryMiB: { serverRss: number | null; postgresPss: number | null };
}

export type LoadMeasure =
  | {
      steps: LoadStep[];
      serverHeapMiB: number;
      workers: number;
      poolSize: number;
      accounts: { clubStaff: number; provinceAdmins: number; national: number };
      limits: string[];
      /** With --profile: where the server's CPU went over the whole phase. */
      profile?: CpuProfileSummary;
    }
  | { error: string };

type Log = (message: string) => void;

/**
 * Many users at once over HTTP against the server as deployed (its own process, production mode,
 * heap bounded as the Dockerfile bounds it, the deployed pool size), the load made by autocannon in
 * a third process. Steps of 10, 50 and 200 users in a month-end mix, then 50 users all on the
 * province dashboard and 50 all on the national comparison.
 */
export async function measureLoad(ownerUrl: string, login: LoginRole, log: Log, options: { seconds: number; steps?: number[]; alone?: boolean; workers?: number; profile?: boolean; leaveAlone?: string[] }): Promise<LoadMeasure> {
  let server: ServerProcess | undefined;
  // Each server process writes its CPU profile when it stops (sampled every millisecond).
  const profiles = options.profile ? await mkdtemp(join(tmpdir(), 'ishc-load-profile-')) : undefined;
  // BENCH_KEEP_PROFILES=1 keeps the profiles' files (for a flame chart in a browser's tools).
  const keepProfiles = process.env.BENCH_KEEP_PROFILES === '1';
  // As deployed (docker-compose.yml: WEB_WORKERS auto, DB_POOL_SIZE 10): one worker a core, each with its pool.
  const workers = options.workers ?? availableParallelism();
  const poolSize = 10;
  try {
    const accounts = await loadAccounts(ownerUrl, 200, options.leaveAlone ?? []);
    server = await startServerProcess(process.execPath, [`--max-old-space-size=${SERVER_HEAP_MIB}`, ...(profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : []), '--import', 'tsx', fileURLToPath(new URL('./api-server.ts', import.meta.url))], {
      cwd: process.cwd(),
      env: { ...process.env, BENCH_API: JSON.stringify({ appUrl: appDatabaseUrl(ownerUrl, login), production: true, poolSize, workers }) },
    });
    const origin = server.url.replace(/\/graphql$/, '');
    const operations = await operationsOf(accounts);
    const month = AS_OF.slice(0, 7);
    const job = (users: number, only?: string): LoadJob => {
      // Each virtual user its own account, as far as the accounts go: the connections of one
      // operation take the accounts after those of the operations before it (writers first), so two
      // operations never write as the same club at once.
      const taken = new Map<string, number>();
      const mix = only ? [{ name: only, share: 1 }] : [...MIX].sort((left, right) => kindOrder(operations.get(left.name)!) - kindOrder(operations.get(right.name)!));
      const planned = mix.map(({ name, share }) => {
        const operation = operations.get(name)!;
        const connections = Math.max(1, Math.round(users * share));
        const pool = accountsOf(operation);
        const first = taken.get(pool) ?? 0;
        taken.set(pool, first + connections);
        const rotated = operation.users.length ? [...operation.users.slice(first % operation.users.length), ...operation.users.slice(0, first % operation.users.length)] : [];
        return { ...operation, connections, users: rotated.map((user) => ({ ...user, variables: { month, ...user.variables } })) };
      });
      return { origin, seconds: options.seconds, today: todayInVietnam(), operations: planned };
    };
    // Warm-up: every operation a few seconds at low load, not measured.
    await runStep(server, { ...job(10), seconds: 5 }, 'warm-up', 10);
    const steps: LoadStep[] = [];
    for (const users of options.steps ?? [10, 50, 200]) {
      const step = await runStep(server, job(users), `month-end mix, ${users} users`, users);
      steps.push(step);
      log(`  ${step.name}: ${step.perSecond} req/s, ${step.errors} errors, /readyz p99 ${step.readyz.p99} ms; ${step.operations.map((operation) => `${operation.name.split(' (')[0]} p99 ${operation.p99} ms`).join(', ')}`);
    }
    // Each operation of the mix alone: what one costs the server and PostgreSQL, so that what limits
    // the mix can be read from its parts.
    for (const { name: only } of options.alone === false ? [] : MIX) {
      const step = await runStep(server, job(50, only), `${only.split(' (')[0]} alone, 50 users`, 50);
      steps.push(step);
      log(`  ${step.name}: ${step.perSecond} req/s, p50 ${step.operations[0].p50} ms, p99 ${step.operations[0].p99} ms, ${step.errors} errors; a request costs the server ${step.costMs.server} ms and PostgreSQL ${step.costMs.postgres} ms of CPU`);
    }
    await server.stop();
    const profile = profiles ? await summariseProfiles(profiles) : undefined;
    if (profile) log(`  where the server's CPU went (${profile.busySeconds} s busy of ${profile.sampledSeconds} s sampled, ${profile.processes} profiles): ${profile.byPlace.map((place) => `${place.place} ${place.share} %`).join(', ')}`);
    return {
      steps,
      serverHeapMiB: SERVER_HEAP_MIB,
      workers,
      poolSize,
      accounts: { clubStaff: accounts.staff.length, provinceAdmins: accounts.provinceAdmins.length, national: 1 },
      limits: limitsOf(steps, poolSize * workers, workers),
      ...(profile ? { profile } : {}),
    };
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500) };
  } finally {
    await server?.stop().catch(() => undefined);
    if (profiles && keepProfiles) log(`  the profiles are kept in ${profiles}`);
    else if (profiles) await rm(profiles, { recursive: true, force: true });
  }
}

const kindOrder = (operation: Omit<OperationJob, 'connections'>) => (operation.kind === 'write' ? 0 : 1);

/** The accounts an operation's users are drawn from: club staff, province admins or the national office. */
function accountsOf(operation: Omit<OperationJob, 'connections'>): string {
  if (operation.name.includes('(Province')) return 'province admins';
  if (operation.name.includes('(National')) return 'national office';
  return 'club staff';
}

/** What held each step back, read from where its time went. */
function limitsOf(steps: LoadStep[], poolSize: number, workers: number): string[] {
  const cores = availableParallelism();
  return steps.map((step) => {
    const wait = step.poolWait;
    const waitedShare = wait && step.seconds ? round(wait.totalMs / 1000 / (step.seconds * poolSize), 2) : null;
    const busy = round(step.cpu.server + step.cpu.postgres + (step.cpu.generator ?? 0), 2);
    const reasons: string[] = [];
    // The server, PostgreSQL and the generator share the machine: when together they keep every core
    // busy, the CPU is the limit, and requests queue for a connection because each one held is
    // waiting its turn on a core.
    if (busy >= 0.9 * cores) {
      const larger = step.costMs.server >= step.costMs.postgres ? 'Node' : 'PostgreSQL';
      reasons.push(
        `the machine's ${cores} cores (${busy} busy: Node ${step.cpu.server}, PostgreSQL ${step.cpu.postgres}, the generator ${step.cpu.generator ?? '?'}); a request costs Node ${step.costMs.server} ms and PostgreSQL ${step.costMs.postgres} ms of CPU, ${larger} the larger part`,
      );
    } else {
      if (step.cpu.server >= 0.85 * workers) reasons.push(`Node's ${workers === 1 ? 'one core' : `${workers} workers`} (${step.cpu.server} cores busy)`);
      if (step.cpu.postgres >= 0.85 * cores) reasons.push(`PostgreSQL's CPU (${step.cpu.postgres} cores)`);
    }
    if (wait && wait.p99Ms > 50) {
      const pool = `the pool${workers === 1 ? '' : 's'} of ${poolSize} (p99 wait for a connection ${wait.p99Ms} ms, at most ${wait.maxWaiting} waiting${waitedShare !== null ? `, waits ${waitedShare}× the pool's time` : ''})`;
      reasons.push(busy >= 0.9 * cores ? `so requests wait for ${pool}` : pool);
    }
    return `${step.name}: ${reasons.length ? reasons.join('; ') : 'nothing saturated'}`;
  });
}

async function runStep(server: ServerProcess, job: LoadJob, name: string, users: number): Promise<LoadStep> {
  await fetch(`${server.statsUrl}?reset`).catch(() => undefined);
  const before = await cpuTicks(server.pid);
  const started = performance.now();
  const readyz = sampleReadiness(job.origin);
  const generator = await runGenerator(job);
  const readiness = await readyz.stop();
  const wallSeconds = (performance.now() - started) / 1000;
  const after = await cpuTicks(server.pid);
  const poolWait = await fetch(`${server.statsUrl}?reset`).then((response) => response.json() as Promise<LoadStep['poolWait']>).catch(() => null);
  const cores = (ticks: number) => round(ticks / 100 / wallSeconds, 2);
  const perSecond = generator.results.reduce((sum, operation) => sum + operation.perSecond, 0);
  const costMs = (ticks: number) => (perSecond ? round((ticks * 10) / wallSeconds / perSecond, 1) : Number.NaN);
  return {
    name,
    users,
    seconds: job.seconds,
    operations: generator.results,
    perSecond: round(perSecond, 1),
    errors: generator.results.reduce((sum, operation) => sum + operation.errors, 0),
    readyz: readiness,
    poolWait,
    cpu: { server: cores(after.server - before.server), postgres: cores(after.postgres - before.postgres), generator: generator.ticks === null ? null : cores(generator.ticks) },
    costMs: { server: costMs(after.server - before.server), postgres: costMs(after.postgres - before.postgres) },
    memoryMiB: { serverRss: await rssMiB(server.pid), postgresPss: await postgresPssMiB() },
  };
}

/** /readyz every 100 ms from this process (idle while the generator works), as a probe would. */
function sampleReadiness(origin: string) {
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.status !== 200) failed += 1;
      } catch {
        failed += 1;
      }
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = times.sort((a, b) => a - b);
      return { samples: sorted.length, p50: round(percentile(sorted, 0.5), 1), p99: round(percentile(sorted, 0.99), 1), max: round(sorted.at(-1) ?? Number.NaN, 1), failed };
    },
  };
}

async function runGenerator(job: LoadJob): Promise<{ results: OperationResult[]; ticks: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-generator.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let ticks: number | null = null;
  // The generator's own CPU, read just before it exits.
  const poll = setInterval(() => {
    void cpuOf(child.pid).then((value) => {
      if (value !== null) ticks = value;
    });
  }, 500);
  child.stdin.end(JSON.stringify(job));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`the load generator stopped (exit ${code})`);
  return { results: JSON.parse(output.trim().split('\n').at(-1)!) as OperationResult[], ticks };
}

async function cpuOf(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** CPU ticks of the server (with its workers) and of every PostgreSQL process on the machine. */
async function cpuTicks(serverPid: number | undefined): Promise<{ server: number; postgres: number }> {
  let postgres = 0;
  for (const pid of await postgresPids()) postgres += (await cpuOf(pid)) ?? 0;
  let server = 0;
  for (const pid of await processTree(serverPid)) server += (await cpuOf(pid)) ?? 0;
  return { server, postgres };
}

/** A process and its children (the server's workers). */
async function processTree(pid: number | undefined): Promise<number[]> {
  if (!pid) return [];
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.split(') ')[1]?.split(' ')[1]) === pid) children.push(Number(entry));
  }
  return [pid, ...children];
}

async function postgresPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const name = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (name.trim() === 'postgres') pids.push(Number(entry));
  }
  return pids;
}

/** Resident memory of the server and its workers together. */
async function rssMiB(pid: number | undefined): Promise<number | null> {
  let kib = 0;
  for (const each of await processTree(pid)) {
    const status = await readFile(`/proc/${each}/status`, 'utf8').catch(() => null);
    kib += Number(status?.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0);
  }
  return kib ? round(kib / 1024, 0) : null;
}

/** Proportional set size: shared buffers counted once across the backends, not once each. */
async function postgresPssMiB(): Promise<number | null> {
  let kib = 0;
  for (const pid of await postgresPids()) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    kib += Number(rollup.match(/Pss:\s+(\d+) kB/)?.[1] ?? 0);
  }
  return kib ? round(kib / 1024, 0) : null;
}

interface Accounts {
  staff: Array<{ userId: string; tenantId: string; clubId: string; memberIds: string[]; loanIds: string[] }>;
  provinceAdmins: Array<{ userId: string; tenantId: string }>;
  nationalId: string;
}

/** Club staff of many clubs across the provinces (each with members and loans to repay), every province admin, the national office. */
async function loadAccounts(ownerUrl: string, staffCount: number, leaveAlone: string[]): Promise<Accounts> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: staff } = await client.query<{ id: string; tenant_id: string; club_id: string; member_ids: string[]; loan_ids: string[] }>(
      `select u.id, u.tenant_id, u.club_id,
              array(select m.id from member m where m.tenant_id = u.tenant_id and m.club_id = u.club_id and m.left_on is null order by m.id limit 40) as member_ids,
              array(select l.id from loan l where l.tenant_id = u.tenant_id and l.club_id = u.club_id and l.status = 'DISBURSED'
                      and l.principal - l.principal_repaid > 1000000 order by l.id limit 8) as loan_ids
         from app_user u
        where u.role = 'CLUB_STAFF' and u.login like 'bench.c%' and not (u.tenant_id = any ($2::uuid[]))
          and exists (select 1 from loan l where l.tenant_id = u.tenant_id and l.club_id = u.club_id and l.status = 'DISBURSED' and l.principal - l.principal_repaid > 1000000)
        order by md5(u.login) limit $1`,
      [staffCount, leaveAlone],
    );
    const { rows: admins } = await client.query<{ id: string; tenant_id: string }>(`select id, tenant_id from app_user where role = 'PROVINCE_ADMIN' and login like 'bench.p%' order by login`);
    const { rows: national } = await client.query<{ id: string }>(`select id from app_user where login = 'bench.national'`);
    if (!staff.length || !admins.length || !national.length) throw new Error('the dataset has no bench accounts: run npm run bench -- --load-only');
    return {
      staff: staff.map((row) => ({ userId: row.id, tenantId: row.tenant_id, clubId: row.club_id, memberIds: row.member_ids, loanIds: row.loan_ids })),
      provinceAdmins: admins.map((row) => ({ userId: row.id, tenantId: row.tenant_id })),
      nationalId: national[0].id,
    };
  } finally {
    await client.end();
  }
}

/** Each operation of the mix as the client sends it, with its users' tokens and variables. */
async function operationsOf(accounts: Accounts): Promise<Map<string, Omit<OperationJob, 'connections'>>> {
  const tokens = new TokenService(BENCH_TOKEN_SECRET, 3_600);
  // The generator's accounts are never changed after they are made: their token version is the first.
  const staff: LoadUser[] = await Promise.all(
    accounts.staff.map(async (account) => ({
      token: (await tokens.issue({ userId: account.userId, role: Role.CLUB_STAFF, tenantId: account.tenantId, clubId: account.clubId, tokenVersion: 1 })).token,
      memberIds: account.memberIds,
      loanIds: account.loanIds,
    })),
  );
  const admins: LoadUser[] = await Promise.all(
    accounts.provinceAdmins.map(async (account) => ({ token: (await tokens.issue({ userId: account.userId, role: Role.PROVINCE_ADMIN, tenantId: account.tenantId, clubId: null, tokenVersion: 1 })).token })),
  );
  const national: LoadUser[] = [{ token: (await tokens.issue({ userId: accounts.nationalId, role: Role.NATIONAL_VIEWER, tenantId: null, clubId: null, tokenVersion: 1 })).token }];
  const withVariables = (users: LoadUser[], variables: Record<string, unknown>) => users.map((user) => ({ ...user, variables }));
  const operations: Array<Omit<OperationJob, 'connections'>> = [
    { name: 'roster (ClubMembers)', kind: 'read', id: await clientOperationId('ClubMembers'), users: withVariables(staff, { first: 50, standing: 'CURRENT' }) },
    { name: 'loans with what is due (ClubLoans)', kind: 'read', id: await clientOperationId('ClubLoans'), users: withVariables(staff, { first: 30, statuses: ['DISBURSED'], overdueOnly: false }) },
    { name: 'meeting sheet (SubmitMeetingSheet)', kind: 'write', write: 'meetingSheet', id: await clientOperationId('SubmitMeetingSheet'), users: staff.filter((user) => user.memberIds?.length) },
    { name: 'repayment (RecordRepayment)', kind: 'write', write: 'repayment', id: await clientOperationId('RecordRepayment'), users: staff.filter((user) => user.loanIds?.length) },
    { name: 'province dashboard (ProvinceDashboard)', kind: 'read', id: await clientOperationId('ProvinceDashboard'), users: withVariables(admins, {}) },
    { name: 'report queue (ProvinceMonthlyReports)', kind: 'read', id: await clientOperationId('ProvinceMonthlyReports'), users: withVariables(admins, { first: 25, statuses: ['SUBMITTED'], month: null, clubId: null, oldestFirst: true }) },
    { name: 'national comparison (NationalComparison)', kind: 'read', id: await clientOperationId('NationalComparison'), users: national },
  ];
  return new Map(operations.map((operation) => [operation.name, operation]));
}
