import type { EntityManager } from 'typeorm';
import { recordAuditBatch, type AuditRecord } from '../audit/audit.service.js';
import { countClubsInUnits } from '../clubs/club.service.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { isLocalDate } from '../graphql/scalars.js';
import { normalizeText } from '../text.js';
import { AdminUnit } from './admin-unit.entity.js';
import { AdminUnitKind, levelOfKind } from './admin-unit-kind.js';
import { SuccessionKind } from './admin-unit-succession.js';

export const UNIT_CODE = /^[0-9]{2,8}$/;
export const MAX_UNIT_NAME = 200;

export interface NewUnitFields {
  code?: string | null;
  name: string;
  kind: AdminUnitKind;
  parentId?: string | null;
  validFrom?: string | null;
}

export interface UnitChanges {
  id: string;
  version: number;
  code?: string | null;
  name?: string | null;
  kind?: AdminUnitKind | null;
  parentId?: string | null;
  validFrom?: string | null;
}

export interface VersionedUnit {
  id: string;
  version: number;
}

/** What the audit trail keeps of a unit. */
export function auditViewOf(unit: AdminUnit) {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    version: unit.version,
  };
}

/** True when `unit` is `ancestor` itself or lies under it. */
export function isWithin(unit: { path: string }, ancestor: { path: string }): boolean {
  return unit.path === ancestor.path || unit.path.startsWith(`${ancestor.path}.`);
}

