import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createDataSource } from './data-source.js';
import { migrate } from './migrate.js';
import { openOwnerDatabase } from './owner.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const { ownerUrl, appPassword, embedded } = await openOwnerDatabase(config, log);
const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'ishc-migrate' });
try {
  await owner.initialize();
  const applied = await migrate(owner, { role: config.appDatabaseRole, password: appPassword });
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  if (owner.isInitialized) await owner.destroy();
  await embedded?.stop();
}
