import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/passwords.js';
import { withDatabaseScope } from '../src/database/scoped.js';
import type { Logger } from '../src/logger.js';
import { ensureDemoSchemes, seedDemoData } from './demo-data.js';

export const DEMO_LOADED =
  'demo workspaces loaded: An Giang (91; Kiên Giang and the old An Giang merged into it on 01/07/2025) and Thái Nguyên (19; with Bắc Kạn)';

export interface InitialDataOptions {
  seedDemo: boolean;
  log: Logger;
}

/**
 * The data a fresh installation needs. With demo data on, the demo workspaces of the 2026 map
 * (An Giang with Kiên Giang's history, Thái Nguyên with Bắc Kạn's) are loaded once, the first time
 * (when no province exists yet); on later starts a demo workspace in use that lacks its demo scheme,
 * a demo club or a club's staff account (loaded by an older version) gets them, once. With it
 * off, a database with no account gets one national administrator whose password is printed once.
 */
export async function ensureInitialData(dataSource: DataSource, options: InitialDataOptions): Promise<{ seededDemo: boolean }> {
  const counts = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    const [row]: Array<{ tenants: number; accounts: number }> = await db.query(
      'select (select count(*)::int from tenant) as tenants, (select count(*)::int from app_user) as accounts',
    );
    return row;
  });

  if (options.seedDemo && counts.tenants === 0) {
    const seeded = await seedDemoData(dataSource);
    if (seeded) options.log.info(DEMO_LOADED);
    return { seededDemo: seeded };
  }
  if (options.seedDemo) {
    const schemes = await ensureDemoSchemes(dataSource);
    if (schemes.loaded.length) options.log.info({ provinces: schemes.loaded }, 'demo schemes loaded into existing demo workspaces');
    for (const failure of schemes.failed) {
      options.log.warn({ province: failure.province, reason: failure.reason }, 'demo scheme not loaded: the demo workspace no longer fits it');
    }
  }
  if (!options.seedDemo && counts.accounts === 0) {
    const password = randomBytes(12).toString('base64url');
    await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, (db) => createNationalAdmin(db, password));
    process.stdout.write(
      `\nFirst national administrator created. Sign in as "admin" with the password ${password}\n` +
        'and change it at once (this password is shown only now).\n',
    );
  }
  return { seededDemo: false };
}

async function createNationalAdmin(db: EntityManager, password: string): Promise<void> {
  await db.query(
    `insert into app_user (login, display_name, role, password_hash)
     values ('admin', 'Quản trị quốc gia', 'NATIONAL_ADMIN', $1) on conflict (login) do nothing`,
    [await hashPassword(password)],
  );
}
