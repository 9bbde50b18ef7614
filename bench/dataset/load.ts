import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { createDataSource, type LoginRole } from '../../server/src/database/data-source.js';
import { migrate } from '../../server/src/database/migrate.js';
import { recreateDatabase } from '../database.js';
import { BENCH_PASSWORD, COLUMNS, DATASET_VERSION, generateDataset, type NationalReference, type Table, type Value } from './generate.js';

export interface DatasetMarker {
  version: string;
  /** Hash of the migrations the database was built with: a migration edited in place means a new database. */
  schema: string;
  generatedAt: string;
  seconds: { generateAndCopy: number; figures: number; vacuumAnalyze: number; total: number };
  counts: Partial<Record<Table, number>>;
}

export interface PreparedDataset {
  marker: DatasetMarker;
  generatedNow: boolean;
}

type Log = (message: string) => void;

/**
 * Makes sure the bench database holds this dataset version: migrates it (which also gives the
 * bench's login role its password), and generates and loads the data unless a marker says it is
 * already there. `regenerate` starts from an empty database.
 */
export async function prepareDataset(ownerUrl: string, login: LoginRole, options: { regenerate: boolean; log: Log }): Promise<PreparedDataset> {
  const { log } = options;
  if (options.regenerate) {
    log('dropping and recreating the bench database (--regenerate)');
    await recreateDatabase(ownerUrl);
  }
  await runMigrations(ownerUrl, login, log);
  const existing = await readMarker(ownerUrl);
  const schema = await migrationsHash();
  if (existing?.version === DATASET_VERSION && existing.schema === schema) {
    log(`dataset ${DATASET_VERSION} already loaded (${existing.generatedAt}); skipping generation`);
    return { marker: existing, generatedNow: false };
  }
  if (existing || (await hasData(ownerUrl))) {
    const why = existing?.version === DATASET_VERSION ? 'migrations changed since it was built' : `it holds ${existing?.version ?? 'other data'}`;
    log(`recreating the bench database for ${DATASET_VERSION}: ${why}`);
    await recreateDatabase(ownerUrl);
    await runMigrations(ownerUrl, login, log);
  }
  const marker = { ...(await loadDataset(ownerUrl, log)), schema };
  await writeMarker(ownerUrl, marker);
  return { marker, generatedNow: true };
}

/** The migrations' source, hashed: what the bench database's schema was made from. */
async function migrationsHash(): Promise<string> {
  const directory = fileURLToPath(new URL('../../migrations', import.meta.url));
  const hash = createHash('sha256');
  for (const file of (await readdir(directory)).filter((name) => name.endsWith('.ts')).sort()) {
    hash.update(file).update(await readFile(`${directory}/${file}`));
  }
  return hash.digest('hex').slice(0, 16);
}