export function dayBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** Units locked for update in id order, so two requests changing the same units cannot deadlock. */
async function lockUnits(db: EntityManager, ids: readonly string[]): Promise<Map<string, AdminUnit>> {
  if (!ids.length) return new Map();
  const units = await db
    .createQueryBuilder(AdminUnit, 'unit')
    .where('unit.id = any(:ids)', { ids: [...new Set(ids)] })
    .orderBy('unit.id', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(units.map((unit) => [unit.id, unit]));
}

async function findUnit(db: EntityManager, id: string): Promise<AdminUnit | null> {
  return db.findOneBy(AdminUnit, { id });
}

async function activeChildrenOf(db: EntityManager, parentIds: readonly string[]): Promise<AdminUnit[]> {
  if (!parentIds.length) return [];
  return db
    .createQueryBuilder(AdminUnit, 'unit')
    .where('unit.parentId = any(:parentIds)', { parentIds })
    .andWhere('unit.validTo is null')
    .orderBy('unit.sortKey', 'ASC')
    .getMany();
}

function cleanCode(code: string | null | undefined): string | null {
  const trimmed = code?.trim();
  return trimmed ? trimmed : null;
}

async function codeProblems(db: EntityManager, field: string, code: string | null, exceptId?: string): Promise<FieldProblem[]> {
  if (code === null) return [];
  if (!UNIT_CODE.test(code)) return [{ field, message: 'must be 2 to 8 digits' }];
  const owners: Array<{ id: string; name: string }> = await db.query('select id, name from admin_unit where code = $1', [code]);
  const owner = owners.find((row) => row.id !== exceptId);
  return owner ? [{ field, message: `is already the code of ${owner.name}` }] : [];
}

function nameProblems(field: string, name: string): FieldProblem[] {
  if (!name) return [{ field, message: 'must not be empty' }];
  if (name.length > MAX_UNIT_NAME) return [{ field, message: `must be at most ${MAX_UNIT_NAME} characters` }];
  return [];
}

/** Whether a unit of `kind` may stand directly under `parent`: in force, and of a higher level. */
function parentProblems(field: string, parent: AdminUnit | null, kind: AdminUnitKind): FieldProblem[] {
  if (!parent) return [{ field, message: 'is not a unit of your province' }];
  if (parent.validTo !== null) return [{ field, message: 'is retired; choose a unit in force' }];
  if (parent.level >= levelOfKind(kind)) {
    return [{ field, message: `a unit of kind ${kind} cannot be under a unit of kind ${parent.kind}` }];
  }
  return [];
}

function dateProblems(field: string, date: string | null | undefined): FieldProblem[] {
  return date && !isLocalDate(date) ? [{ field, message: 'must be a date YYYY-MM-DD' }] : [];
}

/** Whether `effectiveOn` may end the unit: its last day (the day before) must come after its first. */
function endProblems(field: string, unit: AdminUnit, effectiveOn: string): FieldProblem[] {
  if (unit.validFrom && dayBefore(effectiveOn) <= unit.validFrom) {
    return [{ field, message: `must be at least two days after ${unit.name} began (${unit.validFrom})` }];
  }
  return [];
}

async function insertUnit(db: EntityManager, fields: Required<NewUnitFields>): Promise<AdminUnit> {
  const rows: Array<{ id: string }> = await db.query(
    `insert into admin_unit (parent_id, code, name, kind, valid_from) values ($1, $2, $3, $4, $5) returning id`,
    [fields.parentId, fields.code, fields.name, fields.kind, fields.validFrom],
  );
  return db.findOneByOrFail(AdminUnit, { id: rows[0].id });
}

interface CheckedNewUnit {
  fields: Required<NewUnitFields>;
  parent: AdminUnit | null;
}

/** Checks a new unit's fields; `prefix` names where the input sits ("successor.", "successors.1.unit."). */
async function checkNewUnit(
  db: EntityManager,
  input: NewUnitFields,
  prefix: string,
  problems: FieldProblem[],
  defaults: { parentId?: string | null; validFrom?: string | null } = {},
): Promise<CheckedNewUnit> {
  const name = normalizeText(input.name ?? '');
  const code = cleanCode(input.code);
  const parentId = input.parentId ?? defaults.parentId ?? null;
  const validFrom = input.validFrom ?? defaults.validFrom ?? null;
  problems.push(...nameProblems(`${prefix}name`, name));
  problems.push(...(await codeProblems(db, `${prefix}code`, code)));
  problems.push(...dateProblems(`${prefix}validFrom`, validFrom));
  let parent: AdminUnit | null = null;
  if (!parentId) {
    problems.push({ field: `${prefix}parentId`, message: 'is required: a province is created by the national office' });
  } else {
    parent = await findUnit(db, parentId);
    problems.push(...parentProblems(`${prefix}parentId`, parent, input.kind));
  }
  return { fields: { code, name, kind: input.kind, parentId, validFrom }, parent };
}

export async function createAdminUnit(db: EntityManager, requestId: string, input: NewUnitFields): Promise<AdminUnit> {
  const problems: FieldProblem[] = [];
  const checked = await checkNewUnit(db, input, '', problems);
  if (problems.length) throw badInput(problems);
  const unit = await insertUnitOrExplain(db, checked.fields, '');
  await recordAuditBatch(db, requestId, [{ action: 'admin-unit.create', entityType: 'admin_unit', entityId: unit.id, after: auditViewOf(unit) }]);
  return unit;
}

async function insertUnitOrExplain(db: EntityManager, fields: Required<NewUnitFields>, prefix: string): Promise<AdminUnit> {
  try {
    return await insertUnit(db, fields);
  } catch (error) {
    // Another request took the code between the check and the insert.
    if (sqlStateOf(error) === '23505') throw badInput([{ field: `${prefix}code`, message: 'is already the code of another unit' }]);
    throw error;
  }
}

function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
}

