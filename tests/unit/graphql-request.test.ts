import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestError, requestGraphQL } from '../../client/src/app/graphql-request.js';
import { signInErrorKey } from '../../client/src/auth/sign-in/sign-in-errors.js';

const ID = 'c2aece483d63ebfe35e27add685894c9ba75b9355091e9b618661b8c77d84f4d';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Answers every request with `answer` and keeps what was sent. */
function serverAnswering(answer: unknown): Array<{ url: string; body: Record<string, unknown> }> {
  const sent: Array<{ url: string; body: Record<string, unknown> }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

describe('a request without Apollo Client (sign-in, who is signed in)', () => {
  it('names the operation by its id alone, with no text', async () => {
    const sent = serverAnswering({ data: { me: { login: 'kiengiang' } } });
    expect(await requestGraphQL(ID, {}, 'token')).toEqual({ me: { login: 'kiengiang' } });
    expect(sent).toEqual([{ url: '/graphql', body: { variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: ID } } } }]);
  });

  it('reads an id the server does not know as a page of another release, with its own message', async () => {
    // Apollo Server's answer, as it sends it.
    serverAnswering({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    const failure = await requestGraphQL(ID, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestError);
    expect((failure as RequestError).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(signInErrorKey((failure as RequestError).code)).toBe('errors.PERSISTED_QUERY_NOT_FOUND');
  });
});
