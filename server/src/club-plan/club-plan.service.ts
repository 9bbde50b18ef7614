import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { rowsOf } from '../database/sql.js';
import { change, recordSchemeChange } from '../schemes/scheme.service.js';
import { normalizeText } from '../text.js';
import type { SaveClubPlanEntryInput } from './club-plan.inputs.js';
import { ClubPlanEntry } from './club-plan.types.js';

interface EntryRow {
  id: string;
  scheme_id: string;
  commune_id: string;
  hamlet_id: string | null;
  hamlet_name: string | null;
  planned_year: number;
  status: ClubPlanEntry['status'];
  club_id: string | null;
  survey_visit_id: string | null;
  note: string | null;
  version: number;
}

function entryOf(row: EntryRow): ClubPlanEntry {
  return Object.assign(new ClubPlanEntry(), {
    id: row.id,
    schemeId: row.scheme_id,
    communeId: row.commune_id,
    hamletId: row.hamlet_id,
    hamletName: row.hamlet_name,
    plannedYear: row.planned_year,
    status: row.status,
    clubId: row.club_id,
    surveyVisitId: row.survey_visit_id,
    note: row.note,
    version: row.version,
  });
}

/** Entries by year, then in the official order of their communes. */
export async function listClubPlansOfSchemes(db: EntityManager, schemeIds: readonly string[]): Promise<ClubPlanEntry[]> {
  const rows: EntryRow[] = await db.query(
    `select entry.* from club_plan_entry entry join admin_unit commune on commune.id = entry.commune_id
      where entry.scheme_id = any($1) order by entry.scheme_id, entry.planned_year, commune.sort_key`,
    [schemeIds],
  );
  return rows.map(entryOf);
}

/** Hamlet names and notes of the plan are one-line text: whitespace collapses as in names. */
function optionalLine(value: string | null | undefined): string | null {
  return normalizeText(value ?? '') || null;
}

async function entryProblems(db: EntityManager, input: SaveClubPlanEntryInput): Promise<{ problems: FieldProblem[]; communeName: string }> {
  const problems: FieldProblem[] = [];
  const schemes: Array<{ first_year: number; last_year: number; status: string }> = await db.query(
    'select first_year, last_year, status from scheme where id = $1',
    [input.schemeId],
  );
  const scheme = schemes[0];
  if (!scheme) return { problems: [{ field: 'schemeId', message: 'is not a scheme of your province' }], communeName: '' };
  if (scheme.status === 'CLOSED') problems.push({ field: 'schemeId', message: 'the scheme is closed and can no longer change' });
  if (input.plannedYear < scheme.first_year || input.plannedYear > scheme.last_year) {
    problems.push({ field: 'plannedYear', message: `must be within the scheme’s period ${scheme.first_year}–${scheme.last_year}` });
  }
  const communes: Array<{ name: string; level: number; path: string }> = await db.query(
    'select name, level, path::text as path from admin_unit where id = $1',
    [input.communeId],
  );
  const commune = communes[0];
  if (!commune) problems.push({ field: 'communeId', message: 'is not a unit of your province' });
  else if (commune.level !== 3) problems.push({ field: 'communeId', message: 'must be a commune, ward or town (xã, phường, thị trấn)' });
  if (input.hamletId) {
    const hamlets: Array<{ inside: boolean; level: number }> = await db.query(
      `select hamlet.path <@ commune.path as inside, hamlet.level
         from admin_unit hamlet, admin_unit commune where hamlet.id = $1 and commune.id = $2`,
      [input.hamletId, input.communeId],
    );
    if (!hamlets[0] || !hamlets[0].inside || hamlets[0].level !== 4) {
      problems.push({ field: 'hamletId', message: 'must be a hamlet of that commune' });
    }
  }
  if (input.clubId) {
    const clubs: unknown[] = await db.query('select 1 from club where id = $1', [input.clubId]);
    if (!clubs.length) problems.push({ field: 'clubId', message: 'is not a club of your province' });
  }
  if (input.surveyVisitId) {
    const visits: unknown[] = await db.query('select 1 from survey_visit where id = $1', [input.surveyVisitId]);
    if (!visits.length) problems.push({ field: 'surveyVisitId', message: 'is not a survey visit of your province' });
  }
  const taken: unknown[] = await db.query(
    'select 1 from club_plan_entry where scheme_id = $1 and commune_id = $2 and ($3::uuid is null or id <> $3)',
    [input.schemeId, input.communeId, input.id ?? null],
  );
  if (taken.length) problems.push({ field: 'communeId', message: 'is in the plan already: one club per commune' });
  return { problems, communeName: commune?.name ?? '' };
}

