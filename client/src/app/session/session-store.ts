export interface StoredSession {
  token: string;
  expiresAt: string;
}

export type SessionEndReason = 'signed-out' | 'expired' | 'password-changed';

type Listener = () => void;

const STORAGE_KEY = 'ishc.session';
const listeners = new Set<Listener>();
let current: StoredSession | null = readStoredSession();
let lastEndReason: SessionEndReason | null = null;

function isExpired(session: StoredSession): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt <= Date.now();
}

function readStoredSession(): StoredSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<StoredSession> | null;
    if (typeof parsed?.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
    const session = { token: parsed.token, expiresAt: parsed.expiresAt };
    return isExpired(session) ? null : session;
  } catch {
    return null;
  }
}

function writeStoredSession(session: StoredSession | null): void {
  try {
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode); the session then lives in memory only.
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get(): StoredSession | null {
    if (current && isExpired(current)) {
      current = null;
      lastEndReason = 'expired';
      writeStoredSession(null);
    }
    return current;
  },
  token(): string | null {
    return sessionStore.get()?.token ?? null;
  },
  start(session: StoredSession): void {
    current = session;
    lastEndReason = null;
    writeStoredSession(session);
    notify();
  },
  end(reason: SessionEndReason): void {
    if (!current) return;
    current = null;
    lastEndReason = reason;
    writeStoredSession(null);
    notify();
  },
  lastEndReason(): SessionEndReason | null {
    return lastEndReason;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = readStoredSession();
  notify();
});
