import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, conflict, notFound } from '../graphql/errors.js';
import type { ImportKind } from './import-columns.js';
import type { FileRow } from './import-file.js';
import { importHandlerOf } from './import-handlers.js';
import type { CheckedRow, ImportTarget, RowToApply } from './import-kind.js';

/** How many checked rows go to the database in one statement. */
const ROWS_PER_INSERT = 1000;

export interface DataImportRecord {
  id: string;
  kind: ImportKind;
  clubId: string | null;
  surveyId: string | null;
  fileName: string | null;
  fileFormat: 'csv' | 'xlsx';
  status: 'PREVIEW' | 'COMMITTED';
  rowCount: number;
  createdBy: string;
  createdAt: Date;
  committedBy: string | null;
  committedAt: Date | null;
  createdByName: string | null;
  committedByName: string | null;
  counts: { new: number; changed: number; unchanged: number; problems: number; warnings: number };
}

/** How far a preview has come, for the person waiting on a large file. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'saving';
  done: number;
  total: number;
}

/**
 * Checks an uploaded file's rows and keeps the result as a preview: nothing of the province's
 * records changes until the preview is committed. `onProgress` hears when the file's rows are in
 * hand, when checking starts and ends, and after each batch of saved rows.
 */
export async function previewImport(
  db: EntityManager,
  requestId: string,
  input: ImportTarget & { kind: ImportKind; fileName: string | null; format: 'csv' | 'xlsx'; rows: FileRow[] },
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<string> {
  const handler = importHandlerOf(input.kind);
  if (!handler) throw badInput([{ field: 'kind', message: `importing ${input.kind} is not available` }]);
  if (input.clubId) {
    const clubs: unknown[] = await db.query('select 1 from club where id = $1', [input.clubId]);
    if (!clubs.length) throw notFound('Club');
  }
  if (handler.needsSurvey && !input.surveyId) throw badInput([{ field: 'surveyId', message: 'name the survey the visits belong to' }]);
  if (input.surveyId) {
    const surveys: unknown[] = await db.query('select 1 from survey where id = $1', [input.surveyId]);
    if (!surveys.length) throw notFound('Survey');
  }
  const total = input.rows.length;
  onProgress({ phase: 'reading', done: total, total });
  onProgress({ phase: 'checking', done: 0, total });
  const checked = await handler.check(db, input.rows, { clubId: input.clubId, surveyId: input.surveyId });
  onProgress({ phase: 'checking', done: total, total });
  const [created]: Array<{ id: string }> = await db.query(
    `insert into data_import (kind, club_id, survey_id, file_name, file_format, row_count) values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.kind, input.clubId, input.surveyId, input.fileName?.normalize('NFC').slice(0, 255) ?? null, input.format, checked.length],
  );
  for (let start = 0; start < checked.length; start += ROWS_PER_INSERT) {
    const batch = checked.slice(start, start + ROWS_PER_INSERT);
    await db.query(
      `insert into data_import_row (import_id, row_number, action, club_id, target_id, label, fields, changes, problems, warnings)
       select $1, row_number, action, club_id, target_id, label, fields, changes, problems, warnings
         from jsonb_to_recordset($2::jsonb)
           as checked (row_number integer, action text, club_id uuid, target_id uuid, label text, fields jsonb, changes jsonb, problems jsonb, warnings jsonb)`,
      [
        created.id,
        JSON.stringify(
          batch.map((row) => ({
            row_number: row.rowNumber, action: row.action, club_id: row.clubId, target_id: row.targetId, label: row.label.slice(0, 300),
            fields: row.fields, changes: row.changes, problems: row.problems, warnings: row.warnings,
          })),
        ),
      ],
    );
    onProgress({ phase: 'saving', done: start + batch.length, total: checked.length });
  }
  await recordAudit(db, requestId, {
    action: 'data-import.preview',
    entityType: 'data_import',
    entityId: created.id,
    after: { kind: input.kind, clubId: input.clubId, surveyId: input.surveyId, fileName: input.fileName, rows: checked.length },
  });
  return created.id;
}

export async function findDataImport(db: EntityManager, id: string): Promise<DataImportRecord | null> {
  const [found] = await listDataImports(db, { id, kind: null, first: 1 });
  return found ?? null;
}

/** The province's imports (a club's, for its staff), newest first: what was imported, by whom, when. */
export async function listDataImports(
  db: EntityManager,
  options: { id?: string; kind: ImportKind | null; first: number },
): Promise<DataImportRecord[]> {
  // The rows are counted in one pass.
  const rows: Array<Record<string, any>> = await db.query(
    `select data_import.*, counted.*, creator.display_name as created_by_name, committer.display_name as committed_by_name
       from data_import
       left join app_user creator on creator.id = data_import.created_by
       left join app_user committer on committer.id = data_import.committed_by
       cross join lateral (
         select count(*) filter (where action = 'NEW')::int as new_rows,
                count(*) filter (where action = 'UPDATE')::int as changed_rows,
                count(*) filter (where action = 'UNCHANGED')::int as unchanged_rows,
                count(*) filter (where action = 'PROBLEM')::int as problem_rows,
                count(*) filter (where jsonb_array_length(warnings) > 0)::int as warning_rows
           from data_import_row r where r.tenant_id = data_import.tenant_id and r.import_id = data_import.id
       ) counted
      where ($1::uuid is null or data_import.id = $1) and ($2::text is null or data_import.kind = $2)
      order by data_import.created_at desc, data_import.id
      limit $3`,
    [options.id ?? null, options.kind, options.first],
  );
  return rows.map((row) => ({
    id: row.id, kind: row.kind, clubId: row.club_id, surveyId: row.survey_id, fileName: row.file_name, fileFormat: row.file_format, status: row.status,
    rowCount: row.row_count, createdBy: row.created_by, createdAt: row.created_at, committedBy: row.committed_by, committedAt: row.committed_at,
    createdByName: row.created_by_name, committedByName: row.committed_by_name,
    counts: { new: row.new_rows, changed: row.changed_rows, unchanged: row.unchanged_rows, problems: row.problem_rows, warnings: row.warning_rows },
  }));
}

export type DataImportRowRecord = Omit<CheckedRow, 'fields'>;

/** The preview's rows in file order, optionally only those with problems, a page at a time. */
export async function listDataImportRows(
  db: EntityManager,
  importId: string,
  options: { first: number; afterRow: number; onlyProblems: boolean },
): Promise<DataImportRowRecord[]> {
  const rows: Array<Record<string, any>> = await db.query(
    `select row_number, action, club_id, target_id, label, changes, problems, warnings from data_import_row
      where import_id = $1 and row_number > $2 and ($3::boolean is false or action = 'PROBLEM')
      order by row_number limit $4`,
    [importId, options.afterRow, options.onlyProblems, options.first],
  );
  return rows.map((row) => ({
    rowNumber: row.row_number, action: row.action, clubId: row.club_id, targetId: row.target_id, label: row.label,
    changes: row.changes, problems: row.problems, warnings: row.warnings,
  }));
}

/**
 * Applies a preview: refused while any row has a problem; otherwise the kind applies every new and
 * changed row (through the records' own services: their rules, live figures and audit), all in the
 * caller's one transaction, and the import is marked committed by whom and when. Importing the same
 * file again finds every row unchanged and changes nothing.
 */
export async function commitDataImport(db: EntityManager, requestId: string, id: string): Promise<DataImportRecord> {
  const [locked]: Array<{ status: string }> = await db.query('select status from data_import where id = $1 for update', [id]);
  if (!locked) throw notFound('Import');
  if (locked.status === 'COMMITTED') throw conflict('The import, already committed,');
  const before = (await findDataImport(db, id))!;
  if (before.counts.problems > 0) {
    throw badInput([{ field: 'id', message: `${before.counts.problems} row(s) have problems: correct the file and upload it again` }]);
  }
  const handler = importHandlerOf(before.kind);
  if (!handler) throw badInput([{ field: 'id', message: `importing ${before.kind} is not available` }]);
  const rows: Array<Record<string, any>> = await db.query(
    `select row_number, action, club_id, target_id, fields from data_import_row where import_id = $1 and action in ('NEW', 'UPDATE') order by row_number`,
    [id],
  );
  await handler.apply(
    db,
    requestId,
    rows.map((row): RowToApply => ({ rowNumber: row.row_number, action: row.action, clubId: row.club_id, targetId: row.target_id, fields: row.fields })),
    { clubId: before.clubId, surveyId: before.surveyId },
  );
  await db.query(
    `update data_import set status = 'COMMITTED', committed_by = nullif(current_setting('app.user_id', true), '')::uuid,
            committed_at = now(), version = version + 1 where id = $1`,
    [id],
  );
  await recordAudit(db, requestId, {
    action: 'data-import.commit',
    entityType: 'data_import',
    entityId: id,
    after: { kind: before.kind, added: before.counts.new, updated: before.counts.changed, unchanged: before.counts.unchanged },
  });
  return (await findDataImport(db, id))!;
}