async function hamletNamesOf(db: EntityManager, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Map();
  const rows: Array<{ id: string; name: string }> = await db.query('select id, name from admin_unit where id = any($1)', [wanted]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function saveClubPlanEntry(db: EntityManager, requestId: string, input: SaveClubPlanEntryInput): Promise<ClubPlanEntry> {
  const { problems, communeName } = await entryProblems(db, input);
  if (input.id && (input.version === null || input.version === undefined)) problems.push({ field: 'version', message: 'is required to change an entry' });
  if (problems.length) throw badInput(problems);
  const values = [
    input.schemeId, input.communeId, input.hamletId ?? null, input.hamletId ? null : optionalLine(input.hamletName), input.plannedYear, input.status,
    input.clubId ?? null, input.surveyVisitId ?? null, optionalLine(input.note),
  ];
  let row: EntryRow;
  let before: EntryRow | undefined;
  if (input.id) {
    const current: EntryRow[] = await db.query('select * from club_plan_entry where id = $1 for update', [input.id]);
    before = current[0];
    if (!before || before.scheme_id !== input.schemeId) throw notFound('Plan entry');
    if (before.version !== input.version) throw conflict('The plan entry');
    [row] = await rowsOf<EntryRow>(
      db,
      `update club_plan_entry set scheme_id = $2, commune_id = $3, hamlet_id = $4, hamlet_name = $5, planned_year = $6,
         status = $7, club_id = $8, survey_visit_id = $9, note = $10, version = version + 1, updated_at = now()
       where id = $1 returning *`,
      [input.id, ...values],
    );
  } else {
    [row] = await db.query(
      `insert into club_plan_entry (scheme_id, commune_id, hamlet_id, hamlet_name, planned_year, status, club_id, survey_visit_id, note)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
      values,
    );
  }
  const hamletNames = await hamletNamesOf(db, [before?.hamlet_id, row.hamlet_id]);
  // The history shows the hamlet by name, whether it is a unit of the hierarchy or typed.
  const snapshot = (entry?: EntryRow) =>
    entry
      ? {
          plannedYear: entry.planned_year,
          status: entry.status,
          hamletName: (entry.hamlet_id ? hamletNames.get(entry.hamlet_id) : null) ?? entry.hamlet_name,
          note: entry.note,
        }
      : {};
  const fields = new Set([...Object.keys(snapshot(before)), ...Object.keys(snapshot(row))]);
  await recordSchemeChange(db, requestId, input.schemeId, input.id ? 'scheme.club-plan.update' : 'scheme.club-plan.add', {
    changes: [...fields]
      .filter((field) => String((snapshot(before) as Record<string, unknown>)[field] ?? '') !== String((snapshot(row) as Record<string, unknown>)[field] ?? ''))
      .map((field) => change('clubPlan', communeName, field, (snapshot(before) as Record<string, unknown>)[field], (snapshot(row) as Record<string, unknown>)[field])),
  });
  return entryOf(row);
}

export async function removeClubPlanEntry(db: EntityManager, requestId: string, id: string, version: number): Promise<boolean> {
  const current: Array<EntryRow & { commune_name: string; scheme_status: string }> = await db.query(
    `select entry.*, commune.name as commune_name, scheme.status as scheme_status
       from club_plan_entry entry join admin_unit commune on commune.id = entry.commune_id join scheme on scheme.id = entry.scheme_id
      where entry.id = $1 for update of entry`,
    [id],
  );
  const entry = current[0];
  if (!entry) throw notFound('Plan entry');
  if (entry.version !== version) throw conflict('The plan entry');
  if (entry.scheme_status === 'CLOSED') throw badInput([{ field: 'id', message: 'the scheme is closed and can no longer change' }]);
  if (entry.club_id) throw badInput([{ field: 'id', message: 'the club was founded; mark the entry instead of removing it' }]);
  await db.query('delete from club_plan_entry where id = $1', [id]);
  await recordSchemeChange(db, requestId, entry.scheme_id, 'scheme.club-plan.remove', {
    changes: [change('clubPlan', entry.commune_name, 'plannedYear', entry.planned_year, null)],
  });
  return true;
}
