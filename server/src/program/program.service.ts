import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { decimalOf, hundredthsOf } from '../schemes/scheme.errors.js';
import { normalizeText, optionalText } from '../text.js';
import type { IndicatorInput, NationalPhaseInput, UpdateIndicatorInput, UpdateNationalPhaseInput } from './program.inputs.js';
import { Indicator, IndicatorUnit, NationalPhase, NationalPhaseTarget } from './program.types.js';

export interface IndicatorRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  unit: Indicator['unit'];
  additive: boolean;
  definition_vi: string;
  definition_en: string;
  sort_order: number;
  version: number;
}

export const INDICATOR_COLUMNS = 'id, code, name_vi, name_en, unit, additive, definition_vi, definition_en, sort_order, version';

export function indicatorOf(row: IndicatorRow): Indicator {
  return Object.assign(new Indicator(), {
    id: row.id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    unit: row.unit,
    additive: row.additive,
    definitionVi: row.definition_vi,
    definitionEn: row.definition_en,
    sortOrder: row.sort_order,
    version: row.version,
  });
}

export async function listIndicators(db: EntityManager): Promise<Indicator[]> {
  const rows: IndicatorRow[] = await db.query(`select ${INDICATOR_COLUMNS} from indicator order by sort_order, code`);
  return rows.map(indicatorOf);
}

export async function findIndicatorsByIds(db: EntityManager, ids: readonly string[]): Promise<Indicator[]> {
  const rows: IndicatorRow[] = await db.query(`select ${INDICATOR_COLUMNS} from indicator where id = any($1)`, [ids]);
  return rows.map(indicatorOf);
}

interface PhaseRow {
  id: string;
  decision_number: string;
  decision_date: string | null;
  decision_year: number;
  title: string;
  first_year: number;
  last_year: number;
  version: number;
}

interface PhaseTargetRow {
  id: string;
  phase_id: string;
  indicator_id: string | null;
  comparator: NationalPhaseTarget['comparator'];
  target_value: string | null;
  by_year: number | null;
  description_vi: string;
  description_en: string;
}

const PHASE_COLUMNS = 'id, decision_number, decision_date::text as decision_date, decision_year, title, first_year, last_year, version';

/** The phases, oldest first, with their targets; or only the phase `onlyId`. */
export async function listNationalPhases(db: EntityManager, onlyId: string | null = null): Promise<NationalPhase[]> {
  const phases: PhaseRow[] = await db.query(
    `select ${PHASE_COLUMNS} from national_phase where ($1::uuid is null or id = $1) order by first_year, decision_year`,
    [onlyId],
  );
  const targets: PhaseTargetRow[] = await db.query(
    `select id, phase_id, indicator_id, comparator, target_value::text, by_year, description_vi, description_en
       from national_phase_target where ($1::uuid is null or phase_id = $1) order by phase_id, sort_order`,
    [onlyId],
  );
  return phases.map((phase) =>
    Object.assign(new NationalPhase(), {
      id: phase.id,
      decisionNumber: phase.decision_number,
      decisionDate: phase.decision_date,
      decisionYear: phase.decision_year,
      title: phase.title,
      firstYear: phase.first_year,
      lastYear: phase.last_year,
      version: phase.version,
      targets: targets
        .filter((target) => target.phase_id === phase.id)
        .map((target) =>
          Object.assign(new NationalPhaseTarget(), {
            id: target.id,
            indicatorId: target.indicator_id,
            comparator: target.comparator,
            targetValue: target.target_value === null ? null : decimalOf(hundredthsOf(target.target_value)),
            byYear: target.by_year,
            descriptionVi: target.description_vi,
            descriptionEn: target.description_en,
          }),
        ),
    }),
  );
}

async function phaseById(db: EntityManager, id: string): Promise<NationalPhase> {
  const [phase] = await listNationalPhases(db, id);
  if (!phase) throw notFound('National phase');
  return phase;
}

/** What the audit trail keeps of a phase: its header and every target as stated. */
function phaseAuditView(phase: NationalPhase) {
  return {
    decisionNumber: phase.decisionNumber,
    decisionDate: phase.decisionDate,
    decisionYear: phase.decisionYear,
    title: phase.title,
    firstYear: phase.firstYear,
    lastYear: phase.lastYear,
    version: phase.version,
    targets: phase.targets.map((target) => ({
      indicatorId: target.indicatorId,
      comparator: target.comparator,
      targetValue: target.targetValue,
      byYear: target.byYear,
      descriptionVi: target.descriptionVi,
      descriptionEn: target.descriptionEn,
    })),
  };
}

interface CheckedPhase {
  decisionNumber: string;
  title: string;
  targets: Array<{ indicatorId: string | null; comparator: string; targetValue: string | null; byYear: number | null; descriptionVi: string; descriptionEn: string }>;
}

