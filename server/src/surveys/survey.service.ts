import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { normalizeText, optionalText } from '../text.js';
import type { SaveSurveyInput, SaveSurveyVisitInput } from './survey.inputs.js';
import { Survey, SurveyVisit } from './survey.types.js';

const SURVEY_COLUMNS = `id, origin_tenant_id, scheme_id, title, purpose, conducted_by, started_on::text as started_on, ended_on::text as ended_on, version`;
function visitColumns(alias = 'survey_visit'): string {
  return `${alias}.id, ${alias}.survey_id, ${alias}.unit_id, ${alias}.visited_on::text as visited_on, ${alias}.participants,
    ${alias}.clubs_found, ${alias}.club_activity, ${alias}.difficulties, ${alias}.proposals, ${alias}.ready_for_club, ${alias}.version`;
}
const VISIT_COLUMNS = visitColumns();

interface SurveyRow {
  id: string;
  origin_tenant_id: string;
  scheme_id: string | null;
  title: string;
  purpose: string | null;
  conducted_by: string | null;
  started_on: string;
  ended_on: string | null;
  version: number;
}

interface VisitRow {
  id: string;
  survey_id: string;
  unit_id: string;
  visited_on: string | null;
  participants: string | null;
  clubs_found: number | null;
  club_activity: string | null;
  difficulties: string | null;
  proposals: string | null;
  ready_for_club: boolean | null;
  version: number;
}

function surveyOf(row: SurveyRow): Survey {
  return Object.assign(new Survey(), {
    id: row.id,
    originTenantId: row.origin_tenant_id,
    schemeId: row.scheme_id,
    title: row.title,
    purpose: row.purpose,
    conductedBy: row.conducted_by,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    version: row.version,
  });
}

function visitOf(row: VisitRow): SurveyVisit {
  return Object.assign(new SurveyVisit(), {
    id: row.id,
    surveyId: row.survey_id,
    unitId: row.unit_id,
    visitedOn: row.visited_on,
    participants: row.participants,
    clubsFound: row.clubs_found,
    clubActivity: row.club_activity,
    difficulties: row.difficulties,
    proposals: row.proposals,
    readyForClub: row.ready_for_club,
    version: row.version,
  });
}

export async function listSurveys(db: EntityManager, first: number, after?: string | null): Promise<Page<Survey>> {
  const parameters: unknown[] = [];
  let condition = '';
  if (after) {
    const [startedOn, id] = decodeCursor(after, 2);
    condition = `where (started_on, id) < ($${parameters.push(String(startedOn))}::date, $${parameters.push(String(id))}::uuid)`;
  }
  const rows: SurveyRow[] = await db.query(
    `select ${SURVEY_COLUMNS} from survey ${condition} order by started_on desc, id desc limit ${first + 1}`,
    parameters,
  );
  return {
    nodes: rows.slice(0, first).map(surveyOf),
    cursorOf: (survey) => [survey.startedOn, survey.id],
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(after),
    countTotal: async () => ((await db.query('select count(*)::int as count from survey')) as Array<{ count: number }>)[0].count,
  };
}

export async function findSurveysByIds(db: EntityManager, ids: readonly string[]): Promise<Survey[]> {
  const rows: SurveyRow[] = await db.query(`select ${SURVEY_COLUMNS} from survey where id = any($1)`, [ids]);
  return rows.map(surveyOf);
}

export async function listVisitsOfSurveys(db: EntityManager, surveyIds: readonly string[]): Promise<SurveyVisit[]> {
  const rows: VisitRow[] = await db.query(
    `select ${visitColumns('visit')}
       from survey_visit visit join admin_unit unit on unit.id = visit.unit_id
      where visit.survey_id = any($1) order by visit.survey_id, unit.sort_key`,
    [surveyIds],
  );
  return rows.map(visitOf);
}

export async function findVisitsByIds(db: EntityManager, ids: readonly string[]): Promise<SurveyVisit[]> {
  const rows: VisitRow[] = await db.query(`select ${VISIT_COLUMNS} from survey_visit where id = any($1)`, [ids]);
  return rows.map(visitOf);
}