async function runMigrations(ownerUrl: string, login: LoginRole, log: Log): Promise<void> {
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'ishc-bench-migrate' });
  await owner.initialize();
  try {
    const applied = await migrate(owner, login);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  } finally {
    await owner.destroy();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'ishc-bench-load' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function readMarker(ownerUrl: string): Promise<DatasetMarker | null> {
  return withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()`,
    );
    try {
      const parsed = JSON.parse(rows[0]?.comment ?? 'null') as DatasetMarker | null;
      return parsed?.version ? parsed : null;
    } catch {
      return null;
    }
  });
}

async function writeMarker(ownerUrl: string, marker: DatasetMarker): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const database = new URL(ownerUrl).pathname.slice(1);
    const literal = JSON.stringify(marker).replaceAll("'", "''");
    await client.query(`comment on database "${database}" is '${literal}'`);
  });
}

async function hasData(ownerUrl: string): Promise<boolean> {
  return withClient(ownerUrl, async (client) => (await client.query('select 1 from tenant limit 1')).rows.length > 0);
}

function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : value;
}

function copyLine(values: Value[]): string {
  let line = '';
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (index) line += '\t';
    if (value === null) line += '\\N';
    else if (value === true) line += 't';
    else if (value === false) line += 'f';
    else if (typeof value === 'number') line += String(value);
    else line += escapeText(value);
  }
  return `${line}\n`;
}

/**
 * One COPY per table, each on its own connection, fed as the generator goes: PostgreSQL ingests
 * while Node generates. Triggers (live figures, foreign-key checks) are off for these sessions
 * (session_replication_role = replica); the generator keeps the data consistent, and the figures
 * are computed afterwards with the migration's own functions.
 */
async function loadDataset(ownerUrl: string, log: Log): Promise<Omit<DatasetMarker, 'schema'>> {
  const started = performance.now();
  const reference = await withClient(ownerUrl, async (client): Promise<NationalReference> => {
    const indicators = await client.query<{ code: string; id: string }>('select code, id from indicator');
    const phase = await client.query<{ id: string }>(`select id from national_phase where decision_number = '1336/QĐ-TTg'`);
    return { indicatorIds: Object.fromEntries(indicators.rows.map((row) => [row.code, row.id])), phase2025Id: phase.rows[0].id };
  });
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const tables = Object.keys(COLUMNS) as Table[];
  const streams = new Map<Table, { queue: string[]; size: number; readable: Readable; done: Promise<void>; client: pg.Client }>();
  for (const table of tables) {
    const client = new pg.Client({ connectionString: ownerUrl, application_name: `ishc-bench-copy-${table}` });
    await client.connect();
    await client.query(`set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
    const copy = client.query(copyFrom(`copy ${table} (${COLUMNS[table].join(', ')}) from stdin`));
    const readable = new Readable({ read() {} });
    streams.set(table, { queue: [], size: 0, readable, done: pipeline(readable, copy), client });
  }
  const flush = (table: Table) => {
    const stream = streams.get(table)!;
    if (!stream.queue.length) return;
    stream.readable.push(stream.queue.join(''));
    stream.queue = [];
  };
  const sink = {
    row(table: Table, values: Value[]) {
      const stream = streams.get(table)!;
      stream.queue.push(copyLine(values));
      if (stream.queue.length >= 2_000) flush(table);
    },
  };

  // Wait for each COPY to take in what it was given before generating the next province, so
  // memory stays bounded by one province's rows.
  const drained = () =>
    Promise.all([...streams.values()].map((stream) => new Promise<void>((resolve) => {
      const check = () => (stream.readable.readableLength < 8 * 1024 * 1024 ? resolve() : setTimeout(check, 20));
      check();
    })));
  const generator = generateDataset(sink, reference, passwordHash);
  let step = generator.next();
  while (!step.done) {
    for (const table of tables) flush(table);
    log(`  province ${step.value.code} ${step.value.name}: generated (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    await drained();
    step = generator.next();
  }
  const summary = step.value;
  for (const table of tables) {
    flush(table);
    streams.get(table)!.readable.push(null);
  }
  for (const [table, stream] of streams) {
    await stream.done;
    await stream.client.end();
    log(`  copied ${table}: ${summary.counts[table] ?? 0} rows`);
  }
  const copied = performance.now();
  log(`generated and copied in ${((copied - started) / 1000).toFixed(0)} s`);

  await refreshFigures(ownerUrl, summary.provinces.map((province) => province.tenantId), log);
  const refreshed = performance.now();
  log(`live figures computed in ${((refreshed - copied) / 1000).toFixed(0)} s`);

  await withClient(ownerUrl, async (client) => {
    await client.query(`set maintenance_work_mem = '512MB'`);
    await client.query('vacuum (analyze)');
  });
  const finished = performance.now();
  log(`vacuum analyze in ${((finished - refreshed) / 1000).toFixed(0)} s`);

  return {
    version: DATASET_VERSION,
    generatedAt: new Date().toISOString(),
    seconds: {
      generateAndCopy: Math.round((copied - started) / 1000),
      figures: Math.round((refreshed - copied) / 1000),
      vacuumAnalyze: Math.round((finished - refreshed) / 1000),
      total: Math.round((finished - started) / 1000),
    },
    counts: summary.counts,
  };
}

/**
 * The live figures, computed as the live-figures migration computes them for data already recorded,
 * province by province over two connections (provinces share no figure rows).
 */
async function refreshFigures(ownerUrl: string, tenantIds: string[], log: Log): Promise<void> {
  const steps: Array<[string, string]> = [
    ['loan positions', `select count(ishc.refresh_loan_position(tenant_id, id)) from loan where tenant_id = $1 and status <> 'REQUESTED'`],
    ['club figures', 'select count(ishc.refresh_club_figures(tenant_id, id)) from club where tenant_id = $1'],
    ['club activity', `select count(ishc.refresh_club_activity(month.tenant_id, month.club_id, month.month))
        from (select distinct tenant_id, club_id, date_trunc('month', held_on)::date as month from activity where tenant_id = $1) month`],
  ];
  for (const [name, sql] of steps) {
    const started = performance.now();
    const queue = [...tenantIds];
    const worker = () =>
      withClient(ownerUrl, async (client) => {
        await client.query(`set session_replication_role = replica; set synchronous_commit = off`);
        for (let tenantId = queue.shift(); tenantId; tenantId = queue.shift()) await client.query(sql, [tenantId]);
      });
    await Promise.all([worker(), worker()]);
    log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
