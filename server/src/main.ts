import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { prepareDatabase, serveHttp, startPlatform, stopInReverse } from './platform.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-accounts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (cluster.isWorker) return serveAsWorker(config, log);
  if (config.workers > 1) return runWorkers(config, log);
  const platform = await startPlatform(config, log);
  announce(config, log, platform.url);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('shutdown took too long; stopping the database and exiting');
      const exit = () => process.exit(1);
      setTimeout(exit, 5_000).unref();
      platform.stopDatabaseNow().then(exit, exit);
    }, config.shutdownGraceMs);
    force.unref();
    platform
      .stop()
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

function announce(config: Config, log: Logger, url: string): void {
  log.info({ url }, 'ISHC platform is up');
  if (config.seedDemo) {
    const accounts = DEMO_ACCOUNTS.map((account) => `  ${account.login.padEnd(18)} ${account.description}`).join('\n');
    process.stdout.write(`\nISHC platform: ${url}\n\nDemo accounts (password "${DEMO_PASSWORD}"):\n${accounts}\n\n`);
  } else {
    process.stdout.write(`\nISHC platform: ${url}\n\n`);
  }
}

/** What the first process hands its HTTP workers: the prepared database and the token secret. */
interface WorkerStart {
  appUrl: string;
  jwtSecret: string;
}

/**
 * WEB_WORKERS > 1: this process makes the database ready once (embedded PostgreSQL, migrations,
 * first data), then runs that many HTTP workers on one port, starts another when one dies, and on
 * SIGTERM or SIGINT stops them (each finishes its requests) before stopping the database.
 */
async function runWorkers(config: Config, log: Logger): Promise<void> {
  const stops: Array<{ step: string; stop: () => Promise<void> }> = [];
  const stopDatabase = stopInReverse(stops, log);
  let database;
  try {
    database = await prepareDatabase(config, log, stops);
  } catch (error) {
    await stopDatabase();
    throw error;
  }
  const start: WorkerStart = { appUrl: database.appUrl, jwtSecret: database.jwtSecret };
  const environment = { ISHC_WORKER: JSON.stringify(start) };
  let stopping = false;
  let up = 0;
  const port = await new Promise<number>((resolve, reject) => {
    cluster.on('listening', (_worker, address) => {
      up += 1;
      if (up === config.workers) resolve(address.port);
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (up < config.workers) {
        reject(new Error(`an HTTP worker stopped while starting (exit ${code ?? signal})`));
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, 'an HTTP worker stopped; starting another');
      cluster.fork(environment);
    });
    for (let started = 0; started < config.workers; started += 1) cluster.fork(environment);
  }).catch(async (error: unknown) => {
    stopping = true;
    await stopWorkers(Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined), config.shutdownGraceMs);
    await stopDatabase();
    throw error;
  });
  log.info({ workers: config.workers }, 'HTTP workers are up');
  announce(config, log, config.publicUrl ?? `http://localhost:${port}`);

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: the workers finish their in-flight requests');
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    stopWorkers(workers, config.shutdownGraceMs)
      .then(() => stopDatabase())
      .then(
        () => {
          log.info('stopped cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** Asks each worker to stop, and kills one that has not within the grace period. */
async function stopWorkers(workers: Worker[], graceMs: number): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const force = setTimeout(() => worker.process.kill('SIGKILL'), graceMs + 5_000);
          worker.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}

/** One HTTP worker: its own pool on the database the first process prepared. */
async function serveAsWorker(config: Config, log: Logger): Promise<void> {
  const start = JSON.parse(process.env.ISHC_WORKER ?? '{}') as WorkerStart;
  const stops: Array<{ step: string; stop: () => Promise<void> }> = [];
  const stop = stopInReverse(stops, log);
  try {
    await serveHttp(config, log, start, stops);
  } catch (error) {
    await stop();
    throw error;
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  // Ctrl-C reaches every process of the group: the first process decides when workers stop.
  process.on('SIGINT', () => undefined);
  // The first process gone (killed): nothing would start or stop this worker any more.
  process.on('disconnect', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as NodeJS.ErrnoException & { port?: number };
    process.stderr.write(`The ISHC platform could not start: port ${port ?? ''} is already in use. Set PORT to a free port, e.g. PORT=4100 npm start\n`);
  } else {
    process.stderr.write(`The ISHC platform could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});
