import './production-mode.js';
import 'reflect-metadata';
import { createDataSource } from '../server/src/database/data-source.js';
import { startBenchServer } from './harness.js';

/**
 * The bench's API server in a process of its own, for the comparison with the peer (which must
 * run apart, on Node.js 22): started with BENCH_API = {"appUrl"}, prints {"url"} once it serves,
 * stops on SIGTERM. Tokens are minted by the bench process with the same secret.
 */
const { appUrl } = JSON.parse(process.env.BENCH_API ?? '{}') as { appUrl?: string };
if (!appUrl) throw new Error('BENCH_API must give appUrl');
const dataSource = createDataSource({ url: appUrl, poolSize: 10, applicationName: 'ishc-bench-api' });
await dataSource.initialize();
const server = await startBenchServer(dataSource);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

process.once('SIGTERM', () => {
  server
    .stop()
    .then(() => dataSource.destroy())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
