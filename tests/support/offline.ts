/// <reference lib="dom" />
// The page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import type { OutboxItem } from '../../client/src/club/offline/offline-db.js';

/** A query's answer as the phone keeps it for reading offline. */
export interface KeptCopy {
  variables: Record<string, unknown>;
  data: unknown;
}

/** Everything the phone keeps in its offline database (IndexedDB `ishc-offline`) in one store, or nothing yet. */
function storedIn<T>(page: Page, store: 'copies' | 'outbox'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const opened = indexedDB.open('ishc-offline');
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const database = opened.result;
          if (!database.objectStoreNames.contains(name)) {
            database.close();
            resolve([]);
            return;
          }
          const all = database.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            database.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  ) as Promise<T[]>;
}

/** The answers of the operation the phone keeps for reading offline, each with the variables it was read with. */
export async function keptCopies(page: Page, operationName: string): Promise<KeptCopy[]> {
  const copies = await storedIn<{ key: string; data: unknown }>(page, 'copies');
  // Kept as "<account> <operation> <variables as JSON>".
  return copies.flatMap(({ key, data }) => {
    const [, name, ...variables] = key.split(' ');
    return name === operationName ? [{ variables: JSON.parse(variables.join(' ')) as Record<string, unknown>, data }] : [];
  });
}

/** How many answers of the operation the phone keeps for reading offline. */
export async function copiesKept(page: Page, operationName: string): Promise<number> {
  return (await keptCopies(page, operationName)).length;
}

/** What waits in the phone's outbox, oldest first. */
export function outboxItems(page: Page): Promise<OutboxItem[]> {
  return storedIn<OutboxItem>(page, 'outbox');
}
