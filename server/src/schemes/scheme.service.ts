import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { normalizeText, optionalText } from '../text.js';
import { formatVnd } from '../money/format-vnd.js';
import { VND_ENTRY_CEILING, VND_ENTRY_MESSAGE } from '../money/vnd-entry.js';
import { decimalOf, hundredthsOf } from './scheme.errors.js';
import type {
  ApproveSchemeInput,
  BudgetLineInput,
  CreateSchemeInput,
  SaveBudgetInput,
  SaveTargetsInput,
  SchemeFieldsInput,
  UpdateSchemeInput,
} from './scheme.inputs.js';
import {
  BudgetCheck,
  BudgetLine,
  FieldChange,
  PerClubMismatch,
  Scheme,
  SchemeHistoryEntry,
  SchemeRevision,
  SchemeStatus,
  SourceBalance,
  Target,
  TargetMilestone,
  TargetShare,
  type BudgetSource,
} from './scheme.types.js';

export const SCHEME_COLUMNS = `tenant_id, origin_tenant_id, id, title, summary, national_phase_id, first_year, last_year, decision_number,
  decision_date::text as decision_date, decision_body, managing_agency, stated_total::text as stated_total, status,
  approved_at, closed_at, updated_at, version`;

export interface SchemeRow {
  tenant_id: string;
  origin_tenant_id: string;
  id: string;
  title: string;
  summary: string | null;
  national_phase_id: string | null;
  first_year: number;
  last_year: number;
  decision_number: string | null;
  decision_date: string | null;
  decision_body: string | null;
  managing_agency: string | null;
  stated_total: string;
  status: SchemeStatus;
  approved_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
  version: number;
}

export function schemeOf(row: SchemeRow): Scheme {
  return Object.assign(new Scheme(), {
    tenantId: row.tenant_id,
    originTenantId: row.origin_tenant_id,
    id: row.id,
    title: row.title,
    summary: row.summary,
    nationalPhaseId: row.national_phase_id,
    firstYear: row.first_year,
    lastYear: row.last_year,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    decisionBody: row.decision_body,
    managingAgency: row.managing_agency,
    totalBudget: BigInt(row.stated_total),
    status: row.status,
    approvedAt: row.approved_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
}

export async function findSchemesByIds(db: EntityManager, ids: readonly string[]): Promise<Scheme[]> {
  const rows: SchemeRow[] = await db.query(`select ${SCHEME_COLUMNS} from scheme where id = any($1)`, [ids]);
  return rows.map(schemeOf);
}

export interface SchemeFilter {
  status?: SchemeStatus | null;
  tenantId?: string | null;
  first: number;
  after?: string | null;
}

/** Schemes visible to the viewer, newest period first. */
export async function listSchemes(db: EntityManager, filter: SchemeFilter): Promise<Page<Scheme>> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (filter.status) conditions.push(`status = $${parameters.push(filter.status)}`);
  if (filter.tenantId) conditions.push(`tenant_id = $${parameters.push(filter.tenantId)}`);
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (filter.after) {
    const [firstYear, id] = decodeCursor(filter.after, 2);
    conditions.push(`(first_year, id) < ($${parameters.push(Number(firstYear))}, $${parameters.push(String(id))}::uuid)`);
  }
  const where = (list: string[]) => (list.length ? `where ${list.join(' and ')}` : '');
  const rows: SchemeRow[] = await db.query(
    `select ${SCHEME_COLUMNS} from scheme ${where(conditions)} order by first_year desc, id desc limit ${filter.first + 1}`,
    parameters,
  );
  return {
    nodes: rows.slice(0, filter.first).map(schemeOf),
    cursorOf: (scheme) => [scheme.firstYear, scheme.id],
    hasNextPage: rows.length > filter.first,
    hasPreviousPage: Boolean(filter.after),
    countTotal: async () => {
      const [row]: Array<{ count: number }> = await db.query(
        `select count(*)::int as count from scheme ${where(filtered)}`,
        filteredParameters,
      );
      return row.count;
    },
  };
}

/** The scheme, locked for this transaction, at the version the client read. */
async function lockScheme(db: EntityManager, id: string, version: number): Promise<Scheme> {
  const rows: SchemeRow[] = await db.query(`select ${SCHEME_COLUMNS} from scheme where id = $1 for update`, [id]);
  if (!rows[0]) throw notFound('Scheme');
  const scheme = schemeOf(rows[0]);
  if (scheme.version !== version) throw conflict('The scheme');
  return scheme;
}

async function touchScheme(db: EntityManager, id: string): Promise<void> {
  await db.query('update scheme set version = version + 1, updated_at = now() where id = $1', [id]);
}

async function reloadScheme(db: EntityManager, id: string): Promise<Scheme> {
  const [scheme] = await findSchemesByIds(db, [id]);
  return scheme;
}

const MIN_REASON_LENGTH = 3;

/**
 * An approved scheme changes only through a recorded revision with a reason; a closed one not
 * at all. Returns the revision number made, or null for a draft.
 */
async function reviseIfApproved(db: EntityManager, scheme: Scheme, reason: string | null | undefined): Promise<number | null> {
  if (scheme.status === SchemeStatus.CLOSED) {
    throw badInput([{ field: 'schemeId', message: 'the scheme is closed and can no longer change' }]);
  }
  if (scheme.status === SchemeStatus.DRAFT) return null;
  const text = normalizeText(reason ?? '');
  if (text.length < MIN_REASON_LENGTH) {
    throw badInput([{ field: 'reason', message: 'an approved scheme changes only through a revision: give the reason' }]);
  }
  const [row]: Array<{ number: number }> = await db.query(
    `insert into scheme_revision (scheme_id, number, reason)
     values ($1, coalesce((select max(number) from scheme_revision where scheme_id = $1), 0) + 1, $2)
     returning number`,
    [scheme.id, text],
  );
  return row.number;
}

export interface HistoryRecord {
  reason?: string | null;
  revision?: number | null;
  changes: FieldChange[];
}

export function change(subject: string, subjectKey: string | null, field: string, before: unknown, after: unknown): FieldChange {
  const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
  return Object.assign(new FieldChange(), { subject, subjectKey, field, before: text(before), after: text(after) });
}

function changedFields(subject: string, subjectKey: string | null, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((field) => String(before[field] ?? '') !== String(after[field] ?? ''))
    .map((field) => change(subject, subjectKey, field, before[field], after[field]));
}

export async function recordSchemeChange(db: EntityManager, requestId: string, schemeId: string, action: string, record: HistoryRecord): Promise<void> {
  await recordAudit(db, requestId, { action, entityType: 'scheme', entityId: schemeId, after: record });
}

function headerProblems(input: SchemeFieldsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!normalizeText(input.title)) problems.push({ field: 'title', message: 'must not be empty' });
  if (input.lastYear < input.firstYear) problems.push({ field: 'lastYear', message: 'must not be before the first year' });
  if (input.lastYear - input.firstYear > 30) problems.push({ field: 'lastYear', message: 'a scheme lasts at most 30 years' });
  return problems;
}

