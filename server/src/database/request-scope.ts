import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { unauthenticated } from '../graphql/errors.js';
import { ANONYMOUS_DATABASE_ROLE, DATABASE_ROLE_BY_ROLE, type Role } from '../users/role.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** Who is asking, as stated by a verified token. */
export interface Viewer {
  userId: string;
  role: Role;
  tenantId: string | null;
  clubId: string | null;
  /** The account's token version when the token was issued; a request is refused once the account's has moved. */
  tokenVersion: number;
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
  /** A statement that found the server gone or silent: the connection is not to be used again. */
  private lostConnection?: Error;
  /** Asked for before the transaction opened: read with the scope, in the same round trip. */
  private revisionWanted = false;
  private revisionRead?: string;

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

  /**
   * The revision of the viewer's data (ishc.answer_revision(): migrations/1764910000000-answer-revisions.ts),
   * read in this request's transaction. Asked before anything else, it is read with the scope when
   * the transaction opens, in the same round trip.
   */
  async revision(): Promise<string> {
    if (!this.opening && this.viewer) this.revisionWanted = true;
    const db = await this.db();
    const read = this.revisionRead;
    this.revisionRead = undefined;
    if (read !== undefined) return read;
    const [{ revision }] = (await db.query('select ishc.answer_revision() as revision')) as Array<{ revision: string }>;
    return revision;
  }

  /** Re-scopes the open transaction to an account that has just proved who it is (sign-in). */
  async become(viewer: Viewer): Promise<void> {
    this.viewer = viewer;
    if (!this.runner) return;
    await this.opening;
    // Back to the login role, which alone may look up an account, before taking the new scope.
    await this.applyScope(this.runner, 'reset role');
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
    oneStatementAtATime(runner, this.noteFailure);
    // READ COMMITTED, the server's default: naming it would cost every request a statement. The
    // transaction starts and takes its scope in one round trip. The query runner is told first, as
    // its own startTransaction does, so that it ends the transaction whatever happens next (a
    // refused account leaves a transaction open, to be rolled back before the connection is reused).
    const started = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    started.isTransactionActive = true;
    started.transactionDepth = 1;
    await this.applyScope(runner, 'start transaction').catch((error: unknown) => {
      this.noteFailure(error);
      throw error;
    });
    return runner.manager;
  }

  private readonly noteFailure = (error: unknown): void => {
    if (isDatabaseUnavailable(error)) this.lostConnection ??= error as Error;
  };

  /**
   * Runs `before` (a statement without parameters) and then takes the viewer's scope, in one
   * round trip: a simple query of two statements, the viewer's values written as escaped literals.
   */
  private async applyScope(runner: QueryRunner, before: 'start transaction' | 'reset role'): Promise<void> {
    const client = (await runner.connect()) as { query(sql: string): Promise<Array<{ rows: unknown[] }>> };
    const timeout = escapeLiteral(`${this.options.statementTimeoutMs}ms`);
    if (!this.viewer) {
      await client.query(
        `${before}; select set_config('role', ${escapeLiteral(ANONYMOUS_DATABASE_ROLE)}, true), set_config('app.tenant_id', '', true),
                set_config('app.club_id', '', true), set_config('app.user_id', '', true),
                set_config('statement_timeout', ${timeout}, true)`,
      );
      return;
    }
    const { userId, role, tenantId, clubId, tokenVersion } = this.viewer;
    const literal = (value: string | null) => (value === null ? 'null' : escapeLiteral(value));
    // The account is re-read with every request (still enabled, same role and scope, same token
    // version: no password change, disabling or role change since the token), and the settings are
    // only made when it is: no row, no scope.
    const withRevision = before === 'start transaction' && this.revisionWanted;
    const [, scoped, revision] = await client.query(
      `${before}; select set_config('role', ${literal(DATABASE_ROLE_BY_ROLE[role])}, true),
              set_config('app.tenant_id', coalesce(account.tenant_id::text, ''), true),
              set_config('app.club_id', coalesce(account.club_id::text, ''), true),
              set_config('app.user_id', account.user_id::text, true), set_config('statement_timeout', ${timeout}, true)
         from ishc.active_account(${literal(userId)}::uuid, ${literal(String(tokenVersion))}::integer) account
        where account.role = ${literal(role)} and account.tenant_id is not distinct from ${literal(tenantId)}::uuid
          and account.club_id is not distinct from ${literal(clubId)}::uuid${withRevision ? '; select ishc.answer_revision() as revision' : ''}`,
    );
    if (scoped.rows.length !== 1) throw unauthenticated('Your session has ended. Please sign in again.');
    if (withRevision) this.revisionRead = (revision.rows[0] as { revision: string }).revision;
  }

  private async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const runner = this.runner;
    if (!runner) return;
    try {
      await this.opening?.catch(() => undefined);
      // A ROLLBACK would only queue behind the statement the server never answered; closing the
      // connection ends the transaction just as well, on the server's side.
      if (this.lostConnection) throw this.lostConnection;
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

/**
 * The request's statements go to its one connection in turn: resolvers and loaders that ask at
 * the same moment wait here, in the order they asked, rather than in the driver's own queue (which
 * it deprecates). A failed statement does not hold up the ones after it.
 */
function oneStatementAtATime(runner: QueryRunner, onFailure: (error: unknown) => void): void {
  const query = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = previous.then(() => query(...args)).catch((error: unknown) => {
      onFailure(error);
      throw error;
    });
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}
