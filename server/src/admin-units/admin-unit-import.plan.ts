import { randomUUID } from 'node:crypto';
import type { FieldProblem } from '../graphql/errors.js';
import { normalizeText } from '../text.js';
import { dateOfCell, kindOfCell, type RawImportRow } from './admin-unit.csv.js';
import { type AdminUnitKind, levelOfKind, VIETNAMESE_KIND_PREFIX } from './admin-unit-kind.js';

/**
 * Checking an import as a whole, without the database: the rows of the file against the units
 * the province has. Pure, so every rule is tested directly and preview and commit agree.
 */

export enum ImportAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
}

export interface ExistingUnit {
  id: string;
  code: string | null;
  name: string;
  kind: AdminUnitKind;
  parentId: string | null;
  retired: boolean;
  validFrom: string | null;
  validTo: string | null;
  version: number;
}

/**
 * What a row changes of the unit it matches, from what to what: the name, the kind (an
 * AdminUnitKind), the parent (its full name, "Huyện Kiên Lương") or the first day (YYYY-MM-DD).
 */
export interface PlannedChange {
  field: 'name' | 'kind' | 'parent' | 'validFrom';
  from: string | null;
  to: string | null;
}

export interface PlannedRow {
  rowNumber: number;
  code: string;
  name: string;
  kind: string;
  parentCode: string;
  validFrom: string;
  validTo: string;
  action: ImportAction;
  /** For a row that matches a unit: what it changes (empty when nothing). */
  changes: PlannedChange[];
  problems: FieldProblem[];
  /** The unit the row creates or changes; filled for rows without problems. */
  unitId: string | null;
}

export interface PlannedCreate {
  id: string;
  parentId: string;
  code: string | null;
  name: string;
  kind: AdminUnitKind;
  validFrom: string | null;
  /** A unit the file says was retired arrives retired, with its last day. */
  validTo: string | null;
  /** Rows created under other new rows wait for them: inserts go by this depth. */
  depth: number;
}

export interface PlannedUpdate {
  id: string;
  version: number;
  code: string | null;
  name: string;
  kind: AdminUnitKind;
  parentId: string | null;
  validFrom: string | null;
  moved: boolean;
  /** Depth in the new tree, so moves run parents first. */
  depth: number;
}

export interface ImportPlan {
  rows: PlannedRow[];
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
}

const CODE = /^[0-9]{2,8}$/;
const MAX_NAME = 200;

interface Candidate {
  raw: RawImportRow;
  code: string | null;
  name: string;
  kind: AdminUnitKind | undefined;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  problems: FieldProblem[];
  existing: ExistingUnit | undefined;
  /** Node in the final tree: an existing unit's id, or a new id. */
  node: string;
  parentNode: string | null;
}

