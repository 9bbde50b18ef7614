import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { from, mergeMap } from 'rxjs';
import { hasErrorCode } from './errors';
import { keepsOfflineCopies } from './offline-flag';
import { sessionStore } from './session/session-store';

/** A failed sign-in is UNAUTHENTICATED too; it must stay on the form with what was typed. */
const OPERATIONS_WITHOUT_SESSION = new Set(['SignIn']);

const authLink = new SetContextLink(({ headers }) => {
  const token = sessionStore.token();
  return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers };
});

const sessionExpiryLink = new ErrorLink(({ error, operation }) => {
  if (OPERATIONS_WITHOUT_SESSION.has(operation.operationName ?? '')) return;
  if (hasErrorCode(error, 'UNAUTHENTICATED')) sessionStore.end('expired');
});

/**
 * Club staff read their roster and loans without a connection: their queries go through the offline
 * copies, whose code (IndexedDB) is fetched only on a phone the club area has marked, never on the
 * sign-in page nor in the other areas. `Me` goes through it too, so a reload offline still knows who
 * is signed in.
 */
const offlineCopiesLink = new ApolloLink((operation, forward) => {
  if (operation.operationType !== 'query' || !keepsOfflineCopies()) return forward(operation);
  return from(import('../club/offline/offline-copies')).pipe(mergeMap((copies) => copies.answerWithCopies(operation, forward)));
});

/**
 * Every operation goes by its id alone: codegen hashed its text into each document (`__meta__`) and
 * into the list the server trusts (docs/security.md). An id the server does not know means it runs
 * another release than this page (a phone still on the previous one): the operation is sent again
 * as text, and so is every later one until the page reloads; the server takes text from a
 * signed-in user.
 */
const persistedQueryLink = new PersistedQueryLink({
  generateHash: (document) => {
    const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
    if (!hash) throw new Error('An operation without its id: documents come from `npm run codegen`.');
    return hash;
  },
  disable: ({ meta }) => meta.persistedQueryNotSupported || meta.persistedQueryNotFound,
});

export function createApolloClient(): ApolloClient {
  const client = new ApolloClient({
    link: ApolloLink.from([sessionExpiryLink, offlineCopiesLink, authLink, persistedQueryLink, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            adminUnits: relayStylePagination(['parentId', 'search', 'tenantId']),
            users: relayStylePagination(['search']),
            schemes: relayStylePagination(['status', 'tenantId']),
            surveys: relayStylePagination(),
            clubs: relayStylePagination(['search', 'unitId', 'statuses', 'tenantId']),
          },
        },
        Scheme: {
          fields: {
            history: relayStylePagination(),
          },
        },
      },
    }),
  });
  // What one account read must not be shown to the next one to sign in on this phone.
  sessionStore.subscribe(() => {
    if (!sessionStore.token()) void client.clearStore();
  });
  return client;
}