/** Rename, recode, change kind or move. The trigger moves everything under the unit along. */
export async function updateAdminUnit(db: EntityManager, requestId: string, input: UnitChanges): Promise<AdminUnit> {
  const before = (await lockUnits(db, [input.id])).get(input.id);
  if (!before) throw notFound('Unit');
  if (before.version !== input.version) throw conflict('This unit');
  if (before.validTo !== null) throw badInput([{ field: 'id', message: 'is retired; a retired unit keeps its last form' }]);

  const problems: FieldProblem[] = [];
  const name = input.name === undefined || input.name === null ? before.name : normalizeText(input.name);
  problems.push(...nameProblems('name', name));
  const code = input.code === undefined ? before.code : cleanCode(input.code);
  if (code !== before.code) problems.push(...(await codeProblems(db, 'code', code, before.id)));
  const kind = input.kind ?? before.kind;
  const parentId = input.parentId ?? before.parentId;
  const validFrom = input.validFrom === undefined ? before.validFrom : input.validFrom;
  problems.push(...dateProblems('validFrom', validFrom));

  if (parentId !== before.parentId) {
    if (before.parentId === null) {
      problems.push({ field: 'parentId', message: 'the province itself cannot be moved' });
    } else {
      const parent = await findUnit(db, parentId!);
      if (parent && isWithin(parent, before)) {
        problems.push({ field: 'parentId', message: 'cannot be the unit itself or a unit under it' });
      } else {
        problems.push(...parentProblems('parentId', parent, kind));
      }
    }
  } else if (kind !== before.kind && parentId) {
    const parent = await findUnit(db, parentId);
    problems.push(...parentProblems('kind', parent, kind).map((problem) => ({ ...problem, field: 'kind' })));
  }
  if (kind !== before.kind) {
    if (before.parentId === null && levelOfKind(kind) !== 1) problems.push({ field: 'kind', message: 'the province must stay a province' });
    const [lowest]: Array<{ level: number | null }> = await db.query('select min(level) as level from admin_unit where parent_id = $1', [before.id]);
    if (lowest.level !== null && lowest.level <= levelOfKind(kind)) {
      problems.push({ field: 'kind', message: 'the units under it would no longer be of a lower level' });
    }
  }
  if (problems.length) throw badInput(problems);

  let rows: Array<{ id: string }>;
  try {
    rows = await rowsOf<{ id: string }>(
      db,
      `update admin_unit
          set code = $3, name = $4, kind = $5, parent_id = $6, valid_from = $7, updated_at = now(), version = version + 1
        where id = $1 and version = $2
        returning id`,
      [before.id, input.version, code, name, kind, parentId, validFrom],
    );
  } catch (error) {
    // The path trigger refuses a move under the unit's own descendants, should one slip past the check.
    if (sqlStateOf(error) === '23514') throw badInput([{ field: 'parentId', message: 'cannot be the unit itself or a unit under it' }]);
    if (sqlStateOf(error) === '23505') throw badInput([{ field: 'code', message: 'is already the code of another unit' }]);
    throw error;
  }
  if (!rows.length) throw conflict('This unit');
  const after = await db.findOneByOrFail(AdminUnit, { id: before.id });
  const action = after.parentId !== before.parentId ? 'admin-unit.move' : 'admin-unit.update';
  await recordAuditBatch(db, requestId, [
    { action, entityType: 'admin_unit', entityId: after.id, before: auditViewOf(before), after: auditViewOf(after) },
  ]);
  return after;
}

