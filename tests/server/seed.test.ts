import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../server/src/logger.js';
import { ensureInitialData } from '../../server/seed/initial-data.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

/** A logger that keeps what start-up says, to read back. */
function recordingLog() {
  const lines: Array<{ level: string; message: string; details: unknown }> = [];
  const at = (level: string) => (details: unknown, message?: string) => {
    lines.push({ level, message: typeof details === 'string' ? details : (message ?? ''), details });
  };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger };
}

async function demoContent(): Promise<Record<string, number>> {
  const [row] = await database.owner.query(`
    select (select count(*)::int from scheme where tenant_id = (select id from tenant where code = '91')) as "kienGiangSchemes",
           (select count(*)::int from scheme where tenant_id = (select id from tenant where code = '19')) as "thaiNguyenSchemes",
           (select count(*)::int from club_plan_entry) as "planEntries",
           (select count(*)::int from budget_line) as "budgetLines",
           (select count(*)::int from survey) as surveys,
           (select count(*)::int from survey_visit) as visits,
           (select count(*)::int from member) as members,
           (select count(*)::int from monthly_report) as reports`);
  return row;
}

// Two demo clubs of 62 members with a report for each of the six months before this one.
const SEEDED = { kienGiangSchemes: 1, thaiNguyenSchemes: 1, planEntries: 35, budgetLines: 2, surveys: 1, visits: 10, members: 124, reports: 12 };

/** A demo workspace as an older version left it: provinces, units, club and accounts, but no schemes. */
async function forgetSchemes(): Promise<void> {
  await database.owner.query(`
    delete from survey;
    delete from scheme;
    delete from audit_event where entity_type in ('scheme', 'survey');
  `);
}

/** A Thái Nguyên workspace as a version before the Túc Duyên club left it: the club, its staff and records gone. */
async function forgetTucDuyenClub(): Promise<void> {
  const owned = `(select id from club where name = 'CLB Liên thế hệ tự giúp nhau phường Túc Duyên')`;
  for (const table of ['attendance', 'activity', 'home_care_visit', 'ledger_entry', 'repayment', 'loan_instalment', 'loan_event', 'loan',
    'monthly_report_event', 'monthly_report', 'client_request', 'member', 'club_status_change', 'app_user', 'club_plan_entry']) {
    await database.owner.query(`delete from ${table} where club_id in ${owned}`);
  }
  await database.owner.query(`delete from disbursement where recipient_club_id in ${owned}`);
  await database.owner.query(`delete from club where id in ${owned}`);
}

describe('demo schemes on start', () => {
  it('are loaded into demo workspaces that lack them, once, and not again on the next start', async () => {
    expect(await demoContent()).toEqual(SEEDED);
    await forgetSchemes();
    expect(await demoContent()).toMatchObject({ kienGiangSchemes: 0, thaiNguyenSchemes: 0, surveys: 0 });

    const first = recordingLog();
    expect(await ensureInitialData(database.app, { seedDemo: true, log: first.log })).toEqual({ seededDemo: false });
    expect(await demoContent()).toEqual(SEEDED);
    expect(first.lines.find((line) => line.message === 'demo schemes loaded into existing demo workspaces')?.details).toEqual({
      provinces: ['Kiên Giang', 'Thái Nguyên'],
    });

    // A second start, and one after the admin renamed the scheme, add nothing.
    await database.owner.query(`update scheme set title = 'Đề án của tỉnh (đổi tên)' where tenant_id = (select id from tenant where code = '91')`);
    for (let start = 0; start < 2; start += 1) {
      const again = recordingLog();
      await ensureInitialData(database.app, { seedDemo: true, log: again.log });
      expect(again.lines).toEqual([]);
    }
    expect(await demoContent()).toEqual(SEEDED);
  });

  it('load nothing twice when two servers start together', async () => {
    await forgetSchemes();
    await Promise.all([1, 2].map(() => ensureInitialData(database.app, { seedDemo: true, log: recordingLog().log })));
    expect(await demoContent()).toEqual(SEEDED);
  });

  it('add a demo club that came after the workspace was loaded, with its staff account and months, once', async () => {
    await forgetTucDuyenClub();
    const staff = () => database.owner.query(`select u.login, c.name from app_user u join club c on c.id = u.club_id where u.login = 'tucduyen.club'`);
    expect(await staff()).toEqual([]);
    expect(await demoContent()).toMatchObject({ members: 62, reports: 6 });

    const start = recordingLog();
    await ensureInitialData(database.app, { seedDemo: true, log: start.log });
    expect(await staff()).toEqual([{ login: 'tucduyen.club', name: 'CLB Liên thế hệ tự giúp nhau phường Túc Duyên' }]);
    expect(await demoContent()).toEqual(SEEDED);
    expect(start.lines.find((line) => line.message === 'demo schemes loaded into existing demo workspaces')?.details).toEqual({ provinces: ['Thái Nguyên'] });
    // The province's totals follow the club's new members, as for any write.
    const [totals] = await database.owner.query(
      `select (select coalesce(sum(members), 0)::int from province_month_figure where tenant_id = (select id from tenant where code = '19')) as province,
              (select coalesce(sum(members * running), 0)::int from club_month_figure figure
                where tenant_id = (select id from tenant where code = '19') and valid_until = 'infinity') as clubs`,
    );
    expect(totals.province).toBe(totals.clubs);

    const again = recordingLog();
    await ensureInitialData(database.app, { seedDemo: true, log: again.log });
    expect(again.lines).toEqual([]);
    expect(await demoContent()).toEqual(SEEDED);
  });

  it('skip, with a warning, a demo workspace whose hierarchy no longer fits, and start anyway', async () => {
    await forgetSchemes();
    // One of Thái Nguyên's nine districts is now recorded as a city ward: the survey of 9 districts no longer fits.
    await database.owner.query(`update admin_unit set kind = 'WARD' where id = (select id from admin_unit where tenant_id = (select id from tenant where code = '19') and level = 2 order by sort_key limit 1)`);
    const started = recordingLog();
    await ensureInitialData(database.app, { seedDemo: true, log: started.log });
    expect(await demoContent()).toMatchObject({ kienGiangSchemes: 1, thaiNguyenSchemes: 0, surveys: 0 });
    const warning = started.lines.find((line) => line.level === 'warn');
    expect(warning?.details).toMatchObject({ province: 'Thái Nguyên', reason: expect.stringContaining('expected the 9 districts') });

    // Not in demo mode, nothing is added.
    await forgetSchemes();
    await ensureInitialData(database.app, { seedDemo: false, log: recordingLog().log });
    expect(await demoContent()).toMatchObject({ kienGiangSchemes: 0, thaiNguyenSchemes: 0 });
  });

});
