import pg from 'pg';
import type { DataSource } from 'typeorm';
import { addDays, todayInVietnam } from '../server/src/calendar.js';
import { withDatabaseScope } from '../server/src/database/scoped.js';
import { mergeProvinces } from '../server/src/tenants/tenant-merge.service.js';
import { AS_OF } from './dataset/generate.js';
import { round } from './harness.js';

export type MergeMeasure =
  | { provinces: string[]; clubs: number; members: number; seconds: number; rolledBack: true }
  | { error: string };

/**
 * How long the two largest provinces of the national dataset take to merge into a new one: the
 * whole operation (checks, re-keying every table, totals added, units moved), in a transaction that
 * is then rolled back, so the dataset stays as it is. The provinces the bench writes into (its
 * fixtures' repayments are dated today) are left out: a merge day must follow every record.
 */
/** The provinces the merge is timed on: the two largest the bench's fixtures do not write into. */
const MERGED_PROVINCES_SQL = `select tenant.id, tenant.name, count(club.id)::int as clubs from tenant join club on club.tenant_id = tenant.id
  where tenant.status = 'ACTIVE' and not (tenant.id = any ($1)) group by tenant.id order by clubs desc, tenant.code limit 2`;

/**
 * The provinces the merge is timed on, for the load phase to leave alone: its writes are dated
 * today, and a merge day must follow every record of its provinces, so a province written to by
 * one run could not be merged by the next.
 */
export async function provincesToMerge(ownerUrl: string, writtenTo: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(MERGED_PROVINCES_SQL, [writtenTo])).rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

export async function measureProvinceMerge(app: DataSource, writtenTo: string[]): Promise<MergeMeasure> {
  try {
    return await withDatabaseScope(
      app,
      { role: 'ishc_national_admin' },
      async (db) => {
        const largest: Array<{ id: string; name: string; clubs: number }> = await db.query(MERGED_PROVINCES_SQL, [writtenTo]);
        const ids = largest.map((province) => province.id);
        // The members of running clubs today: the sum of every month's change.
        const [counts]: Array<{ members: number }> = await db.query(
          'select sum(members)::int as members from province_month_figure where tenant_id = any ($1)',
          [ids],
        );
        // The dataset's records end on its day; the merge takes effect the day after.
        const effectiveOn = [addDays(AS_OF, 1), todayInVietnam()].sort()[0];
        const started = performance.now();
        await mergeProvinces(db, 'bench-merge', {
          predecessorIds: ids,
          successor: { code: '99', name: 'Tỉnh hợp nhất (đo thử)', slug: 'bench-merge' },
          effectiveOn,
          reason: 'Đo thời gian sáp nhập trên bộ dữ liệu toàn quốc (không lưu lại)',
          predecessorAdmins: 'MOVE',
        });
        const seconds = round((performance.now() - started) / 1000, 2);
        const [moved]: Array<{ rows: number }> = await db.query(
          `select (select count(*) from club where tenant_id = (select id from tenant where code = '99'))::int as rows`,
        );
        return {
          provinces: largest.map((province) => `${province.name} (${province.clubs} CLB)`),
          clubs: moved.rows,
          members: counts.members ?? 0,
          seconds,
          rolledBack: true as const,
        };
      },
      { commit: false },
    );
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500) };
  }
}
