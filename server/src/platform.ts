import type { DataSource } from 'typeorm';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import { TokenService } from './auth/tokens.js';
import type { Config } from './config.js';
import { appDatabaseUrl, createDataSource } from './database/data-source.js';
import { migrate } from './database/migrate.js';
import { openOwnerDatabase } from './database/owner.js';
import { createHttpApp, type HttpApp } from './http/app.js';
import type { Logger } from './logger.js';
import { ensureInitialData } from '../seed/initial-data.js';

export interface Platform {
  url: string;
  port: number;
  app: HttpApp;
  appDataSource: DataSource;
  seededDemo: boolean;
  /** Stops everything in order: HTTP (in-flight requests finish), the pool, embedded PostgreSQL. */
  stop(): Promise<void>;
  /** Last resort when `stop` hangs: stops embedded PostgreSQL so no orphan server is left. */
  stopDatabaseNow(): Promise<void>;
}

/** What the HTTP servers need of a prepared database: where to log in, and the token secret. */
export interface PreparedDatabase {
  appUrl: string;
  jwtSecret: string;
  seededDemo: boolean;
}

/** Start-up in order: database → migrations → first data → HTTP. Stop runs it backwards. */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const stops: Array<{ step: string; stop: () => Promise<void> }> = [];
  const stopAll = stopInReverse(stops, log);
  try {
    const database = await prepareDatabase(config, log, stops);
    const served = await serveHttp(config, log, database, stops);
    return { ...served, seededDemo: database.seededDemo, stop: stopAll, stopDatabaseNow: database.stopDatabaseNow };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The database made ready once for every HTTP server: embedded PostgreSQL started when there is no
 * DATABASE_URL, migrations applied, first data loaded. Its stops are added to `stops`.
 */
export async function prepareDatabase(
  config: Config,
  log: Logger,
  stops: Array<{ step: string; stop: () => Promise<void> }>,
): Promise<PreparedDatabase & { stopDatabaseNow(): Promise<void> }> {
  const { ownerUrl, appPassword, jwtSecret, embedded } = await openOwnerDatabase(config, log);
  if (embedded) stops.push({ step: 'embedded PostgreSQL', stop: () => embedded.stop() });

  const login = { role: config.appDatabaseRole, password: appPassword };
  const owner = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'ishc-migrate' });
  await owner.initialize();
  try {
    const applied = await migrate(owner, login);
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');
  } finally {
    await owner.destroy();
  }
  const appUrl = appDatabaseUrl(ownerUrl, login);
  const first = createDataSource({ url: appUrl, poolSize: 2, applicationName: 'ishc-first-data' });
  await first.initialize();
  let seededDemo: boolean;
  try {
    seededDemo = (await ensureInitialData(first, { seedDemo: config.seedDemo, log })).seededDemo;
  } finally {
    await first.destroy();
  }
  return { appUrl, jwtSecret, seededDemo, stopDatabaseNow: async () => embedded?.stop() };
}

/** The pool and the HTTP server on a prepared database; their stops are added to `stops`. */
export async function serveHttp(
  config: Config,
  log: Logger,
  database: Pick<PreparedDatabase, 'appUrl' | 'jwtSecret'>,
  stops: Array<{ step: string; stop: () => Promise<void> }>,
): Promise<Pick<Platform, 'url' | 'port' | 'app' | 'appDataSource'>> {
  const appDataSource = createDataSource({
    url: database.appUrl,
    poolSize: config.poolSize,
    applicationName: 'ishc-server',
    // Past the server's own statement_timeout, so that only a server that stopped answering meets it.
    queryTimeoutMs: config.statementTimeoutMs + 2_000,
  });
  await appDataSource.initialize();
  stops.push({ step: 'database pool', stop: () => appDataSource.destroy() });

  const app = await createHttpApp({
    dataSource: appDataSource,
    services: { tokens: new TokenService(database.jwtSecret, config.tokenTtlMinutes), signInThrottle: new SignInThrottle(appDataSource) },
    log,
    statementTimeoutMs: config.statementTimeoutMs,
    serveClient: config.serveClient,
    trustProxy: config.trustProxy,
    introspection: config.environment !== 'production',
    production: config.environment === 'production',
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.port, config.host, () => resolve());
  });
  stops.push({ step: 'HTTP server', stop: () => app.stop() });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { url: config.publicUrl ?? `http://localhost:${port}`, port, app, appDataSource };
}

/** Runs the stops added so far, last first, each once. */
export function stopInReverse(stops: Array<{ step: string; stop: () => Promise<void> }>, log: Logger): () => Promise<void> {
  return async () => {
    for (const { step, stop } of stops.splice(0).reverse()) {
      const started = performance.now();
      await stop().catch((error: unknown) => log.error({ err: error, step }, 'stop failed'));
      log.info({ step, durationMs: Math.round(performance.now() - started) }, 'stopped');
    }
  };
}