async function checkPhase(db: EntityManager, input: NationalPhaseInput, exceptId: string | null): Promise<CheckedPhase> {
  const problems: FieldProblem[] = [];
  const decisionNumber = normalizeText(input.decisionNumber);
  const title = normalizeText(input.title);
  if (!decisionNumber) problems.push({ field: 'decisionNumber', message: 'must not be empty' });
  else {
    const taken: Array<{ id: string }> = await db.query('select id from national_phase where decision_number = $1', [decisionNumber]);
    if (taken.some((row) => row.id !== exceptId)) problems.push({ field: 'decisionNumber', message: 'is already the decision of another phase' });
  }
  if (!title) problems.push({ field: 'title', message: 'must not be empty' });
  if (input.decisionDate && Number(input.decisionDate.slice(0, 4)) !== input.decisionYear) {
    problems.push({ field: 'decisionDate', message: `must be a day of the decision year ${input.decisionYear}` });
  }
  if (input.lastYear < input.firstYear) problems.push({ field: 'lastYear', message: 'must not be before the first year' });

  const indicatorIds = input.targets.map((target) => target.indicatorId).filter((id): id is string => Boolean(id));
  const units = new Map((indicatorIds.length ? await findIndicatorsByIds(db, indicatorIds) : []).map((indicator) => [indicator.id, indicator.unit]));
  const targets = input.targets.map((target, index) => {
    const at = `targets[${index}]`;
    const indicatorId = target.indicatorId ?? null;
    const targetValue = target.targetValue ?? null;
    const descriptionVi = optionalText(target.descriptionVi) ?? '';
    const descriptionEn = optionalText(target.descriptionEn) ?? '';
    if (indicatorId && !units.has(indicatorId)) problems.push({ field: `${at}.indicatorId`, message: 'is not an indicator of the catalogue' });
    if (indicatorId && targetValue === null) problems.push({ field: `${at}.targetValue`, message: 'give the value the indicator must reach' });
    if (!indicatorId && targetValue !== null) problems.push({ field: `${at}.indicatorId`, message: 'name the indicator that measures the value' });
    if (targetValue !== null && units.get(indicatorId ?? '') === IndicatorUnit.PERCENT && hundredthsOf(targetValue) > 10_000n) {
      problems.push({ field: `${at}.targetValue`, message: 'a percentage must be at most 100' });
    }
    if (target.byYear !== null && target.byYear !== undefined && (target.byYear < input.firstYear || target.byYear > input.lastYear)) {
      problems.push({ field: `${at}.byYear`, message: `must be within the phase’s period ${input.firstYear}–${input.lastYear}` });
    }
    if (!descriptionVi) problems.push({ field: `${at}.descriptionVi`, message: 'must not be empty' });
    if (!descriptionEn) problems.push({ field: `${at}.descriptionEn`, message: 'must not be empty' });
    return { indicatorId, comparator: target.comparator, targetValue, byYear: target.byYear ?? null, descriptionVi, descriptionEn };
  });
  if (problems.length) throw badInput(problems);
  return { decisionNumber, title, targets };
}

async function writePhaseTargets(db: EntityManager, phaseId: string, targets: CheckedPhase['targets']): Promise<void> {
  await db.query('delete from national_phase_target where phase_id = $1', [phaseId]);
  if (!targets.length) return;
  await db.query(
    `insert into national_phase_target (phase_id, indicator_id, comparator, target_value, by_year, description_vi, description_en, sort_order)
     select $1, indicator_id, comparator, target_value, by_year, description_vi, description_en, sort_order
       from unnest($2::uuid[], $3::text[], $4::numeric[], $5::smallint[], $6::text[], $7::text[], $8::smallint[])
         as target(indicator_id, comparator, target_value, by_year, description_vi, description_en, sort_order)`,
    [
      phaseId,
      targets.map((target) => target.indicatorId),
      targets.map((target) => target.comparator),
      targets.map((target) => target.targetValue),
      targets.map((target) => target.byYear),
      targets.map((target) => target.descriptionVi),
      targets.map((target) => target.descriptionEn),
      targets.map((_, index) => (index + 1) * 10),
    ],
  );
}

export async function createNationalPhase(db: EntityManager, requestId: string, input: NationalPhaseInput): Promise<NationalPhase> {
  const checked = await checkPhase(db, input, null);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into national_phase (decision_number, decision_date, decision_year, title, first_year, last_year)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [checked.decisionNumber, input.decisionDate ?? null, input.decisionYear, checked.title, input.firstYear, input.lastYear],
  );
  await writePhaseTargets(db, row.id, checked.targets);
  const created = await phaseById(db, row.id);
  await recordAudit(db, requestId, { action: 'national-phase.create', entityType: 'national_phase', entityId: row.id, after: phaseAuditView(created) });
  return created;
}

export async function updateNationalPhase(db: EntityManager, requestId: string, input: UpdateNationalPhaseInput): Promise<NationalPhase> {
  const locked: Array<{ version: number }> = await db.query('select version from national_phase where id = $1 for update', [input.id]);
  if (!locked.length) throw notFound('National phase');
  if (locked[0].version !== input.version) throw conflict('The national phase');
  const before = await phaseById(db, input.id);
  const checked = await checkPhase(db, input, input.id);
  await rowsOf(
    db,
    `update national_phase set decision_number = $2, decision_date = $3, decision_year = $4, title = $5, first_year = $6, last_year = $7,
            version = version + 1, updated_at = now()
      where id = $1 returning id`,
    [input.id, checked.decisionNumber, input.decisionDate ?? null, input.decisionYear, checked.title, input.firstYear, input.lastYear],
  );
  await writePhaseTargets(db, input.id, checked.targets);
  const after = await phaseById(db, input.id);
  await recordAudit(db, requestId, {
    action: 'national-phase.update', entityType: 'national_phase', entityId: input.id, before: phaseAuditView(before), after: phaseAuditView(after),
  });
  return after;
}