async function nationalPhaseProblem(db: EntityManager, phaseId: string | null | undefined): Promise<FieldProblem[]> {
  if (!phaseId) return [];
  const rows: unknown[] = await db.query('select 1 from national_phase where id = $1', [phaseId]);
  return rows.length ? [] : [{ field: 'nationalPhaseId', message: 'is not a phase of the national program' }];
}

function headerValues(input: SchemeFieldsInput) {
  return {
    title: normalizeText(input.title),
    summary: optionalText(input.summary),
    nationalPhaseId: input.nationalPhaseId ?? null,
    firstYear: input.firstYear,
    lastYear: input.lastYear,
    decisionNumber: optionalText(input.decisionNumber),
    decisionDate: input.decisionDate ?? null,
    decisionBody: optionalText(input.decisionBody),
    managingAgency: optionalText(input.managingAgency),
  };
}

export async function createScheme(db: EntityManager, requestId: string, input: CreateSchemeInput): Promise<Scheme> {
  const problems = [...headerProblems(input), ...(await nationalPhaseProblem(db, input.nationalPhaseId))];
  if (input.totalBudget < 0n) problems.push({ field: 'totalBudget', message: 'must not be negative' });
  if (problems.length) throw badInput(problems);
  const values = headerValues(input);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into scheme (title, summary, national_phase_id, first_year, last_year, decision_number, decision_date,
       decision_body, managing_agency, stated_total)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      values.title, values.summary, values.nationalPhaseId, values.firstYear, values.lastYear, values.decisionNumber,
      values.decisionDate, values.decisionBody, values.managingAgency, input.totalBudget.toString(),
    ],
  );
  await recordSchemeChange(db, requestId, row.id, 'scheme.create', {
    changes: changedFields('scheme', null, {}, { ...values, totalBudget: input.totalBudget }),
  });
  return reloadScheme(db, row.id);
}

