import { availableParallelism } from 'node:os';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  APP_DATABASE_PASSWORD: z.string().min(12).optional(),
  APP_DATABASE_ROLE: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').default('ishc_app'),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(8 * 60),
  SEED_DEMO: booleanFlag.default(true),
  SERVE_CLIENT: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // HTTP server processes on one port (Node's cluster): "auto" is one a core. Each has its own pool
  // of DB_POOL_SIZE connections; what they must agree on (sign-in throttling, accounts, kept
  // answers' revisions) is in PostgreSQL.
  WEB_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(15_000),
  // How many proxies stand in front: the client is the address the nearest of them saw, never one
  // a client wrote into X-Forwarded-For itself. `true` means one.
  TRUST_PROXY: z
    .union([booleanFlag.transform((trusted) => (trusted ? 1 : 0)), z.coerce.number().int().min(0).max(10)])
    .default(0),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  environment: Environment['NODE_ENV'];
  host: string;
  port: number;
  publicUrl?: string;
  /** Owner connection: runs migrations and seeds. Absent means embedded PostgreSQL. */
  databaseUrl?: string;
  /** Password of the server's login role; generated and kept under DATA_DIR when absent. */
  appDatabasePassword?: string;
  /** The role the server logs in as: `ishc_app`, or a member of it made at start-up. */
  appDatabaseRole: string;
  dataDir: string;
  embeddedPort: number;
  jwtSecret?: string;
  tokenTtlMinutes: number;
  seedDemo: boolean;
  serveClient: boolean;
  logLevel: Environment['LOG_LEVEL'];
  poolSize: number;
  /** HTTP server processes (1: the server is one process). */
  workers: number;
  statementTimeoutMs: number;
  shutdownGraceMs: number;
  /** Proxies in front of the server (0: none; X-Forwarded-For is ignored). */
  trustProxy: number;
}

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(environment));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && values.DATABASE_URL && !values.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production with DATABASE_URL');
  }
  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL,
    databaseUrl: values.DATABASE_URL,
    appDatabasePassword: values.APP_DATABASE_PASSWORD,
    appDatabaseRole: values.APP_DATABASE_ROLE,
    dataDir: values.DATA_DIR,
    embeddedPort: values.EMBEDDED_PG_PORT,
    jwtSecret: values.JWT_SECRET,
    tokenTtlMinutes: values.TOKEN_TTL_MINUTES,
    seedDemo: values.SEED_DEMO,
    serveClient: values.SERVE_CLIENT,
    logLevel: values.LOG_LEVEL,
    poolSize: values.DB_POOL_SIZE,
    workers: values.WEB_WORKERS === 'auto' ? availableParallelism() : values.WEB_WORKERS,
    statementTimeoutMs: values.STATEMENT_TIMEOUT_MS,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    trustProxy: values.TRUST_PROXY,
  };
}

function withoutEmptyValues(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