const INDICATOR_CODE = /^[A-Z][A-Z0-9_]{2,59}$/;

interface CheckedIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
}

async function checkIndicator(db: EntityManager, input: IndicatorInput, exceptId: string | null): Promise<{ checked: CheckedIndicator; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const code = input.code.trim();
  const checked = {
    code,
    nameVi: normalizeText(input.nameVi),
    nameEn: normalizeText(input.nameEn),
    definitionVi: optionalText(input.definitionVi) ?? '',
    definitionEn: optionalText(input.definitionEn) ?? '',
  };
  if (!INDICATOR_CODE.test(code)) problems.push({ field: 'code', message: 'must be 3 to 60 capital letters, digits or _, starting with a letter' });
  else {
    const taken: Array<{ id: string }> = await db.query('select id from indicator where code = $1', [code]);
    if (taken.some((row) => row.id !== exceptId)) problems.push({ field: 'code', message: 'is already the code of another indicator' });
  }
  if (!checked.nameVi) problems.push({ field: 'nameVi', message: 'must not be empty' });
  if (!checked.nameEn) problems.push({ field: 'nameEn', message: 'must not be empty' });
  if (!checked.definitionVi) problems.push({ field: 'definitionVi', message: 'must not be empty' });
  if (!checked.definitionEn) problems.push({ field: 'definitionEn', message: 'must not be empty' });
  if (input.unit === IndicatorUnit.PERCENT && input.additive) problems.push({ field: 'additive', message: 'a percentage does not add up over units' });
  return { checked, problems };
}

export async function createIndicator(db: EntityManager, requestId: string, input: IndicatorInput): Promise<Indicator> {
  const { checked, problems } = await checkIndicator(db, input, null);
  if (problems.length) throw badInput(problems);
  const [row]: IndicatorRow[] = await db.query(
    `insert into indicator (code, name_vi, name_en, unit, additive, definition_vi, definition_en, sort_order)
     values ($1, $2, $3, $4, $5, $6, $7, coalesce($8, (select coalesce(max(sort_order), 0) + 10 from indicator)))
     returning ${INDICATOR_COLUMNS}`,
    [checked.code, checked.nameVi, checked.nameEn, input.unit, input.additive, checked.definitionVi, checked.definitionEn, input.sortOrder ?? null],
  );
  const created = indicatorOf(row);
  await recordAudit(db, requestId, { action: 'indicator.create', entityType: 'indicator', entityId: created.id, after: created });
  return created;
}

/**
 * Names and definitions may always be improved. Code, unit and additivity are what provinces'
 * targets were set against (and the code is what the history records), so they stay while any
 * target uses the indicator.
 */
export async function updateIndicator(db: EntityManager, requestId: string, input: UpdateIndicatorInput): Promise<Indicator> {
  const current: IndicatorRow[] = await db.query(`select ${INDICATOR_COLUMNS} from indicator where id = $1 for update`, [input.id]);
  if (!current.length) throw notFound('Indicator');
  const before = indicatorOf(current[0]);
  if (before.version !== input.version) throw conflict('The indicator');
  const { checked, problems } = await checkIndicator(db, input, input.id);
  const [usage]: Array<{ count: number }> = await db.query(
    `select (select count(*) from scheme_target where indicator_id = $1)::int
          + (select count(*) from national_phase_target where indicator_id = $1)::int as count`,
    [input.id],
  );
  if (usage.count > 0) {
    const inUse = `cannot change while ${usage.count} ${usage.count === 1 ? 'target uses' : 'targets use'} the indicator`;
    if (checked.code !== before.code) problems.push({ field: 'code', message: inUse });
    if (input.unit !== before.unit) problems.push({ field: 'unit', message: inUse });
    if (input.additive !== before.additive) problems.push({ field: 'additive', message: inUse });
  }
  if (problems.length) throw badInput(problems);
  const [row] = await rowsOf<IndicatorRow>(
    db,
    `update indicator set code = $2, name_vi = $3, name_en = $4, unit = $5, additive = $6, definition_vi = $7, definition_en = $8,
            sort_order = coalesce($9, sort_order), version = version + 1, updated_at = now()
      where id = $1 returning ${INDICATOR_COLUMNS}`,
    [input.id, checked.code, checked.nameVi, checked.nameEn, input.unit, input.additive, checked.definitionVi, checked.definitionEn, input.sortOrder ?? null],
  );
  const after = indicatorOf(row);
  await recordAudit(db, requestId, { action: 'indicator.update', entityType: 'indicator', entityId: after.id, before, after });
  return after;
}
