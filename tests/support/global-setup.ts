import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createDataSource } from '../../server/src/database/data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/database/embedded.js';
import { migrate } from '../../server/src/database/migrate.js';
import { createLogger } from '../../server/src/logger.js';
import { TEST_APP_PASSWORD, TEMPLATE_DATABASE } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;

/**
 * One PostgreSQL cluster for the run: TEST_DATABASE_URL when set, else embedded PostgreSQL in a
 * temporary directory. A template database is migrated once; each test file clones it.
 */
export async function setup(project: TestProject): Promise<void> {
  let clusterUrl = process.env.TEST_DATABASE_URL;
  if (!clusterUrl) {
    embeddedDir = await mkdtemp(path.join(tmpdir(), 'ishc-test-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    embedded = await startEmbeddedDatabase(embeddedDir, port, createLogger('warn'));
    clusterUrl = embedded.ownerUrl;
  }
  await recreateTemplate(clusterUrl);
  project.provide('clusterUrl', clusterUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
}

async function recreateTemplate(clusterUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    const stale: Array<{ datname: string }> = (
      await admin.query(`select datname from pg_database where datname like 'ishc_test_%' or datname = $1`, [TEMPLATE_DATABASE])
    ).rows;
    for (const { datname } of stale) {
      await admin.query(`alter database ${datname} is_template false`).catch(() => undefined);
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(clusterUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const owner = createDataSource({ url: templateUrl.toString(), poolSize: 1, applicationName: 'ishc-test-template' });
  await owner.initialize();
  try {
    await migrate(owner, TEST_APP_PASSWORD);
  } finally {
    await owner.destroy();
  }
}
