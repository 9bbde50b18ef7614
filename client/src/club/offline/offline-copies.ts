import type { ApolloLink } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { sessionStore } from '../../app/session/session-store';
import { offlineDatabase } from './offline-db';

type Listener = () => void;

/**
 * When what is on screen was last brought up to date: the oldest copy answered from the phone since the
 * last answer from the server, or null while the server answers.
 */
let shownSince: string | null = null;
const listeners = new Set<Listener>();

function setShownSince(value: string | null): void {
  if (value === shownSince) return;
  shownSince = value;
  for (const listener of listeners) listener();
}

export const copiesShown = {
  since: (): string | null => shownSince,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/**
 * The account the session's token names (its subject, read, not verified: the server verifies).
 * A copy is kept under the account it was read for, so another account signed in on the same phone
 * (a session that ended without signing out) is never shown it.
 */
function accountOfSession(): string {
  const payload = sessionStore.token()?.split('.')[1];
  if (!payload) return '';
  try {
    return String((JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown }).sub ?? '');
  } catch {
    return '';
  }
}

function keyOf(operation: ApolloLink.Operation): string {
  return `${accountOfSession()} ${operation.operationName ?? ''} ${JSON.stringify(operation.variables ?? {})}`;
}

async function keep(key: string, data: unknown): Promise<void> {
  try {
    await (await offlineDatabase()).put('copies', { key, data, savedAt: new Date().toISOString() });
  } catch {
    // A full or refused storage costs only the offline copy.
  }
}

async function copyOf(key: string) {
  try {
    return (await (await offlineDatabase()).get('copies', key)) ?? null;
  } catch {
    return null;
  }
}

/** No answer at all, or a gateway's in place of the server's: a refusal (401, 400) is the server's word and passes. */
function unreachable(error: unknown): boolean {
  return !ServerError.is(error) || error.statusCode >= 500;
}

/**
 * The server's answer, kept on the phone when it is whole; without a connection (the request fails
 * before any answer), the last answer kept for the same query and variables instead.
 */
export function answerWithCopies(operation: ApolloLink.Operation, forward: ApolloLink.ForwardFunction): Observable<ApolloLink.Result> {
  const key = keyOf(operation);
  return forward(operation).pipe(
    tap((result) => {
      if (result.errors?.length || !('data' in result) || !result.data) return;
      setShownSince(null);
      void keep(key, result.data);
    }),
    catchError((error: unknown) =>
      !unreachable(error) ? throwError(() => error) : new Observable<ApolloLink.Result>((observer) => {
        void copyOf(key).then((copy) => {
          if (!copy) {
            observer.error(error);
            return;
          }
          if (!shownSince || copy.savedAt < shownSince) setShownSince(copy.savedAt);
          observer.next({ data: copy.data as Record<string, unknown> });
          observer.complete();
        });
      }),
    ),
  );
}
