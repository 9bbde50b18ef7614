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

/** Start-up in order: database → migrations → first data → HTTP. Stop runs it backwards. */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const { ownerUrl, appPassword, jwtSecret, embedded } = await openOwnerDatabase(config, log);

  const stops: Array<{ step: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { step, stop } of stops.splice(0).reverse()) {
      const started = performance.now();
      await stop().catch((error: unknown) => log.error({ err: error, step }, 'stop failed'));
      log.info({ step, durationMs: Math.round(performance.now() - started) }, 'stopped');
    }
  };
  if (embedded) stops.push({ step: 'embedded PostgreSQL', stop: () => embedded.stop() });

  try {
    const login = { role: config.appDatabaseRole, password: appPassword };
    const owner = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'ishc-migrate' });
    await owner.initialize();
    try {
      const applied = await migrate(owner, login);
      if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    } finally {
      await owner.destroy();
    }

    const appDataSource = createDataSource({
      url: appDatabaseUrl(ownerUrl, login),
      poolSize: config.poolSize,
      applicationName: 'ishc-server',
      // Past the server's own statement_timeout, so that only a server that stopped answering meets it.
      queryTimeoutMs: config.statementTimeoutMs + 2_000,
    });
    await appDataSource.initialize();
    stops.push({ step: 'database pool', stop: () => appDataSource.destroy() });

    const initial = await ensureInitialData(appDataSource, { seedDemo: config.seedDemo, log });

    const app = await createHttpApp({
      dataSource: appDataSource,
      services: { tokens: new TokenService(jwtSecret, config.tokenTtlMinutes), signInThrottle: new SignInThrottle(appDataSource) },
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
    const url = config.publicUrl ?? `http://localhost:${port}`;

    return {
      url,
      port,
      app,
      appDataSource,
      seededDemo: initial.seededDemo,
      stop: stopAll,
      stopDatabaseNow: async () => embedded?.stop(),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
