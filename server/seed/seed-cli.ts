import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { appDatabaseUrl, createDataSource } from '../src/database/data-source.js';
import { migrate } from '../src/database/migrate.js';
import { openOwnerDatabase } from '../src/database/owner.js';
import { createLogger } from '../src/logger.js';
import { seedDemoData } from './demo-data.js';

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
  await seedDemoData(app);
  console.log('demo workspaces are loaded: Kiên Giang (91) and Thái Nguyên (19)');
} finally {
  if (app.isInitialized) await app.destroy();
  if (owner.isInitialized) await owner.destroy();
  await embedded?.stop();
}
