import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Tenant } from './tenant.entity.js';
import { findLineage, findTenantsByIds, type LineageRow } from './tenant.service.js';

export function createTenantLoaders(db: () => Promise<EntityManager>) {
  return {
    tenantById: new DataLoader<string, Tenant | null>(async (ids) => {
      const tenants = await findTenantsByIds(await db(), ids);
      const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    lineageOfTenant: new DataLoader<string, LineageRow[]>(async (ids) => {
      const rows = await findLineage(await db(), ids);
      return ids.map((id) => rows.filter((row) => row.predecessorId === id || row.successorId === id));
    }),
  };
}
