import type { EntityManager } from 'typeorm';
import { recordAuditBatch, type AuditRecord } from '../audit/audit.service.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound } from '../graphql/errors.js';
import { normalizeText } from '../text.js';
import { AdminUnit } from './admin-unit.entity.js';
import { EXPORT_HEADER, formatCsv, readImportRows } from './admin-unit.csv.js';
import { auditViewOf } from './admin-unit-changes.service.js';
import { type ExistingUnit, type ImportPlan, planImport } from './admin-unit-import.plan.js';

/**
 * A CSV import travels in pieces of a few hundred rows, each under the request body limit
 * (LIMITS.bodyBytes): a province's thousands of hamlets need no larger limit for every request,
 * the client can show real progress, and a failed piece is resent alone. The pieces wait in
 * admin_unit_import_row; the hierarchy is untouched until the import is committed, in one
 * transaction, after the preview.
 */
export const IMPORT_LIMITS = {
  rowsPerPiece: 2_000,
  rowsPerImport: 50_000,
  /** Unfinished imports are forgotten after this long. */
  keepHours: 48,
} as const;

export interface ImportHeader {
  id: string;
  fileName: string | null;
  rowCount: number;
  createdAt: Date;
  committedAt: Date | null;
}

interface ImportHeaderRow {
  id: string;
  file_name: string | null;
  row_count: number;
  created_at: Date;
  committed_at: Date | null;
}

function headerOf(row: ImportHeaderRow): ImportHeader {
  return { id: row.id, fileName: row.file_name, rowCount: row.row_count, createdAt: row.created_at, committedAt: row.committed_at };
}

export async function startImport(db: EntityManager, fileName: string | null): Promise<ImportHeader> {
  await db.query(`delete from admin_unit_import where created_at < now() - make_interval(hours => $1)`, [IMPORT_LIMITS.keepHours]);
  const rows: ImportHeaderRow[] = await db.query(
    'insert into admin_unit_import (file_name) values ($1) returning id, file_name, row_count, created_at, committed_at',
    [fileName ? normalizeText(fileName).slice(0, 255) : null],
  );
  return headerOf(rows[0]);
}

async function lockImport(db: EntityManager, id: string): Promise<ImportHeader> {
  const rows: ImportHeaderRow[] = await db.query(
    'select id, file_name, row_count, created_at, committed_at from admin_unit_import where id = $1 for update',
    [id],
  );
  if (!rows.length) throw notFound('Import');
  return headerOf(rows[0]);
}

/**
 * Adds one piece of the file: a CSV text with its own header line. `firstRowNumber` is the file
 * row of the piece's first data line, so problems are reported where the user sees them, and a
 * piece sent twice (a retry after a lost answer) is refused instead of stored twice.
 */
export async function addImportRows(db: EntityManager, input: { importId: string; firstRowNumber: number; csv: string }): Promise<ImportHeader> {
  const header = await lockImport(db, input.importId);
  if (header.committedAt) throw conflict('This import');
  if (input.firstRowNumber < 2) throw badInput([{ field: 'firstRowNumber', message: 'must be at least 2 (row 1 is the header)' }]);
  const read = readImportRows(input.csv, input.firstRowNumber);
  if ('missing' in read) {
    throw badInput([{ field: 'csv', message: `the first line must name the columns code, name, kind, parent_code (valid_from and valid_to may follow); missing: ${read.missing.join(', ')}` }]);
  }
  if (read.rows.length > IMPORT_LIMITS.rowsPerPiece) {
    throw badInput([{ field: 'csv', message: `at most ${IMPORT_LIMITS.rowsPerPiece} rows per piece` }]);
  }
  if (header.rowCount + read.rows.length > IMPORT_LIMITS.rowsPerImport) {
    throw badInput([{ field: 'csv', message: `an import holds at most ${IMPORT_LIMITS.rowsPerImport} rows` }]);
  }
  const [last]: Array<{ last: number | null }> = await db.query('select max(row_number) as last from admin_unit_import_row where import_id = $1', [input.importId]);
  if (last.last !== null && last.last >= input.firstRowNumber) {
    throw badInput([{ field: 'firstRowNumber', message: `rows up to ${last.last} are already uploaded; this piece was sent before` }]);
  }
  if (read.rows.length) {
    await db.query(
      `insert into admin_unit_import_row (import_id, row_number, code, name, kind, parent_code, valid_from, valid_to)
       select $1, row_number, code, name, kind, parent_code, valid_from, valid_to
         from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           as piece(row_number, code, name, kind, parent_code, valid_from, valid_to)`,
      [
        input.importId,
        read.rows.map((row) => row.rowNumber),
        read.rows.map((row) => row.code),
        read.rows.map((row) => row.name),
        read.rows.map((row) => row.kind),
        read.rows.map((row) => row.parentCode),
        read.rows.map((row) => row.validFrom),
        read.rows.map((row) => row.validTo),
      ],
    );
  }
  const updated = await rowsOf<ImportHeaderRow>(
    db,
    `update admin_unit_import set row_count = row_count + $2 where id = $1
     returning id, file_name, row_count, created_at, committed_at`,
    [input.importId, read.rows.length],
  );
  return headerOf(updated[0]);
}

