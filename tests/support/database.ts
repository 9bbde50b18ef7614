import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { inject } from 'vitest';
import { appDatabaseUrl, createDataSource } from '../../server/src/database/data-source.js';
import { withDatabaseScope } from '../../server/src/database/scoped.js';
import { KIEN_LUONG_CLUB, TUC_DUYEN_CLUB } from '../../server/seed/demo-accounts.js';
import { TEST_APP_PASSWORD } from './constants.js';

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  /** Connected as the owner: sets up data past the policies. */
  owner: DataSource;
  /** Connected as the server's login role. */
  app: DataSource;
  close(): Promise<void>;
}

/** A database of this test file's own, cloned from the template with the demo workspaces, or (seed: false) from the migrated one. */
export async function openTestDatabase(options: { poolSize?: number; seed?: boolean } = {}): Promise<TestDatabase> {
  const clusterUrl = inject('clusterUrl');
  const template = (options.seed ?? true) ? inject('seededTemplateDatabase') : inject('templateDatabase');
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();

  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  const appUrl = appDatabaseUrl(ownerUrl, { role: inject('appLoginRole'), password: TEST_APP_PASSWORD });
  const owner = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'ishc-test-owner' });
  const app = createDataSource({ url: appUrl, poolSize: options.poolSize ?? 4, applicationName: 'ishc-test-app' });
  await owner.initialize();
  await app.initialize();

  return {
    name,
    ownerUrl,
    appUrl,
    owner,
    app,
    async close() {
      await app.destroy();
      await owner.destroy();
      const cleanup = new pg.Client({ connectionString: clusterUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/** Each helper runs one case in a transaction that always rolls back. */
export function asTenant<T>(database: TestDatabase, tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
  return withDatabaseScope(database.app, { role: 'ishc_province', tenantId }, work, { commit: false });
}

export function asClub<T>(
  database: TestDatabase,
  tenantId: string,
  clubId: string,
  work: (db: EntityManager) => Promise<T>,
): Promise<T> {
  return withDatabaseScope(database.app, { role: 'ishc_club', tenantId, clubId }, work, { commit: false });
}

export function asNational<T>(database: TestDatabase, work: (db: EntityManager) => Promise<T>, admin = false): Promise<T> {
  return withDatabaseScope(database.app, { role: admin ? 'ishc_national_admin' : 'ishc_national' }, work, { commit: false });
}

export async function asOwner<T>(database: TestDatabase, work: (db: EntityManager) => Promise<T>): Promise<T> {
  const runner = database.owner.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    return await work(runner.manager);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

export interface DemoIds {
  /** An Giang, the workspace in use that holds Kiên Giang's clubs since the merge. */
  anGiang: string;
  /** Kiên Giang, retired on 30/06/2025: history. */
  kienGiang: string;
  thaiNguyen: string;
  kienLuongClub: string;
  tucDuyenClub: string;
  kienLuongTown: string;
  tucDuyen: string;
}

/** Identifiers of the demo data, read as the owner. */
export async function demoIds(database: TestDatabase): Promise<DemoIds> {
  const [row]: Array<Record<keyof DemoIds, string>> = await database.owner.query(`
    select (select id from tenant where code = '91' and status = 'ACTIVE') as "anGiang",
           (select id from tenant where slug = 'kien-giang') as "kienGiang",
           (select id from tenant where code = '19') as "thaiNguyen",
           (select id from club where name = $1) as "kienLuongClub",
           (select id from club where name = $2) as "tucDuyenClub",
           (select id from admin_unit where code = '30787') as "kienLuongTown",
           (select id from admin_unit where code = '05437') as "tucDuyen"`,
    [KIEN_LUONG_CLUB, TUC_DUYEN_CLUB],
  );
  return row;
}

/** The SQLSTATE of a failed promise's database error. */
export async function sqlStateOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const candidate = error as { code?: string; driverError?: { code?: string } };
    return candidate.driverError?.code ?? candidate.code ?? 'no sqlstate';
  }
  throw new Error('expected the database to refuse');
}
