import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { SignInThrottle } from '../server/src/auth/sign-in-throttle.js';
import { TokenService } from '../server/src/auth/tokens.js';
import { createHttpApp, type HttpApp } from '../server/src/http/app.js';
import { createLogger } from '../server/src/logger.js';
import { DATABASE_ROLE_BY_ROLE, type Role } from '../server/src/users/role.js';

/**
 * Statements sent to PostgreSQL by this process, counted where every driver call passes
 * (pg.Client#query). Requests measured for their statements run one at a time, so the count
 * between a request's start and its end is that request's.
 */
export const statements = { count: 0, recording: null as string[] | null, timings: null as Array<{ text: string; ms: number; sql: string; values: unknown[] }> | null };
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? '<stream>');
  // A query without parameters may hold several statements (the request scope sends
  // "start transaction; select set_config(…)" in one round trip): each counts.
  const texts = typeof first === 'string' && args.length === 1 ? splitStatements(text) : [text];
  statements.count += texts.length;
  if (statements.recording) statements.recording.push(...texts);
  const result = (originalQuery as (...queryArgs: unknown[]) => unknown).apply(this, args);
  const timings = statements.timings;
  if (timings && result instanceof Promise) {
    const started = performance.now();
    const values = (typeof first === 'string' ? args[1] : (first as { values?: unknown[] })?.values) as unknown[] | undefined;
    result.then(
      () => timings.push({ text: text.replace(/\s+/g, ' ').slice(0, 100), ms: performance.now() - started, sql: text, values: values ?? [] }),
      () => undefined,
    );
  }
  return result;
} as typeof pg.Client.prototype.query;

/** The statements of a simple query, split at semicolons (the scope's literals hold none). */
function splitStatements(text: string): string[] {
  const parts = text.split(';').map((part) => part.trim()).filter(Boolean);
  return parts.length ? parts : [text];
}

