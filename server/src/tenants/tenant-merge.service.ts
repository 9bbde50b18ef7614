import type { EntityManager } from 'typeorm';
import { AdminUnitKind } from '../admin-units/admin-unit-kind.js';
import { createRootUnit } from '../admin-units/admin-unit.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { addDays, todayInVietnam } from '../calendar.js';
import { badInput, type FieldProblem } from '../graphql/errors.js';
import { normalizeText } from '../text.js';
import { Tenant } from './tenant.entity.js';

export interface MergeProvincesRequest {
  /** The workspaces that end the day before `effectiveOn`. */
  predecessorIds: string[];
  /** An existing workspace that takes them in… */
  successorId?: string | null;
  /** …or a new one made for the merge. */
  successor?: { code: string; name: string; slug: string } | null;
  /** The first day of the merged province (YYYY-MM-DD). */
  effectiveOn: string;
  reason: string;
  /** What becomes of the predecessors' province administrators: admins of the successor, or disabled. */
  predecessorAdmins: 'MOVE' | 'DISABLE';
}

interface PredecessorRow {
  id: string;
  code: string;
  name: string;
  status: string;
  valid_from: string | null;
}

/**
 * Two or more province workspaces become one from a day, into an existing workspace or a new one:
 * all or nothing, in the caller's transaction (a national administration scope), audited. The
 * predecessors' clubs, members, funds, loans, activities, reports, units, schemes, surveys and
 * accounts move into the successor without a break; the predecessors are retired the day before
 * and stay readable as history.
 */
