import type { FieldError } from '../errors.js';

export type ImportKind = 'clubs' | 'members' | 'fund-balances' | 'loans' | 'survey-visits';

export const IMPORT_KINDS: readonly ImportKind[] = ['clubs', 'members', 'fund-balances', 'loans', 'survey-visits'];

export function isImportKind(value: unknown): value is ImportKind {
  return IMPORT_KINDS.includes(value as ImportKind);
}

/** A refused upload: the HTTP status (0 when the server could not be reached) and the server's `{ error }`. */
export class ImportUploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export function templateUrl(kind: ImportKind, format: 'xlsx' | 'csv'): string {
  return `/imports/${kind}/template.${format}`;
}

export function uploadUrl(kind: ImportKind, params: { clubId?: string | null; surveyId?: string | null; fileName?: string | null }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `/imports/${kind}${search ? `?${search}` : ''}`;
}
