import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from './entities.js';

export const MIGRATIONS_TABLE = 'schema_migration';
/** The role the migrations make for the server: it holds the server's grants, and logs in unless configured otherwise. */
export const APP_LOGIN_ROLE = 'ishc_app';

/** The role a server (or a test run) logs in as, and its password. */
export interface LoginRole {
  role: string;
  password: string;
}

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  /** How long a request waits for a connection, free in the pool or new; then the database counts as unavailable. */
  connectTimeoutMs?: number;
  /**
   * A bound on each statement kept by the client, for a server that stops answering altogether
   * (frozen, or cut off), where its own statement_timeout cannot act. Set a little above that one.
   */
  queryTimeoutMs?: number;
}

/** The only place a DataSource is made. `synchronize` stays off: migrations own the schema. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    cache: false,
    extra: {
      max: options.poolSize,
      application_name: options.applicationName,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    },
  });
}

/** The server's connection string: same server and database as the owner's, as the login role. */
export function appDatabaseUrl(ownerUrl: string, login: LoginRole): string {
  const url = new URL(ownerUrl);
  url.username = login.role;
  url.password = login.password;
  return url.toString();
}

export function migrationNames(): string[] {
  return migrations.map((migration) => migration.name);
}
