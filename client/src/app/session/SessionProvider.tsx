import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, use, useCallback, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { MeDocument, type SessionUserFragment, type SignInMutation } from '../../gql/graphql';
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

function useStoredToken(): string | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.token);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const token = useStoredToken();
  const me = useQuery(MeDocument, { skip: !token });

  useEffect(() => {
    if (!token) void client.clearStore();
  }, [client, token]);

  const signIn = useCallback(
    (payload: SignInMutation['signIn']) => {
      client.writeQuery({ query: MeDocument, data: { me: payload.user } });
      sessionStore.start({ token: payload.token, expiresAt: payload.expiresAt });
    },
    [client],
  );

  const signOut = useCallback((reason: Exclude<SessionEndReason, 'expired'> = 'signed-out') => sessionStore.end(reason), []);
  const { refetch } = me;
  const retry = useCallback(() => void refetch().catch(() => undefined), [refetch]);

  const user = token ? (me.data?.me ?? null) : null;
  const status: SessionStatus = !token ? 'anonymous' : user ? 'ready' : me.error ? 'failed' : 'loading';

  const value = useMemo<SessionContextValue>(
    () => ({ status, user, error: me.error, retry, signIn, signOut }),
    [status, user, me.error, retry, signIn, signOut],
  );

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
