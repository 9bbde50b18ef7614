/** The codes of DESIGN.md's errors as the client tells them apart, with NETWORK and UNKNOWN of its own. */
export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  // An operation id the server does not know: this page is from another release than the server.
  'PERSISTED_QUERY_NOT_FOUND',
  'NETWORK',
  'UNKNOWN',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const statusCodes: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return errorCodes.includes(value as ErrorCode);
}

/** An answer without a GraphQL error code is told by its HTTP status. */
export function errorCodeOfStatus(status: number): ErrorCode {
  return statusCodes[status] ?? 'INTERNAL_SERVER_ERROR';
}