async function existingUnits(db: EntityManager): Promise<ExistingUnit[]> {
  const rows: Array<{
    id: string;
    code: string | null;
    name: string;
    kind: ExistingUnit['kind'];
    parent_id: string | null;
    valid_from: string | null;
    valid_to: string | null;
    version: number;
  }> = await db.query('select id, code, name, kind, parent_id, valid_from::text, valid_to::text, version from admin_unit');
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    retired: row.valid_to !== null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
  }));
}

async function planOf(db: EntityManager, importId: string): Promise<ImportPlan> {
  const rows: Array<{ row_number: number; code: string; name: string; kind: string; parent_code: string; valid_from: string; valid_to: string }> = await db.query(
    'select row_number, code, name, kind, parent_code, valid_from, valid_to from admin_unit_import_row where import_id = $1 order by row_number',
    [importId],
  );
  return planImport(
    rows.map((row) => ({
      rowNumber: row.row_number,
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: row.parent_code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    })),
    await existingUnits(db),
  );
}

export interface ImportPreview {
  header: ImportHeader;
  plan: ImportPlan;
}

/** What the import would do, row by row, with every problem. Writes nothing. */
export async function previewImport(db: EntityManager, importId: string): Promise<ImportPreview> {
  const rows: ImportHeaderRow[] = await db.query(
    'select id, file_name, row_count, created_at, committed_at from admin_unit_import where id = $1',
    [importId],
  );
  if (!rows.length) throw notFound('Import');
  return { header: headerOf(rows[0]), plan: await planOf(db, importId) };
}

/**
 * Applies the import: every row or none. The file is checked again against the hierarchy as it
 * is now (it may have changed since the preview); any problem refuses the whole import.
 */