/** Deletes a unit entered by mistake. Anything with history (children, clubs, successions) must be retired instead. */
export async function deleteAdminUnit(db: EntityManager, requestId: string, input: VersionedUnit): Promise<string> {
  const unit = (await lockUnits(db, [input.id])).get(input.id);
  if (!unit) throw notFound('Unit');
  if (unit.version !== input.version) throw conflict('This unit');
  if (unit.parentId === null) throw badInput([{ field: 'id', message: 'the province itself cannot be deleted' }]);
  const [usage]: Array<{ children: number; successions: number }> = await db.query(
    `select (select count(*) from admin_unit where parent_id = $1)::int as children,
            (select count(*) from admin_unit_succession where $1 in (predecessor_id, successor_id))::int as successions`,
    [unit.id],
  );
  const clubs = (await countClubsInUnits(db, [unit.id])).get(unit.id) ?? 0;
  const problems: FieldProblem[] = [];
  if (usage.children) problems.push({ field: 'id', message: `has ${usage.children} units under it; retire it instead` });
  if (clubs) problems.push({ field: 'id', message: `has ${clubs} clubs; a unit with clubs cannot be deleted, only retired with successors` });
  if (usage.successions) problems.push({ field: 'id', message: "is part of the hierarchy's history; it cannot be deleted" });
  if (problems.length) throw badInput(problems);
  try {
    await db.query('delete from admin_unit where id = $1', [unit.id]);
  } catch (error) {
    if (sqlStateOf(error) === '23503') throw badInput([{ field: 'id', message: 'is still referred to (plans, targets or surveys); retire it instead' }]);
    throw error;
  }
  await recordAuditBatch(db, requestId, [{ action: 'admin-unit.delete', entityType: 'admin_unit', entityId: unit.id, before: auditViewOf(unit) }]);
  return unit.id;
}

interface Retirement {
  predecessors: AdminUnit[];
  successors: AdminUnit[];
  kind: SuccessionKind | null;
  effectiveOn: string;
  /** Active units under the predecessors and the successor each moves under. */
  moves: Array<{ unit: AdminUnit; newParentId: string }>;
  created: AdminUnit[];
}

/**
 * Applies a checked retirement: moves the active units under the predecessors, ends the
 * predecessors, links them to their successors, and records every change in the audit trail.
 */
async function applyRetirement(db: EntityManager, requestId: string, retirement: Retirement): Promise<void> {
  const audit: AuditRecord[] = retirement.created.map((unit) => ({
    action: 'admin-unit.create',
    entityType: 'admin_unit',
    entityId: unit.id,
    after: auditViewOf(unit),
  }));

  for (const successor of retirement.successors) {
    const moved = retirement.moves.filter((move) => move.newParentId === successor.id).map((move) => move.unit.id);
    if (!moved.length) continue;
    await db.query(
      'update admin_unit set parent_id = $2, updated_at = now(), version = version + 1 where id = any($1)',
      [moved, successor.id],
    );
  }
  if (retirement.moves.length) {
    const movedIds = retirement.moves.map((move) => move.unit.id);
    const afterMove = new Map((await db.createQueryBuilder(AdminUnit, 'unit').where('unit.id = any(:movedIds)', { movedIds }).getMany()).map((unit) => [unit.id, unit]));
    for (const move of retirement.moves) {
      audit.push({
        action: 'admin-unit.move',
        entityType: 'admin_unit',
        entityId: move.unit.id,
        before: auditViewOf(move.unit),
        after: auditViewOf(afterMove.get(move.unit.id)!),
      });
    }
  }

  const predecessorIds = retirement.predecessors.map((unit) => unit.id);
  await db.query(
    `update admin_unit set valid_to = $2::date - 1, updated_at = now(), version = version + 1 where id = any($1)`,
    [predecessorIds, retirement.effectiveOn],
  );
  if (retirement.kind && retirement.successors.length) {
    await db.query(
      `insert into admin_unit_succession (predecessor_id, successor_id, kind, effective_on)
       select predecessor_id, successor_id, $3, $4
         from unnest($1::uuid[]) as predecessor(predecessor_id) cross join unnest($2::uuid[]) as successor(successor_id)`,
      [predecessorIds, retirement.successors.map((unit) => unit.id), retirement.kind, retirement.effectiveOn],
    );
  }
  const retired = new Map((await db.createQueryBuilder(AdminUnit, 'unit').where('unit.id = any(:predecessorIds)', { predecessorIds }).getMany()).map((unit) => [unit.id, unit]));
  for (const predecessor of retirement.predecessors) {
    audit.push({
      action: retirement.kind === SuccessionKind.MERGE ? 'admin-unit.merge' : retirement.kind === SuccessionKind.SPLIT ? 'admin-unit.split' : 'admin-unit.retire',
      entityType: 'admin_unit',
      entityId: predecessor.id,
      before: auditViewOf(predecessor),
      after: {
        ...auditViewOf(retired.get(predecessor.id)!),
        successorIds: retirement.successors.map((unit) => unit.id),
        effectiveOn: retirement.effectiveOn,
      },
    });
  }
  await recordAuditBatch(db, requestId, audit);
}

