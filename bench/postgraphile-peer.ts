import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from './server-process.js';

export interface PeerServer {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  stop(): Promise<void>;
}

const PEER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peer');
const RUNTIME_DIR = path.join(PEER_DIR, 'runtime');

/**
 * PostGraphile 5 asks for Node.js 22 and the project runs on 20, so the peer lives apart in
 * bench/peer with its own lockfile, installed on first use, and runs in a process of its own on
 * the Node.js 22 that bench/peer/runtime installs from npm (or BENCH_PEER_NODE).
 */
export async function startPostGraphile(ownerUrl: string, scope: { tenantId: string; clubId: string }, log: (message: string) => void): Promise<PeerServer> {
  const node = await peerNode(log);
  await installWhenStale(PEER_DIR, node, log);
  const server = await startServerProcess(node, [path.join(PEER_DIR, 'server.mjs')], {
    cwd: PEER_DIR,
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', BENCH_PEER: JSON.stringify({ ownerUrl, ...scope }) },
  });
  return {
    url: server.url,
    // The client's roster columns (age and older are computed by our API; PostGraphile has no such fields).
    query: `query PeerRoster($clubId: UUID!) {
  allMembers(condition: { clubId: $clubId, leftOn: null }, first: 50, orderBy: [SEARCH_NAME_ASC, ROW_ID_ASC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { rowId fullName sex birthYear boardRole homeCareVolunteer needsHomeCare poorHousehold nearPoorHousehold duplicateStatus joinedOn leftOn } }
  }
}`,
    variables: { clubId: scope.clubId },
    stop: () => server.stop(),
  };
}

/** The Node.js 22 binary the peer runs on. */
async function peerNode(log: (message: string) => void): Promise<string> {
  if (process.env.BENCH_PEER_NODE) return process.env.BENCH_PEER_NODE;
  // Only the binary package of this platform installs (the others are optional and skipped).
  await installWhenStale(RUNTIME_DIR, process.execPath, log);
  const binary = path.join(RUNTIME_DIR, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  if (!existsSync(binary)) throw new Error(`npm has no Node.js 22 for ${process.platform}-${process.arch} in bench/peer/runtime; set BENCH_PEER_NODE to a Node.js 22 binary`);
  return binary;
}

/**
 * `npm ci` in `directory` unless its install is newer than its lockfile. npm runs on `node`: its
 * launcher finds node on the PATH, so the peer's packages install under the Node.js they run on.
 */
async function installWhenStale(directory: string, node: string, log: (message: string) => void): Promise<void> {
  const installed = path.join(directory, 'node_modules', '.package-lock.json');
  const lockfile = path.join(directory, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs) return;
  log(`  installing ${path.relative(process.cwd(), directory)} (npm ci)`);
  const npm = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: directory,
    env: { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    npm.once('error', reject);
    npm.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`npm ci in ${directory} failed (exit ${code})`);
}
