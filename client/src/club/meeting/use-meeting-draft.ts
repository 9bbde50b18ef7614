import { useCallback, useEffect, useState } from 'react';
import { todayInVietnam } from '../club-format';
import { newActionKey } from '../ui/use-action-key';
import type { MeetingDraft } from './meeting-draft';

const STORAGE_KEY = 'ishc.meetingSheetDraft';

interface StoredDraft {
  userId: string;
  draft: MeetingDraft;
}

export function freshDraft(heldOn = todayInVietnam()): MeetingDraft {
  return { heldOn, present: [], repayments: {}, contributionEach: '', contributions: {}, payouts: {}, notes: '', key: newActionKey() };
}

function isDraft(value: unknown): value is MeetingDraft {
  const draft = value as Partial<MeetingDraft> | null;
  return (
    typeof draft?.heldOn === 'string' &&
    Array.isArray(draft.present) &&
    typeof draft.repayments === 'object' &&
    typeof draft.contributions === 'object' &&
    typeof draft.payouts === 'object' &&
    typeof draft.key === 'string'
  );
}

function readStored(userId: string): MeetingDraft | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredDraft | null;
    return stored?.userId === userId && isDraft(stored.draft) ? { ...stored.draft, contributionEach: stored.draft.contributionEach ?? '', notes: stored.draft.notes ?? '' } : null;
  } catch {
    return null;
  }
}

/** A sheet refused on arrival from the outbox, opened again as it was written to be corrected. */
export function keepDraftForCorrection(userId: string, draft: MeetingDraft): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId, draft } satisfies StoredDraft));
  } catch {
    // Storage refused: the sheet opens empty.
  }
}

function hasContent(draft: MeetingDraft): boolean {
  return draft.present.length > 0 || Object.keys(draft.repayments).length > 0 || Object.keys(draft.contributions).length > 0 || Object.keys(draft.payouts).length > 0 || Boolean(draft.notes.trim());
}

/**
 * The sheet being written, kept on the phone as it is typed: a reload, a dropped connection or a
 * closed tab loses nothing, and a retry after a lost answer sends the same key.
 */
export function useMeetingDraft(userId: string) {
  const [restored] = useState(() => readStored(userId));
  const [draft, setDraft] = useState<MeetingDraft>(() => restored ?? freshDraft());

  useEffect(() => {
    try {
      if (hasContent(draft)) localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId, draft } satisfies StoredDraft));
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage may be full or refused; the sheet still works for this visit.
    }
  }, [draft, userId]);

  const update = useCallback((change: (current: MeetingDraft) => MeetingDraft) => setDraft((current) => change(current)), []);
  const reset = useCallback((heldOn?: string) => setDraft(freshDraft(heldOn)), []);

  return { draft, update, reset, restored: restored !== null && hasContent(restored) };
}
