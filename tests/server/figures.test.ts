import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreOf } from '../../server/src/figures/club-health.js';
import { expectedBy } from '../../server/src/figures/figure.service.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { asClub, asTenant, demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let kienGiang: string;
let thaiNguyen: string;
let national: string;

/**
 * A small fixture in Kiên Giang, written as the owner, whose figures are counted by hand below:
 *
 * district "Huyện Thử" ─┬─ commune A ── club X (founded 2024-01-15)   A and B merge into C on 2025-07-01
 *                        └─ commune B ── club Y (founded 2025-03-01, suspended 2026-05-01)
 * province ─ commune C (from 2025-07-01)
 * province ─ commune E ── hamlet H ── club Z                          E splits into F and G on 2025-07-01;
 *          ─ commune F, commune G (from 2025-07-01)                   hamlet H now lies in G
 */
const fixture = {
  district: '', communeA: '', communeB: '', communeC: '', communeE: '', communeF: '', communeG: '', hamletH: '',
  clubX: '', clubY: '', clubZ: '',
};

async function owner<T = any>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return database.owner.query(sql, parameters);
}

async function unit(name: string, kind: string, parentId: string | null, validFrom: string | null = null): Promise<string> {
  const [row] = await owner<{ id: string }>(
    'insert into admin_unit (tenant_id, parent_id, name, kind, valid_from) values ($1, $2, $3, $4, $5) returning id',
    [ids.anGiang, parentId, name, kind, validFrom],
  );
  return row.id;
}

async function club(name: string, communeId: string, foundedOn: string, hamletId: string | null = null): Promise<string> {
  const [row] = await owner<{ id: string }>(
    `insert into club (tenant_id, commune_id, hamlet_id, name, status, founded_on, status_since) values ($1, $2, $3, $4, 'ACTIVE', $5, $5) returning id`,
    [ids.anGiang, communeId, hamletId, name, foundedOn],
  );
  await owner(`insert into club_status_change (tenant_id, club_id, status, effective_on) values ($1, $2, 'ACTIVE', $3)`, [ids.anGiang, row.id, foundedOn]);
  return row.id;
}

async function member(clubId: string, fullName: string, sex: 'FEMALE' | 'MALE', birthYear: number, extra: { joined?: string; left?: string; poor?: boolean; nearPoor?: boolean } = {}): Promise<string> {
  const [row] = await owner<{ id: string }>(
    `insert into member (tenant_id, club_id, full_name, sex, birth_year, joined_on, left_on, leave_reason, poor_household, near_poor_household)
     values ($1, $2, $3, $4, $5, $6, $7, case when $7::date is null then null else 'Chuyển nơi ở' end, $8, $9) returning id`,
    [ids.anGiang, clubId, fullName, sex, birthYear, extra.joined ?? '2024-01-15', extra.left ?? null, extra.poor ?? false, extra.nearPoor ?? false],
  );
  return row.id;
}

