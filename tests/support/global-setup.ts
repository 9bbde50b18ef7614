import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { appDatabaseUrl, createDataSource } from '../../server/src/database/data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/database/embedded.js';
import { migrate } from '../../server/src/database/migrate.js';
import { createLogger } from '../../server/src/logger.js';
import { seedDemoData } from '../../server/seed/demo-data.js';
import { STALE_TEST_DATABASE_SECONDS, TEST_APP_PASSWORD, TEST_DATABASE_PREFIX } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string;
    /** This run's migrated template database; a test file without the demo clones it. */
    templateDatabase: string;
    /** The migrated template with the demo workspaces loaded once; a test file with the demo clones it. */
    seededTemplateDatabase: string;
    /** This run's own login role (a member of ishc_app), dropped at the end of the run. */
    appLoginRole: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
let clusterUrl: string | undefined;
const runPrefix = `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
const templateDatabase = `${runPrefix}_template`;
const seededTemplateDatabase = `${runPrefix}_seeded_template`;
/**
 * Login roles are cluster-wide: a run logs in as a role of its own, never as ishc_app, whose
 * password belongs to whatever server uses the same PostgreSQL.
 */
const appLoginRole = `${runPrefix}_login`;

/**
 * One PostgreSQL cluster for the run: TEST_DATABASE_URL when set, else embedded PostgreSQL in a
 * temporary directory. A template database is migrated once, and a second one gets the demo
 * workspaces, loaded once (the demo takes some seconds to load); each test file clones one of them.
 * Runs sharing a server keep to their own databases.
 */
export async function setup(project: TestProject): Promise<void> {
  clusterUrl = process.env.TEST_DATABASE_URL;
  if (!clusterUrl) {
    embeddedDir = await mkdtemp(path.join(tmpdir(), 'ishc-test-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    embedded = await startEmbeddedDatabase(embeddedDir, port, createLogger('warn'));
    clusterUrl = embedded.ownerUrl;
  }
  await dropDatabases(clusterUrl, isStale);
  await dropLoginRoles(clusterUrl, isStale);
  await createTemplate(clusterUrl);
  await createSeededTemplate(clusterUrl);
  project.provide('clusterUrl', clusterUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('seededTemplateDatabase', seededTemplateDatabase);
  project.provide('appLoginRole', appLoginRole);
}

export async function teardown(): Promise<void> {
  if (clusterUrl && !embedded) {
    await dropDatabases(clusterUrl, (name) => name.startsWith(`${runPrefix}_`));
    await dropLoginRoles(clusterUrl, (name) => name === appLoginRole);
  }
  await embedded?.stop();
  if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
}

/** Leftovers of a run that crashed hours ago; a live run's databases are never this old. */
function isStale(name: string): boolean {
  const startedAt = Number(/^ishc_test_(\d+)_/.exec(name)?.[1]);
  return !Number.isFinite(startedAt) || Date.now() / 1000 - startedAt > STALE_TEST_DATABASE_SECONDS;
}

async function dropDatabases(url: string, shouldDrop: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1)`,
      [TEST_DATABASE_PREFIX],
    );
    for (const { datname } of rows.filter((row) => shouldDrop(row.datname))) {
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}

/** Runs' login roles own nothing and hold no grants of their own, so dropping one leaves nothing behind. */
async function dropLoginRoles(url: string, shouldDrop: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ rolname: string }>(
      `select rolname from pg_roles where starts_with(rolname, $1) and rolname like '%\\_login'`,
      [TEST_DATABASE_PREFIX],
    );
    for (const { rolname } of rows.filter((row) => shouldDrop(row.rolname))) {
      await admin.query(`drop role if exists "${rolname}"`);
    }
  } finally {
    await admin.end();
  }
}

async function createTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${templateDatabase}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${templateDatabase}`;
  const owner = createDataSource({ url: templateUrl.toString(), poolSize: 1, applicationName: 'ishc-test-template' });
  await owner.initialize();
  try {
    await migrate(owner, { role: appLoginRole, password: TEST_APP_PASSWORD });
  } finally {
    await owner.destroy();
  }
}

/** The demo loaded once, through the server's login role as at start-up, into a clone of the migrated template. */
async function createSeededTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${seededTemplateDatabase}" template "${templateDatabase}"`);
  } finally {
    await admin.end();
  }
  const seededUrl = new URL(url);
  seededUrl.pathname = `/${seededTemplateDatabase}`;
  const app = createDataSource({
    url: appDatabaseUrl(seededUrl.toString(), { role: appLoginRole, password: TEST_APP_PASSWORD }),
    poolSize: 2,
    applicationName: 'ishc-test-template',
  });
  await app.initialize();
  try {
    await seedDemoData(app);
  } finally {
    await app.destroy();
  }
}
