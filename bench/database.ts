import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../server/src/database/embedded.js';
import { createLogger } from '../server/src/logger.js';

export const BENCH_DATABASE = 'ishc_bench';
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54_339;

export interface BenchDatabase {
  /** Owner (superuser) connection string of the bench database. */
  ownerUrl: string;
  /** Where it runs, for the results. */
  where: string;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
}

/**
 * The bench database: BENCH_DATABASE_URL when set; else `ishc_bench` on a PostgreSQL answering at
 * 127.0.0.1:5432; else embedded PostgreSQL of its own under `<DATA_DIR>/bench`.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { ownerUrl: given, where: `BENCH_DATABASE_URL (${redacted(given)})`, stop: async () => undefined };
  if (await answers(LOCAL_SERVER)) {
    await ensureDatabase(LOCAL_SERVER, BENCH_DATABASE);
    return { ownerUrl: withDatabase(LOCAL_SERVER, BENCH_DATABASE), where: `local PostgreSQL ${redacted(withDatabase(LOCAL_SERVER, BENCH_DATABASE))}`, stop: async () => undefined };
  }
  const dataDir = path.join(process.env.DATA_DIR ?? '.data', 'bench');
  const embedded = await startEmbeddedDatabase(dataDir, EMBEDDED_PORT, createLogger('warn'));
  await ensureDatabase(embedded.ownerUrl, BENCH_DATABASE);
  return {
    ownerUrl: withDatabase(embedded.ownerUrl, BENCH_DATABASE),
    where: `embedded PostgreSQL under ${dataDir} (port ${EMBEDDED_PORT})`,
    embedded,
    stop: () => embedded.stop(),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rows.length) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}

/** Drops and recreates the bench database (from a connection to the server's `postgres` database). */
export async function recreateDatabase(ownerUrl: string): Promise<void> {
  const database = new URL(ownerUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}
