import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../calendar.js';
import type { Club } from './club.entity.js';
import { qualityOf, type QualityChecklist } from './club-quality.js';
import { findClubsByIds } from './club.service.js';

export function createClubLoaders(db: () => Promise<EntityManager>) {
  return {
    clubById: new DataLoader<string, Club | null>(async (ids) => {
      const clubs = await findClubsByIds(await db(), ids);
      const byId = new Map(clubs.map((club) => [club.id, club]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    clubQualityToday: new DataLoader<string, QualityChecklist>(async (ids) => {
      const quality = await qualityOf(await db(), ids, todayInVietnam());
      return ids.map((id) => quality.get(id)!);
    }),
    inClubPlan: new DataLoader<string, boolean>(async (ids) => {
      const rows: Array<{ club_id: string }> = await (await db()).query(
        'select distinct club_id from club_plan_entry where club_id = any($1)',
        [ids],
      );
      const planned = new Set(rows.map((row) => row.club_id));
      return ids.map((id) => planned.has(id));
    }),
    memberCountByClub: new DataLoader<string, number>(async (ids) => {
      const rows: Array<{ club_id: string; count: number }> = await (await db()).query(
        'select club_id, count(*)::int as count from member where club_id = any($1) and left_on is null group by club_id',
        [ids],
      );
      const counts = new Map(rows.map((row) => [row.club_id, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