export async function updateScheme(db: EntityManager, requestId: string, input: UpdateSchemeInput): Promise<Scheme> {
  const scheme = await lockScheme(db, input.id, input.version);
  if (scheme.status === SchemeStatus.CLOSED) throw badInput([{ field: 'id', message: 'the scheme is closed and can no longer change' }]);
  const problems = [...headerProblems(input), ...(await nationalPhaseProblem(db, input.nationalPhaseId))];
  if (problems.length) throw badInput(problems);
  const values = headerValues(input);
  const before = {
    title: scheme.title, summary: scheme.summary, nationalPhaseId: scheme.nationalPhaseId, firstYear: scheme.firstYear,
    lastYear: scheme.lastYear, decisionNumber: scheme.decisionNumber, decisionDate: scheme.decisionDate,
    decisionBody: scheme.decisionBody, managingAgency: scheme.managingAgency,
  };
  const changes = changedFields('scheme', null, before, values);
  // The period is part of what was approved: changing it is a revision. Wording is not.
  const periodChanged = before.firstYear !== values.firstYear || before.lastYear !== values.lastYear;
  const revision = periodChanged ? await reviseIfApproved(db, scheme, input.reason) : null;
  await db.query(
    `update scheme set title = $2, summary = $3, national_phase_id = $4, first_year = $5, last_year = $6,
       decision_number = $7, decision_date = $8, decision_body = $9, managing_agency = $10
     where id = $1`,
    [
      scheme.id, values.title, values.summary, values.nationalPhaseId, values.firstYear, values.lastYear,
      values.decisionNumber, values.decisionDate, values.decisionBody, values.managingAgency,
    ],
  );
  await touchScheme(db, scheme.id);
  await recordSchemeChange(db, requestId, scheme.id, 'scheme.update', { reason: revision ? input.reason : null, revision, changes });
  return reloadScheme(db, scheme.id);
}

// ----- targets -------------------------------------------------------------------------------

interface TargetRow {
  id: string;
  scheme_id: string;
  indicator_id: string;
  target_value: string;
  note: string | null;
}

export async function listTargetsOfSchemes(db: EntityManager, schemeIds: readonly string[]): Promise<Target[]> {
  const targets: TargetRow[] = await db.query(
    `select target.id, target.scheme_id, target.indicator_id, target.target_value::text as target_value, target.note
       from scheme_target target join indicator on indicator.id = target.indicator_id
      where target.scheme_id = any($1)
      order by target.scheme_id, target.sort_order, indicator.sort_order`,
    [schemeIds],
  );
  const targetIds = targets.map((target) => target.id);
  const milestones: Array<{ target_id: string; year: number; value: string }> = await db.query(
    'select target_id, year, value::text as value from scheme_target_milestone where target_id = any($1) order by year',
    [targetIds],
  );
  const shares: Array<{ target_id: string; unit_id: string; value: string }> = await db.query(
    `select share.target_id, share.unit_id, share.value::text as value
       from scheme_target_breakdown share join admin_unit unit on unit.id = share.unit_id
      where share.target_id = any($1) order by unit.sort_key`,
    [targetIds],
  );
  return targets.map((row) =>
    Object.assign(new Target(), {
      id: row.id,
      schemeId: row.scheme_id,
      indicatorId: row.indicator_id,
      value: decimalOf(hundredthsOf(row.target_value)),
      note: row.note,
      milestones: milestones
        .filter((milestone) => milestone.target_id === row.id)
        .map((milestone) => Object.assign(new TargetMilestone(), { year: milestone.year, value: decimalOf(hundredthsOf(milestone.value)) })),
      breakdown: shares
        .filter((share) => share.target_id === row.id)
        .map((share) => Object.assign(new TargetShare(), { unitId: share.unit_id, value: decimalOf(hundredthsOf(share.value)) })),
    }),
  );
}

interface IndicatorFacts {
  id: string;
  code: string;
  unit: 'COUNT' | 'PERCENT' | 'VND';
  additive: boolean;
}

