import pg from 'pg';
import type { DataSource } from 'typeorm';
import { migrationNames } from './data-source.js';

export type Readiness = { status: 'ready' } | { status: 'migrating'; pending: string[] };

/** A readiness check gives up after this long and says "not ready": a load balancer's own wait is often 1 s. */
export const READINESS_TIMEOUT_MS = 1_000;
/** An answer is given as it is for this long after its check ended; past it the next ask waits for a new check. */
export const READINESS_MAX_AGE_MS = 1_000;
/** Asked after this long, an answer is still given at once, and a new check starts beside it. */
const RECHECK_AFTER_MS = 250;

type Outcome = { at: number; answer: Readiness } | { at: number; error: unknown };

/**
 * Answers readiness from a connection of its own, outside the request pool: a pool taken up by
 * slow requests must not make a healthy server look down, nor a frozen database make the check
 * hang. Checks asked while one is running share its answer. A connection that failed or timed out
 * is dropped and a new one made by the next check.
 *
 * The answer is that of a check ended at most READINESS_MAX_AGE_MS ago: a probe asking every
 * moment gets it at once, while the next check runs beside it, so a database busy with the load
 * does not make the probe wait its turn (a database gone or frozen is said within about a second).
 */
export class ReadinessProbe {
  private connection?: Promise<pg.Client>;
  private running?: Promise<Readiness>;
  private last?: Outcome;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = READINESS_TIMEOUT_MS,
  ) {}

  static of(dataSource: DataSource): ReadinessProbe {
    return new ReadinessProbe(String((dataSource.options as { url?: string }).url));
  }

  check(): Promise<Readiness> {
    const last = this.last;
    const age = last ? performance.now() - last.at : Number.POSITIVE_INFINITY;
    if (age >= RECHECK_AFTER_MS) this.recheck();
    if (!last || age >= READINESS_MAX_AGE_MS) return this.running!;
    return 'answer' in last ? Promise.resolve(last.answer) : Promise.reject(last.error);
  }

  private recheck(): void {
    if (this.running) return;
    const running = this.run().then(
      (answer) => {
        this.last = { at: performance.now(), answer };
        return answer;
      },
      (error: unknown) => {
        this.last = { at: performance.now(), error };
        throw error;
      },
    );
    this.running = running.finally(() => {
      this.running = undefined;
    });
    // Asked in the background: a failure is kept as the answer, not left unhandled.
    this.running.catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    await connection?.then((client) => client.end()).catch(() => undefined);
  }

  private async run(): Promise<Readiness> {
    if (this.closed) throw new Error('the readiness probe is closed');
    const connection = (this.connection ??= this.connect());
    try {
      const client = await connection;
      const { rows } = await client.query<{ name: string }>('select name from ishc.applied_migrations() as name');
      const applied = new Set(rows.map((row) => row.name));
      const pending = migrationNames().filter((name) => !applied.has(name));
      return pending.length ? { status: 'migrating', pending } : { status: 'ready' };
    } catch (error) {
      this.drop(connection);
      throw error;
    }
  }

  private connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'ishc-readiness',
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
      statement_timeout: this.timeoutMs,
    });
    const connection = client.connect().then(() => client);
    // A connection the server closes (a restart) is dropped; the next check makes another.
    client.on('error', () => this.drop(connection));
    client.on('end', () => this.drop(connection));
    return connection;
  }

  private drop(connection: Promise<pg.Client>): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    // Not awaited: ending a connection whose server is frozen waits for that server.
    void connection.then((client) => client.end()).catch(() => undefined);
  }
}
