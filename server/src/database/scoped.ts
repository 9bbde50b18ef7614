import type { DataSource, EntityManager } from 'typeorm';
import { RequestScope, type Viewer } from './request-scope.js';

/**
 * Runs work in one transaction under an account's scope, outside any HTTP request:
 * the same scope, roles and policies as a request of that account.
 */
export async function withScope<T>(
  dataSource: DataSource,
  viewer: Viewer | null,
  work: (db: EntityManager) => Promise<T>,
  statementTimeoutMs = 60_000,
): Promise<T> {
  const scope = new RequestScope(dataSource, viewer, { statementTimeoutMs });
  try {
    const result = await work(await scope.db());
    await scope.commit();
    return result;
  } finally {
    await scope.rollback();
  }
}

export type DatabaseRole = 'ishc_anonymous' | 'ishc_province' | 'ishc_club' | 'ishc_national' | 'ishc_national_admin';

export interface DatabaseScope {
  role: DatabaseRole;
  tenantId?: string | null;
  clubId?: string | null;
  userId?: string | null;
}

/**
 * Runs work as a database scope directly, with no account behind it: for start-up data and
 * database tests. The policies apply exactly as they do to requests.
 */
export async function withDatabaseScope<T>(
  dataSource: DataSource,
  scope: DatabaseScope,
  work: (db: EntityManager) => Promise<T>,
  options: { commit: boolean } = { commit: true },
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(
      `select set_config('role', $1, true), set_config('app.tenant_id', $2, true),
              set_config('app.club_id', $3, true), set_config('app.user_id', $4, true)`,
      [scope.role, scope.tenantId ?? '', scope.clubId ?? '', scope.userId ?? ''],
    );
    const result = await work(runner.manager);
    if (options.commit) await runner.commitTransaction();
    return result;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