async function targetProblems(db: EntityManager, scheme: Scheme, input: SaveTargetsInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const indicatorRows: IndicatorFacts[] = await db.query('select id, code, unit, additive from indicator where id = any($1)', [
    input.targets.map((target) => target.indicatorId),
  ]);
  const indicators = new Map(indicatorRows.map((indicator) => [indicator.id, indicator]));
  const unitIds = [...new Set(input.targets.flatMap((target) => target.breakdown.map((share) => share.unitId)))];
  const units: Array<{ id: string }> = unitIds.length ? await db.query('select id from admin_unit where id = any($1)', [unitIds]) : [];
  const knownUnits = new Set(units.map((unit) => unit.id));
  const seen = new Set<string>();

  input.targets.forEach((target, index) => {
    const at = `targets[${index}]`;
    const indicator = indicators.get(target.indicatorId);
    if (!indicator) {
      problems.push({ field: `${at}.indicatorId`, message: 'is not an indicator of the catalogue' });
      return;
    }
    if (seen.has(target.indicatorId)) problems.push({ field: `${at}.indicatorId`, message: 'has a target already in this scheme' });
    seen.add(target.indicatorId);
    const value = hundredthsOf(target.value);
    const valueProblem = (field: string, amount: bigint) => {
      if (indicator.unit === 'PERCENT' && amount > 10000n) problems.push({ field, message: 'a percentage must be at most 100' });
      if (indicator.unit !== 'PERCENT' && amount % 100n !== 0n) problems.push({ field, message: 'must be a whole number' });
    };
    valueProblem(`${at}.value`, value);
    const years = new Set<number>();
    target.milestones.forEach((milestone, milestoneIndex) => {
      const field = `${at}.milestones[${milestoneIndex}]`;
      if (milestone.year < scheme.firstYear || milestone.year > scheme.lastYear) {
        problems.push({ field: `${field}.year`, message: `must be within the scheme’s period ${scheme.firstYear}–${scheme.lastYear}` });
      }
      if (years.has(milestone.year)) problems.push({ field: `${field}.year`, message: 'appears twice' });
      years.add(milestone.year);
      valueProblem(`${field}.value`, hundredthsOf(milestone.value));
    });
    const shareUnits = new Set<string>();
    let shareTotal = 0n;
    target.breakdown.forEach((share, shareIndex) => {
      const field = `${at}.breakdown[${shareIndex}]`;
      if (!knownUnits.has(share.unitId)) problems.push({ field: `${field}.unitId`, message: 'is not a unit of your province' });
      if (shareUnits.has(share.unitId)) problems.push({ field: `${field}.unitId`, message: 'appears twice' });
      shareUnits.add(share.unitId);
      const amount = hundredthsOf(share.value);
      valueProblem(`${field}.value`, amount);
      shareTotal += amount;
    });
    if (indicator.additive && shareTotal > value) {
      problems.push({
        field: `${at}.breakdown`,
        message: `the units’ parts add up to ${decimalOf(shareTotal)}, more than the target ${decimalOf(value)}`,
      });
    }
  });
  return problems;
}

function targetSnapshot(targets: Target[], codeOf: (indicatorId: string) => string): Map<string, Record<string, unknown>> {
  return new Map(
    targets.map((target) => [
      codeOf(target.indicatorId),
      {
        value: target.value,
        note: target.note,
        milestones: target.milestones.map((milestone) => `${milestone.year}: ${milestone.value}`).join(', '),
        breakdown: String(target.breakdown.length ? target.breakdown.length : ''),
      },
    ]),
  );
}

export async function saveTargets(db: EntityManager, requestId: string, input: SaveTargetsInput): Promise<Scheme> {
  const scheme = await lockScheme(db, input.schemeId, input.version);
  const problems = await targetProblems(db, scheme, input);
  if (problems.length) throw badInput(problems);
  const revision = await reviseIfApproved(db, scheme, input.reason);

  const previous = await listTargetsOfSchemes(db, [scheme.id]);
  const allIndicators: IndicatorFacts[] = await db.query('select id, code, unit, additive from indicator');
  const codeOf = (indicatorId: string) => allIndicators.find((indicator) => indicator.id === indicatorId)?.code ?? indicatorId;

  // Targets are replaced as a whole: the editor sends the table as the admin sees it.
  await db.query('delete from scheme_target where scheme_id = $1', [scheme.id]);
  for (const [index, target] of input.targets.entries()) {
    const [row]: Array<{ id: string }> = await db.query(
      `insert into scheme_target (scheme_id, indicator_id, target_value, note, sort_order) values ($1, $2, $3, $4, $5) returning id`,
      [scheme.id, target.indicatorId, target.value, optionalText(target.note), index],
    );
    if (target.milestones.length) {
      await db.query(
        `insert into scheme_target_milestone (target_id, year, value)
         select $1, year, value from unnest($2::smallint[], $3::numeric[]) as m (year, value)`,
        [row.id, target.milestones.map((milestone) => milestone.year), target.milestones.map((milestone) => milestone.value)],
      );
    }
    if (target.breakdown.length) {
      await db.query(
        `insert into scheme_target_breakdown (target_id, unit_id, value)
         select $1, unit_id, value from unnest($2::uuid[], $3::numeric[]) as s (unit_id, value)`,
        [row.id, target.breakdown.map((share) => share.unitId), target.breakdown.map((share) => share.value)],
      );
    }
  }
  await touchScheme(db, scheme.id);

  const saved = await listTargetsOfSchemes(db, [scheme.id]);
  const before = targetSnapshot(previous, codeOf);
  const after = targetSnapshot(saved, codeOf);
  const changes = [...new Set([...before.keys(), ...after.keys()])].flatMap((code) =>
    changedFields('target', code, before.get(code) ?? {}, after.get(code) ?? {}),
  );
  await recordSchemeChange(db, requestId, scheme.id, 'scheme.targets.save', { reason: revision ? input.reason : null, revision, changes });
  return reloadScheme(db, scheme.id);
}

