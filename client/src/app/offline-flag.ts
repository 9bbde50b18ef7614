import type { SessionUserFragment } from '../gql/graphql';

/**
 * Set by the club area on this phone: its reads are kept on the phone and answered from there
 * offline. A module of its own, so the sign-in page's code can read it without loading Apollo.
 */
export const OFFLINE_COPIES_FLAG = 'ishc.offlineCopies';
/** Who was signed in, kept with the token it was read for, for a reload without a connection. */
export const OFFLINE_USER = 'ishc.offlineUser';

export function keepsOfflineCopies(): boolean {
  try {
    return localStorage.getItem(OFFLINE_COPIES_FLAG) === '1';
  } catch {
    return false;
  }
}

/**
 * On a phone the club area keeps its data on, who is signed in is kept too (with the token it was
 * read for), so that a reload without a connection still opens the club's pages as last seen.
 */
export function keepUser(token: string, user: SessionUserFragment): void {
  try {
    if (keepsOfflineCopies()) localStorage.setItem(OFFLINE_USER, JSON.stringify({ token, user }));
  } catch {
    // Without storage the club area simply needs a connection.
  }
}

export function keptUser(token: string): SessionUserFragment | null {
  if (!keepsOfflineCopies()) return null;
  try {
    const kept = JSON.parse(localStorage.getItem(OFFLINE_USER) ?? 'null') as { token: string; user: SessionUserFragment } | null;
    return kept?.token === token ? kept.user : null;
  } catch {
    return null;
  }
}
