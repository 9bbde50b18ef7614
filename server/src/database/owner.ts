import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedDatabase, loadLocalSecrets, type EmbeddedDatabase } from './embedded.js';

/** The owner connection of the configured database, starting embedded PostgreSQL when none is configured. */
export async function openOwnerDatabase(
  config: Config,
  log: Logger,
): Promise<{ ownerUrl: string; appPassword: string; jwtSecret: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) {
    const needsLocal = !config.appDatabasePassword || !config.jwtSecret;
    const secrets = needsLocal ? await loadLocalSecrets(config.dataDir) : undefined;
    return {
      ownerUrl: config.databaseUrl,
      appPassword: config.appDatabasePassword ?? secrets!.appDatabasePassword,
      jwtSecret: config.jwtSecret ?? secrets!.jwtSecret,
    };
  }
  const embedded = await startEmbeddedDatabase(config.dataDir, config.embeddedPort, log);
  return {
    ownerUrl: embedded.ownerUrl,
    appPassword: config.appDatabasePassword ?? embedded.secrets.appDatabasePassword,
    jwtSecret: config.jwtSecret ?? embedded.secrets.jwtSecret,
    embedded,
  };
}