// ----- budget --------------------------------------------------------------------------------

interface BudgetLineRow {
  id: string;
  scheme_id: string;
  source: BudgetLine['source'];
  purpose: BudgetLine['purpose'];
  year: number | null;
  description: string | null;
  amount: string;
  per_club_amount: string | null;
  planned_clubs: number | null;
  spent: string;
}

function budgetLineOf(row: BudgetLineRow): BudgetLine {
  return Object.assign(new BudgetLine(), {
    id: row.id,
    schemeId: row.scheme_id,
    source: row.source,
    purpose: row.purpose,
    year: row.year,
    description: row.description,
    amount: BigInt(row.amount),
    perClubAmount: row.per_club_amount === null ? null : BigInt(row.per_club_amount),
    plannedClubs: row.planned_clubs,
    spent: BigInt(row.spent),
    remaining: BigInt(row.amount) - BigInt(row.spent),
  });
}

const BUDGET_LINE_SELECT = `
  select line.id, line.scheme_id, line.source, line.purpose, line.year, line.description, line.amount::text as amount,
         line.per_club_amount::text as per_club_amount, line.planned_clubs,
         coalesce((select sum(paid.amount) from disbursement paid where paid.budget_line_id = line.id), 0)::text as spent
    from budget_line line`;

export async function listBudgetLinesOfSchemes(db: EntityManager, schemeIds: readonly string[]): Promise<BudgetLine[]> {
  const rows: BudgetLineRow[] = await db.query(
    `${BUDGET_LINE_SELECT} where line.scheme_id = any($1) order by line.scheme_id, line.sort_order, line.source, line.purpose, line.year nulls first`,
    [schemeIds],
  );
  return rows.map(budgetLineOf);
}

export async function findBudgetLinesByIds(db: EntityManager, ids: readonly string[]): Promise<BudgetLine[]> {
  const rows: BudgetLineRow[] = await db.query(`${BUDGET_LINE_SELECT} where line.id = any($1)`, [ids]);
  return rows.map(budgetLineOf);
}

export function sourceBalances(lines: BudgetLine[]): SourceBalance[] {
  const bySource = new Map<BudgetSource, SourceBalance>();
  for (const line of lines) {
    const balance =
      bySource.get(line.source) ?? Object.assign(new SourceBalance(), { source: line.source, amount: 0n, spent: 0n, remaining: 0n });
    balance.amount += line.amount;
    balance.spent += line.spent;
    balance.remaining = balance.amount - balance.spent;
    bySource.set(line.source, balance);
  }
  return [...bySource.values()];
}

/** Clubs in the plan (not dropped) per planned year, to check lines stated per club. */
async function plannedClubsByYear(db: EntityManager, schemeId: string): Promise<Map<number, number>> {
  const rows: Array<{ planned_year: number; count: number }> = await db.query(
    `select planned_year, count(*)::int as count from club_plan_entry
      where scheme_id = $1 and status <> 'DROPPED' group by planned_year`,
    [schemeId],
  );
  return new Map(rows.map((row) => [row.planned_year, row.count]));
}

export function checkBudget(
  statedTotal: bigint,
  lines: Array<Pick<BudgetLine, 'id' | 'amount' | 'year' | 'plannedClubs'>>,
  planByYear: Map<number, number>,
): BudgetCheck {
  const linesTotal = lines.reduce((sum, line) => sum + line.amount, 0n);
  const planTotal = [...planByYear.values()].reduce((sum, count) => sum + count, 0);
  const perClubMismatches = lines
    .filter((line) => line.plannedClubs !== null)
    .map((line) => ({ line, clubsInPlan: line.year === null ? planTotal : (planByYear.get(line.year) ?? 0) }))
    .filter(({ line, clubsInPlan }) => line.plannedClubs !== clubsInPlan)
    .map(({ line, clubsInPlan }) =>
      Object.assign(new PerClubMismatch(), { budgetLineId: line.id, year: line.year, plannedClubs: line.plannedClubs!, clubsInPlan }),
    );
  const difference = linesTotal - statedTotal;
  return Object.assign(new BudgetCheck(), {
    linesTotal,
    statedTotal,
    difference,
    balanced: difference === 0n,
    perClubMismatches,
    passes: difference === 0n && perClubMismatches.length === 0,
  });
}

