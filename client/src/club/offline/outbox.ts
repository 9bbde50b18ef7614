import type { ApolloClient } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';
import { notifications } from '@mantine/notifications';
import { errorCodeOf, fieldProblemsOf } from '../../app/errors';
import { i18n } from '../../i18n';
import {
  CreateMemberDocument,
  RecordFundEntryDocument,
  RecordHomeCareVisitDocument,
  RecordRepaymentDocument,
  SubmitMeetingSheetDocument,
} from '../../gql/graphql';
import { translateClubMessage } from '../club-messages';
import { offlineDatabase, type OutboxItem, type OutboxKind } from './offline-db';

// Each kind is one mutation the server already takes, with the idempotency key in its input.
const mutations: Record<OutboxKind, TypedDocumentNode<unknown, { input: never }>> = {
  meetingSheet: SubmitMeetingSheetDocument as never,
  homeCareVisit: RecordHomeCareVisitDocument as never,
  member: CreateMemberDocument as never,
  repayment: RecordRepaymentDocument as never,
  fundEntry: RecordFundEntryDocument as never,
};

/** No answer, or none worth acting on yet: the item waits for the next try. */
const NOT_ANSWERED = new Set(['NETWORK', 'SERVICE_UNAVAILABLE', 'TOO_MANY_REQUESTS', 'UNAUTHENTICATED']);

type Listener = () => void;
const listeners = new Set<Listener>();
let items: OutboxItem[] = [];
let loaded: Promise<void> | null = null;
/** The account signed in on this page: new items are theirs, and only theirs are sent. */
let signedIn: { userId: string; displayName: string } | null = null;

/** Said by the club area once it knows who is signed in. */
export function setOutboxAuthor(author: { userId: string; displayName: string } | null): void {
  signedIn = author;
  publish([...items]);
}

/**
 * Kept for another account that used this phone (its session ended without signing out): held
 * until they sign in again, never sent under someone else's session.
 */
export function isHeld(item: OutboxItem): boolean {
  return item.author !== undefined && item.author.userId !== signedIn?.userId;
}

function publish(next: OutboxItem[]): void {
  items = next;
  for (const listener of listeners) listener();
}

async function reload(): Promise<void> {
  const database = await offlineDatabase();
  publish(await database.getAll('outbox'));
}

export const outbox = {
  items: (): OutboxItem[] => items,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Reads what waits on the phone, once per page load. */
  load(): Promise<void> {
    loaded ??= (async () => {
      // A page closed while sending: that item's answer never came, so it waits again (its key makes a second arrival harmless).
      const database = await offlineDatabase();
      for (const item of await database.getAll('outbox')) if (item.state === 'sending') await database.put('outbox', { ...item, state: 'waiting' });
      await reload();
    })().catch(() => undefined);
    return loaded;
  },
  async add(item: Omit<OutboxItem, 'id' | 'state' | 'message' | 'createdAt' | 'author'>): Promise<void> {
    const database = await offlineDatabase();
    const author = signedIn ?? undefined;
    await database.add('outbox', { ...item, author, state: 'waiting', message: null, createdAt: new Date().toISOString() } as OutboxItem);
    await reload();
  },
  async update(id: number, change: Partial<Omit<OutboxItem, 'id'>>): Promise<void> {
    const database = await offlineDatabase();
    const item = await database.get('outbox', id);
    if (item) await database.put('outbox', { ...item, ...change });
    await reload();
  },
  async remove(id: number): Promise<void> {
    await (await offlineDatabase()).delete('outbox', id);
    await reload();
  },
  /** Forgets the loaded list: the database was deleted on signing out. */
  forget(): void {
    loaded = null;
    publish([]);
  },
};

function refusalMessage(error: unknown): string {
  const problems = fieldProblemsOf(error).map((problem) => translateClubMessage(i18n.t, i18n.resolvedLanguage, problem.message));
  return problems.length ? problems.join(' ') : i18n.t(`errors.${errorCodeOf(error) ?? 'UNKNOWN'}`);
}

let sending: Promise<void> | null = null;

/**
 * Sends what waits, oldest first, one at a time. No answer stops the round and leaves the rest
 * waiting; a refusal keeps the item, with the server's words, and the round goes on: each item is
 * judged by the server on its own, and a retry of one already recorded records nothing (its key).
 */
export function sendWaiting(client: ApolloClient): Promise<void> {
  sending ??= (async () => {
    try {
      await outbox.load();
      let sentAny = false;
      // The signed-in account's own items only: a session proves who sends, not who recorded.
      if (!signedIn) return;
      for (const item of items.filter((waiting) => waiting.state === 'waiting' && !isHeld(waiting))) {
        await outbox.update(item.id, { state: 'sending' });
        try {
          await client.mutate({ mutation: mutations[item.kind], variables: item.variables as never });
          await outbox.remove(item.id);
          sentAny = true;
        } catch (error) {
          if (NOT_ANSWERED.has(errorCodeOf(error) ?? 'NETWORK')) {
            await outbox.update(item.id, { state: 'waiting' });
            break;
          }
          await outbox.update(item.id, { state: 'refused', message: refusalMessage(error) });
        }
      }
      if (sentAny) await client.refetchQueries({ include: 'active' }).catch(() => undefined);
    } finally {
      sending = null;
    }
  })();
  return sending;
}

/** A change the server could not be reached for, kept in the outbox and said so; the form then starts afresh. */
export async function keepForLater(item: Omit<OutboxItem, 'id' | 'state' | 'message' | 'createdAt' | 'author'>): Promise<void> {
  await outbox.add(item);
  notifications.show({ color: 'yellow', message: i18n.t('offline.kept') });
}

/** Sent as it is now or kept for later: the form's choice on a failure, by whether the server answered. */
export function isNoAnswer(error: unknown): boolean {
  const code = errorCodeOf(error) ?? 'NETWORK';
  return code === 'NETWORK' || code === 'SERVICE_UNAVAILABLE';
}
