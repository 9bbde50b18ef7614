import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';

const DATABASE_NAME = 'ishc-offline';

/** A query's last answer, as the phone last saw it. */
export interface QueryCopy {
  /** Operation name and variables. */
  key: string;
  data: unknown;
  savedAt: string;
}

export type OutboxKind = 'meetingSheet' | 'homeCareVisit' | 'member' | 'repayment' | 'fundEntry';
export type OutboxState = 'waiting' | 'sending' | 'refused';

/** A change recorded without a connection: the mutation's variables as they will be sent, with its key. */
export interface OutboxItem {
  /** Increasing: the outbox is sent in this order. */
  id: number;
  kind: OutboxKind;
  variables: { input: Record<string, unknown> & { idempotencyKey: string } };
  /** What the list shows: who or what, and how much. */
  title: string;
  amount: string | null;
  state: OutboxState;
  /** The server's words when it refused the item. */
  message: string | null;
  createdAt: string;
  /** What reopens the form with what was typed (the meeting sheet's draft). */
  draft: unknown;
  /**
   * Who recorded it, and their name for the list: it is sent only under their own session. Absent on
   * items kept before authors were recorded, which the next account signed in sends.
   */
  author?: { userId: string; displayName: string };
}

interface OfflineSchema extends DBSchema {
  copies: { key: string; value: QueryCopy };
  outbox: { key: number; value: OutboxItem };
}

let opened: Promise<IDBPDatabase<OfflineSchema>> | null = null;

export function offlineDatabase(): Promise<IDBPDatabase<OfflineSchema>> {
  opened ??= openDB<OfflineSchema>(DATABASE_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('copies', { keyPath: 'key' });
      database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
    },
    // Another tab signing out deletes the database: let it, and open again when next needed.
    blocking() {
      void opened?.then((database) => database.close());
      opened = null;
    },
  });
  return opened;
}

/** Everything the phone kept for the signed-in person: copies and outbox alike. */
export async function deleteOfflineDatabase(): Promise<void> {
  const current = opened;
  opened = null;
  if (current) (await current.catch(() => null))?.close();
  await deleteDB(DATABASE_NAME);
}
