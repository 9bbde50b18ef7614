import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

/**
 * The load generator, in a process of its own (never the server's, never the bench's that samples
 * /readyz): one autocannon instance per operation, all at once, each connection a user of its own
 * with its own token. Reads the job as JSON on stdin, prints the results as one JSON line.
 */

export interface LoadUser {
  token: string;
  /** Variables of a read; for writes, what the user's club holds. */
  variables?: Record<string, unknown>;
  memberIds?: string[];
  loanIds?: string[];
}

export interface OperationJob {
  name: string;
  kind: 'read' | 'write';
  /** The operation's id: sent alone, as the client sends it, so the server answers from its list. */
  id: string;
  /** How a write's variables are made: each request under a key of its own. */
  write?: 'meetingSheet' | 'repayment';
  connections: number;
  users: LoadUser[];
}

export interface LoadJob {
  origin: string;
  seconds: number;
  /** The day writes are dated (Vietnam's today). */
  today: string;
  operations: OperationJob[];
}

export interface OperationResult {
  name: string;
  kind: 'read' | 'write';
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses that were not 200, carried GraphQL errors, or never came (timeouts, resets). */
  errors: number;
  timeouts: number;
  firstError: string | null;
}

function percentile(sorted: number[], fraction: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function variablesOf(job: LoadJob, operation: OperationJob, user: LoadUser, iteration: number): Record<string, unknown> {
  if (operation.write === 'repayment') {
    const loanId = user.loanIds![iteration % user.loanIds!.length];
    return { input: { loanId, idempotencyKey: randomUUID(), paidOn: job.today, principal: '1000', interest: '0' } };
  }
  if (operation.write === 'meetingSheet') {
    const members = user.memberIds!;
    const input: Record<string, unknown> = {
      heldOn: job.today,
      idempotencyKey: randomUUID(),
      attendeeIds: members,
      contributions: [{ memberId: members[iteration % members.length], amount: '10000' }],
      repayments: user.loanIds?.length ? [{ loanId: user.loanIds[iteration % user.loanIds.length], principal: '1000', interest: '0' }] : [],
    };
    return { input };
  }
  return user.variables ?? {};
}

function runOperation(job: LoadJob, operation: OperationJob): Promise<OperationResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let firstError: string | null = null;
  let nextUser = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${job.origin}/graphql`,
        connections: operation.connections,
        duration: job.seconds,
        timeout: 10,
        setupClient(client) {
          const user = operation.users[nextUser++ % operation.users.length];
          let iteration = 0;
          client.setRequests([
            {
              method: 'POST',
              path: '/graphql',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
              setupRequest(request) {
                iteration += 1;
                const extensions = { persistedQuery: { version: 1, sha256Hash: operation.id } };
                return { ...request, body: JSON.stringify({ variables: variablesOf(job, operation, user, iteration), extensions }) };
              },
              onResponse(status, body) {
                if (status === 200 && !body.includes('"errors"')) return;
                graphqlErrors += 1;
                firstError ??= `${status} ${body.slice(0, 300)}`;
              },
            },
          ]);
        },
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = latencies.sort((a, b) => a - b);
        resolve({
          name: operation.name,
          kind: operation.kind,
          connections: operation.connections,
          requests: result.requests.total,
          perSecond: round(result.requests.total / job.seconds),
          p50: round(percentile(sorted, 0.5)),
          p95: round(percentile(sorted, 0.95)),
          p99: round(percentile(sorted, 0.99)),
          max: round(sorted.at(-1) ?? Number.NaN),
          errors: graphqlErrors + result.errors + result.timeouts,
          timeouts: result.timeouts,
          firstError,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const job = JSON.parse(await readStdin()) as LoadJob;
const results = await Promise.all(job.operations.filter((operation) => operation.connections > 0).map((operation) => runOperation(job, operation)));
process.stdout.write(`${JSON.stringify(results)}\n`);
