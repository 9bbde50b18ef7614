import './production-mode.js';
import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createDataSource } from '../server/src/database/data-source.js';
import { startBenchServer } from './harness.js';

/**
 * The bench's API server in a process of its own, for the comparison with the peer (which must
 * run apart, on Node.js 22), the import and the load: started with BENCH_API = {"appUrl",
 * "production"?, "poolSize"?, "workers"?}, prints {"url", "statsUrl"} once it serves, stops on
 * SIGTERM. Tokens are minted by the bench process with the same secret.
 *
 * With "workers" above 1 it runs as the server does with WEB_WORKERS: this process forks the
 * workers, each with its own pool of "poolSize" connections, on one shared port (Node's cluster),
 * and answers the pool's waits for all of them together.
 */
const { appUrl, production, poolSize, workers } = JSON.parse(process.env.BENCH_API ?? '{}') as { appUrl?: string; production?: boolean; poolSize?: number; workers?: number };
if (!appUrl) throw new Error('BENCH_API must give appUrl');

interface WaitsAnswer {
  checkouts: number;
  totalMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  maxWaiting: number;
  poolSize: number;
}
type WaitsMessage = { waits: { samples: number[]; maxWaiting: number; poolSize: number }; asked: number };

if ((workers ?? 1) > 1 && cluster.isPrimary) await serveWithWorkers(workers!);
else await serveHere();

async function serveHere(): Promise<void> {
  const dataSource = createDataSource({ url: appUrl!, poolSize: poolSize ?? 10, applicationName: 'ishc-bench-api' });
  await dataSource.initialize();
  const waits = countPoolWaits((dataSource.driver as unknown as { master: pg.Pool }).master);
  const port = cluster.isWorker ? Number(process.env.BENCH_API_PORT) : 0;
  const server = await startBenchServer(dataSource, { production, port });

  const stopped = () =>
    server
      .stop()
      .then(() => dataSource.destroy())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  if (cluster.isWorker) {
    // The primary asks each worker for its waits and adds them up.
    process.on('message', (message: { waits?: { reset: boolean }; asked?: number }) => {
      if (!message.waits || message.asked === undefined) return;
      process.send!({ waits: waits.raw(message.waits.reset), asked: message.asked } satisfies WaitsMessage);
    });
    process.once('SIGTERM', () => void stopped());
    process.send!({ serving: server.url });
    return;
  }
  // What the server's own pool made requests wait for a connection, for the load phase: read and
  // reset between steps on a port of its own, so the readings never queue behind the load.
  const stats = await statsServer(async (reset) => waits.read(reset));
  process.stdout.write(`${JSON.stringify({ url: server.url, statsUrl: stats.url })}\n`);
  process.once('SIGTERM', () => {
    stats.server.close();
    void stopped();
  });
}

async function serveWithWorkers(count: number): Promise<void> {
  const port = await freePort();
  const forked: Worker[] = [];
  const urls = await Promise.all(
    Array.from({ length: count }, () => {
      const worker = cluster.fork({ BENCH_API_PORT: String(port) });
      forked.push(worker);
      return new Promise<string>((resolve, reject) => {
        worker.on('message', (message: { serving?: string }) => {
          if (message.serving) resolve(message.serving);
        });
        worker.once('exit', (code) => reject(new Error(`a bench API worker stopped before it served (exit ${code})`)));
      });
    }),
  );
  let asked = 0;
  const stats = await statsServer(async (reset) => {
    asked += 1;
    const question = asked;
    const answers = await Promise.all(
      forked.map(
        (worker) =>
          new Promise<WaitsMessage['waits']>((resolve) => {
            const listen = (message: Partial<WaitsMessage>) => {
              if (message.asked !== question || !message.waits) return;
              worker.off('message', listen);
              resolve(message.waits);
            };
            worker.on('message', listen);
            worker.send({ waits: { reset }, asked: question });
          }),
      ),
    );
    return summarise(
      answers.flatMap((answer) => answer.samples),
      Math.max(...answers.map((answer) => answer.maxWaiting)),
      answers.reduce((sum, answer) => sum + answer.poolSize, 0),
    );
  });
  process.stdout.write(`${JSON.stringify({ url: urls[0], statsUrl: stats.url })}\n`);
  process.once('SIGTERM', () => {
    stats.server.close();
    const exited = forked.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve()))));
    for (const worker of forked) worker.process.kill('SIGTERM');
    void Promise.all(exited).then(() => process.exit(0));
  });
}

async function statsServer(read: (reset: boolean) => Promise<WaitsAnswer>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void read(request.url?.includes('reset') ?? false).then((answer) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function summarise(samples: number[], maxWaiting: number, size: number): WaitsAnswer {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : 0);
  return {
    checkouts: sorted.length,
    totalMs: Math.round(sorted.reduce((sum, value) => sum + value, 0)),
    p50Ms: Math.round(at(0.5) * 10) / 10,
    p99Ms: Math.round(at(0.99) * 10) / 10,
    maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    maxWaiting,
    poolSize: size,
  };
}

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
  const take = (reset: boolean) => {
    const taken = { samples, maxWaiting, poolSize: pool.options.max ?? poolSize ?? 10 };
    if (reset) {
      samples = [];
      maxWaiting = 0;
    }
    return taken;
  };
  return {
    read(reset: boolean): WaitsAnswer {
      const taken = take(reset);
      return summarise(taken.samples, taken.maxWaiting, taken.poolSize);
    },
    raw: take,
  };
}