/** Locks the units and checks the versions that were read; any stale one refuses the whole change. */
async function lockVersioned(db: EntityManager, units: VersionedUnit[], what: string): Promise<AdminUnit[]> {
  const locked = await lockUnits(db, units.map((unit) => unit.id));
  return units.map((given) => {
    const unit = locked.get(given.id);
    if (!unit) throw notFound(what);
    if (unit.version !== given.version) throw conflict(`${unit.name}`);
    return unit;
  });
}

function levelProblems(field: string, children: AdminUnit[], kind: AdminUnitKind): FieldProblem[] {
  const misplaced = children.filter((child) => child.level <= levelOfKind(kind));
  return misplaced.length
    ? [{ field, message: `${misplaced.map((child) => child.name).join(', ')} cannot be under a unit of kind ${kind}` }]
    : [];
}

export interface RetireInput extends VersionedUnit {
  effectiveOn: string;
  successorIds?: string[] | null;
}

/**
 * Retires a unit (giải thể): alone, which a unit with clubs or active units under it cannot be;
 * into one existing unit (a merge, its active units move there); or among several existing units
 * (a split, with nothing active left under it).
 */
export async function retireAdminUnit(db: EntityManager, requestId: string, input: RetireInput): Promise<AdminUnit> {
  const [unit] = await lockVersioned(db, [input], 'Unit');
  const problems: FieldProblem[] = [];
  if (unit.validTo !== null) throw badInput([{ field: 'id', message: 'is already retired' }]);
  if (unit.parentId === null) throw badInput([{ field: 'id', message: 'the province itself cannot be retired here' }]);
  problems.push(...dateProblems('effectiveOn', input.effectiveOn), ...endProblems('effectiveOn', unit, input.effectiveOn));

  const successorIds = [...new Set(input.successorIds ?? [])];
  const successors: AdminUnit[] = [];
  for (const successorId of successorIds) {
    const successor = await findUnit(db, successorId);
    if (!successor) problems.push({ field: 'successorIds', message: 'are not all units of your province' });
    else if (successor.validTo !== null) problems.push({ field: 'successorIds', message: `${successor.name} is retired` });
    else if (isWithin(successor, unit)) problems.push({ field: 'successorIds', message: `${successor.name} is the unit itself or under it` });
    else successors.push(successor);
  }

  const clubs = (await countClubsInUnits(db, [unit.id])).get(unit.id) ?? 0;
  if (clubs && !successorIds.length) {
    problems.push({ field: 'successorIds', message: `${unit.name} has ${clubs} clubs: name the unit that takes its place` });
  }
  const children = await activeChildrenOf(db, [unit.id]);
  let moves: Retirement['moves'] = [];
  if (children.length && successorIds.length === 1 && successors.length === 1) {
    problems.push(...levelProblems('successorIds', children, successors[0].kind));
    moves = children.map((child) => ({ unit: child, newParentId: successors[0].id }));
  } else if (children.length && successorIds.length !== 1) {
    problems.push({
      field: 'id',
      message: `has ${children.length} active units under it; move or retire them first, or merge it into one unit`,
    });
  }
  if (problems.length) throw badInput(problems);

  const kind = successors.length === 0 ? null : successors.length === 1 ? SuccessionKind.MERGE : SuccessionKind.SPLIT;
  await applyRetirement(db, requestId, { predecessors: [unit], successors, kind, effectiveOn: input.effectiveOn, moves, created: [] });
  return db.findOneByOrFail(AdminUnit, { id: unit.id });
}

