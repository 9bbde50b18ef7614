import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { clientOperation, readClientDocuments } from '../support/client-documents.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let production: TestServer;
let development: TestServer;
let token: string;

const documents = readClientDocuments();
const signIn = clientOperation(documents, 'SignIn');
const me = clientOperation(documents, 'Me');
const credentials = { login: 'kiengiang', password: DEMO_PASSWORD };
/** The text a script would write for the client's sign-in. */
const HANDWRITTEN_SIGN_IN = 'mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { token } }';

beforeAll(async () => {
  database = await openTestDatabase({ poolSize: 2 });
  production = await startTestServer(database, { production: true });
  development = await startTestServer(database);
  token = await development.signIn('kiengiang');
});

afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await database?.close();
});

/** A request as the client sends one: the operation's id, and its text only when given. */
async function send(server: TestServer, body: { id: string; query?: string; variables?: Record<string, unknown> }, bearer?: string): Promise<GraphQLResponse> {
  const { id, ...rest } = body;
  const { status, text } = await server.post(JSON.stringify({ ...rest, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }), bearer ? { authorization: `Bearer ${bearer}` } : {});
  const parsed = JSON.parse(text) as Pick<GraphQLResponse, 'data' | 'errors'>;
  return { status, data: parsed.data, errors: parsed.errors, raw: text };
}

describe('the client’s operations by id', () => {
  it('are answered without their text, signed in or not, with the fields the client’s cache needs', async () => {
    const signedIn = await send(production, { id: signIn.id, variables: credentials });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.signIn).toMatchObject({ __typename: 'SignInPayload', user: { __typename: 'User', login: 'kiengiang' } });

    const read = await send(production, { id: me.id }, signedIn.data?.signIn.token);
    expect(read.errors).toBeUndefined();
    expect(read.data?.me).toMatchObject({ __typename: 'User', login: 'kiengiang' });
    // The same in development, where the client is served by the same build.
    expect((await send(development, { id: me.id }, token)).data?.me.login).toBe('kiengiang');
  });

  it('answers an id it does not know with PERSISTED_QUERY_NOT_FOUND, in every mode and for anyone', async () => {
    const unknown = createHash('sha256').update('query Unknown { me { id } }').digest('hex');
    for (const [server, bearer] of [[production, undefined], [production, token], [development, undefined]] as const) {
      const answer = await send(server, { id: unknown }, bearer);
      expect(codesOf(answer)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(answer.data).toBeUndefined();
    }
  });

  it('refuses a text that is not the one of its id, even the client’s own under another operation’s id', async () => {
    for (const query of [me.text, `${signIn.text} `, HANDWRITTEN_SIGN_IN]) {
      const answer = await send(production, { id: signIn.id, query, variables: credentials });
      expect(answer.status).toBe(400);
      expect(codesOf(answer)).toEqual(['BAD_REQUEST']);
      expect(answer.errors?.[0].message).toMatch(/does not match its id/);
    }
    expect(codesOf(await send(production, { id: me.id, query: signIn.text, variables: credentials }, token))).toEqual(['BAD_REQUEST']);
    // Its own text with it is taken.
    expect((await send(production, { id: signIn.id, query: signIn.text, variables: credentials })).data?.signIn.user.login).toBe('kiengiang');
  });
});

describe('in production, without an account', () => {
  it('refuses an operation written by hand with PERSISTED_QUERY_ID_REQUIRED before reading it, and takes the client’s by its id', async () => {
    const handwritten = await production.gql(HANDWRITTEN_SIGN_IN, credentials);
    expect(handwritten.status).toBe(400);
    expect(codesOf(handwritten)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect(handwritten.errors?.[0].message).toMatch(/sent by their id/);
    expect(handwritten.data).toBeUndefined();
    // Not parsed: text that is no GraphQL at all gets the same answer, not a syntax error.
    expect(codesOf(await production.gql('{ me { login'))).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect(codesOf(await production.gql('{ __schema { types { name } } }'))).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);

    expect((await send(production, { id: signIn.id, variables: credentials })).data?.signIn.token).toEqual(expect.any(String));
    // The client's text itself is one of the list, sent with or without its id.
    expect((await production.gql(signIn.text, credentials)).data?.signIn.user.login).toBe('kiengiang');
  });

  it('refuses it sent by GET too, and takes it from a signed-in caller', async () => {
    const get = (bearer?: string) =>
      fetch(`${production.url}/graphql?query=${encodeURIComponent('{ me { login } }')}`, {
        headers: { 'apollo-require-preflight': 'true', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as Pick<GraphQLResponse, 'data' | 'errors'> }));
    const anonymous = await get();
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect((await get(token)).body.data).toEqual({ me: { login: 'kiengiang' } });
  });

  it('counts a token it does not take as no account', async () => {
    const forged = await production.gql('{ me { login } }', {}, 'not-a-token');
    expect(codesOf(forged)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
  });
});

describe('signed in', () => {
  it('takes operations written by hand in production (scripts, integrations), and anyone’s in development', async () => {
    const answer = await production.gql('{ me { login role } }', {}, token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.me).toEqual({ login: 'kiengiang', role: 'PROVINCE_ADMIN' });
    expect((await development.gql(HANDWRITTEN_SIGN_IN, credentials)).data?.signIn.token).toEqual(expect.any(String));
  });
});