export async function saveSurvey(db: EntityManager, requestId: string, input: SaveSurveyInput): Promise<Survey> {
  const problems: FieldProblem[] = [];
  const title = normalizeText(input.title);
  if (!title) problems.push({ field: 'title', message: 'must not be empty' });
  if (input.endedOn && input.endedOn < input.startedOn) problems.push({ field: 'endedOn', message: 'must not be before the first day' });
  if (input.schemeId) {
    const schemes: unknown[] = await db.query('select 1 from scheme where id = $1', [input.schemeId]);
    if (!schemes.length) problems.push({ field: 'schemeId', message: 'is not a scheme of your province' });
  }
  if (input.id && (input.version === null || input.version === undefined)) problems.push({ field: 'version', message: 'is required to change a survey' });
  if (problems.length) throw badInput(problems);
  const values = [input.schemeId ?? null, title, optionalText(input.purpose), optionalText(input.conductedBy), input.startedOn, input.endedOn ?? null];
  let row: SurveyRow;
  let before: SurveyRow | undefined;
  if (input.id) {
    const current: SurveyRow[] = await db.query(`select ${SURVEY_COLUMNS} from survey where id = $1 for update`, [input.id]);
    before = current[0];
    if (!before) throw notFound('Survey');
    if (before.version !== input.version) throw conflict('The survey');
    [row] = await rowsOf<SurveyRow>(
      db,
      `update survey set scheme_id = $2, title = $3, purpose = $4, conducted_by = $5, started_on = $6, ended_on = $7,
         version = version + 1, updated_at = now() where id = $1 returning ${SURVEY_COLUMNS}`,
      [input.id, ...values],
    );
  } else {
    [row] = await db.query(
      `insert into survey (scheme_id, title, purpose, conducted_by, started_on, ended_on) values ($1, $2, $3, $4, $5, $6)
       returning ${SURVEY_COLUMNS}`,
      values,
    );
  }
  await recordAudit(db, requestId, { action: input.id ? 'survey.update' : 'survey.create', entityType: 'survey', entityId: row.id, before, after: row });
  return surveyOf(row);
}

export async function saveSurveyVisit(db: EntityManager, requestId: string, input: SaveSurveyVisitInput): Promise<SurveyVisit> {
  const problems: FieldProblem[] = [];
  const surveys: SurveyRow[] = await db.query(`select ${SURVEY_COLUMNS} from survey where id = $1`, [input.surveyId]);
  if (!surveys[0]) problems.push({ field: 'surveyId', message: 'is not a survey of your province' });
  const units: unknown[] = await db.query('select 1 from admin_unit where id = $1', [input.unitId]);
  if (!units.length) problems.push({ field: 'unitId', message: 'is not a unit of your province' });
  if (!input.id) {
    const taken: unknown[] = await db.query('select 1 from survey_visit where survey_id = $1 and unit_id = $2', [input.surveyId, input.unitId]);
    if (taken.length) problems.push({ field: 'unitId', message: 'was visited in this survey already' });
  }
  if (input.id && (input.version === null || input.version === undefined)) problems.push({ field: 'version', message: 'is required to change a visit' });
  if (problems.length) throw badInput(problems);
  const values = [
    input.surveyId, input.unitId, input.visitedOn ?? null, optionalText(input.participants), input.clubsFound ?? null,
    optionalText(input.clubActivity), optionalText(input.difficulties), optionalText(input.proposals), input.readyForClub ?? null,
  ];
  let row: VisitRow;
  let before: VisitRow | undefined;
  if (input.id) {
    const current: VisitRow[] = await db.query(`select ${VISIT_COLUMNS} from survey_visit where id = $1 for update`, [input.id]);
    before = current[0];
    if (!before) throw notFound('Visit');
    if (before.version !== input.version) throw conflict('The visit');
    [row] = await rowsOf<VisitRow>(
      db,
      `update survey_visit set survey_id = $2, unit_id = $3, visited_on = $4, participants = $5, clubs_found = $6,
         club_activity = $7, difficulties = $8, proposals = $9, ready_for_club = $10, version = version + 1, updated_at = now()
       where id = $1 returning ${visitColumns()}`,
      [input.id, ...values],
    );
  } else {
    [row] = await db.query(
      `insert into survey_visit (survey_id, unit_id, visited_on, participants, clubs_found, club_activity, difficulties, proposals, ready_for_club)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${VISIT_COLUMNS}`,
      values,
    );
  }
  await recordAudit(db, requestId, { action: input.id ? 'survey.visit.update' : 'survey.visit.add', entityType: 'survey', entityId: input.surveyId, before, after: row });
  return visitOf(row);
}

export async function removeSurveyVisit(db: EntityManager, requestId: string, id: string, version: number): Promise<boolean> {
  const current: VisitRow[] = await db.query(`select ${VISIT_COLUMNS} from survey_visit where id = $1 for update`, [id]);
  if (!current[0]) throw notFound('Visit');
  if (current[0].version !== version) throw conflict('The visit');
  await db.query('delete from survey_visit where id = $1', [id]);
  await recordAudit(db, requestId, { action: 'survey.visit.remove', entityType: 'survey', entityId: current[0].survey_id, before: current[0] });
  return true;
}
