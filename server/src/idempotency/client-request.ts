import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput } from '../graphql/errors.js';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** The JSON a first attempt leaves behind: identifiers of what it wrote, enough to answer a retry. */
export type Receipt = Record<string, string | string[] | null>;

function fingerprintOf(input: unknown): string {
  const json = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Runs `work` once per client-generated key. A retry of the same request (same key, same input)
 * gets the first attempt's receipt and writes nothing; the same key with other input is refused.
 * The key is claimed in the request's transaction before the work, so of two concurrent attempts
 * the second waits for the first and then finds its receipt; if the first fails, its claim rolls
 * back with it and the retry does the work.
 */
export async function once(
  db: EntityManager,
  claim: { clubId: string; key: string; operation: string; input: unknown },
  work: () => Promise<Receipt>,
): Promise<Receipt> {
  if (!IDEMPOTENCY_KEY.test(claim.key)) {
    throw badInput([{ field: 'idempotencyKey', message: 'must be 8 to 100 letters, digits or . _ : -' }]);
  }
  const fingerprint = fingerprintOf(claim.input);
  const claimed: unknown[] = await db.query(
    `insert into client_request (club_id, key, operation, fingerprint) values ($1, $2, $3, $4)
     on conflict do nothing returning key`,
    [claim.clubId, claim.key, claim.operation, fingerprint],
  );
  if (!claimed.length) {
    const [earlier]: Array<{ operation: string; fingerprint: string; result: Receipt | null }> = await db.query(
      'select operation, fingerprint, result from client_request where club_id = $1 and key = $2',
      [claim.clubId, claim.key],
    );
    if (!earlier || earlier.operation !== claim.operation || earlier.fingerprint !== fingerprint || !earlier.result) {
      throw badInput([{ field: 'idempotencyKey', message: 'was already used for a different request' }]);
    }
    return earlier.result;
  }
  const receipt = await work();
  await db.query('update client_request set result = $3 where club_id = $1 and key = $2', [claim.clubId, claim.key, JSON.stringify(receipt)]);
  return receipt;
}