export async function budgetCheckOf(db: EntityManager, scheme: Scheme, lines?: BudgetLine[]): Promise<BudgetCheck> {
  return checkBudget(scheme.totalBudget, lines ?? (await listBudgetLinesOfSchemes(db, [scheme.id])), await plannedClubsByYear(db, scheme.id));
}

/** The problems that stop approval, each naming the field to fix and by how much it is off. */
function budgetCheckProblems(check: BudgetCheck, lineIndex: (id: string) => number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!check.balanced) {
    const direction = check.difference > 0n ? 'more' : 'less';
    const off = check.difference > 0n ? check.difference : -check.difference;
    problems.push({
      field: 'totalBudget',
      message: `the budget lines add up to ${formatVnd(check.linesTotal)}, ${formatVnd(off)} ${direction} than the stated total ${formatVnd(check.statedTotal)}`,
    });
  }
  for (const mismatch of check.perClubMismatches) {
    const index = lineIndex(mismatch.budgetLineId);
    problems.push({
      field: index >= 0 ? `lines[${index}].plannedClubs` : 'lines',
      message: `pays for ${mismatch.plannedClubs} clubs but the club plan has ${mismatch.clubsInPlan}${mismatch.year === null ? '' : ` in ${mismatch.year}`}`,
    });
  }
  return problems;
}

function budgetLineKey(line: Pick<BudgetLine, 'source' | 'purpose' | 'year'>): string {
  return `${line.source}·${line.purpose}·${line.year ?? ''}`;
}

interface PlannedLine {
  id: string | null;
  source: BudgetLine['source'];
  purpose: BudgetLine['purpose'];
  year: number | null;
  description: string | null;
  amount: bigint;
  perClubAmount: bigint | null;
  plannedClubs: number | null;
}

function plannedLine(line: BudgetLineInput, index: number, scheme: Scheme, problems: FieldProblem[]): PlannedLine {
  const at = `lines[${index}]`;
  let amount = line.amount ?? null;
  const perClub = line.perClubAmount ?? null;
  const clubs = line.plannedClubs ?? null;
  if ((perClub === null) !== (clubs === null)) {
    problems.push({ field: perClub === null ? `${at}.perClubAmount` : `${at}.plannedClubs`, message: 'give both the amount per club and the number of clubs' });
  } else if (perClub !== null && clubs !== null) {
    if (perClub <= 0n) problems.push({ field: `${at}.perClubAmount`, message: 'must be more than 0' });
    if (!Number.isInteger(clubs) || clubs < 1 || clubs > 100_000) problems.push({ field: `${at}.plannedClubs`, message: 'must be between 1 and 100,000' });
    const product = perClub * BigInt(clubs);
    if (amount !== null && amount !== product) {
      problems.push({ field: `${at}.amount`, message: `must equal the amount per club × clubs (${formatVnd(product)})` });
    }
    amount = product;
  }
  if (amount === null) problems.push({ field: `${at}.amount`, message: 'is required' });
  else if (amount <= 0n) problems.push({ field: `${at}.amount`, message: 'must be more than 0' });
  else if (amount > VND_ENTRY_CEILING) problems.push({ field: `${at}.amount`, message: VND_ENTRY_MESSAGE });
  if (line.year !== null && line.year !== undefined && (line.year < scheme.firstYear || line.year > scheme.lastYear)) {
    problems.push({ field: `${at}.year`, message: `must be within the scheme’s period ${scheme.firstYear}–${scheme.lastYear}` });
  }
  return {
    id: line.id ?? null,
    source: line.source,
    purpose: line.purpose,
    year: line.year ?? null,
    description: optionalText(line.description),
    amount: amount ?? 0n,
    perClubAmount: perClub,
    plannedClubs: clubs,
  };
}