export function planImport(rawRows: RawImportRow[], existingUnits: ExistingUnit[]): ImportPlan {
  const existingByCode = new Map(existingUnits.filter((unit) => unit.code).map((unit) => [unit.code!, unit]));
  const existingById = new Map(existingUnits.map((unit) => [unit.id, unit]));
  const existingByParentAndName = new Map(existingUnits.map((unit) => [`${unit.parentId}|${unit.name}`, unit]));

  const candidates: Candidate[] = rawRows.map((raw) => {
    const problems: FieldProblem[] = [];
    const code = raw.code.trim() || null;
    const name = normalizeText(raw.name);
    const parentCode = raw.parentCode.trim() || null;
    if (code !== null && !CODE.test(code)) problems.push({ field: 'code', message: `"${code}" is not a GSO code (2 to 8 digits)` });
    if (!name) problems.push({ field: 'name', message: 'is empty' });
    else if (name.length > MAX_NAME) problems.push({ field: 'name', message: `is longer than ${MAX_NAME} characters` });
    const kind = kindOfCell(raw.kind);
    if (!kind) problems.push({ field: 'kind', message: `"${raw.kind.trim()}" is not a kind of unit (e.g. Xã, Phường, Thị trấn, Ấp, Khu phố)` });
    const validFrom = dateOfCell(raw.validFrom);
    const validTo = dateOfCell(raw.validTo);
    if (validFrom === undefined) problems.push({ field: 'validFrom', message: `"${raw.validFrom.trim()}" is not a date (YYYY-MM-DD or dd/mm/yyyy)` });
    if (validTo === undefined) problems.push({ field: 'validTo', message: `"${raw.validTo.trim()}" is not a date (YYYY-MM-DD or dd/mm/yyyy)` });
    if (validFrom && validTo && validTo <= validFrom) problems.push({ field: 'validTo', message: 'must be after valid_from' });
    return {
      raw, code, name, kind, parentCode, validFrom: validFrom ?? null, validTo: validTo ?? null, problems, existing: undefined, node: '', parentNode: null,
    };
  });

  const firstRowOfCode = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!candidate.code) continue;
    const first = firstRowOfCode.get(candidate.code);
    if (first) candidate.problems.push({ field: 'code', message: `duplicate code: also on row ${first.raw.rowNumber}` });
    else firstRowOfCode.set(candidate.code, candidate);
  }

  // Parents resolve to the file first (a row may add or change the parent), then to the province.
  const nodeOfCode = (code: string): string | null => {
    const row = firstRowOfCode.get(code);
    if (row) return row.node;
    return existingByCode.get(code)?.id ?? null;
  };
  for (const candidate of candidates) {
    if (candidate.code) candidate.existing = existingByCode.get(candidate.code);
    candidate.node = candidate.existing?.id ?? randomUUID();
  }
  for (const candidate of candidates) {
    if (!candidate.parentCode) continue;
    if (candidate.parentCode === candidate.code) {
      candidate.problems.push({ field: 'parentCode', message: 'cycle: a unit cannot be its own parent' });
      continue;
    }
    candidate.parentNode = nodeOfCode(candidate.parentCode);
    if (candidate.parentNode === null) {
      candidate.problems.push({ field: 'parentCode', message: `unknown parent: no unit has code ${candidate.parentCode}, in the file or in your province` });
    }
  }
  // Rows without a code are matched by parent and name: hamlets often have no GSO code.
  const firstRowOfUncoded = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (candidate.code || !candidate.name) continue;
    const key = `${candidate.parentNode}|${candidate.name}`;
    const first = firstRowOfUncoded.get(key);
    if (first) {
      candidate.problems.push({ field: 'name', message: `duplicate: the same unit without a code is also on row ${first.raw.rowNumber}` });
      continue;
    }
    firstRowOfUncoded.set(key, candidate);
    const existing = existingByParentAndName.get(key);
    if (existing && !existing.code) {
      candidate.existing = existing;
      candidate.node = existing.id;
    }
  }

  const candidateOfNode = new Map<string, Candidate>();
  for (const candidate of candidates) if (!candidateOfNode.has(candidate.node)) candidateOfNode.set(candidate.node, candidate);
  const finalParentOf = (node: string): string | null => {
    const candidate = candidateOfNode.get(node);
    if (candidate) return candidate.parentNode ?? (candidate.parentCode ? null : (candidate.existing?.parentId ?? null));
    return existingById.get(node)?.parentId ?? null;
  };
  const kindOfNode = (node: string): AdminUnitKind | undefined => candidateOfNode.get(node)?.kind ?? existingById.get(node)?.kind;
  // Whether a unit is retired once the file is in: existing units keep their dates; new ones are retired when the file gives a last day.
  const isRetiredNode = (node: string): boolean => {
    const candidate = candidateOfNode.get(node);
    if (candidate && !candidate.existing) return candidate.validTo !== null;
    return existingById.get(node)?.retired ?? false;
  };
  // Only a valid_from the file states changes a unit; a blank cell keeps what the unit has.
  const validFromChanges = (candidate: Candidate): boolean =>
    candidate.existing !== undefined && candidate.validFrom !== null && candidate.validFrom !== candidate.existing.validFrom;
  const nameOfNode = (node: string): string => candidateOfNode.get(node)?.name || existingById.get(node)?.name || '?';
  const fullNameOfNode = (node: string | null): string | null => {
    if (node === null) return null;
    const kind = kindOfNode(node);
    return kind ? `${VIETNAMESE_KIND_PREFIX[kind]} ${nameOfNode(node)}` : nameOfNode(node);
  };
  const changesOf = (candidate: Candidate): PlannedChange[] => {
    const { existing } = candidate;
    if (!existing) return [];
    const changes: PlannedChange[] = [];
    if (candidate.name && existing.name !== candidate.name) changes.push({ field: 'name', from: existing.name, to: candidate.name });
    if (candidate.kind && existing.kind !== candidate.kind) changes.push({ field: 'kind', from: existing.kind, to: candidate.kind });
    if (candidate.parentNode !== null && existing.parentId !== candidate.parentNode) {
      // The old parent as it stands now: a row of the file may rename it too.
      const oldParent = existing.parentId ? existingById.get(existing.parentId) : undefined;
      changes.push({ field: 'parent', from: oldParent ? `${VIETNAMESE_KIND_PREFIX[oldParent.kind]} ${oldParent.name}` : null, to: fullNameOfNode(candidate.parentNode) });
    }
    if (validFromChanges(candidate)) changes.push({ field: 'validFrom', from: existing.validFrom, to: candidate.validFrom });
    return changes;
  };

  const limit = existingUnits.length + candidates.length + 1;
  const depthOf = (node: string): number => {
    let depth = 0;
    for (let current = finalParentOf(node); current !== null && depth < limit; current = finalParentOf(current)) depth += 1;
    return depth;
  };

  for (const candidate of candidates) {
    const { existing } = candidate;
    let inCycle = false;
    if (candidate.parentNode) {
      const chain = [candidate.node];
      for (let current: string | null = candidate.parentNode; current !== null && chain.length <= limit; current = finalParentOf(current)) {
        chain.push(current);
        if (current === candidate.node) {
          candidate.problems.push({ field: 'parentCode', message: `cycle: ${chain.map(nameOfNode).join(' → ')}` });
          inCycle = true;
          break;
        }
      }
    }
    if (!candidate.parentCode && !(existing && existing.parentId === null)) {
      candidate.problems.push({ field: 'parentCode', message: 'is required (only the province itself has none)' });
    }
    const parentKind = candidate.parentNode ? kindOfNode(candidate.parentNode) : undefined;
    if (!inCycle && candidate.kind && parentKind && levelOfKind(parentKind) >= levelOfKind(candidate.kind)) {
      candidate.problems.push({ field: 'kind', message: `a ${candidate.kind} cannot be under a ${parentKind} (${nameOfNode(candidate.parentNode!)})` });
    }
    const changes =
      existing !== undefined &&
      (existing.name !== candidate.name ||
        existing.kind !== candidate.kind ||
        (candidate.parentNode !== null && existing.parentId !== candidate.parentNode) ||
        validFromChanges(candidate));
    if (existing?.retired && changes) {
      candidate.problems.push({ field: 'code', message: 'belongs to a retired unit, which keeps its last form' });
    }
    if (existing && candidate.validTo !== null && candidate.validTo !== existing.validTo) {
      candidate.problems.push({
        field: 'validTo',
        message: existing.retired
          ? `is not the retired unit’s last day (${existing.validTo}); a retired unit keeps its last form`
          : 'a unit in force is retired on the hierarchy screen (retire, merge or split), not by import',
      });
    }
    const inForce = existing ? !existing.retired : candidate.validTo === null;
    if (candidate.parentNode && inForce && isRetiredNode(candidate.parentNode) && (!existing || existing.parentId !== candidate.parentNode)) {
      candidate.problems.push({ field: 'parentCode', message: `the parent ${nameOfNode(candidate.parentNode)} is retired` });
    }
    if (existing && candidate.kind && candidate.kind !== existing.kind) {
      const stranded = existingUnits.filter(
        (unit) => unit.parentId === existing.id && !candidateOfNode.has(unit.id) && levelOfKind(unit.kind) <= levelOfKind(candidate.kind!),
      );
      if (stranded.length) {
        candidate.problems.push({ field: 'kind', message: `the units under it (${stranded.map((unit) => unit.name).join(', ')}) would no longer be of a lower level` });
      }
    }
  }

  const rows: PlannedRow[] = [];
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  for (const candidate of candidates) {
    const { existing, raw } = candidate;
    const ok = candidate.problems.length === 0;
    const moved = existing !== undefined && candidate.parentNode !== null && existing.parentId !== candidate.parentNode;
    const action = !existing
      ? ImportAction.CREATE
      : existing.name !== candidate.name || existing.kind !== candidate.kind || moved || validFromChanges(candidate)
        ? ImportAction.UPDATE
        : ImportAction.UNCHANGED;
    rows.push({
      rowNumber: raw.rowNumber,
      code: raw.code,
      name: raw.name,
      kind: raw.kind,
      parentCode: raw.parentCode,
      validFrom: raw.validFrom,
      validTo: raw.validTo,
      action,
      changes: changesOf(candidate),
      problems: candidate.problems,
      unitId: ok ? candidate.node : null,
    });
    if (!ok) continue;
    if (action === ImportAction.CREATE) {
      creates.push({
        id: candidate.node,
        parentId: candidate.parentNode!,
        code: candidate.code,
        name: candidate.name,
        kind: candidate.kind!,
        validFrom: candidate.validFrom,
        validTo: candidate.validTo,
        depth: depthOf(candidate.node),
      });
    } else if (action === ImportAction.UPDATE) {
      updates.push({
        id: existing!.id,
        version: existing!.version,
        code: existing!.code,
        name: candidate.name,
        kind: candidate.kind!,
        parentId: moved ? candidate.parentNode : existing!.parentId,
        validFrom: candidate.validFrom ?? existing!.validFrom,
        moved,
        depth: depthOf(existing!.id),
      });
    }
  }
  return { rows, creates, updates };
}