export async function mergeProvinces(db: EntityManager, requestId: string, input: MergeProvincesRequest): Promise<{ successorId: string }> {
  const problems: FieldProblem[] = [];
  const predecessorIds = [...new Set(input.predecessorIds)];
  const reason = normalizeText(input.reason ?? '');
  const newSuccessor = input.successor
    ? { code: input.successor.code.trim(), slug: input.successor.slug.trim(), name: normalizeText(input.successor.name) }
    : null;

  if (predecessorIds.length !== input.predecessorIds.length) problems.push({ field: 'predecessorIds', message: 'names a province twice' });
  if (!input.successorId === !newSuccessor) {
    problems.push({ field: 'successorId', message: 'give either an existing successor or a new one (successor), not both' });
  }
  const provincesMerging = predecessorIds.length + (input.successorId ? 1 : 0);
  if (provincesMerging < 2) problems.push({ field: 'predecessorIds', message: 'a merge needs at least two provinces' });
  if (input.successorId && predecessorIds.includes(input.successorId)) {
    problems.push({ field: 'successorId', message: 'cannot also be a predecessor' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveOn)) problems.push({ field: 'effectiveOn', message: 'must be a date' });
  // Club staff work in the successor from the moment the merge is recorded: it is recorded on or after its day.
  else if (input.effectiveOn > todayInVietnam()) problems.push({ field: 'effectiveOn', message: 'must not be in the future: record the merge on or after its day' });
  if (!reason) problems.push({ field: 'reason', message: 'must say why (e.g. the resolution that merged the provinces)' });
  if (reason.length > 2000) problems.push({ field: 'reason', message: 'must be at most 2000 characters' });
  if (newSuccessor) {
    if (!/^[0-9]{2}$/.test(newSuccessor.code)) problems.push({ field: 'successor.code', message: 'must be the two-digit GSO province code' });
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(newSuccessor.slug) || newSuccessor.slug.length > 60) {
      problems.push({ field: 'successor.slug', message: 'must be lower-case letters and digits joined by hyphens, e.g. "an-giang"' });
    }
    if (!newSuccessor.name || newSuccessor.name.length > 200) problems.push({ field: 'successor.name', message: 'must be 1 to 200 characters' });
  }
  if (problems.length) throw badInput(problems);

  // The provinces taking part are locked for the rest of the transaction: two merges of one
  // province cannot both go through.
  const involved = [...predecessorIds, ...(input.successorId ? [input.successorId] : [])];
  const rows: PredecessorRow[] = await db.query(
    `select id, code, name, status, valid_from::text from tenant where id = any ($1) order by code for update`,
    [involved],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  predecessorIds.forEach((id, index) => {
    const predecessor = byId.get(id);
    if (!predecessor) problems.push({ field: `predecessorIds[${index}]`, message: 'is not a province workspace' });
    else if (predecessor.status === 'RETIRED') problems.push({ field: `predecessorIds[${index}]`, message: `${predecessor.name} is already retired` });
    else if (predecessor.valid_from && predecessor.valid_from >= input.effectiveOn) {
      problems.push({ field: 'effectiveOn', message: `must be after ${predecessor.name} began (${predecessor.valid_from})` });
    }
  });
  const existingSuccessor = input.successorId ? byId.get(input.successorId) : undefined;
  if (input.successorId && !existingSuccessor) problems.push({ field: 'successorId', message: 'is not a province workspace' });
  if (existingSuccessor && existingSuccessor.status !== 'ACTIVE') {
    problems.push({ field: 'successorId', message: `${existingSuccessor.name} is not in use` });
  }
  if (newSuccessor) {
    // The predecessors give up their codes and slugs with the merge; any other province in use keeps its own.
    const taken: Array<{ code: string; slug: string }> = await db.query(
      `select code, slug from tenant where status <> 'RETIRED' and not (id = any ($3)) and (code = $1 or slug = $2)`,
      [newSuccessor.code, newSuccessor.slug, predecessorIds],
    );
    if (taken.some((row) => row.code === newSuccessor.code)) problems.push({ field: 'successor.code', message: 'is used by another province' });
    if (taken.some((row) => row.slug === newSuccessor.slug)) problems.push({ field: 'successor.slug', message: 'is used by another province' });
  }
  if (problems.length) throw badInput(problems);

  const before = rows.map((row) => ({ id: row.id, code: row.code, name: row.name, status: row.status }));
  // The revisions of kept answers move statement by statement here, not at commit: the re-keying
  // holds tables' triggers off, which PostgreSQL refuses while a table has trigger events pending.
  await db.query('set constraints revise_answers immediate');
  const dayBefore = addDays(input.effectiveOn, -1);
  await db.query(
    `update tenant set status = 'RETIRED', valid_to = $2, updated_at = now(), version = version + 1 where id = any ($1)`,
    [predecessorIds, dayBefore],
  );
  let successorId = input.successorId ?? null;
  if (newSuccessor) {
    const [created]: Array<{ id: string }> = await db.query(
      `insert into tenant (code, slug, name, valid_from) values ($1, $2, $3, $4) returning id`,
      [newSuccessor.code, newSuccessor.slug, newSuccessor.name, input.effectiveOn],
    );
    successorId = created.id;
    await createRootUnit(db, { tenantId: successorId, code: newSuccessor.code, name: newSuccessor.name, kind: AdminUnitKind.PROVINCE });
  }
  await db.query(
    `insert into tenant_lineage (predecessor_id, successor_id, effective_on, reason, merged_by)
     select predecessor, $2, $3, $4, nullif(current_setting('app.user_id', true), '')::uuid from unnest($1::uuid[]) as predecessor`,
    [predecessorIds, successorId, input.effectiveOn, reason],
  );
  // A province's rows may be many: the re-keying gets the time it needs, within this transaction.
  await db.query(`select set_config('statement_timeout', '300s', true)`);
  try {
    await db.query('select ishc.rekey_provinces($1::uuid[], $2::uuid, $3::date, $4)', [
      predecessorIds,
      successorId,
      input.effectiveOn,
      input.predecessorAdmins === 'DISABLE',
    ]);
  } catch (error) {
    throw refusalOf(error, byId) ?? error;
  }

  const after = await db.findOneByOrFail(Tenant, { id: successorId! });
  const merge = { predecessors: before.filter((row) => predecessorIds.includes(row.id)), effectiveOn: input.effectiveOn, reason, predecessorAdmins: input.predecessorAdmins };
  await recordAudit(db, requestId, { action: 'tenant.merge', entityType: 'tenant', entityId: successorId, before, after: { ...merge, successor: after }, tenantId: successorId! });
  for (const id of predecessorIds) {
    await recordAudit(db, requestId, { action: 'tenant.retire', entityType: 'tenant', entityId: id, before: byId.get(id), after: { status: 'RETIRED', validTo: dayBefore, successorId }, tenantId: id });
  }
  return { successorId: successorId! };
}

/**
 * The re-keying refuses a merge day that would leave activity dated from it on in a predecessor
 * (the province it names, the day and what it was); the refusal names the latest.
 */
function refusalOf(error: unknown, provinces: Map<string, PredecessorRow>) {
  const driverError = (error as { driverError?: { code?: string; constraint?: string; hint?: string; detail?: string } }).driverError;
  // Two of the provinces hold a unit with the same code: GSO codes are national, so one is wrong.
  if (driverError?.code === '23505' && driverError.constraint === 'admin_unit_tenant_id_code_key') {
    const code = /\(tenant_id, code\)=\([^,]+, ([^)]+)\)/.exec(driverError.detail ?? '')?.[1] ?? '?';
    return badInput([{ field: 'predecessorIds', message: `two of the provinces have a unit with code ${code}: correct one of them before merging` }]);
  }
  if (driverError?.hint !== 'ishc:activity-after-merge' || !driverError.detail) return null;
  const [tenantId, day, what] = driverError.detail.split('|');
  const name = provinces.get(tenantId)?.name ?? 'a predecessor';
  return badInput([
    { field: 'effectiveOn', message: `must be after ${name}'s last recorded activity (${what} on ${day}): what is dated from the merge day on belongs to the merged province` },
  ]);
}
