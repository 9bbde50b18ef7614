import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { attendeeIdsOf } from './activity.service.js';

export function createActivityLoaders(db: () => Promise<EntityManager>) {
  return {
    attendeeIdsByActivity: new DataLoader<string, string[]>(async (activityIds) => {
      const byActivity = await attendeeIdsOf(await db(), activityIds);
      return activityIds.map((id) => byActivity.get(id) ?? []);
    }),
  };
}