async function meeting(clubId: string, heldOn: string, present: string[], area = 'SELF_HELP', monthlyMeeting = true): Promise<void> {
  const [activity] = await owner<{ id: string }>(
    `insert into activity (tenant_id, club_id, held_on, area, monthly_meeting, title) values ($1, $2, $3, $4, $5, 'Sinh hoạt') returning id`,
    [ids.anGiang, clubId, heldOn, area, monthlyMeeting],
  );
  if (present.length) {
    await owner(
      `insert into attendance (tenant_id, club_id, activity_id, member_id) select $1, $2, $3, unnest($4::uuid[])`,
      [ids.anGiang, clubId, activity.id, present],
    );
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  [kienGiang, thaiNguyen, national] = await Promise.all(['kiengiang', 'thainguyen', 'national.viewer'].map((login) => server.signIn(login)));

  // The province's root in force (those of the provinces merged into it are retired).
  const [root] = await owner<{ id: string }>('select id from admin_unit where tenant_id = $1 and parent_id is null and valid_to is null', [ids.anGiang]);
  fixture.district = await unit('Huyện Thử', 'RURAL_DISTRICT', root.id);
  fixture.communeA = await unit('Xã A', 'COMMUNE', fixture.district);
  fixture.communeB = await unit('Xã B', 'COMMUNE', fixture.district);
  fixture.communeC = await unit('Xã C', 'COMMUNE', root.id, '2025-07-01');
  fixture.communeE = await unit('Xã E', 'COMMUNE', root.id);
  fixture.hamletH = await unit('Ấp H', 'HAMLET', fixture.communeE);
  fixture.communeF = await unit('Xã F', 'COMMUNE', root.id, '2025-07-01');
  fixture.communeG = await unit('Xã G', 'COMMUNE', root.id, '2025-07-01');
  await owner(`update admin_unit set valid_to = '2025-07-01' where id = any($1)`, [[fixture.communeA, fixture.communeB, fixture.communeE]]);
  await owner(`update admin_unit set parent_id = $1 where id = $2`, [fixture.communeG, fixture.hamletH]);
  await owner(
    `insert into admin_unit_succession (tenant_id, predecessor_id, successor_id, kind, effective_on)
     values ($1, $2, $4, 'MERGE', '2025-07-01'), ($1, $3, $4, 'MERGE', '2025-07-01'),
            ($1, $5, $6, 'SPLIT', '2025-07-01'), ($1, $5, $7, 'SPLIT', '2025-07-01')`,
    [ids.anGiang, fixture.communeA, fixture.communeB, fixture.communeC, fixture.communeE, fixture.communeF, fixture.communeG],
  );

  fixture.clubX = await club('CLB thử X', fixture.communeA, '2024-01-15');
  const older = await member(fixture.clubX, 'Nguyễn Thị Một', 'FEMALE', 1950, { poor: true });
  const young = await member(fixture.clubX, 'Trần Thị Hai', 'FEMALE', 1990);
  await member(fixture.clubX, 'Lê Văn Ba', 'MALE', 1955, { left: '2026-03-10' });
  const turning = await member(fixture.clubX, 'Phạm Thị Bốn', 'FEMALE', 1966, { nearPoor: true });
  await member(fixture.clubX, 'Hoàng Văn Năm', 'MALE', 1980, { joined: '2026-07-01' });
  // One loan to the first member, never repaid: all of it more than 30 days past due.
  const [loan] = await owner<{ id: string }>(
    `insert into loan (tenant_id, club_id, member_id, principal, term_months, monthly_rate, purpose, status, requested_on, decided_on, disbursed_on, first_due_on)
     values ($1, $2, $3, 1000000, 2, 0, 'LIVESTOCK', 'DISBURSED', '2024-03-01', '2024-03-02', '2024-03-05', '2024-04-05') returning id`,
    [ids.anGiang, fixture.clubX, older],
  );
  await owner(
    `insert into loan_instalment (tenant_id, club_id, loan_id, schedule_version, number, due_on, principal, interest)
     values ($1, $2, $3, 0, 1, '2024-04-05', 500000, 0), ($1, $2, $3, 0, 2, '2024-05-05', 500000, 0)`,
    [ids.anGiang, fixture.clubX, loan.id],
  );
  // Meetings: three present a month in January–March, two a month in April–June; one health talk in May.
  for (const heldOn of ['2026-01-10', '2026-02-10', '2026-03-05']) await meeting(fixture.clubX, heldOn, [older, young, turning]);
  for (const heldOn of ['2026-04-10', '2026-05-10', '2026-06-10']) await meeting(fixture.clubX, heldOn, [older, young]);
  await meeting(fixture.clubX, '2026-05-20', [older], 'HEALTH', false);
  // Reports: March on time, April first submitted late then returned, May never submitted.
  await owner(
    `insert into monthly_report (tenant_id, club_id, month, status, figures, due_on, submitted_at, first_submitted_at, return_comment)
     values ($1, $2, '2026-03-01', 'APPROVED', '{}', '2026-04-05', '2026-04-03 09:00+07', '2026-04-03 09:00+07', null),
            ($1, $2, '2026-04-01', 'RETURNED', '{}', '2026-05-05', '2026-05-09 09:00+07', '2026-05-09 09:00+07', 'Thiếu số liệu')`,
    [ids.anGiang, fixture.clubX],
  );

  fixture.clubY = await club('CLB thử Y', fixture.communeB, '2025-03-01');
  await member(fixture.clubY, 'Đỗ Thị Sáu', 'FEMALE', 1950, { joined: '2025-03-01' });
  await member(fixture.clubY, 'Vũ Văn Bảy', 'MALE', 1950, { joined: '2025-03-01' });
  await owner(`update club set status = 'SUSPENDED', status_since = '2026-05-01' where id = $1`, [fixture.clubY]);
  await owner(`insert into club_status_change (tenant_id, club_id, status, effective_on, reason) values ($1, $2, 'SUSPENDED', '2026-05-01', 'Ban chủ nhiệm chuyển đi')`, [ids.anGiang, fixture.clubY]);

  fixture.clubZ = await club('CLB thử Z', fixture.communeE, '2024-06-01', fixture.hamletH);
  await member(fixture.clubZ, 'Bùi Thị Tám', 'FEMALE', 1958, { joined: '2024-06-01' });
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const DASHBOARD = `query ($unitId: ID, $month: Month, $tenantId: ID) {
  provinceDashboard(unitId: $unitId, month: $month, tenantId: $tenantId) {
    figures { clubs members olderMembers womenMembers poorOrNearPoorMembers borrowers communesWithClub clubsMeetingStandard }
    units { unit { id name } figures { clubs members olderMembers } }
    quality { itemsMet clubs }
    loans { activeLoans outstandingPrincipal principalAtRisk par30 }
    progress { indicator { code } actual status }
    trend { month clubs members olderMembers }
    clubsAtRiskCount
    clubsAtRisk(first: 5) { club { id } score level }
  }
}`;

async function dashboard(unitId: string | null, month: string, token = kienGiang, tenantId?: string) {
  const response = await server.gql<{ provinceDashboard: any }>(DASHBOARD, { unitId, month, tenantId }, token);
  if (response.errors) throw new Error(response.raw);
  return response.data!.provinceDashboard;
}

describe('indicator values, counted by hand', () => {
  it('counts members who have not left, older people from January of the year they turn 60, borrowers and poor households', async () => {
    const june = await dashboard(fixture.communeA, '2026-06');
    // Club X in June 2026: members 1, 2 and 4 (3 left in March, 5 joins in July); 1 and 4 (born 1966) are older.
    expect(june.figures).toMatchObject({ clubs: 1, members: 3, olderMembers: 2, womenMembers: 3, poorOrNearPoorMembers: 2, borrowers: 1, communesWithClub: 1 });
    const lastYear = await dashboard(fixture.communeA, '2025-06');
    // June 2025: member 3 had not left yet and member 4 was 59.
    expect(lastYear.figures).toMatchObject({ clubs: 1, members: 4, olderMembers: 2, womenMembers: 3 });
    const july = await dashboard(fixture.communeA, '2026-07');
    expect(july.figures).toMatchObject({ members: 4, olderMembers: 2 });
  });

  it('rolls merged communes up into their successor, keeps them under the old unit, and leaves a suspended club out', async () => {
    // June 2025, before the merge took effect: both clubs run; C counts them as its own.
    const before = await dashboard(fixture.communeC, '2025-06');
    expect(before.figures).toMatchObject({ clubs: 2, members: 6, olderMembers: 4, womenMembers: 4 });
    // June 2026: Y is suspended since May.
    const after = await dashboard(fixture.communeC, '2026-06');
    expect(after.figures).toMatchObject({ clubs: 1, members: 3 });
    expect((await dashboard(fixture.communeB, '2026-06')).figures).toMatchObject({ clubs: 0, members: 0 });
    expect((await dashboard(fixture.communeB, '2025-06')).figures).toMatchObject({ clubs: 1, members: 2, olderMembers: 2 });
    // The old district still shows what was recorded under it, its communes one level down.
    const district = await dashboard(fixture.district, '2025-06');
    expect(district.figures).toMatchObject({ clubs: 2, members: 6 });
    expect(district.units.map((row: any) => [row.unit.name, row.figures.members]).sort()).toEqual([['Xã A', 4], ['Xã B', 2]]);
  });

  it('follows a split to the successor that now holds the club’s hamlet', async () => {
    expect((await dashboard(fixture.communeG, '2026-06')).figures).toMatchObject({ clubs: 1, members: 1 });
    expect((await dashboard(fixture.communeF, '2026-06')).figures).toMatchObject({ clubs: 0, members: 0 });
    expect((await dashboard(fixture.communeE, '2026-06')).figures).toMatchObject({ clubs: 1, members: 1, olderMembers: 1 });
  });

  it('gives a month by month trend and the portfolio at risk', async () => {
    const june = await dashboard(fixture.communeA, '2026-06');
    expect(june.trend).toHaveLength(12);
    expect(june.trend.at(-1)).toMatchObject({ month: '2026-06', clubs: 1, members: 3, olderMembers: 2 });
    expect(june.trend.find((point: any) => point.month === '2026-02')).toMatchObject({ members: 4, olderMembers: 3 });
    expect(june.loans).toEqual({ activeLoans: 1, outstandingPrincipal: 1_000_000, principalAtRisk: 1_000_000, par30: '100' });
    const members = june.progress.find((item: any) => item.indicator.code === 'MEMBERS');
    expect(members.actual).toBe('3');
    expect(june.progress.find((item: any) => item.indicator.code === 'MEMBERS_BORROWED_PCT').actual).toBe('33.33');
  });

  it('reflects a write the moment it commits', async () => {
    const before = await dashboard(fixture.communeE, '2026-06');
    const [row] = await owner<{ id: string }>(
      `insert into member (tenant_id, club_id, full_name, sex, birth_year, joined_on) values ($1, $2, 'Người mới', 'FEMALE', 1940, '2026-06-02') returning id`,
      [ids.anGiang, fixture.clubZ],
    );
    const after = await dashboard(fixture.communeE, '2026-06');
    expect(after.figures.members).toBe(before.figures.members + 1);
    expect(after.figures.olderMembers).toBe(before.figures.olderMembers + 1);
    await owner(`update member set left_on = '2026-06-03', leave_reason = 'Nhập nhầm' where id = $1`, [row.id]);
    expect((await dashboard(fixture.communeE, '2026-06')).figures.members).toBe(before.figures.members);
  });
});

describe('figures under concurrent writes', () => {
  it('keep the province totals equal to the sum of its clubs when many members join at once', async () => {
    const join = (clubId: string, index: number) =>
      server.gql(
        `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
        { input: { clubId, fullName: `Hội viên đồng thời ${index}`, sex: index % 2 ? 'MALE' : 'FEMALE', birthYear: 1950 + index, joinedOn: '2026-05-02' } },
        kienGiang,
      );
    const clubW = await club('CLB thử W', fixture.communeF, '2026-01-05');
    const before = await dashboard(null, '2026-06');
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => join(index % 2 ? clubW : fixture.clubZ, index)));
    expect(results.filter((result) => result.errors)).toEqual([]);
    const after = await dashboard(null, '2026-06');
    expect(after.figures.members).toBe(before.figures.members + 16);
    // A club that moves to another commune, and one deleted before it had members, leave no trace behind.
    await owner('update club set commune_id = $1 where id = $2', [fixture.communeG, clubW]);
    const empty = await club('CLB thử không hội viên', fixture.communeF, '2025-02-01');
    await owner('delete from club where id = $1', [empty]);
    expect(await provinceTotalMismatches()).toEqual([]);
  });

  it('moves a club’s funds from a ledger entry’s month on exactly as recomputing the club’s whole history would', async () => {
    const clubV = await club('CLB thử V', fixture.communeF, '2020-03-10');
    for (let index = 0; index < 6; index += 1) await member(clubV, `Hội viên quỹ ${index}`, index % 3 ? 'FEMALE' : 'MALE', 1950 + index, { joined: '2020-03-10' });
    await member(clubV, 'Hội viên vào sau', 'FEMALE', 1962, { joined: '2020-09-01' });
    const entry = (fund: string, kind: string, entryOn: string, amount: number) =>
      `($1, $2, '${fund}', '${kind}', '${entryOn}', ${amount}, 'Thử quỹ')`;
    const record = (...entries: string[]) =>
      owner(`insert into ledger_entry (tenant_id, club_id, fund, kind, entry_on, amount, description) values ${entries.join(', ')}`, [ids.anGiang, clubV]);
    // A month with a row already (joining), a month between rows, a month before the club's first
    // row (founded before the scheme), one statement over several months, money that leaves a fund empty again.
    await record(entry('INCOME_GENERATION', 'SEED_CAPITAL', '2020-03-20', 5_000_000));
    await record(entry('ACTIVITY', 'CONTRIBUTION', '2020-06-03', 120_000));
    await record(entry('ACTIVITY', 'CONTRIBUTION', '2019-12-30', 40_000));
    await record(
      entry('ACTIVITY', 'EXPENSE', '2020-10-02', -175_000),
      entry('INCOME_GENERATION', 'CONTRIBUTION', '2021-02-14', 250_000),
      entry('ACTIVITY', 'CONTRIBUTION', '2020-07-07', 15_000),
    );
    await record(entry('ACTIVITY', 'CONTRIBUTION', '2021-04-01', 60_000), entry('ACTIVITY', 'EXPENSE', '2021-04-25', -15_000));

    const rowsOfClub = () => owner(
      `select month::text, valid_until::text, running, members, income_fund::text, activity_fund::text, items_met, meets_standard
         from club_month_figure where tenant_id = $1 and club_id = $2 order by month`,
      [ids.anGiang, clubV],
    );
    const recomputed = await owner(
      `select month::text, valid_until::text, running, members, income_fund::text, activity_fund::text, items_met, meets_standard
         from ishc.club_figures_computed($1, $2) order by month`,
      [ids.anGiang, clubV],
    );
    const kept = await rowsOfClub();
    expect(kept).toEqual(recomputed);
    // Counted by hand: a row for every month with a change (January 2022: the
    // member born in 1962 turns 60); the October expense empties the
    // activity fund (the club loses the quality item "both funds hold money") until April 2026.
    expect(kept.map((row) => [row.month, row.income_fund, row.activity_fund])).toEqual([
      ['2019-12-01', '0', '40000'],
      ['2020-03-01', '5000000', '40000'],
      ['2020-06-01', '5000000', '160000'],
      ['2020-07-01', '5000000', '175000'],
      ['2020-09-01', '5000000', '175000'],
      ['2020-10-01', '5000000', '0'],
      ['2021-02-01', '5250000', '0'],
      ['2021-04-01', '5250000', '45000'],
      ['2022-01-01', '5250000', '45000'],
    ]);
    expect(kept[0]).toMatchObject({ running: 0, members: 0, items_met: 0 });

    // The province's totals are those a full recompute leaves: recomputing changes nothing.
    const provinceRows = () => owner(`select * from province_month_figure where tenant_id = $1 order by month`, [ids.anGiang]);
    const before = await provinceRows();
    await owner('select ishc.refresh_club_figures($1, $2)', [ids.anGiang, clubV]);
    expect(await rowsOfClub()).toEqual(kept);
    expect(await provinceRows()).toEqual(before);
    expect(await provinceTotalMismatches()).toEqual([]);
  });
});

/** Months at which the province's running totals differ from the sum of its clubs' rows read directly. */
function provinceTotalMismatches() {
  return owner(
      `with months as (select generate_series('2024-01-01'::date, '2026-11-01'::date, interval '1 month')::date as month),
            from_clubs as (
              select months.month, coalesce(sum(figure.members * figure.running), 0) as members, coalesce(sum(figure.older * figure.running), 0) as older,
                     count(*) filter (where figure.running = 1 and figure.income_fund > 0 and figure.activity_fund > 0) as both_funds,
                     count(distinct figure.commune_id) filter (where figure.running = 1) as communes
                from months left join club_month_figure figure
                  on figure.tenant_id = $1 and figure.month <= months.month and figure.valid_until > months.month
               group by months.month),
            from_province as (
              select months.month, coalesce(sum(total.members), 0) as members, coalesce(sum(total.older), 0) as older,
                     coalesce(sum(total.clubs_with_both_funds), 0) as both_funds,
                     (select count(*) from (select commune_id from commune_month_figure commune
                                             where commune.tenant_id = $1 and commune.month <= months.month
                                             group by commune_id having sum(running_clubs) > 0) present) as communes
                from months left join province_month_figure total on total.tenant_id = $1 and total.month <= months.month
               group by months.month)
       select * from from_clubs join from_province using (month)
        where from_clubs.members <> from_province.members or from_clubs.older <> from_province.older
           or from_clubs.both_funds <> from_province.both_funds or from_clubs.communes <> from_province.communes`,
      [ids.anGiang],
    );
}

describe('attendance', () => {
  const SET = `mutation ($input: SetAttendanceInput!) { setAttendance(input: $input) { id attendanceCount version } }`;

  it('replaces who came, refuses a non-member naming the place in the list, counts a retry once, and shows in the live figures', async () => {
    const [activity] = await owner<{ id: string }>(
      `insert into activity (tenant_id, club_id, held_on, area, monthly_meeting, title) values ($1, $2, '2026-10-12', 'CULTURE', true, 'Sinh hoạt tháng 10') returning id`,
      [ids.anGiang, fixture.clubZ],
    );
    const [member] = await owner<{ id: string }>('select id from member where club_id = $1 and left_on is null order by full_name limit 1', [fixture.clubZ]);
    const [outsider] = await owner<{ id: string }>('select id from member where club_id = $1 limit 1', [fixture.clubX]);
    const input = { activityId: activity.id, memberIds: [member.id], idempotencyKey: 'attendance-z-0001' };
    const first = await server.gql<{ setAttendance: { attendanceCount: number; version: number } }>(SET, { input }, kienGiang);
    expect(first.errors).toBeUndefined();
    expect(first.data!.setAttendance).toMatchObject({ attendanceCount: 1, version: 2 });
    const retried = await server.gql<{ setAttendance: { attendanceCount: number; version: number } }>(SET, { input }, kienGiang);
    expect(retried.data!.setAttendance).toMatchObject({ attendanceCount: 1, version: 2 });
    const refused = await server.gql(SET, { input: { activityId: activity.id, memberIds: [member.id, outsider.id], idempotencyKey: 'attendance-z-0002' } }, kienGiang);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.fields).toEqual([{ field: 'memberIds[1]', message: 'is not a member of the club on the day of the activity' }]);
    const [kept] = await owner<{ count: number }>('select count(*)::int as count from attendance where activity_id = $1', [activity.id]);
    expect(kept.count).toBe(1);
    const [month] = await owner<{ meetings: number; meeting_attendance: number; areas: number }>(
      `select meetings, meeting_attendance, areas from club_month_activity where club_id = $1 and month = '2026-10-01'`,
      [fixture.clubZ],
    );
    expect(month).toEqual({ meetings: 1, meeting_attendance: 1, areas: 1 << 6 });
  });
});

describe('club early warning', () => {
  it('scores a club from its areas, reports, attendance, loans and churn, with the reasons', async () => {
    const response = await server.gql<{ clubsAtRisk: any[] }>(
      `query { clubsAtRisk(unitId: "${fixture.communeA}", month: "2026-06") { club { id name } score level reasons { code pointsLost value } } }`,
      {},
      kienGiang,
    );
    expect(response.errors).toBeUndefined();
    const [x] = response.data!.clubsAtRisk;
    expect(x.club.id).toBe(fixture.clubX);
    // Areas: 2 of 8 (−19); May missing (−7), April late though later returned (−3); attendance 3 → 2 a
    // meeting, −33.33% (−17); PAR30 100% (−20); 1 of 4 members left in the year, 25% (−15).
    expect(x.reasons).toEqual([
      { code: 'PORTFOLIO_AT_RISK', pointsLost: 20, value: '100' },
      { code: 'FEW_AREAS', pointsLost: 19, value: '2' },
      { code: 'ATTENDANCE_FALLING', pointsLost: 17, value: '-33.33' },
      { code: 'MEMBERS_LEAVING', pointsLost: 15, value: '25' },
      { code: 'MISSING_REPORTS', pointsLost: 7, value: '1' },
      { code: 'LATE_REPORTS', pointsLost: 3, value: '1' },
    ]);
    expect(x).toMatchObject({ score: 19, level: 'AT_RISK' });
    // The dashboard lists the same club first, from the same scores.
    const unit = await dashboard(fixture.communeA, '2026-06');
    expect(unit.clubsAtRisk).toEqual([{ club: { id: fixture.clubX }, score: 19, level: 'AT_RISK' }]);
    expect(unit.clubsAtRiskCount).toBe(1);
    // Its club as the club itself reads: the dashboard names it from the rows it has read already.
    const named = await server.gql<{ provinceDashboard: any; club: any }>(
      `query ($unitId: ID, $clubId: ID!) {
        provinceDashboard(unitId: $unitId, month: "2026-06") { clubsAtRisk(first: 5) { club { id name status foundedOn version commune { id } hamlet { id } } } }
        club(id: $clubId) { id name status foundedOn version commune { id } hamlet { id } }
      }`,
      { unitId: fixture.communeA, clubId: fixture.clubX },
      kienGiang,
    );
    expect(named.errors).toBeUndefined();
    expect(named.data!.provinceDashboard.clubsAtRisk[0].club).toEqual(named.data!.club);
    expect(named.data!.club.name.length).toBeGreaterThan(0);
  });

  it('applies each rule alone', () => {
    const calm = { areasCovered: 8, reportsMissing: 0, reportsLate: 0, meetingsRecent: 3, attendanceRecent: 150, meetingsBefore: 3, attendanceBefore: 150, par30: '0', leftInYear: 0, membersYearAgo: 60 };
    expect(scoreOf(calm)).toEqual({ score: 100, level: 'HEALTHY', reasons: [] });
    expect(scoreOf({ ...calm, attendanceRecent: 140 }).score).toBe(100); // a fall of 6.7% is ordinary
    expect(scoreOf({ ...calm, meetingsRecent: 0, attendanceRecent: 0 }).reasons).toEqual([{ code: 'NO_MEETINGS', pointsLost: 20, value: '0' }]);
    expect(scoreOf({ ...calm, reportsMissing: 3, reportsLate: 1 }).reasons.map((reason) => reason.pointsLost)).toEqual([20]);
    expect(scoreOf({ ...calm, leftInYear: 3 }).score).toBe(100); // 5% is not above one in twenty
    expect(scoreOf({ ...calm, par30: '0.3' }).reasons).toEqual([{ code: 'PORTFOLIO_AT_RISK', pointsLost: 1, value: '0.3' }]);
    expect(scoreOf({ ...calm, areasCovered: 5, par30: '12.5' })).toMatchObject({ score: 78, level: 'WATCH' });
  });
});

describe('targets and milestones', () => {
  it('expects the milestone of the year before moved towards this year’s by the months gone', () => {
    const period = { id: 'scheme', firstYear: 2021, lastYear: 2025 };
    const milestones = [{ year: 2021, value: '5' }, { year: 2022, value: '15' }, { year: 2023, value: '25' }, { year: 2024, value: '30' }, { year: 2025, value: '35' }];
    expect(expectedBy('35', milestones, period, '2022-06')).toBe('10');
    expect(expectedBy('35', milestones, period, '2021-12')).toBe('5');
    expect(expectedBy('35', [], period, '2023-06')).toBe('17.5');
    expect(expectedBy('35', milestones, period, '2026-01')).toBe('35');
  });

  it('shows every catalogue indicator with a status against the scheme', async () => {
    const whole = await dashboard(null, '2025-12');
    const codes = whole.progress.map((item: any) => item.indicator.code);
    expect(codes).toEqual(expect.arrayContaining(['NEW_CLUBS', 'CLUBS_MAINTAINED', 'CLUBS_RUNNING', 'MEMBERS', 'FUNDS_MOBILISED', 'CLUBS_MEETING_STANDARD_PCT']));
    // Kiên Giang 2021–2025, carried on by An Giang: 35 new clubs. Founded in the period: Kiên Giang's 35
    // of the plan, the old An Giang's club of An Hảo (2022), and X (2024), Y (2025) and Z (2024).
    const newClubs = whole.progress.find((item: any) => item.indicator.code === 'NEW_CLUBS');
    expect(newClubs).toMatchObject({ actual: '39', status: 'ACHIEVED' });
  });
});

describe('the national comparison', () => {
  const COMPARISON = `query ($month: Month) { nationalComparison(month: $month) {
    provinces { tenant { id name } figures { clubs members olderMembers communesWithClub } membersPerClub womenPercent }
    national { figures { clubs members } }
    trend { tenant { id } month members }
  } }`;

  it('is refused to a province admin, with FORBIDDEN', async () => {
    const response = await server.gql(COMPARISON, { month: '2026-06' }, kienGiang);
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
    expect(response.data).toBeNull();
  });

  it('agrees with each province’s own dashboard, and its total with the sum of provinces', async () => {
    const response = await server.gql<{ nationalComparison: any }>(COMPARISON, { month: '2026-06' }, national);
    expect(response.errors).toBeUndefined();
    const comparison = response.data!.nationalComparison;
    const kg = comparison.provinces.find((row: any) => row.tenant.id === ids.anGiang);
    const ownView = await dashboard(null, '2026-06');
    // Communes A and B merged into C count once, as C, as the province's own dashboard counts them.
    expect(kg.figures).toEqual({ clubs: ownView.figures.clubs, members: ownView.figures.members, olderMembers: ownView.figures.olderMembers, communesWithClub: ownView.figures.communesWithClub });
    const beforeMerger = (await server.gql<{ nationalComparison: any }>(COMPARISON, { month: '2025-06' }, national)).data!.nationalComparison;
    expect(beforeMerger.provinces.find((row: any) => row.tenant.id === ids.anGiang).figures.communesWithClub).toBe((await dashboard(null, '2025-06')).figures.communesWithClub);
    expect(comparison.national.figures.members).toBe(comparison.provinces.reduce((sum: number, row: any) => sum + row.figures.members, 0));
    const juneKienGiang = comparison.trend.find((point: any) => point.tenant.id === ids.anGiang && point.month === '2026-06');
    expect(juneKienGiang.members).toBe(kg.figures.members);
  });

  it('lets the national office open a province dashboard, but a province never another’s', async () => {
    const viaNational = await dashboard(fixture.communeA, '2026-06', national, ids.anGiang);
    expect(viaNational.figures.members).toBe(3);
    const response = await server.gql(DASHBOARD, { unitId: null, month: '2026-06', tenantId: ids.anGiang }, thaiNguyen);
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
    const missing = await server.gql(DASHBOARD, { unitId: null, month: '2026-06' }, national);
    expect(codesOf(missing)).toEqual(['BAD_USER_INPUT']);
    // Thái Nguyên asking for a Kiên Giang unit sees nothing of it.
    expect((await dashboard(fixture.communeA, '2026-06', thaiNguyen)).figures).toMatchObject({ clubs: 0, members: 0 });
  });

  it('returns no personal data to national users', async () => {
    const names: Array<{ full_name: string }> = await owner('select full_name from member');
    const responses = [
      (await server.gql(COMPARISON, { month: '2026-06' }, national)).raw,
      (await server.gql(DASHBOARD, { unitId: null, month: '2026-06', tenantId: ids.anGiang }, national)).raw,
      (await server.gql(`query { clubsAtRisk(tenantId: "${ids.anGiang}", first: 500) { club { name } reasons { code value } } }`, {}, national)).raw,
      await (await fetch(`${server.url}/exports/province-clubs.csv?tenantId=${ids.anGiang}`, { headers: { authorization: `Bearer ${national}` } })).text(),
    ];
    for (const raw of responses) {
      expect(raw.length).toBeGreaterThan(100);
      for (const { full_name } of names) expect(raw).not.toContain(full_name);
    }
    const members = await server.gql(`query { members(clubId: "${fixture.clubX}", first: 5) { edges { node { fullName } } } }`, {}, national);
    expect(codesOf(members)).toEqual(['FORBIDDEN']);
  });
});

describe('exports', () => {
  async function download(path: string, token?: string): Promise<Response> {
    return fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  it('opens as a workbook whose totals match the API', async () => {
    const response = await download('/exports/national-comparison.xlsx?month=2026-06', national);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''So%20s%C3%A1nh");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Tỉnh, thành phố', 'Mã tỉnh', 'Số CLB đang hoạt động', 'Số thành viên']);
    const rows = [];
    for (let index = 2; index <= sheet.rowCount; index += 1) rows.push((sheet.getRow(index).values as unknown[]).slice(1));
    const total = rows.find((row) => row[0] === 'Toàn quốc')!;
    const api = (await server.gql<{ nationalComparison: any }>(`query { nationalComparison(month: "2026-06") { national { figures { clubs members } fundsMobilised } } }`, {}, national)).data!.nationalComparison;
    expect(total[2]).toBe(api.national.figures.clubs);
    expect(total[3]).toBe(api.national.figures.members);
    expect(typeof total[3]).toBe('number');
    const provinces = rows.filter((row) => row[0] !== 'Toàn quốc');
    expect(provinces.reduce((sum, row) => sum + (row[3] as number), 0)).toBe(total[3]);
    expect(provinces.map((row) => row[0])).toEqual(expect.arrayContaining(['An Giang', 'Thái Nguyên']));
  });

  it('writes every club of a unit to CSV with amounts as plain numbers', async () => {
    const response = await download(`/exports/province-clubs.csv?unitId=${fixture.communeA}&month=2026-06`, kienGiang);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Câu lạc bộ,')).toBe(true);
    const [, line] = text.trim().split('\r\n');
    expect(line).toContain('CLB thử X,Xã A,Đang hoạt động,3,2,3,2,1,');
    expect(line).toContain('19,Có nguy cơ,"Dư nợ quá hạn trên 30 ngày (PAR30) 100%;');
  });

  it('refuses without a session, outside the viewer’s role, and on bad input, naming the field', async () => {
    expect((await download('/exports/province-clubs.csv')).status).toBe(401);
    const forbidden = await download('/exports/national-comparison.csv', kienGiang);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const bad = await download('/exports/province-units.xlsx?month=2026-13', kienGiang);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', fields: [{ field: 'month' }] } });
    expect((await download('/exports/nothing.csv', kienGiang)).status).toBe(404);
  });
});

describe('the figure tables', () => {
  it('are read only through the policies: a club its own, a province its own', async () => {
    const clubRows = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select distinct club_id from club_month_figure'));
    expect(clubRows).toEqual([{ club_id: ids.kienLuongClub }]);
    const otherProvince = await asTenant(database, ids.thaiNguyen, (db) =>
      db.query('select count(*)::int as count from club_month_figure where tenant_id = $1', [ids.anGiang]),
    );
    expect(otherProvince).toEqual([{ count: 0 }]);
    await expect(asTenant(database, ids.anGiang, (db) => db.query('delete from province_month_figure'))).rejects.toThrow(/permission denied/);
    await expect(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select * from province_month_figure'))).rejects.toThrow(/permission denied/);
    for (const table of ['commune_month_figure', 'club_month_activity', 'loan_position']) {
      const seen = await asTenant(database, ids.thaiNguyen, (db) => db.query(`select count(*)::int as count from ${table} where tenant_id = $1`, [ids.anGiang]));
      expect(seen).toEqual([{ count: 0 }]);
      await expect(asTenant(database, ids.anGiang, (db) => db.query(`delete from ${table}`))).rejects.toThrow(/permission denied/);
    }
    const clubActivity = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select distinct club_id from club_month_activity'));
    expect(clubActivity).toEqual([{ club_id: ids.kienLuongClub }]);
    const otherClub = await asClub(database, ids.thaiNguyen, ids.tucDuyenClub, (db) =>
      db.query('select count(*)::int as count from loan_position where club_id = $1', [ids.kienLuongClub]),
    );
    expect(otherClub).toEqual([{ count: 0 }]);
    await expect(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query(`update loan_position set unpaid_since = null`))).rejects.toThrow(
      /permission denied/,
    );
  });
});
