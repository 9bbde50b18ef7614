import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { appDatabaseUrl, createDataSource } from '../src/database/data-source.js';
import { migrate } from '../src/database/migrate.js';
import { openOwnerDatabase } from '../src/database/owner.js';
import { createLogger } from '../src/logger.js';
import { seedDemoData } from './demo-data.js';
import { DEMO_LOADED } from './initial-data.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const { ownerUrl, appPassword, embedded } = await openOwnerDatabase(config, log);
const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'ishc-seed' });
const login = { role: config.appDatabaseRole, password: appPassword };
const app = createDataSource({ url: appDatabaseUrl(ownerUrl, login), poolSize: 2, applicationName: 'ishc-seed' });
try {
  await owner.initialize();
  await migrate(owner, login);
  await app.initialize();
  console.log((await seedDemoData(app)) ? DEMO_LOADED : 'workspaces exist already: nothing loaded (a new start completes a demo workspace that lacks its scheme)');
} finally {
  if (app.isInitialized) await app.destroy();
  if (owner.isInitialized) await owner.destroy();
  await embedded?.stop();
}
