import type { EntityManager } from 'typeorm';
import { AdminUnitKind } from '../admin-units/admin-unit-kind.js';
import { createRootUnit } from '../admin-units/admin-unit.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, type FieldProblem } from '../graphql/errors.js';
import { normalizeText } from '../text.js';
import { createFirstProvinceAdmin } from '../users/user.service.js';
import type { User } from '../users/user.entity.js';
import { Tenant } from './tenant.entity.js';

export async function listTenants(db: EntityManager): Promise<Tenant[]> {
  return db.createQueryBuilder(Tenant, 'tenant').orderBy('tenant.code', 'ASC').getMany();
}

export async function findTenantsByIds(db: EntityManager, ids: readonly string[]): Promise<Tenant[]> {
  // A plain statement, not the query builder: the national comparison names every province, and
  // building and mapping through the ORM cost more than the statement itself.
  const rows: Array<Record<string, any>> = await db.query(`select tenant.id as tenant_id, ${TENANT_COLUMNS} from tenant where tenant.id = any($1::uuid[])`, [ids]);
  return rows.map((row) => tenantFromRow(row, row.tenant_id));
}

/** A province read with TENANT_COLUMNS (beside other columns of a larger statement). */
export function tenantFromRow(row: Record<string, any>, tenantId: string): Tenant {
  return Object.assign(new Tenant(), {
    id: tenantId,
    code: row.tenant_code,
    slug: row.tenant_slug,
    name: row.tenant_name,
    status: row.tenant_status,
    validFrom: row.tenant_valid_from,
    validTo: row.tenant_valid_to,
    sample: row.tenant_sample,
    createdAt: row.tenant_created_at,
    version: row.tenant_version,
  });
}

export const TENANT_COLUMNS = `tenant.code as tenant_code, tenant.slug as tenant_slug, tenant.name as tenant_name, tenant.status as tenant_status,
  tenant.valid_from::text as tenant_valid_from, tenant.valid_to::text as tenant_valid_to, tenant.sample as tenant_sample,
  tenant.created_at as tenant_created_at, tenant.version as tenant_version`;

export interface LineageRow {
  predecessorId: string;
  successorId: string;
  effectiveOn: string;
  reason: string;
}

/** The merges that name any of the tenants, as predecessor or successor. */
export async function findLineage(db: EntityManager, tenantIds: readonly string[]): Promise<LineageRow[]> {
  const rows: Array<{ predecessor_id: string; successor_id: string; effective_on: string; reason: string }> = await db.query(
    `select predecessor_id, successor_id, effective_on::text, reason from tenant_lineage
      where predecessor_id = any ($1) or successor_id = any ($1)`,
    [tenantIds],
  );
  return rows.map((row) => ({ predecessorId: row.predecessor_id, successorId: row.successor_id, effectiveOn: row.effective_on, reason: row.reason }));
}

export interface NewTenant {
  code: string;
  slug: string;
  name: string;
  adminLogin: string;
  adminDisplayName: string;
  adminPassword: string;
}

/** A new province workspace with its root unit and first administrator, all or nothing. */
export async function createTenant(
  db: EntityManager,
  requestId: string,
  input: NewTenant,
): Promise<{ tenant: Tenant; admin: User }> {
  const name = normalizeText(input.name);
  const problems: FieldProblem[] = [];
  if (!/^[0-9]{2}$/.test(input.code)) problems.push({ field: 'code', message: 'must be the two-digit GSO province code' });
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug)) {
    problems.push({ field: 'slug', message: 'must be lower-case letters and digits joined by hyphens, e.g. "kien-giang"' });
  }
  if (!name) problems.push({ field: 'name', message: 'must not be empty' });
  const taken: Array<{ code: string; slug: string }> = await db.query(
    `select code, slug from tenant where status <> 'RETIRED' and (code = $1 or slug = $2)`,
    [input.code, input.slug],
  );
  if (taken.some((row) => row.code === input.code)) problems.push({ field: 'code', message: 'is already used by another province' });
  if (taken.some((row) => row.slug === input.slug)) problems.push({ field: 'slug', message: 'is already used by another province' });
  if (problems.length) throw badInput(problems);

  const rows: Array<{ id: string }> = await db.query(
    'insert into tenant (code, slug, name) values ($1, $2, $3) returning id',
    [input.code, input.slug, name],
  );
  const tenantId = rows[0].id;
  await createRootUnit(db, { tenantId, code: input.code, name, kind: AdminUnitKind.PROVINCE });
  const admin = await createFirstProvinceAdmin(db, requestId, {
    tenantId,
    login: input.adminLogin,
    displayName: input.adminDisplayName,
    password: input.adminPassword,
  });
  const tenant = await db.findOneByOrFail(Tenant, { id: tenantId });
  await recordAudit(db, requestId, { action: 'tenant.create', entityType: 'tenant', entityId: tenantId, after: tenant, tenantId });
  return { tenant, admin };
}