export async function saveBudget(db: EntityManager, requestId: string, input: SaveBudgetInput): Promise<Scheme> {
  const scheme = await lockScheme(db, input.schemeId, input.version);
  const problems: FieldProblem[] = [];
  if (input.totalBudget < 0n) problems.push({ field: 'totalBudget', message: 'must not be negative' });
  const planned = input.lines.map((line, index) => plannedLine(line, index, scheme, problems));

  const existing = await listBudgetLinesOfSchemes(db, [scheme.id]);
  const existingById = new Map(existing.map((line) => [line.id, line]));
  const keptIds = new Set<string>();
  planned.forEach((line, index) => {
    if (!line.id) return;
    const current = existingById.get(line.id);
    if (!current) problems.push({ field: `lines[${index}].id`, message: 'is not a line of this scheme' });
    else if (keptIds.has(line.id)) problems.push({ field: `lines[${index}].id`, message: 'appears twice' });
    else if (line.amount < current.spent) {
      problems.push({ field: `lines[${index}].amount`, message: `is less than what was already paid from it (${formatVnd(current.spent)})` });
    }
    keptIds.add(line.id);
  });
  for (const line of existing.filter((candidate) => !keptIds.has(candidate.id) && candidate.spent !== 0n)) {
    problems.push({ field: 'lines', message: `the line ${budgetLineKey(line)} has payments (${formatVnd(line.spent)}) and cannot be removed` });
  }
  if (problems.length) throw badInput(problems);

  // An approved budget must still hold together after the revision.
  if (scheme.status === SchemeStatus.APPROVED) {
    const check = checkBudget(
      input.totalBudget,
      planned.map((line, index) => ({ id: line.id ?? `new-${index}`, amount: line.amount, year: line.year, plannedClubs: line.plannedClubs })),
      await plannedClubsByYear(db, scheme.id),
    );
    const checkProblems = budgetCheckProblems(check, (id) => planned.findIndex((line, index) => (line.id ?? `new-${index}`) === id));
    if (checkProblems.length) throw badInput(checkProblems);
  }
  const revision = await reviseIfApproved(db, scheme, input.reason);

  const removed = existing.filter((line) => !keptIds.has(line.id));
  if (removed.length) await db.query('delete from budget_line where id = any($1)', [removed.map((line) => line.id)]);
  for (const [index, line] of planned.entries()) {
    const values = [
      line.source, line.purpose, line.year, line.description, line.amount.toString(),
      line.perClubAmount?.toString() ?? null, line.plannedClubs, index,
    ];
    if (line.id) {
      await db.query(
        `update budget_line set source = $2, purpose = $3, year = $4, description = $5, amount = $6,
           per_club_amount = $7, planned_clubs = $8, sort_order = $9 where id = $1`,
        [line.id, ...values],
      );
    } else {
      await db.query(
        `insert into budget_line (scheme_id, source, purpose, year, description, amount, per_club_amount, planned_clubs, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [scheme.id, ...values],
      );
    }
  }
  await db.query('update scheme set stated_total = $2 where id = $1', [scheme.id, input.totalBudget.toString()]);
  await touchScheme(db, scheme.id);

  const saved = await listBudgetLinesOfSchemes(db, [scheme.id]);
  const snapshot = (line: BudgetLine) => ({
    amount: line.amount,
    perClubAmount: line.perClubAmount,
    plannedClubs: line.plannedClubs,
    description: line.description,
  });
  const beforeById = new Map(existing.map((line) => [line.id, line]));
  const changes = [
    ...changedFields('scheme', null, { totalBudget: scheme.totalBudget }, { totalBudget: input.totalBudget }),
    ...removed.map((line) => change('budgetLine', budgetLineKey(line), 'amount', line.amount, null)),
    ...saved.flatMap((line) => {
      const before = beforeById.get(line.id);
      return changedFields('budgetLine', budgetLineKey(line), before ? snapshot(before) : {}, snapshot(line));
    }),
  ];
  await recordSchemeChange(db, requestId, scheme.id, 'scheme.budget.save', { reason: revision ? input.reason : null, revision, changes });
  return reloadScheme(db, scheme.id);
}

// ----- approval ------------------------------------------------------------------------------

export async function approveScheme(db: EntityManager, requestId: string, input: ApproveSchemeInput): Promise<Scheme> {
  const scheme = await lockScheme(db, input.id, input.version);
  if (scheme.status !== SchemeStatus.DRAFT) throw badInput([{ field: 'id', message: 'only a draft scheme can be approved' }]);
  const problems: FieldProblem[] = [];
  const body = optionalText(input.decisionBody);
  if (!body) problems.push({ field: 'decisionBody', message: 'say who approved the scheme' });
  const targets: Array<{ count: number }> = await db.query('select count(*)::int as count from scheme_target where scheme_id = $1', [scheme.id]);
  if (targets[0].count === 0) problems.push({ field: 'targets', message: 'a scheme needs at least one target before approval' });
  const lines = await listBudgetLinesOfSchemes(db, [scheme.id]);
  if (lines.length === 0) problems.push({ field: 'lines', message: 'a scheme needs a budget before approval' });
  const check = await budgetCheckOf(db, scheme, lines);
  problems.push(...budgetCheckProblems(check, (id) => lines.findIndex((line) => line.id === id)));
  if (problems.length) throw badInput(problems);

  await db.query(
    `update scheme set status = 'APPROVED', approved_at = now(), decision_number = coalesce($2, decision_number),
       decision_date = coalesce($3, decision_date), decision_body = $4 where id = $1`,
    [scheme.id, optionalText(input.decisionNumber), input.decisionDate ?? null, body],
  );
  await touchScheme(db, scheme.id);
  await recordSchemeChange(db, requestId, scheme.id, 'scheme.approve', {
    changes: [
      change('scheme', null, 'status', scheme.status, SchemeStatus.APPROVED),
      ...changedFields(
        'scheme',
        null,
        { decisionNumber: scheme.decisionNumber, decisionDate: scheme.decisionDate, decisionBody: scheme.decisionBody },
        {
          decisionNumber: optionalText(input.decisionNumber) ?? scheme.decisionNumber,
          decisionDate: input.decisionDate ?? scheme.decisionDate,
          decisionBody: body,
        },
      ),
    ],
  });
  return reloadScheme(db, scheme.id);
}

export async function closeScheme(db: EntityManager, requestId: string, id: string, version: number): Promise<Scheme> {
  const scheme = await lockScheme(db, id, version);
  if (scheme.status !== SchemeStatus.APPROVED) throw badInput([{ field: 'id', message: 'only an approved scheme can be closed' }]);
  await db.query(`update scheme set status = 'CLOSED', closed_at = now() where id = $1`, [scheme.id]);
  await touchScheme(db, scheme.id);
  await recordSchemeChange(db, requestId, scheme.id, 'scheme.close', {
    changes: [change('scheme', null, 'status', scheme.status, SchemeStatus.CLOSED)],
  });
  return reloadScheme(db, scheme.id);
}

// ----- history -------------------------------------------------------------------------------

export async function listRevisions(db: EntityManager, schemeId: string): Promise<SchemeRevision[]> {
  const rows: Array<{ number: number; reason: string; revised_at: Date; display_name: string | null }> = await db.query(
    `select revision.number, revision.reason, revision.revised_at, account.display_name
       from scheme_revision revision left join app_user account on account.id = revision.revised_by
      where revision.scheme_id = $1 order by revision.number`,
    [schemeId],
  );
  return rows.map((row) =>
    Object.assign(new SchemeRevision(), { number: row.number, reason: row.reason, revisedAt: row.revised_at, revisedByName: row.display_name }),
  );
}

export async function listSchemeHistory(db: EntityManager, schemeId: string, first: number, after?: string | null): Promise<Page<SchemeHistoryEntry>> {
  const parameters: unknown[] = [schemeId];
  let cursorCondition = '';
  if (after) {
    const [id] = decodeCursor(after, 1);
    cursorCondition = `and event.id < $${parameters.push(Number(id))}`;
  }
  const rows: Array<{ id: string; occurred_at: Date; action: string; after: HistoryRecord | null; display_name: string | null }> = await db.query(
    `select event.id::text as id, event.occurred_at, event.action, event.after, account.display_name
       from audit_event event left join app_user account on account.id = event.actor_user_id
      where event.entity_type = 'scheme' and event.entity_id = $1 ${cursorCondition}
      order by event.id desc limit ${first + 1}`,
    parameters,
  );
  return {
    nodes: rows.slice(0, first).map((row) =>
      Object.assign(new SchemeHistoryEntry(), {
        id: row.id,
        occurredAt: row.occurred_at,
        action: row.action,
        actorName: row.display_name,
        reason: row.after?.reason ?? null,
        revision: row.after?.revision ?? null,
        changes: (row.after?.changes ?? []).map((item) => Object.assign(new FieldChange(), item)),
      }),
    ),
    cursorOf: (entry) => [Number(entry.id)],
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(after),
    countTotal: async () => {
      const [row]: Array<{ count: number }> = await db.query(
        `select count(*)::int as count from audit_event where entity_type = 'scheme' and entity_id = $1`,
        [schemeId],
      );
      return row.count;
    },
  };
}

