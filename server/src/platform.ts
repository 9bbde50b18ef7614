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
  stop(): Promise<void>;
}

/** Start-up in order: database → migrations → first data → HTTP. Stop runs it backwards. */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const { ownerUrl, appPassword, jwtSecret, embedded } = await openOwnerDatabase(config, log);

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log.error({ err: error }, 'stop failed'));
  };
  if (embedded) stops.push(() => embedded.stop());

  try {
    const owner = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'ishc-migrate' });
    await owner.initialize();
    try {
      const applied = await migrate(owner, appPassword);
      if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    } finally {
      await owner.destroy();
    }

    const appDataSource = createDataSource({
      url: appDatabaseUrl(ownerUrl, appPassword),
      poolSize: config.poolSize,
      applicationName: 'ishc-server',
    });
    await appDataSource.initialize();
    stops.push(() => appDataSource.destroy());

    const initial = await ensureInitialData(appDataSource, { seedDemo: config.seedDemo, log });

    const app = await createHttpApp({
      dataSource: appDataSource,
      services: { tokens: new TokenService(jwtSecret, config.tokenTtlMinutes), signInThrottle: new SignInThrottle() },
      log,
      statementTimeoutMs: config.statementTimeoutMs,
      serveClient: config.serveClient,
      trustProxy: config.trustProxy,
      introspection: config.environment !== 'production',
    });
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(config.port, config.host, () => resolve());
    });
    stops.push(() => app.stop());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://localhost:${port}`;

    return { url, port, app, appDataSource, seededDemo: initial.seededDemo, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
