/**
 * Whether an error means the database could not be reached or did not answer in time, as opposed
 * to refusing a statement: the request may succeed if sent again a little later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causesOf(error).some(
    (cause) => UNAVAILABLE_CODES.has(String(cause.code)) || /^08/.test(String(cause.code)) || UNAVAILABLE_MESSAGES.some((message) => message.test(String(cause.message))),
  );
}

/** Retry-After of a database outage, in seconds: short, since most outages are a restart. */
export const RETRY_AFTER_SECONDS = 5;

// SQLSTATEs: 57P01 admin_shutdown (the server stops, or pg_terminate_backend), 57P02
// crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery), 53300 too_many_connections;
// class 08 (connection exceptions) is matched by its prefix. Then the socket errors of Node.
const UNAVAILABLE_CODES = new Set([
  '57P01', '57P02', '57P03', '53300',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
]);

// The driver's own errors carry no code, only these messages (pg and pg-pool 8): no free connection
// in time, a connection that could not be made in time or was cut, a statement past query_timeout.
const UNAVAILABLE_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

/** The error and what it wraps: TypeORM's driverError, GraphQL's originalError, `cause`, an AggregateError's errors. */
function causesOf(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const pending: unknown[] = [error];
  while (pending.length && found.length < 16) {
    const current = pending.shift();
    if (!current || typeof current !== 'object') continue;
    const candidate = current as ErrorLike & { driverError?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
    found.push(candidate);
    pending.push(candidate.driverError, candidate.originalError, candidate.cause);
    if (Array.isArray(candidate.errors)) pending.push(...candidate.errors);
  }
  return found;
}
