import { createContext, use, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { MeDocumentHash } from '../../gql/document-hashes';
import type { MeQuery, SessionUserFragment, SignInMutation } from '../../gql/graphql';
import { RequestError, requestGraphQL } from '../graphql-request';
import { keepUser, keptUser } from '../offline-flag';
import { sessionStore, type SessionEndReason } from './session-store';

export type SessionStatus = 'anonymous' | 'loading' | 'failed' | 'ready';

export interface SessionContextValue {
  status: SessionStatus;
  user: SessionUserFragment | null;
  error: unknown;
  retry: () => void;
  signIn: (payload: SignInMutation['signIn']) => void;
  signOut: (reason?: Exclude<SessionEndReason, 'expired'>) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The user of one token, or why it could not be read. */
type Loaded = { token: string; user: SessionUserFragment; error?: undefined } | { token: string; user?: undefined; error: unknown };

function useStoredToken(): string | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.token);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const token = useStoredToken();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const current = loaded?.token === token ? loaded : null;

  useEffect(() => {
    if (!token || current?.user) return;
    let active = true;
    requestGraphQL<MeQuery>(MeDocumentHash, {}, token).then(
      ({ me }) => {
        keepUser(token, me);
        if (active) setLoaded({ token, user: me });
      },
      (error: unknown) => {
        if (!active) return;
        // A token the server no longer takes (expired, revoked) ends the session, as any other request would.
        if (error instanceof RequestError && error.code === 'UNAUTHENTICATED') {
          sessionStore.end('expired');
          return;
        }
        const kept = error instanceof RequestError && error.code === 'NETWORK' ? keptUser(token) : null;
        setLoaded(kept ? { token, user: kept } : { token, error });
      },
    );
    return () => {
      active = false;
    };
  }, [token, attempt, current?.user]);

  const signIn = useCallback((payload: SignInMutation['signIn']) => {
    setLoaded({ token: payload.token, user: payload.user });
    sessionStore.start({ token: payload.token, expiresAt: payload.expiresAt });
  }, []);

  const signOut = useCallback((reason: Exclude<SessionEndReason, 'expired'> = 'signed-out') => sessionStore.end(reason), []);
  const retry = useCallback(() => {
    setLoaded(null);
    setAttempt((count) => count + 1);
  }, []);

  const user = token ? (current?.user ?? null) : null;
  const error = current?.error ?? null;
  const status: SessionStatus = !token ? 'anonymous' : user ? 'ready' : error ? 'failed' : 'loading';

  const value = useMemo<SessionContextValue>(() => ({ status, user, error, retry, signIn, signOut }), [status, user, error, retry, signIn, signOut]);

  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

export function useSignedInUser(): SessionUserFragment {
  const { user } = useSession();
  if (!user) throw new Error('useSignedInUser must be used behind RequireSession');
  return user;
}