export async function commitImport(
  db: EntityManager,
  requestId: string,
  input: { importId: string; rowCount: number },
): Promise<ImportPreview> {
  const header = await lockImport(db, input.importId);
  if (header.committedAt) throw conflict('This import');
  if (header.rowCount !== input.rowCount) {
    throw badInput([{ field: 'rowCount', message: `the import holds ${header.rowCount} rows, not ${input.rowCount}; preview it again` }]);
  }
  // One import at a time per province: two imports planned on the same hierarchy would trip over each other.
  await db.query(`select pg_advisory_xact_lock(hashtext('admin_unit_import'), hashtext(ishc.current_tenant_id()::text))`);
  const plan = await planOf(db, input.importId);
  const bad = plan.rows.filter((row) => row.problems.length);
  if (bad.length) {
    throw badInput([
      { field: 'rows', message: `${bad.length} rows have problems (first on row ${bad[0].rowNumber}); nothing was imported` },
    ]);
  }

  const updatedIds = plan.updates.map((update) => update.id);
  const before = new Map(
    (updatedIds.length ? await db.createQueryBuilder(AdminUnit, 'unit').where('unit.id = any(:updatedIds)', { updatedIds }).setLock('pessimistic_write').getMany() : []).map(
      (unit) => [unit.id, unit],
    ),
  );
  for (const update of plan.updates) {
    if (before.get(update.id)?.version !== update.version) throw conflict(`The unit of code ${update.code ?? update.name}`);
  }

  const depths = [...new Set(plan.creates.map((create) => create.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    const level = plan.creates.filter((create) => create.depth === depth);
    await db.query(
      `insert into admin_unit (id, parent_id, code, name, kind, valid_from, valid_to)
       select id, parent_id, code, name, kind, valid_from, valid_to
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[])
           as created(id, parent_id, code, name, kind, valid_from, valid_to)`,
      [
        level.map((c) => c.id),
        level.map((c) => c.parentId),
        level.map((c) => c.code),
        level.map((c) => c.name),
        level.map((c) => c.kind),
        level.map((c) => c.validFrom),
        level.map((c) => c.validTo),
      ],
    );
  }

  const renames = plan.updates.filter((update) => !update.moved);
  if (renames.length) {
    await db.query(
      `update admin_unit unit
          set name = changed.name, kind = changed.kind, valid_from = changed.valid_from, updated_at = now(), version = unit.version + 1
         from unnest($1::uuid[], $2::text[], $3::text[], $4::date[]) as changed(id, name, kind, valid_from)
        where unit.id = changed.id`,
      [renames.map((u) => u.id), renames.map((u) => u.name), renames.map((u) => u.kind), renames.map((u) => u.validFrom)],
    );
  }
  // A move rewrites the paths of everything under the unit (trigger): units that carry others move
  // one statement each, parents first, so no statement sees a path another one is rewriting.
  const moves = plan.updates.filter((update) => update.moved).sort((a, b) => a.depth - b.depth);
  const carriers = new Set<string>(
    moves.length
      ? (await db.query('select distinct parent_id from admin_unit where parent_id = any($1)', [moves.map((m) => m.id)])).map((row: { parent_id: string }) => row.parent_id)
      : [],
  );
  for (const move of moves.filter((m) => carriers.has(m.id))) {
    await db.query(
      'update admin_unit set name = $2, kind = $3, parent_id = $4, valid_from = $5, updated_at = now(), version = version + 1 where id = $1',
      [move.id, move.name, move.kind, move.parentId, move.validFrom],
    );
  }
  const leafMoves = moves.filter((m) => !carriers.has(m.id));
  if (leafMoves.length) {
    await db.query(
      `update admin_unit unit
          set name = changed.name, kind = changed.kind, parent_id = changed.parent_id, valid_from = changed.valid_from,
              updated_at = now(), version = unit.version + 1
         from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::date[]) as changed(id, name, kind, parent_id, valid_from)
        where unit.id = changed.id`,
      [leafMoves.map((u) => u.id), leafMoves.map((u) => u.name), leafMoves.map((u) => u.kind), leafMoves.map((u) => u.parentId), leafMoves.map((u) => u.validFrom)],
    );
  }

  const touchedIds = [...plan.creates.map((create) => create.id), ...updatedIds];
  const after = new Map(
    (touchedIds.length ? await db.createQueryBuilder(AdminUnit, 'unit').where('unit.id = any(:touchedIds)', { touchedIds }).getMany() : []).map((unit) => [unit.id, unit]),
  );
  const audit: AuditRecord[] = [
    ...plan.creates.map((create) => ({ action: 'admin-unit.create', entityType: 'admin_unit', entityId: create.id, after: { ...auditViewOf(after.get(create.id)!), importId: input.importId } })),
    ...plan.updates.map((update) => ({
      action: update.moved ? 'admin-unit.move' : 'admin-unit.update',
      entityType: 'admin_unit',
      entityId: update.id,
      before: auditViewOf(before.get(update.id)!),
      after: { ...auditViewOf(after.get(update.id)!), importId: input.importId },
    })),
  ];
  await recordAuditBatch(db, requestId, audit);
  await db.query('delete from admin_unit_import_row where import_id = $1', [input.importId]);
  const committed = await rowsOf<ImportHeaderRow>(
    db,
    `update admin_unit_import set committed_at = now() where id = $1 returning id, file_name, row_count, created_at, committed_at`,
    [input.importId],
  );
  await recordAuditBatch(db, requestId, [
    {
      action: 'admin-unit.import',
      entityType: 'admin_unit_import',
      entityId: input.importId,
      after: { fileName: header.fileName, rows: header.rowCount, created: plan.creates.length, updated: plan.updates.length },
    },
  ]);
  return { header: headerOf(committed[0]), plan };
}

/**
 * The hierarchy as CSV, parents before children, in the columns the import reads (plus the
 * dates of each unit). Kinds are written as the API names them, so the file reads back unchanged.
 */
export async function exportUnitsCsv(
  db: EntityManager,
  options: { rootId?: string | null; tenantId?: string | null; includeRetired: boolean },
): Promise<string> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (options.rootId) {
    parameters.push(options.rootId);
    conditions.push(`unit.path <@ (select path from admin_unit where id = $${parameters.length})`);
  }
  if (options.tenantId) {
    parameters.push(options.tenantId);
    conditions.push(`unit.tenant_id = $${parameters.length}`);
  }
  if (!options.includeRetired) conditions.push('unit.valid_to is null');
  const rows: Array<{ code: string | null; name: string; kind: string; parent_code: string | null; valid_from: string | null; valid_to: string | null }> =
    await db.query(
      `select unit.code, unit.name, unit.kind, parent.code as parent_code, unit.valid_from::text as valid_from, unit.valid_to::text as valid_to
         from admin_unit unit
         left join admin_unit parent on parent.tenant_id = unit.tenant_id and parent.id = unit.parent_id
        ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
        order by unit.tenant_id, nlevel(unit.path), parent.sort_key nulls first, unit.sort_key, unit.id`,
      parameters,
    );
  return formatCsv([EXPORT_HEADER, ...rows.map((row) => [row.code, row.name, row.kind, row.parent_code, row.valid_from, row.valid_to])]);
}
