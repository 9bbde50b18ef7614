import './production-mode.js';
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createDataSource } from '../server/src/database/data-source.js';
import { startBenchServer } from './harness.js';

/**
 * The bench's API server in a process of its own, for the comparison with the peer (which must
 * run apart, on Node.js 22), the import and the load: started with BENCH_API = {"appUrl",
 * "production"?, "poolSize"?}, prints {"url", "statsUrl"} once it serves, stops on SIGTERM. Tokens
 * are minted by the bench process with the same secret.
 */
const { appUrl, production, poolSize } = JSON.parse(process.env.BENCH_API ?? '{}') as { appUrl?: string; production?: boolean; poolSize?: number };
if (!appUrl) throw new Error('BENCH_API must give appUrl');
const dataSource = createDataSource({ url: appUrl, poolSize: poolSize ?? 10, applicationName: 'ishc-bench-api' });
await dataSource.initialize();
const waits = countPoolWaits((dataSource.driver as unknown as { master: pg.Pool }).master);
const server = await startBenchServer(dataSource, { production });

// What the server's own pool made requests wait for a connection, for the load phase: read and
// reset between steps on a port of its own, so the readings never queue behind the load.
const stats = createServer((request, response) => {
  const answer = waits.read(request.url?.includes('reset') ?? false);
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(answer));
});
await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
const statsUrl = `http://127.0.0.1:${(stats.address() as AddressInfo).port}/`;
process.stdout.write(`${JSON.stringify({ url: server.url, statsUrl })}\n`);

process.once('SIGTERM', () => {
  stats.close();
  server
    .stop()
    .then(() => dataSource.destroy())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});

/** Times every checkout of the pool: from asking for a connection to having one. */
function countPoolWaits(pool: pg.Pool) {
  let samples: number[] = [];
  let maxWaiting = 0;
  const connect = pool.connect.bind(pool) as (callback?: (error: Error | undefined, client: pg.PoolClient, done: () => void) => void) => unknown;
  (pool as unknown as { connect: typeof connect }).connect = (callback) => {
    const started = performance.now();
    maxWaiting = Math.max(maxWaiting, pool.waitingCount);
    if (callback) {
      return connect((error, client, done) => {
        samples.push(performance.now() - started);
        callback(error, client, done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      samples.push(performance.now() - started);
      return client;
    });
  };
  return {
    read(reset: boolean) {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (fraction: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : 0);
      const answer = {
        checkouts: sorted.length,
        totalMs: Math.round(sorted.reduce((sum, value) => sum + value, 0)),
        p50Ms: Math.round(at(0.5) * 10) / 10,
        p99Ms: Math.round(at(0.99) * 10) / 10,
        maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
        maxWaiting,
        poolSize: pool.options.max,
      };
      if (reset) {
        samples = [];
        maxWaiting = 0;
      }
      return answer;
    },
  };
}
