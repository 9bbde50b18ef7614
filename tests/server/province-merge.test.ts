import type { EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { todayInVietnam } from '../../server/src/calendar.js';
import { withDatabaseScope } from '../../server/src/database/scoped.js';
import { recordFundEntry } from '../../server/src/funds/ledger.service.js';
import { Fund, LedgerKind } from '../../server/src/funds/ledger.types.js';
import { createMember } from '../../server/src/members/member.service.js';
import { Sex } from '../../server/src/members/member.types.js';
import { findReport, returnReport, submitReport } from '../../server/src/monthly-reports/monthly-report.service.js';
import { mergeProvinces } from '../../server/src/tenants/tenant-merge.service.js';
import { createTenant } from '../../server/src/tenants/tenant.service.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { asTenant, openTestDatabase, sqlStateOf, type TestDatabase } from '../support/database.js';

/*
 * Province workspaces that merge, through the API as a national administrator would, on provinces
 * made for the test: A (code 70) and B (71) become a new province "Hợp Nhất" that takes A's code
 * from 2025-01-01; D (74) is taken into C (73) with its administrators disabled; E (72) stays apart
 * and must see nothing of any of them.
 */

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const REQUEST = 'merge-test';

interface Province {
  id: string;
  code: string;
  name: string;
  admin: string;
  clubId: string;
  clubLogin: string;
  members: number;
}

let database: TestDatabase;
let server: TestServer;
let national: string;
const provinces: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', Province> = {} as never;

function asProvince<T>(tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
  return withDatabaseScope(database.app, { role: 'ishc_province', tenantId }, work);
}

/** A province with a commune, a club founded in January 2024 with members, seed capital and a returned March report. */
async function makeProvince(key: keyof typeof provinces, code: string, name: string, members: number): Promise<void> {
  const slug = `tinh-thu-${code}`;
  const { tenant } = await withDatabaseScope(database.app, { role: 'ishc_national_admin' }, (db) =>
    createTenant(db, REQUEST, { code, slug, name, adminLogin: `admin.${code}`, adminDisplayName: `Quản trị ${name}`, adminPassword: PASSWORD }),
  );
  const passwordHash = await hashPassword(PASSWORD);
  const clubId = await asProvince(tenant.id, async (db) => {
    const [root]: Array<{ id: string }> = await db.query('select id from admin_unit where parent_id is null');
    const [commune]: Array<{ id: string }> = await db.query(
      `insert into admin_unit (parent_id, code, name, kind) values ($1, $2, $3, 'COMMUNE') returning id`,
      [root.id, `${code}001`, `Xã Thử ${code}`],
    );
    const [club]: Array<{ id: string }> = await db.query(
      `insert into club (commune_id, name, status, founded_on, status_since) values ($1, $2, 'ACTIVE', '2024-01-15', '2024-01-15') returning id`,
      [commune.id, `CLB Liên thế hệ tự giúp nhau xã Thử ${code}`],
    );
    await db.query(`insert into app_user (login, display_name, role, club_id, password_hash) values ($1, $2, 'CLUB_STAFF', $3, $4)`, [
      `club.${code}`,
      `Ban chủ nhiệm CLB ${code}`,
      club.id,
      passwordHash,
    ]);
    for (let index = 0; index < members; index += 1) {
      await createMember(db, REQUEST, club.id, {
        fullName: `Hội viên ${code} số ${index + 1}`,
        sex: index % 2 ? Sex.MALE : Sex.FEMALE,
        birthYear: 1950 + index,
        citizenId: null,
        phone: null,
        hamletId: null,
        joinedOn: '2024-01-15',
        poorHousehold: false,
        nearPoorHousehold: false,
        ethnicMinority: null,
        disability: false,
        livesAlone: false,
        needsHomeCare: false,
        boardRole: null,
        homeCareVolunteer: false,
      });
    }
    await recordFundEntry(db, REQUEST, club.id, {
      fund: Fund.INCOME_GENERATION,
      kind: LedgerKind.SEED_CAPITAL,
      entryOn: '2024-02-01',
      amount: 5_000_000n,
      description: 'Vốn ban đầu',
      idempotencyKey: `seed-capital-${code}`,
    });
    await db.query(
      `insert into scheme (title, first_year, last_year, status, approved_at, decision_date)
       values ($1, 2021, 2025, 'APPROVED', '2021-05-01T09:00:00+07:00', '2021-05-01')`,
      [`Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau tỉnh ${name} giai đoạn 2021–2025`],
    );
    return club.id;
  });
  // The March report, submitted by the club and returned by the province before the merge.
  await withDatabaseScope(database.app, { role: 'ishc_club', tenantId: tenant.id, clubId }, (db) =>
    submitReport(db, REQUEST, clubId, { month: '2024-03', narrative: 'Sinh hoạt đều đặn.', version: null }),
  );
  await asProvince(tenant.id, async (db) => {
    const report = (await findReport(db, clubId, '2024-03'))!;
    await returnReport(db, REQUEST, { id: report.id, version: report.version, comment: 'Đề nghị bổ sung số lượt thăm hỏi tại nhà.' });
  });
  provinces[key] = { id: tenant.id, code, name, admin: `admin.${code}`, clubId, clubLogin: `club.${code}`, members };
}

function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${response.raw}`);
  return response.data!;
}

const MERGE = `mutation Merge($input: MergeProvincesInput!) {
  mergeProvinces(input: $input) { id code name status validFrom validTo predecessors { id code status validTo } }
}`;

function merge(input: Record<string, unknown>, token = national) {
  return server.gql<{ mergeProvinces: Record<string, any> }>(MERGE, { input: { reason: 'Nghị quyết sáp nhập đơn vị hành chính cấp tỉnh', ...input } }, token);
}

async function tenantStates(): Promise<Array<{ code: string; status: string; valid_to: string | null }>> {
  return database.owner.query(`select code, status, valid_to::text from tenant order by code, status`);
}

beforeAll(async () => {
  database = await openTestDatabase({ seed: false });
  await makeProvince('A', '70', 'Thử Nghiệm A', 3);
  await makeProvince('B', '71', 'Thử Nghiệm B', 2);
  await makeProvince('E', '72', 'Thử Nghiệm E', 1);
  await makeProvince('C', '73', 'Thử Nghiệm C', 1);
  await makeProvince('D', '74', 'Thử Nghiệm D', 1);
  await makeProvince('F', '75', 'Thử Nghiệm F', 2);
  await makeProvince('G', '76', 'Thử Nghiệm G', 3);
  await withDatabaseScope(database.app, { role: 'ishc_national_admin' }, async (db) => {
    await db.query(`insert into app_user (login, display_name, role, password_hash) values ('national.merge', 'Quản trị quốc gia', 'NATIONAL_ADMIN', $1)`, [
      await hashPassword(PASSWORD),
    ]);
    for (const [key, value] of [['A', 1000], ['B', 500], ['E', 800]] as const) {
      await db.query(
        `insert into reference_figure (tenant_id, year, kind, value, source) values ($1, 2024, 'OLDER_POPULATION', $2, 'Niên giám thống kê 2024')`,
        [provinces[key].id, value],
      );
    }
  });
  server = await startTestServer(database);
  national = await server.signIn('national.merge', PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe('a merge that cannot be done', () => {
  it('is refused with reasons naming the fields, and changes nothing', async () => {
    const before = await tenantStates();
    const newProvince = { code: '70', name: 'Hợp Nhất', slug: 'hop-nhat' };
    const refusals = [
      [await merge({ predecessorIds: [provinces.A.id], successor: newProvince, effectiveOn: '2025-01-01' }), 'predecessorIds', 'at least two'],
      [await merge({ predecessorIds: [provinces.A.id, provinces.B.id], successor: { ...newProvince, code: '72' }, effectiveOn: '2025-01-01' }), 'successor.code', 'used by another province'],
      [await merge({ predecessorIds: [provinces.A.id, provinces.B.id], successorId: provinces.E.id, successor: newProvince, effectiveOn: '2025-01-01' }), 'successorId', 'not both'],
      [await merge({ predecessorIds: [provinces.A.id, provinces.B.id], successor: newProvince, effectiveOn: '2099-01-01' }), 'effectiveOn', 'future'],
      // The March report of 2024 and the February fund entries are activity after 2024-02-01.
      [await merge({ predecessorIds: [provinces.A.id, provinces.B.id], successor: newProvince, effectiveOn: '2024-02-01' }), 'effectiveOn', 'last recorded activity (a monthly report on 2024-03-01)'],
    ] as const;
    for (const [response, field, message] of refusals) {
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      const fields = response.errors![0].extensions!.fields as Array<{ field: string; message: string }>;
      expect(fields.map((problem) => problem.field)).toContain(field);
      expect(fields.find((problem) => problem.field === field)!.message).toContain(message);
    }
    const forbidden = await merge(
      { predecessorIds: [provinces.A.id, provinces.B.id], successor: newProvince, effectiveOn: '2025-01-01' },
      await server.signIn(provinces.A.admin, PASSWORD),
    );
    expect(codesOf(forbidden)).toEqual(['FORBIDDEN']);
    expect(await tenantStates()).toEqual(before);
    expect(await database.owner.query('select count(*)::int as count from tenant_lineage')).toEqual([{ count: 0 }]);
  });

  it('is all or nothing: a failure while moving the rows leaves every province as it was', async () => {
    // Two provinces holding a unit with one code cannot become one province.
    await asProvince(provinces.C.id, (db) => db.query(`update admin_unit set code = '74001' where code = '73001'`));
    const before = await tenantStates();
    const clubsBefore = await database.owner.query('select tenant_id, id from club order by id');
    const response = await merge({ predecessorIds: [provinces.D.id], successorId: provinces.C.id, effectiveOn: '2025-01-01', predecessorAdmins: 'DISABLE' });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.fields).toEqual([{ field: 'predecessorIds', message: expect.stringContaining('code 74001') }]);
    expect(await tenantStates()).toEqual(before);
    expect(await database.owner.query('select tenant_id, id from club order by id')).toEqual(clubsBefore);
    expect(await database.owner.query('select count(*)::int as count from tenant_lineage')).toEqual([{ count: 0 }]);
    await asProvince(provinces.C.id, (db) => db.query(`update admin_unit set code = '73001' where code = '74001'`));
  });
});

describe('two provinces merged into a new one', () => {
  let merged: Record<string, any>;
  let clubTokenBefore: string;

  beforeAll(async () => {
    clubTokenBefore = await server.signIn(provinces.A.clubLogin, PASSWORD);
    const response = await merge({
      predecessorIds: [provinces.B.id, provinces.A.id],
      successor: { code: '70', name: 'Hợp Nhất', slug: 'hop-nhat' },
      effectiveOn: '2025-01-01',
    });
    merged = dataOf(response).mergeProvinces;
  });

  it('retires the predecessors the day before and lists the lineage both ways', async () => {
    expect(merged).toMatchObject({ code: '70', name: 'Hợp Nhất', status: 'ACTIVE', validFrom: '2025-01-01', validTo: null });
    expect(merged.predecessors).toEqual([
      { id: provinces.A.id, code: '70', status: 'RETIRED', validTo: '2024-12-31' },
      { id: provinces.B.id, code: '71', status: 'RETIRED', validTo: '2024-12-31' },
    ]);
    const { tenants } = dataOf(await server.gql<{ tenants: Array<Record<string, any>> }>(
      '{ tenants { id code status validTo successor { id } predecessors { id } } }',
      {},
      national,
    ));
    const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
    for (const key of ['A', 'B'] as const) {
      expect(byId.get(provinces[key].id)).toMatchObject({ status: 'RETIRED', validTo: '2024-12-31', successor: { id: merged.id }, predecessors: [] });
    }
    expect(byId.get(merged.id)!.predecessors.map((tenant: { id: string }) => tenant.id).sort()).toEqual([provinces.A.id, provinces.B.id].sort());
    const [audit] = await database.owner.query(`select tenant_id, after->>'reason' as reason from audit_event where action = 'tenant.merge'`);
    expect(audit).toEqual({ tenant_id: merged.id, reason: 'Nghị quyết sáp nhập đơn vị hành chính cấp tỉnh' });
  });

  it('keeps club staff working: a new sign-in lands in the successor, and a report returned before the merge is submitted again', async () => {
    // The session was of the old province; the account now belongs to the new one.
    expect(codesOf(await server.gql('{ myClub { id } }', {}, clubTokenBefore))).toEqual(['UNAUTHENTICATED']);
    const token = await server.signIn(provinces.A.clubLogin, PASSWORD);
    const { myClub } = dataOf(await server.gql<{ myClub: Record<string, any> }>('{ myClub { id tenant { id name } } }', {}, token));
    expect(myClub).toEqual({ id: provinces.A.clubId, tenant: { id: merged.id, name: 'Hợp Nhất' } });

    const created = await server.gql<{ createMember: { id: string } }>(
      'mutation Add($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { fullName: 'Hội viên mới sau sáp nhập', sex: 'FEMALE', birthYear: 1958, joinedOn: todayInVietnam() } },
      token,
    );
    expect(dataOf(created).createMember.id).toBeTruthy();
    const [member] = await database.owner.query('select tenant_id, club_id from member where id = $1', [created.data!.createMember.id]);
    expect(member).toEqual({ tenant_id: merged.id, club_id: provinces.A.clubId });

    const report = dataOf(await server.gql<{ monthlyReport: { status: string; version: number } }>(
      'query Report($month: Month!) { monthlyReport(month: $month) { status version } }',
      { month: '2024-03' },
      token,
    )).monthlyReport;
    expect(report.status).toBe('RETURNED');
    const submitted = await server.gql<{ submitMonthlyReport: { status: string } }>(
      'mutation Submit($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { status } }',
      { input: { month: '2024-03', narrative: 'Đã bổ sung số lượt thăm hỏi tại nhà.', version: report.version } },
      token,
    );
    expect(dataOf(submitted).submitMonthlyReport.status).toBe('SUBMITTED');
  });

  it('makes the predecessors’ administrators administrators of the successor, who see both provinces’ clubs and schemes, attributed', async () => {
    const token = await server.signIn(provinces.B.admin, PASSWORD);
    const { clubs, schemes } = dataOf(await server.gql<{ clubs: { totalCount: number }; schemes: { edges: Array<{ node: Record<string, any> }> } }>(
      '{ clubs(first: 10) { totalCount } schemes(first: 10) { edges { node { title tenant { id } province { id name status } } } } }',
      {},
      token,
    ));
    expect(clubs.totalCount).toBe(2);
    expect(schemes.edges.map(({ node: scheme }) => [scheme.province.name, scheme.tenant.id, scheme.province.status]).sort()).toEqual([
      ['Thử Nghiệm A', merged.id, 'RETIRED'],
      ['Thử Nghiệm B', merged.id, 'RETIRED'],
    ]);
    const { referenceFigures } = dataOf(await server.gql<{ referenceFigures: Array<{ tenantId: string; value: string }> }>(
      '{ referenceFigures { tenantId value } }',
      {},
      token,
    ));
    expect(referenceFigures.map((figure) => [figure.tenantId, figure.value]).sort()).toEqual(
      [[provinces.A.id, '1000'], [provinces.B.id, '500']].sort(),
    );
  });

  it('rolls the predecessors’ history up into the successor’s dashboard for months before the merge', async () => {
    const token = await server.signIn(provinces.A.admin, PASSWORD);
    const { provinceDashboard } = dataOf(await server.gql<{ provinceDashboard: { figures: { clubs: number; members: number } } }>(
      '{ provinceDashboard(month: "2024-06") { figures { clubs members } } }',
      {},
      token,
    ));
    expect(provinceDashboard.figures).toEqual({ clubs: 2, members: 5 });
  });

  it('compares on today’s map by default and on the map of the time when asked', async () => {
    const comparison = async (map?: string) =>
      dataOf(await server.gql<{ nationalComparison: { map: string; provinces: Array<Record<string, any>> } }>(
        `query Compare${map ? '($map: ProvinceMap)' : ''} { nationalComparison(month: "2024-06", fromMonth: "2024-01"${map ? ', map: $map' : ''}) {
           map provinces { tenant { id code } newClubs membersPer1000Older figures { clubs members } } } }`,
        map ? { map } : {},
        national,
      )).nationalComparison;
    const rowOf = (rows: Array<Record<string, any>>, id: string) => rows.find((row) => row.tenant.id === id);

    const today = await comparison();
    expect(today.map).toBe('TODAY');
    expect(rowOf(today.provinces, merged.id)).toEqual({
      tenant: { id: merged.id, code: '70' },
      newClubs: 2,
      // Members per 1.000 older people, over the predecessors' populations of 2024 (1.000 + 500).
      membersPer1000Older: '3.33',
      figures: { clubs: 2, members: 5 },
    });
    expect(rowOf(today.provinces, provinces.A.id)).toBeUndefined();
    expect(rowOf(today.provinces, provinces.B.id)).toBeUndefined();

    const atTheTime = await comparison('AT_THE_TIME');
    expect(atTheTime.map).toBe('AT_THE_TIME');
    expect(rowOf(atTheTime.provinces, merged.id)).toBeUndefined();
    expect(rowOf(atTheTime.provinces, provinces.A.id)).toMatchObject({ newClubs: 1, membersPer1000Older: '3', figures: { clubs: 1, members: 3 } });
    expect(rowOf(atTheTime.provinces, provinces.B.id)).toMatchObject({ newClubs: 1, membersPer1000Older: '4', figures: { clubs: 1, members: 2 } });
    // Provinces no merge touched read the same on both maps.
    expect(rowOf(atTheTime.provinces, provinces.E.id)).toEqual(rowOf(today.provinces, provinces.E.id));

    // The export follows the map.
    const exported = await fetch(`${server.url}/exports/national-comparison.csv?month=2024-06&fromMonth=2024-01&map=AT_THE_TIME`, {
      headers: { authorization: `Bearer ${national}` },
    });
    const csv = await exported.text();
    expect(exported.status, csv).toBe(200);
    expect(csv).toContain('Thử Nghiệm A');
    expect(csv).not.toContain('Hợp Nhất');
  });

  it('cannot merge a retired province again', async () => {
    const response = await merge({ predecessorIds: [provinces.A.id], successorId: provinces.E.id, effectiveOn: '2025-06-01' });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.fields).toContainEqual({ field: 'predecessorIds[0]', message: 'Thử Nghiệm A is already retired' });
  });
});

describe('isolation across a merge', () => {
  let mergedId: string;

  beforeAll(async () => {
    [{ id: mergedId }] = await database.owner.query(`select id from tenant where code = '70' and status = 'ACTIVE'`);
  });

  it('shows the successor its predecessors’ rows and no other province any of them', async () => {
    const outsider = await asTenant(database, provinces.E.id, async (db) => ({
      clubs: await db.query('select count(*)::int as count from club where tenant_id = any ($1)', [[mergedId, provinces.A.id, provinces.B.id]]),
      tenants: await db.query('select code from tenant order by code'),
      figures: await db.query('select distinct tenant_id from reference_figure'),
      lineage: await db.query('select count(*)::int as count from tenant_lineage'),
    }));
    expect(outsider).toEqual({ clubs: [{ count: 0 }], tenants: [{ code: '72' }], figures: [{ tenant_id: provinces.E.id }], lineage: [{ count: 0 }] });

    const successor = await asTenant(database, mergedId, async (db) => ({
      clubs: await db.query('select distinct tenant_id from club'),
      members: await db.query('select count(*)::int as count from member'),
      tenants: await db.query('select code, status from tenant order by code, status'),
      figures: await db.query('select distinct tenant_id from reference_figure order by tenant_id'),
    }));
    expect(successor.clubs).toEqual([{ tenant_id: mergedId }]);
    expect(successor.members).toEqual([{ count: 3 + 2 + 1 }]);
    expect(successor.tenants).toEqual([{ code: '70', status: 'ACTIVE' }, { code: '70', status: 'RETIRED' }, { code: '71', status: 'RETIRED' }]);
    expect(successor.figures.map((row: { tenant_id: string }) => row.tenant_id).sort()).toEqual([provinces.A.id, provinces.B.id].sort());

    // An outsider's administrator, through the API: nothing of the merged province.
    const token = await server.signIn(provinces.E.admin, PASSWORD);
    const seen = dataOf(await server.gql<{ tenants: Array<{ id: string }>; tenant: unknown; clubs: { totalCount: number } }>(
      'query Seen($id: ID!) { tenants { id } tenant(id: $id) { id } clubs(first: 5) { totalCount } }',
      { id: mergedId },
      token,
    ));
    expect(seen).toEqual({ tenants: [{ id: provinces.E.id }], tenant: null, clubs: { totalCount: 1 } });
  });

  it('lets nothing new be written to a retired province', async () => {
    // The successor reads its predecessors' reference figures but cannot write theirs.
    expect(
      await sqlStateOf(
        asTenant(database, mergedId, (db) =>
          db.query(`insert into reference_figure (tenant_id, year, kind, value, source) values ($1, 2026, 'COMMUNES', 10, 'x')`, [provinces.A.id]),
        ),
      ),
    ).toBe('42501');
    // Nor can the national office, past the API…
    expect(
      await sqlStateOf(
        withDatabaseScope(database.app, { role: 'ishc_national_admin' }, (db) =>
          db.query(`insert into reference_figure (tenant_id, year, kind, value, source) values ($1, 2026, 'COMMUNES', 10, 'x')`, [provinces.A.id]),
          { commit: false },
        ),
      ),
    ).toBe('42501');
    // …or through it.
    const response = await server.gql(
      'mutation Save($input: SaveReferenceFigureInput!) { saveReferenceFigure(input: $input) { id } }',
      { input: { tenantId: provinces.A.id, year: 2026, kind: 'COMMUNES', value: '10', source: 'Thử' } },
      national,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(await database.owner.query('select count(*)::int as count from reference_figure where tenant_id = $1', [provinces.A.id])).toEqual([{ count: 1 }]);
    // Every row but the history kept with it has left the retired province.
    const [left] = await database.owner.query(
      `select (select count(*) from club where tenant_id = $1)::int + (select count(*) from member where tenant_id = $1)::int
            + (select count(*) from ledger_entry where tenant_id = $1)::int + (select count(*) from app_user where tenant_id = $1)::int
            + (select count(*) from scheme where tenant_id = $1)::int + (select count(*) from admin_unit where tenant_id = $1)::int
            + (select count(*) from province_month_figure where tenant_id = $1)::int as rows`,
      [provinces.A.id],
    );
    expect(left).toEqual({ rows: 0 });
  });

  it('takes a province into an existing one with its administrators disabled, its club staff carrying on', async () => {
    const response = await merge({ predecessorIds: [provinces.D.id], successorId: provinces.C.id, effectiveOn: '2025-07-01', predecessorAdmins: 'DISABLE' });
    expect(dataOf(response).mergeProvinces).toMatchObject({ id: provinces.C.id, code: '73', status: 'ACTIVE', validFrom: null });
    const signIn = await server.gql('mutation { signIn(login: "admin.74", password: "mật-khẩu-thử-nghiệm") { token } }');
    expect(codesOf(signIn)).toEqual(['UNAUTHENTICATED']);
    const clubToken = await server.signIn(provinces.D.clubLogin, PASSWORD);
    expect(dataOf(await server.gql<{ myClub: { tenant: { id: string } } }>('{ myClub { tenant { id } } }', {}, clubToken)).myClub.tenant.id).toBe(
      provinces.C.id,
    );
    const adminToken = await server.signIn(provinces.C.admin, PASSWORD);
    const { clubs } = dataOf(await server.gql<{ clubs: { totalCount: number } }>('{ clubs(first: 5) { totalCount } }', {}, adminToken));
    expect(clubs.totalCount).toBe(2);
    // The province units of the two are one tree: the old one retired, its communes under C's.
    const units = await asTenant(database, provinces.C.id, (db) =>
      db.query(`select code, valid_to::text, (select code from admin_unit parent where parent.id = unit.parent_id) as parent from admin_unit unit order by code`),
    );
    expect(units).toEqual([
      { code: '73', valid_to: null, parent: null },
      { code: '73001', valid_to: null, parent: '73' },
      { code: '74', valid_to: '2025-06-30', parent: null },
      { code: '74001', valid_to: null, parent: '73' },
    ]);
    // The tree starts at the province in force: D's province unit, emptied, is history.
    const { adminUnits } = dataOf(await server.gql<{ adminUnits: { edges: Array<{ node: { code: string } }> } }>(
      '{ adminUnits(first: 10) { edges { node { code } } } }',
      {},
      adminToken,
    ));
    expect(adminUnits.edges.map(({ node }) => node.code)).toEqual(['73']);
  });
});

describe('a merge the checked way', () => {
  it('moves the same rows with the triggers held and every key checked, and leaves the triggers working', async () => {
    const totalsBefore = await database.owner.query(
      `select month, sum(members)::int as members, sum(clubs_running)::int as clubs from province_month_figure
        where tenant_id = any ($1) group by month order by month`,
      [[provinces.F.id, provinces.G.id]],
    );
    const { successorId } = await withDatabaseScope(database.app, { role: 'ishc_national_admin' }, async (db) => {
      await db.query(`select set_config('ishc.merge_checks', 'on', true)`);
      return mergeProvinces(db, REQUEST, {
        predecessorIds: [provinces.F.id, provinces.G.id],
        successor: { code: '77', name: 'Hợp Nhất Kiểm Tra', slug: 'hop-nhat-kiem-tra' },
        effectiveOn: '2025-01-01',
        reason: 'Sáp nhập có kiểm tra khóa',
        predecessorAdmins: 'MOVE',
      });
    });
    const moved = await database.owner.query(
      `select (select count(*) from club where tenant_id = $1)::int as clubs, (select count(*) from member where tenant_id = $1)::int as members,
              (select count(*) from ledger_entry where tenant_id = $1)::int as entries,
              (select count(*) from club where tenant_id = any ($2))::int as left_behind`,
      [successorId, [provinces.F.id, provinces.G.id]],
    );
    expect(moved).toEqual([{ clubs: 2, members: 5, entries: 2, left_behind: 0 }]);
    expect(
      await database.owner.query(
        `select month, members, clubs_running as clubs from province_month_figure where tenant_id = $1 order by month`,
        [successorId],
      ),
    ).toEqual(totalsBefore);
    // The triggers are on again: a member added now moves the successor's figures.
    await asProvince(successorId, (db) =>
      createMember(db, REQUEST, provinces.F.clubId, {
        fullName: 'Hội viên sau sáp nhập có kiểm tra', sex: Sex.MALE, birthYear: 1955, citizenId: null, phone: null, hamletId: null,
        joinedOn: todayInVietnam(), poorHousehold: false, nearPoorHousehold: false, ethnicMinority: null, disability: false,
        livesAlone: false, needsHomeCare: false, boardRole: null, homeCareVolunteer: false,
      }),
    );
    const [after] = await database.owner.query('select sum(members)::int as members from province_month_figure where tenant_id = $1', [successorId]);
    expect(after.members).toBe(6);
    const [disabled] = await database.owner.query(
      `select count(*)::int as count from pg_trigger where not tgisinternal and tgenabled = 'D'`,
    );
    expect(disabled.count).toBe(0);
  });
});
