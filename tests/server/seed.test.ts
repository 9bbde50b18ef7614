import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../server/src/logger.js';
import { ensureInitialData } from '../../server/seed/initial-data.js';
import { KIEN_GIANG_SCHEME_TITLE } from '../../server/seed/demo-schemes.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

interface TenantRow {
  code: string;
  name: string;
  slug: string;
  status: string;
  sample: boolean;
  validFrom: string | null;
  validTo: string | null;
  successor: { code: string; name: string; status: string } | null;
  predecessors: Array<{ code: string; name: string; slug: string }>;
}

const TENANTS = `query { tenants { code name slug status sample validFrom validTo successor { code name status } predecessors { code name slug } } }`;

describe('the demo as the program stands in December 2026', () => {
  it('shows the 2026 map: An Giang (91) made of Kiên Giang and the old An Giang, Bắc Kạn in Thái Nguyên', async () => {
    const result = await server.gql<{ tenants: TenantRow[] }>(TENANTS, {}, await server.signIn('national'));
    expect(result.errors).toBeUndefined();
    const bySlug = (slug: string, status: string) => result.data!.tenants.find((tenant) => tenant.slug === slug && tenant.status === status);

    const anGiang = bySlug('an-giang', 'ACTIVE');
    expect(anGiang).toMatchObject({ code: '91', name: 'An Giang', validFrom: '2025-07-01', validTo: null, successor: null, sample: false });
    expect(anGiang!.predecessors.map((tenant) => `${tenant.code} ${tenant.name}`).sort()).toEqual(['89 An Giang', '91 Kiên Giang']);

    expect(bySlug('kien-giang', 'RETIRED')).toMatchObject({
      code: '91', name: 'Kiên Giang', validTo: '2025-06-30', successor: { code: '91', name: 'An Giang', status: 'ACTIVE' }, sample: false,
    });
    expect(bySlug('an-giang', 'RETIRED')).toMatchObject({ code: '89', validTo: '2025-06-30', successor: { code: '91', name: 'An Giang' }, sample: true });
    expect(bySlug('bac-kan', 'RETIRED')).toMatchObject({ code: '06', validTo: '2025-06-30', successor: { code: '19', name: 'Thái Nguyên' }, sample: true });
    const thaiNguyen = bySlug('thai-nguyen', 'ACTIVE');
    expect(thaiNguyen).toMatchObject({ code: '19', validTo: null, sample: false });
    expect(thaiNguyen!.predecessors.map((tenant) => tenant.name)).toEqual(['Bắc Kạn']);
    // No other workspace: the demo is these five.
    expect(result.data!.tenants).toHaveLength(5);
  });

  it('moved Kiên Giang’s accounts with it: its admin and the Kiên Lương club work in An Giang', async () => {
    const club = await server.gql<{ myClub: { name: string; memberCount: number; tenant: { code: string; name: string; status: string } } }>(
      'query { myClub { name memberCount tenant { code name status } } }', {}, await server.signIn('kienluong.club'),
    );
    expect(club.errors).toBeUndefined();
    expect(club.data!.myClub).toMatchObject({ name: 'CLB Liên thế hệ tự giúp nhau Hội Người cao tuổi thị trấn Kiên Lương', tenant: { code: '91', name: 'An Giang', status: 'ACTIVE' } });
    expect(club.data!.myClub.memberCount).toBeGreaterThan(55);
    for (const login of ['kiengiang', 'angiang']) {
      const me = await server.gql<{ me: { role: string; tenant: { name: string; status: string } } }>('query { me { role tenant { name status } } }', {}, await server.signIn(login));
      expect(me.data?.me, login).toEqual({ role: 'PROVINCE_ADMIN', tenant: { name: 'An Giang', status: 'ACTIVE' } });
    }
  });

  it('gives An Giang Kiên Giang’s 2021–2025 scheme, its spending and its 35 clubs, founded on the club plan’s schedule', async () => {
    const angiang = await server.signIn('angiang');
    const schemes = await server.gql<{ schemes: { edges: Array<{ node: Record<string, any> }> } }>(
      `query { schemes(first: 20) { edges { node {
         id title status totalBudget decisionNumber decisionDate approvedAt firstYear lastYear
         province { name status } nationalPhase { decisionNumber }
         budgetLines { source amount spent disbursements { paidOn amount recipientClub { name } } }
         clubPlan { plannedYear status club { name foundedOn memberCount sample scheme { title } } }
       } } } }`,
      {}, angiang,
    );
    expect(schemes.errors).toBeUndefined();
    const kienGiang = schemes.data!.schemes.edges.map((edge) => edge.node).find((scheme) => scheme.title === KIEN_GIANG_SCHEME_TITLE)!;
    expect(kienGiang).toMatchObject({
      totalBudget: 1_855_000_000, decisionNumber: null, firstYear: 2021, lastYear: 2025, status: 'APPROVED',
      province: { name: 'Kiên Giang', status: 'RETIRED' }, nationalPhase: { decisionNumber: '1336/QĐ-TTg' },
    });
    // Approved in 2021 (the source gives no day: a sample day of 2021, never the day of loading).
    expect(kienGiang.decisionDate).toMatch(/^2021-/);
    expect(kienGiang.approvedAt).toMatch(/^2021-/);

    // Spending: the seed capital of each club on its founding day, and the province budget's yearly entries.
    const seedLine = kienGiang.budgetLines.find((line: any) => line.source === 'MOBILISED');
    expect(seedLine).toMatchObject({ amount: 700_000_000, spent: 700_000_000 });
    expect(seedLine.disbursements).toHaveLength(35);
    const provinceLine = kienGiang.budgetLines.find((line: any) => line.source === 'PROVINCE_BUDGET');
    expect(provinceLine.disbursements.length).toBeGreaterThanOrEqual(5);
    expect(provinceLine.spent).toBeGreaterThan(0);
    expect(provinceLine.spent).toBeLessThanOrEqual(1_155_000_000);

    // The 35 clubs of the plan, each founded in its planned year with a small roster.
    expect(kienGiang.clubPlan).toHaveLength(35);
    for (const entry of kienGiang.clubPlan) {
      expect(entry.status).toBe('FOUNDED');
      expect(Number(entry.club.foundedOn.slice(0, 4))).toBe(entry.plannedYear);
      expect(entry.club.memberCount).toBeGreaterThanOrEqual(15);
      expect(entry.club.memberCount).toBeLessThanOrEqual(35);
      expect(entry.club.scheme.title).toBe(KIEN_GIANG_SCHEME_TITLE);
      const paid = seedLine.disbursements.find((payment: any) => payment.recipientClub?.name === entry.club.name);
      expect(paid, entry.club.name).toMatchObject({ amount: 20_000_000, paidOn: entry.club.foundedOn });
    }
    const clubs = await server.gql<{ clubs: { totalCount: number; edges: Array<{ node: { scheme: { title: string } | null } }> } }>(
      'query { clubs(first: 100) { totalCount edges { node { scheme { title } } } } }', {}, angiang,
    );
    expect(clubs.data!.clubs.edges.filter((edge) => edge.node.scheme?.title === KIEN_GIANG_SCHEME_TITLE).length).toBeGreaterThanOrEqual(35);
  });

  it('keeps each club’s monthly records, with reports whose times follow their month’s schedule', async () => {
    const [counts] = await database.owner.query(`
      with kien_giang_club as (
        select club.id from club join club_plan_entry entry on entry.club_id = club.id join scheme on scheme.id = entry.scheme_id
         where scheme.title = $1
      )
      select (select count(distinct club_id)::int from activity where monthly_meeting and club_id in (select id from kien_giang_club)) as "clubsMeeting",
             (select count(distinct club_id)::int from attendance where club_id in (select id from kien_giang_club)) as "clubsWithAttendance",
             (select count(distinct club_id)::int from ledger_entry where kind = 'CONTRIBUTION' and club_id in (select id from kien_giang_club)) as "clubsWithContributions",
             (select count(distinct club_id)::int from loan where club_id in (select id from kien_giang_club)) as "clubsLending",
             (select count(distinct club_id)::int from monthly_report where club_id in (select id from kien_giang_club)) as "clubsReporting",
             (select array_agg(distinct status order by status) from monthly_report where club_id in (select id from kien_giang_club)) as statuses`,
      [KIEN_GIANG_SCHEME_TITLE],
    );
    expect(counts).toEqual({
      clubsMeeting: 35, clubsWithAttendance: 35, clubsWithContributions: 35, clubsLending: 35, clubsReporting: 35,
      statuses: ['APPROVED', 'DRAFT', 'RETURNED', 'SUBMITTED'],
    });

    // Every submission and decision falls in the month after the report's month, and its history says the same times.
    const offSchedule = await database.owner.query(`
      select report.id from monthly_report report
       where report.status <> 'DRAFT'
         and (date_trunc('month', report.first_submitted_at at time zone 'Asia/Ho_Chi_Minh') <> report.month + interval '1 month'
              or report.submitted_at < report.first_submitted_at
              or (report.decided_at is not null and report.decided_at < report.first_submitted_at)
              or report.first_submitted_at <> (select min(recorded_at) from monthly_report_event event where event.report_id = report.id and event.action = 'SUBMITTED')
              or report.submitted_at <> (select max(recorded_at) from monthly_report_event event where event.report_id = report.id and event.action = 'SUBMITTED')
              or report.decided_at is distinct from (select max(recorded_at) from monthly_report_event event where event.report_id = report.id and event.action <> 'SUBMITTED'))`);
    expect(offSchedule).toEqual([]);
    // None is dated the day the demo was loaded (its audit trail began then).
    const [loaded] = await database.owner.query(`select count(*)::int as count from monthly_report_event where recorded_at >= (select min(occurred_at) from audit_event)`);
    expect(loaded.count).toBe(0);
  });

  it('marks the sample data: the small workspaces, Thái Nguyên’s 40 sample clubs and the figures with no published source', async () => {
    const [row] = await database.owner.query(`
      select (select count(*)::int from club where sample and tenant_id = (select id from tenant where code = '19')) as "thaiNguyenSample",
             (select count(*)::int from club where sample and origin_tenant_id in (select id from tenant where sample)) as "smallWorkspaceClubs",
             (select count(*)::int from reference_figure where not sample) as published,
             (select count(*)::int from reference_figure where sample and source not like 'Số liệu mẫu%') as "sampleWithoutSaying"`);
    expect(row.thaiNguyenSample).toBeGreaterThanOrEqual(40);
    expect(row.smallWorkspaceClubs).toBe(4);
    expect(row.published).toBeGreaterThan(0);
    expect(row.sampleWithoutSaying).toBe(0);
  });

  it('has reference figures for every demo province and year it existed, so no normalised column is blank', async () => {
    const missing = await database.owner.query(`
      select tenant.name, tenant.status, year, kind
        from tenant
        cross join generate_series(greatest(2017, extract(year from coalesce(tenant.valid_from, '2017-01-01'))::int),
                                   extract(year from coalesce(tenant.valid_to, '2026-12-31'))::int) as year
        cross join unnest(array['OLDER_POPULATION', 'COMMUNES', 'POOR_HOUSEHOLDS', 'NEAR_POOR_HOUSEHOLDS']) as kind
       where not exists (select 1 from reference_figure figure where figure.tenant_id = tenant.id and figure.year = year and figure.kind = kind)`);
    expect(missing).toEqual([]);

    const national = await server.signIn('national');
    const comparison = await server.gql<{ nationalComparison: { provinces: Array<{ tenant: { code: string; name: string }; clubsPer100Communes: string | null; membersPer1000Older: string | null; figures: { clubs: number } }> } }>(
      `query { nationalComparison(month: "2026-11") { provinces { tenant { code name } clubsPer100Communes membersPer1000Older figures { clubs } } } }`,
      {}, national,
    );
    expect(comparison.errors).toBeUndefined();
    const provinces = comparison.data!.nationalComparison.provinces;
    expect(provinces.map((province) => province.tenant.name).sort()).toEqual(['An Giang', 'Thái Nguyên']);
    for (const province of provinces) {
      expect(province.clubsPer100Communes, province.tenant.name).not.toBeNull();
      expect(province.membersPer1000Older, province.tenant.name).not.toBeNull();
      expect(province.figures.clubs, province.tenant.name).toBeGreaterThan(30);
    }
  });

  it('has a 2026–2030 sample scheme under 1648/QĐ-TTg in An Giang and in Thái Nguyên, with this year’s clubs', async () => {
    for (const login of ['angiang', 'thainguyen']) {
      const result = await server.gql<{ schemes: { edges: Array<{ node: { title: string; status: string; summary: string; nationalPhase: { decisionNumber: string }; clubPlan: Array<{ club: { foundedOn: string } | null }> } }> } }>(
        'query { schemes(first: 20) { edges { node { title status summary nationalPhase { decisionNumber } clubPlan { club { foundedOn } } } } } }',
        {}, await server.signIn(login),
      );
      const current = result.data!.schemes.edges.map((edge) => edge.node).find((scheme) => scheme.title.endsWith('giai đoạn 2026–2030'));
      expect(current, login).toMatchObject({ status: 'APPROVED', nationalPhase: { decisionNumber: '1648/QĐ-TTg' } });
      expect(current!.summary).toMatch(/^Dữ liệu mẫu/);
      expect(current!.clubPlan.length).toBeGreaterThan(0);
      expect(current!.clubPlan.every((entry) => entry.club?.foundedOn.startsWith('2026'))).toBe(true);
    }
  });
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
    select (select count(*)::int from scheme where tenant_id = (select id from tenant where code = '19')) as "thaiNguyenSchemes",
           (select count(*)::int from scheme where tenant_id = (select id from tenant where slug = 'an-giang' and status = 'ACTIVE')) as "anGiangSchemes",
           (select count(*)::int from survey) as surveys,
           (select count(*)::int from survey_visit) as visits,
           (select count(*)::int from member where club_id = (select id from club where name = 'CLB Liên thế hệ tự giúp nhau phường Túc Duyên')) as "tucDuyenMembers",
           (select count(*)::int from monthly_report where club_id = (select id from club where name = 'CLB Liên thế hệ tự giúp nhau phường Túc Duyên')) as "tucDuyenReports"`);
  return row;
}

// Thái Nguyên's 2017–2020 and 2026–2030 schemes; An Giang's 2026–2030 one and Kiên Giang's it carries.
const SEEDED = { thaiNguyenSchemes: 2, anGiangSchemes: 2, surveys: 1, visits: 10, tucDuyenMembers: 62, tucDuyenReports: 6 };

/** Demo workspaces as an older version left them: the schemes of the workspaces in use gone (Kiên Giang's stays: it is history). */
async function forgetSchemes(): Promise<void> {
  const forgotten = `(select id from scheme where title <> '${KIEN_GIANG_SCHEME_TITLE}')`;
  await database.owner.query(`
    update club set scheme_id = null where scheme_id in ${forgotten};
    delete from disbursement where budget_line_id in (select id from budget_line where scheme_id in ${forgotten});
    delete from survey where scheme_id in ${forgotten};
    delete from audit_event where (entity_type = 'survey' or (entity_type = 'scheme' and entity_id in ${forgotten}));
    delete from scheme where id in ${forgotten};
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
  it('are loaded into demo workspaces in use that lack them, once, and not again on the next start', async () => {
    expect(await demoContent()).toEqual(SEEDED);
    await forgetSchemes();
    expect(await demoContent()).toMatchObject({ thaiNguyenSchemes: 0, anGiangSchemes: 1, surveys: 0 });

    const first = recordingLog();
    expect(await ensureInitialData(database.app, { seedDemo: true, log: first.log })).toEqual({ seededDemo: false });
    expect(await demoContent()).toEqual(SEEDED);
    expect(first.lines.find((line) => line.message === 'demo schemes loaded into existing demo workspaces')?.details).toEqual({
      provinces: ['An Giang', 'Thái Nguyên'],
    });

    // A second start, and one after the admin renamed a scheme, add nothing.
    await database.owner.query(`update scheme set title = 'Đề án của tỉnh (đổi tên)' where title like '%Thái Nguyên giai đoạn 2026–2030'`);
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
    expect(await demoContent()).toMatchObject({ tucDuyenMembers: 0, tucDuyenReports: 0 });

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
    await database.owner.query(`update admin_unit set kind = 'WARD' where code = '164'`);
    const started = recordingLog();
    await ensureInitialData(database.app, { seedDemo: true, log: started.log });
    expect(await demoContent()).toMatchObject({ anGiangSchemes: 2, thaiNguyenSchemes: 0, surveys: 0 });
    const warning = started.lines.find((line) => line.level === 'warn');
    expect(warning?.details).toMatchObject({ province: 'Thái Nguyên', reason: expect.stringContaining('expected the 9 districts') });

    // Not in demo mode, nothing is added.
    await forgetSchemes();
    await ensureInitialData(database.app, { seedDemo: false, log: recordingLog().log });
    expect(await demoContent()).toMatchObject({ anGiangSchemes: 1, thaiNguyenSchemes: 0 });
  });
});