export interface MergeInput {
  predecessors: VersionedUnit[];
  successorId?: string | null;
  successor?: NewUnitFields | null;
  effectiveOn: string;
}

/** Sáp nhập: several units become one, existing or new; their active units move under it. */
export async function mergeAdminUnits(db: EntityManager, requestId: string, input: MergeInput): Promise<AdminUnit> {
  const problems: FieldProblem[] = [];
  if (!input.predecessors.length) throw badInput([{ field: 'predecessors', message: 'must name at least one unit' }]);
  if (new Set(input.predecessors.map((unit) => unit.id)).size !== input.predecessors.length) {
    throw badInput([{ field: 'predecessors', message: 'must not name a unit twice' }]);
  }
  if (Boolean(input.successorId) === Boolean(input.successor)) {
    throw badInput([{ field: 'successorId', message: 'give either an existing unit or a new one' }]);
  }
  const predecessors = await lockVersioned(db, input.predecessors, 'Unit');
  problems.push(...dateProblems('effectiveOn', input.effectiveOn));
  predecessors.forEach((unit, index) => {
    if (unit.validTo !== null) problems.push({ field: `predecessors.${index}.id`, message: `${unit.name} is already retired` });
    if (unit.parentId === null) problems.push({ field: `predecessors.${index}.id`, message: 'the province itself cannot be merged here' });
    problems.push(...endProblems('effectiveOn', unit, input.effectiveOn));
  });

  let successor: AdminUnit | null = null;
  let newSuccessor: CheckedNewUnit | null = null;
  if (input.successorId) {
    successor = await findUnit(db, input.successorId);
    if (!successor) problems.push({ field: 'successorId', message: 'is not a unit of your province' });
    else if (successor.validTo !== null) problems.push({ field: 'successorId', message: 'is retired; choose a unit in force' });
    else if (predecessors.some((unit) => isWithin(successor!, unit))) {
      problems.push({ field: 'successorId', message: 'must not be one of the merged units or under one of them' });
    }
  } else {
    newSuccessor = await checkNewUnit(db, input.successor!, 'successor.', problems, {
      parentId: predecessors[0].parentId,
      validFrom: input.effectiveOn,
    });
    if (newSuccessor.parent && predecessors.some((unit) => isWithin(newSuccessor!.parent!, unit))) {
      problems.push({ field: 'successor.parentId', message: 'must not be one of the merged units or under one of them' });
    }
  }
  const successorKind = successor?.kind ?? input.successor?.kind;
  const children = await activeChildrenOf(db, predecessors.map((unit) => unit.id));
  if (successorKind) problems.push(...levelProblems(input.successorId ? 'successorId' : 'successor.kind', children, successorKind));
  if (problems.length) throw badInput(problems);

  const created: AdminUnit[] = [];
  if (newSuccessor) {
    successor = await insertUnitOrExplain(db, newSuccessor.fields, 'successor.');
    created.push(successor);
  }
  const target = successor!;
  await applyRetirement(db, requestId, {
    predecessors,
    successors: [target],
    kind: SuccessionKind.MERGE,
    effectiveOn: input.effectiveOn,
    moves: children.map((child) => ({ unit: child, newParentId: target.id })),
    created,
  });
  return db.findOneByOrFail(AdminUnit, { id: target.id });
}

export interface SplitInput extends VersionedUnit {
  successors: Array<{ existingId?: string | null; unit?: NewUnitFields | null; childIds?: string[] | null }>;
  effectiveOn: string;
}

