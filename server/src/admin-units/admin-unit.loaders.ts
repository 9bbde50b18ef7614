import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { AdminUnit } from './admin-unit.entity.js';
import { countChildrenOf, findAdminUnitsByIds, findChildrenOf, findRootUnitsOf } from './admin-unit.service.js';
import { countClubsInUnits } from '../clubs/club.service.js';
import { type AdminUnitSuccession, findSuccessions } from './admin-unit-succession.js';

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
    successionsFromUnit: new DataLoader<string, AdminUnitSuccession[]>(async (unitIds) => {
      const successions = await findSuccessions(await db(), 'predecessor', unitIds);
      return unitIds.map((unitId) => successions.filter((succession) => succession.predecessorId === unitId));
    }),
    successionsIntoUnit: new DataLoader<string, AdminUnitSuccession[]>(async (unitIds) => {
      const successions = await findSuccessions(await db(), 'successor', unitIds);
      return unitIds.map((unitId) => successions.filter((succession) => succession.successorId === unitId));
    }),
    clubCountOfUnit: new DataLoader<string, number>(async (unitIds) => {
      const counts = await countClubsInUnits(await db(), unitIds);
      return unitIds.map((unitId) => counts.get(unitId) ?? 0);
    }),
  };
}
