import { useCallback, useState } from 'react';

/** crypto.randomUUID exists only on https or localhost; a club may reach the server over plain http. */
export function newActionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The idempotency key of one user action: kept across retries of that action, so a retry after a
 * lost answer is not counted twice, and renewed once the action has succeeded. A refused item of
 * the outbox corrected in its form comes with its own key.
 */
export function useActionKey(firstKey?: string): [string, () => void] {
  const [key, setKey] = useState(() => firstKey ?? newActionKey());
  const renew = useCallback(() => setKey(newActionKey()), []);
  return [key, renew];
}
