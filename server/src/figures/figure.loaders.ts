import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { healthOf } from './club-health.js';
import { clubFiguresAt } from './figure.service.js';
import type { ClubFigures, ClubHealth } from './figure.types.js';

/** Keys are `tenant|club|month`: one batch per tenant and month, however many clubs ask. */
function groupedByTenantAndMonth(keys: readonly string[]): Map<string, { tenantId: string; month: string; clubIds: string[] }> {
  const groups = new Map<string, { tenantId: string; month: string; clubIds: string[] }>();
  for (const key of keys) {
    const [tenantId, clubId, month] = key.split('|');
    const group = groups.get(`${tenantId}|${month}`) ?? { tenantId, month, clubIds: [] };
    group.clubIds.push(clubId);
    groups.set(`${tenantId}|${month}`, group);
  }
  return groups;
}

export function createFigureLoaders(db: () => Promise<EntityManager>) {
  return {
    clubFiguresAt: new DataLoader<string, ClubFigures | null>(async (keys) => {
      const found = new Map<string, ClubFigures>();
      for (const group of groupedByTenantAndMonth(keys).values()) {
        for (const [clubId, figures] of await clubFiguresAt(await db(), group.clubIds, group.month)) found.set(`${group.tenantId}|${clubId}|${group.month}`, figures);
      }
      return keys.map((key) => found.get(key) ?? null);
    }),
    clubHealthAt: new DataLoader<string, ClubHealth | null>(async (keys) => {
      const found = new Map<string, ClubHealth>();
      for (const group of groupedByTenantAndMonth(keys).values()) {
        for (const [clubId, health] of await healthOf(await db(), group.tenantId, group.clubIds, group.month)) found.set(`${group.tenantId}|${clubId}|${group.month}`, health);
      }
      return keys.map((key) => found.get(key) ?? null);
    }),
  };
}
