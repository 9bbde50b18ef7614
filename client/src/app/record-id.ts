import { hasErrorCode } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id taken from the address can name a record at all. One that cannot (mistyped, cut
 * short in a shared link) names nothing: the page says "not found" without asking the server.
 */
export function isRecordId(id: string): boolean {
  return UUID.test(id);
}

/** The server's answer for a record that is not there, or not visible to you: "not found", not a failure. */
export function isMissingRecord(error: unknown): boolean {
  return hasErrorCode(error, 'NOT_FOUND') || hasErrorCode(error, 'BAD_USER_INPUT');
}
