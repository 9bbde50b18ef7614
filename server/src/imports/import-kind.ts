import type { EntityManager } from 'typeorm';
import type { ImportKind } from './import-columns.js';
import type { FileRow } from './import-file.js';

/** What an import is for besides its province: one club (club staff's always are), one survey. */
export interface ImportTarget {
  clubId: string | null;
  surveyId: string | null;
}

/** A field a row changes, by API name and template header, with the values as people read them. */
export interface ImportChange {
  field: string;
  column: string;
  from: string | null;
  to: string | null;
}

/** One row as checked: what it would do, to what, and what is wrong with it. */
export interface CheckedRow<Fields = Record<string, unknown>> {
  rowNumber: number;
  action: 'NEW' | 'UPDATE' | 'UNCHANGED' | 'PROBLEM';
  /** The club the row belongs to, once known. */
  clubId: string | null;
  /** The record the row matches, for UPDATE and UNCHANGED. */
  targetId: string | null;
  /** What the row is shown by: a member's or borrower's full name, a club's name, a unit's. */
  label: string;
  /** The row's fields as the kind's apply step takes them (kept as JSON between preview and commit). */
  fields: Fields;
  changes: ImportChange[];
  /** In Vietnamese, each naming its column by template header. */
  problems: Array<{ column: string; message: string }>;
  /** Possible duplicates the importer may accept, with the record they may be. */
  warnings: Array<{ message: string; memberId?: string | null; clubId?: string | null }>;
}

/** A row of a checked preview as its kind applies it on commit. */
export interface RowToApply<Fields = Record<string, unknown>> {
  rowNumber: number;
  action: 'NEW' | 'UPDATE';
  clubId: string | null;
  targetId: string | null;
  fields: Fields;
}

/**
 * A kind of import: how its rows are checked against the province's records (in the viewer's
 * scope, nothing written) and how the checked rows are applied, all in the caller's transaction,
 * with the live figures and the audit the records' own services write.
 */
export interface ImportHandler<Fields = Record<string, unknown>> {
  kind: ImportKind;
  /** Whether the import needs `?surveyId=` (survey visits) — refused without it. */
  needsSurvey?: boolean;
  /** Whether only a province admin imports it (its clubs, its surveys' visits): club staff are refused. */
  provinceOnly?: boolean;
  check(db: EntityManager, rows: FileRow[], target: ImportTarget): Promise<Array<CheckedRow<Fields>>>;
  apply(db: EntityManager, requestId: string, rows: Array<RowToApply<Fields>>, target: ImportTarget): Promise<void>;
}
