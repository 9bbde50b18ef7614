import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { AdminUnit } from './admin-unit.entity.js';
import { countChildrenOf, findAdminUnitsByIds, findChildrenOf, findRootUnitsOf } from './admin-unit.service.js';

export function createAdminUnitLoaders(db: () => Promise<EntityManager>) {
  return {
    adminUnitById: new DataLoader<string, AdminUnit | null>(async (ids) => {
      const units = await findAdminUnitsByIds(await db(), ids);
      const byId = new Map(units.map((unit) => [unit.id, unit]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    adminUnitChildren: new DataLoader<string, AdminUnit[]>(async (parentIds) => {
      const children = await findChildrenOf(await db(), parentIds);
      return parentIds.map((parentId) => children.filter((child) => child.parentId === parentId));
    }),
    adminUnitChildCount: new DataLoader<string, number>(async (parentIds) => {
      const counts = await countChildrenOf(await db(), parentIds);
      return parentIds.map((parentId) => counts.get(parentId) ?? 0);
    }),
    rootUnitsByTenant: new DataLoader<string, AdminUnit[]>(async (tenantIds) => {
      const roots = await findRootUnitsOf(await db(), tenantIds);
      return tenantIds.map((tenantId) => roots.filter((root) => root.tenantId === tenantId));
    }),
  };
}