/** Chia tách: one unit is divided among several; each of its active units goes to one of them. */
export async function splitAdminUnit(db: EntityManager, requestId: string, input: SplitInput): Promise<AdminUnit[]> {
  const [unit] = await lockVersioned(db, [input], 'Unit');
  if (unit.validTo !== null) throw badInput([{ field: 'id', message: 'is already retired' }]);
  if (unit.parentId === null) throw badInput([{ field: 'id', message: 'the province itself cannot be split here' }]);
  const problems: FieldProblem[] = [];
  if (input.successors.length < 2) problems.push({ field: 'successors', message: 'a split needs at least two successors' });
  problems.push(...dateProblems('effectiveOn', input.effectiveOn), ...endProblems('effectiveOn', unit, input.effectiveOn));

  const children = await activeChildrenOf(db, [unit.id]);
  const childById = new Map(children.map((child) => [child.id, child]));
  const assigned = new Set<string>();
  const plans: Array<{ existing: AdminUnit | null; fresh: CheckedNewUnit | null; children: AdminUnit[] }> = [];
  const existingIds = new Set<string>();

  for (const [index, given] of input.successors.entries()) {
    const prefix = `successors.${index}.`;
    const plan: (typeof plans)[number] = { existing: null, fresh: null, children: [] };
    if (Boolean(given.existingId) === Boolean(given.unit)) {
      problems.push({ field: `${prefix}existingId`, message: 'give either an existing unit or a new one' });
    } else if (given.existingId) {
      const existing = await findUnit(db, given.existingId);
      if (!existing) problems.push({ field: `${prefix}existingId`, message: 'is not a unit of your province' });
      else if (existing.validTo !== null) problems.push({ field: `${prefix}existingId`, message: 'is retired; choose a unit in force' });
      else if (isWithin(existing, unit)) problems.push({ field: `${prefix}existingId`, message: 'is the split unit itself or under it' });
      else if (existingIds.has(existing.id)) problems.push({ field: `${prefix}existingId`, message: 'is named twice' });
      else {
        existingIds.add(existing.id);
        plan.existing = existing;
      }
    } else {
      plan.fresh = await checkNewUnit(db, given.unit!, `${prefix}unit.`, problems, { parentId: unit.parentId, validFrom: input.effectiveOn });
      if (plan.fresh.parent && isWithin(plan.fresh.parent, unit)) {
        problems.push({ field: `${prefix}unit.parentId`, message: 'must not be the split unit or under it' });
      }
    }
    for (const childId of new Set(given.childIds ?? [])) {
      const child = childById.get(childId);
      if (!child) problems.push({ field: `${prefix}childIds`, message: 'are not all active units directly under the split unit' });
      else if (assigned.has(childId)) problems.push({ field: `${prefix}childIds`, message: `${child.name} is given to two successors` });
      else {
        assigned.add(childId);
        plan.children.push(child);
      }
    }
    const kind = plan.existing?.kind ?? given.unit?.kind;
    if (kind) problems.push(...levelProblems(`${prefix}childIds`, plan.children, kind));
    plans.push(plan);
  }
  const left = children.filter((child) => !assigned.has(child.id));
  if (left.length) {
    problems.push({ field: 'successors', message: `${left.map((child) => child.name).join(', ')} must each go to a successor` });
  }
  if (problems.length) throw badInput(problems);

  const successors: AdminUnit[] = [];
  const created: AdminUnit[] = [];
  const moves: Retirement['moves'] = [];
  for (const [index, plan] of plans.entries()) {
    let successor = plan.existing;
    if (!successor) {
      successor = await insertUnitOrExplain(db, plan.fresh!.fields, `successors.${index}.unit.`);
      created.push(successor);
    }
    successors.push(successor);
    for (const child of plan.children) moves.push({ unit: child, newParentId: successor.id });
  }
  await applyRetirement(db, requestId, { predecessors: [unit], successors, kind: SuccessionKind.SPLIT, effectiveOn: input.effectiveOn, moves, created });
  return db.createQueryBuilder(AdminUnit, 'unit').where('unit.id = any(:ids)', { ids: successors.map((s) => s.id) }).orderBy('unit.sortKey').getMany();
}
