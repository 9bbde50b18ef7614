import type { OutboxItem, OutboxKind } from './offline-db';
import { outbox } from './outbox';

const STORAGE_KEY = 'ishc.outboxCorrection';

/** The items corrected through their own form rather than in the outbox's list. */
export type FormCorrectionKind = Extract<OutboxKind, 'member' | 'homeCareVisit'>;

export interface OutboxCorrection {
  /** The refused item: it stays in the outbox until the corrected one is saved or kept again. */
  itemId: number;
  kind: FormCorrectionKind;
  /** Whose item it was: another account signed in on the phone does not get it. */
  userId: string;
  /** The variables' input as they were refused, idempotency key included. */
  input: OutboxItem['variables']['input'];
  /** Why the server refused it, shown above the form. */
  message: string | null;
}

/**
 * A refused item opened again in its form as it was written, with its key: the refused attempt
 * recorded nothing under that key, so the corrected one is recorded once, however often it is sent.
 */
export function keepForCorrection(correction: OutboxCorrection): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(correction));
  } catch {
    // Storage refused: the form opens empty.
  }
}

/** The correction waiting for this form and this account, if any; it stays until the form is left. */
export function correctionFor(kind: FormCorrectionKind, userId: string): OutboxCorrection | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as OutboxCorrection | null;
    return stored?.kind === kind && stored.userId === userId && typeof stored.input?.idempotencyKey === 'string' ? stored : null;
  } catch {
    return null;
  }
}

/** Saved, or kept for later again as a new item: the refused item leaves the outbox. */
export async function finishCorrection(correction: OutboxCorrection | null): Promise<void> {
  clearCorrection();
  if (correction) await outbox.remove(correction.itemId);
}

/** The form was left without saving (the refused item stays in the outbox), or the item was discarded (only then its id). */
export function clearCorrection(itemId?: number): void {
  try {
    if (itemId !== undefined && (JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as OutboxCorrection | null)?.itemId !== itemId) return;
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored then.
  }
}
