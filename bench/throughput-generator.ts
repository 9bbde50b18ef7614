import autocannon from 'autocannon';

/**
 * One server's throughput for one request, made by autocannon in a process of its own (never a
 * server's, never the bench's), so that the client's own cost is the same for both servers of a
 * comparison and takes nothing from either. Reads the job as JSON on stdin, prints the result as one
 * JSON line. A response that is not 200 or carries GraphQL errors counts as an error.
 */
export interface ThroughputJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const job = JSON.parse(await readStdin()) as ThroughputJob;
let failed = 0;
const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: job.url,
      method: 'POST',
      connections: job.connections,
      duration: job.seconds,
      headers: job.headers,
      body: job.body,
      setupClient(client) {
        client.on('body', (body: Buffer) => {
          if (body.includes('"errors"')) failed += 1;
        });
      },
    },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});
const sorted = latencies.sort((a, b) => a - b);
const at = (fraction: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : Number.NaN);
const requests = result.requests.total;
process.stdout.write(
  `${JSON.stringify({
    concurrency: job.connections,
    seconds: job.seconds,
    requests,
    perSecond: Math.round((requests / job.seconds) * 10) / 10,
    p50: Math.round(at(0.5) * 100) / 100,
    p95: Math.round(at(0.95) * 100) / 100,
    errors: failed + result.errors + result.timeouts + result.non2xx,
  })}\n`,
);
