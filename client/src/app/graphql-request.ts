import { errorCodeOfStatus, isErrorCode, type ErrorCode } from './error-codes.js';

/** A request that did not give its data: the first error's code, and when to try again if throttled. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`GraphQL request failed: ${code}`);
    this.name = 'RequestError';
  }
}

interface GraphQLAnswer<Data> {
  data?: Data | null;
  errors?: Array<{ extensions?: { code?: unknown; retryAfterSeconds?: unknown } }>;
}

/**
 * One GraphQL operation over a plain fetch, for what runs before the signed-in shell (signing in,
 * reading who is signed in): Apollo Client comes with the shell, so the sign-in page does without
 * its 45 KB. `operationHash` is the operation's id from gql/document-hashes.ts: as Apollo Client
 * does, the request names the operation by it and carries none of its text.
 */
export async function requestGraphQL<Data, Variables extends Record<string, unknown> = Record<string, never>>(
  operationHash: string,
  variables: Variables,
  token: string | null = null,
): Promise<Data> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash } } }),
    });
  } catch {
    throw new RequestError('NETWORK');
  }
  let answer: GraphQLAnswer<Data>;
  try {
    answer = (await response.json()) as GraphQLAnswer<Data>;
  } catch {
    throw new RequestError(errorCodeOfStatus(response.status));
  }
  const [error] = answer.errors ?? [];
  if (error) {
    const { code, retryAfterSeconds } = error.extensions ?? {};
    throw new RequestError(isErrorCode(code) ? code : code === undefined ? errorCodeOfStatus(response.status) : 'UNKNOWN', typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? retryAfterSeconds : null);
  }
  if (!response.ok || !answer.data) throw new RequestError(errorCodeOfStatus(response.status));
  return answer.data;
}