/** Transaction control and the request scope, as opposed to statements that read or write data. */
export function isScopeOrControl(text: string): boolean {
  return /^\s*(start transaction|begin|commit|rollback|reset role)\b/i.test(text) || /^\s*select set_config\('role'/i.test(text);
}

export function percentile(sorted: number[], fraction: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

/** Side-by-side rounds' ratios: each round's, and their lowest, median and highest. */
export interface RatioSpread {
  rounds: number[];
  min: number;
  median: number;
  max: number;
}

export function spreadOf(ratios: number[]): RatioSpread {
  const sorted = [...ratios].sort((a, b) => a - b);
  return { rounds: ratios, min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1)! };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Far above anything a bench sends, so throttling never shapes a measure. */
export const BENCH_THROTTLE_LIMITS = { perLoginAndAddress: 1_000, perAddress: 100_000, perLogin: 100_000, windowMs: 60_000, maxLoginWindowMs: 60_000 };

export interface Account {
  userId: string;
  role: Role;
  tenantId: string | null;
  clubId: string | null;
}

export interface BenchServer {
  app: HttpApp;
  url: string;
  tokens: TokenService;
  /** Milliseconds the server spent on the last request: from its arrival to the end of the response. */
  lastServerMs: () => number;
  token(account: Account): Promise<string>;
  post(body: unknown, token?: string): Promise<{ status: number; json: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The secret the bench's servers verify tokens with: a server in a process of its own takes the bench's tokens. */
export const BENCH_TOKEN_SECRET = 'bench-jwt-secret-used-only-in-this-process-0123456789';

/** The real HTTP app (Express, Apollo, type-graphql, request scope), in this process, on the bench database. */
export async function startBenchServer(dataSource: DataSource, options: { production?: boolean; port?: number } = {}): Promise<BenchServer> {
  const production = options.production ?? false;
  const tokens = new TokenService(BENCH_TOKEN_SECRET, 600);
  const app = await createHttpApp({
    dataSource,
    services: { tokens, signInThrottle: new SignInThrottle(dataSource, BENCH_THROTTLE_LIMITS) },
    log: createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'),
    statementTimeoutMs: 30_000,
    serveClient: false,
    trustProxy: false,
    introspection: !production,
    production,
  });
  let lastServerMs = Number.NaN;
  app.server.prependListener('request', (_request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      lastServerMs = performance.now() - started;
    });
  });
  await new Promise<void>((resolve) => app.server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const tokenCache = new Map<string, string>();
  return {
    app,
    url,
    tokens,
    lastServerMs: () => lastServerMs,
    async token(account) {
      const key = `${account.userId}`;
      let token = tokenCache.get(key);
      if (!token) {
        // The generator's accounts are never changed after they are made: their token version is the first.
        token = (await tokens.issue({ ...account, tokenVersion: 1 })).token;
        tokenCache.set(key, token);
      }
      return token;
    },
    async post(body, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as GraphQLBody };
    },
    stop: () => app.stop(),
  };
}

export interface LatencyResult {
  samples: number;
  p50: number;
  p95: number;
  /** Round trip seen by the client, for reference. */
  clientP50: number;
  statementsMedian: number;
  statementsMax: number;
  /** Statements other than BEGIN/COMMIT and the request scope's set_config. */
  dataStatementsMedian: number;
  /** The statements of one request, as sent (first line of each). */
  exampleStatements: string[];
  /** The slowest statements of one request, with their time in milliseconds. */
  slowestStatements: Array<{ ms: number; text: string }>;
  /** Full text and parameters of the slowest reads, for EXPLAIN. */
  slowReads: Array<{ ms: number; sql: string; values: unknown[]; plan?: string }>;
}

/**
 * Runs `request` one at a time: `warmUp` times unmeasured, then `samples` times, recording the
 * server's time and the statements each request sent.
 */
export async function measureLatency(
  request: (iteration: number) => Promise<number>,
  options: { warmUp: number; samples: number },
): Promise<LatencyResult> {
  for (let index = 0; index < options.warmUp; index += 1) await request(-1 - index);
  const times: number[] = [];
  const clientTimes: number[] = [];
  const counts: number[] = [];
  const dataCounts: number[] = [];
  let exampleStatements: string[] = [];
  let slowestStatements: Array<{ ms: number; text: string }> = [];
  let slowReads: LatencyResult['slowReads'] = [];
  for (let index = 0; index < options.samples; index += 1) {
    const recording: string[] = [];
    statements.recording = recording;
    const timings: Array<{ text: string; ms: number; sql: string; values: unknown[] }> = [];
    statements.timings = index === 0 ? timings : null;
    const before = statements.count;
    const started = performance.now();
    const serverMs = await request(index);
    clientTimes.push(performance.now() - started);
    statements.recording = null;
    statements.timings = null;
    if (index === 0) {
      const slowest = [...timings].sort((a, b) => b.ms - a.ms);
      slowestStatements = slowest.slice(0, 5).map((timing) => ({ ms: round(timing.ms), text: timing.text }));
      slowReads = slowest
        .filter((timing) => /^\s*(select|with)\b/i.test(timing.sql) && timing.ms >= 10 && !timing.sql.includes('set_config('))
        .slice(0, 2)
        .map((timing) => ({ ms: round(timing.ms), sql: timing.sql, values: timing.values }));
    }
    counts.push(statements.count - before);
    dataCounts.push(recording.filter((text) => !isScopeOrControl(text)).length);
    times.push(serverMs);
    if (index === 0) exampleStatements = recording.map((text) => text.replace(/\s+/g, ' ').trim().slice(0, 160));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const sortedCounts = [...counts].sort((a, b) => a - b);
  return {
    samples: times.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    clientP50: round(percentile([...clientTimes].sort((a, b) => a - b), 0.5)),
    statementsMedian: percentile(sortedCounts, 0.5),
    statementsMax: sortedCounts[sortedCounts.length - 1],
    dataStatementsMedian: percentile([...dataCounts].sort((a, b) => a - b), 0.5),
    exampleStatements,
    slowestStatements,
    slowReads,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each slow read, in the scope the request ran in (the server's
 * login role, the account's database role, its tenant and club as transaction-local settings):
 * as the owner, without the policies' tenant condition, a plan can differ completely.
 */
export async function explainSlowReads(appUrl: string, subjects: Array<{ result?: LatencyResult; account: Account }>): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl, application_name: 'ishc-bench-explain' });
  await client.connect();
  try {
    for (const { result, account } of subjects) {
      for (const read of result?.slowReads ?? []) {
        try {
          await client.query('begin');
          await client.query(
            `select set_config('role', $1, true), set_config('app.tenant_id', $2, true), set_config('app.club_id', $3, true), set_config('app.user_id', $4, true)`,
            [DATABASE_ROLE_BY_ROLE[account.role], account.tenantId ?? '', account.clubId ?? '', account.userId],
          );
          const explained = await client.query(`explain (analyze, buffers) ${read.sql}`, read.values);
          read.plan = explained.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
        } catch (error) {
          read.plan = `could not explain: ${(error as Error).message}`;
        } finally {
          await client.query('rollback');
        }
      }
    }
  } finally {
    await client.end();
  }
}

export interface ThroughputResult {
  concurrency: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

/** Requests per second with `concurrency` workers for `seconds`, after `warmUp` requests. */
export async function measureThroughput(
  request: () => Promise<void>,
  options: { concurrency: number; seconds: number; warmUp: number },
): Promise<ThroughputResult> {
  for (let index = 0; index < options.warmUp; index += 1) await request();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      try {
        await request();
        latencies.push(performance.now() - begun);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    concurrency: options.concurrency,
    seconds: round(elapsed),
    requests: latencies.length,
    perSecond: round(latencies.length / elapsed, 1),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    errors,
  };
}
