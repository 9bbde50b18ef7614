import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startPlatform } from './platform.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-accounts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const platform = await startPlatform(config, log);

  log.info({ url: platform.url }, 'ISHC platform is up');
  if (config.seedDemo) {
    const accounts = DEMO_ACCOUNTS.map((account) => `  ${account.login.padEnd(18)} ${account.description}`).join('\n');
    process.stdout.write(
      `\nISHC platform: ${platform.url}\n\nDemo accounts (password "${DEMO_PASSWORD}"):\n${accounts}\n\n`,
    );
  } else {
    process.stdout.write(`\nISHC platform: ${platform.url}\n\n`);
  }

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
