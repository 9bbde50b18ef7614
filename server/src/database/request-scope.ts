import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { unauthenticated } from '../graphql/errors.js';
import { ANONYMOUS_DATABASE_ROLE, DATABASE_ROLE_BY_ROLE, type Role } from '../users/role.js';

/** Who is asking, as stated by a verified token. */
export interface Viewer {
  userId: string;
  role: Role;
  tenantId: string | null;
  clubId: string | null;
  issuedAt: Date;
}

interface BreakableRunner {
  releasePostgresConnection(error: Error): Promise<void>;
}

export interface RequestScopeOptions {
  statementTimeoutMs: number;
}

/**
 * The one place the tenant enters the database. Each request gets one transaction, opened on
 * first use, that runs as the viewer's database role with the viewer's tenant and club in
 * transaction-local settings (so a pooled connection never carries them to the next request).
 * Every resolver and loader of the request uses this transaction's EntityManager.
 */
export class RequestScope {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private finished = false;

  constructor(
    private readonly dataSource: DataSource,
    private viewer: Viewer | null,
    private readonly options: RequestScopeOptions,
  ) {}

  get isOpen(): boolean {
    return this.runner !== undefined;
  }

  db(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new Error('request scope already finished'));
    this.opening ??= this.open();
    return this.opening;
  }

  /** Re-scopes the open transaction to an account that has just proved who it is (sign-in). */
  async become(viewer: Viewer): Promise<void> {
    this.viewer = viewer;
    if (!this.runner) return;
    await this.opening;
    // Back to the login role, which alone may look up an account, before taking the new scope.
    await this.runner.query('reset role');
    await this.applyScope(this.runner);
  }

  async commit(): Promise<void> {
    await this.finish(true);
  }

  async rollback(): Promise<void> {
    await this.finish(false);
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    await runner.connect();
    // READ COMMITTED, the server's default: naming it would cost every request a statement.
    await runner.startTransaction();
    await this.applyScope(runner);
    return runner.manager;
  }

  private async applyScope(runner: QueryRunner): Promise<void> {
    const timeout = `${this.options.statementTimeoutMs}ms`;
    if (!this.viewer) {
      await runner.query(
        `select set_config('role', $1, true), set_config('app.tenant_id', '', true),
                set_config('app.club_id', '', true), set_config('app.user_id', '', true),
                set_config('statement_timeout', $2, true)`,
        [ANONYMOUS_DATABASE_ROLE, timeout],
      );
      return;
    }
    const { userId, role, tenantId, clubId, issuedAt } = this.viewer;
    // The account is re-read with every request (still enabled, same role and scope, password
    // unchanged since the token), and the settings are only made when it is: no row, no scope.
    const rows: unknown[] = await runner.query(
      `select set_config('role', $6, true), set_config('app.tenant_id', coalesce(account.tenant_id::text, ''), true),
              set_config('app.club_id', coalesce(account.club_id::text, ''), true),
              set_config('app.user_id', account.user_id::text, true), set_config('statement_timeout', $7, true)
         from ishc.active_account($1, $2) account
        where account.role = $3 and account.tenant_id is not distinct from $4::uuid
          and account.club_id is not distinct from $5::uuid`,
      [userId, issuedAt.toISOString(), role, tenantId, clubId, DATABASE_ROLE_BY_ROLE[role], timeout],
    );
    if (rows.length !== 1) throw unauthenticated('Your session has ended. Please sign in again.');
  }

  private async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const runner = this.runner;
    if (!runner) return;
    try {
      await this.opening?.catch(() => undefined);
      if (runner.isTransactionActive) {
        if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } catch (error) {
      // A connection whose transaction could not be ended is not given back to the pool.
      await (runner as unknown as BreakableRunner).releasePostgresConnection(error as Error);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
