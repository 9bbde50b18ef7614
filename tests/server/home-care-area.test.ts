import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../server/src/calendar.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;
let sequence = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  province = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = todayInVietnam();
const thisMonth = today.slice(0, 7);
const key = () => `test-key-${Date.now()}-${(sequence += 1)}`;

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = province): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw}`);
  return response.data!;
}

async function owner<T = Record<string, any>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return database.owner.query(sql, parameters);
}

async function freshClub(name: string, foundedOn = '2024-01-15'): Promise<string> {
  const data = await ok<{ createClub: { id: string } }>(
    `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
    { input: { communeId: ids.kienLuongTown, name, foundedOn, maxActiveLoansPerMember: 1 } },
  );
  return data.createClub.id;
}

interface Added {
  id: string;
  version: number;
  duplicateStatus: string;
}

const CREATE = `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id version duplicateStatus removableUntil } }`;

async function addMember(clubId: string, fullName: string, extra: Record<string, unknown> = {}): Promise<Added> {
  const data = await ok<{ createMember: Added }>(CREATE, { input: { clubId, fullName, sex: 'FEMALE', birthYear: 1955, joinedOn: '2024-01-15', ...extra } });
  return data.createMember;
}

describe('home-care visits', () => {
  it('count as activity in area 3: the month’s report shows them there, and the health score counts the area covered', async () => {
    const clubId = await freshClub('CLB thử chăm sóc tại nhà');
    const volunteer = await addMember(clubId, 'Lâm Thị Tình Nguyện', { homeCareVolunteer: true });
    const visited = await addMember(clubId, 'Lâm Văn Được Thăm', { sex: 'MALE', birthYear: 1940, needsHomeCare: true });
    const areasCovered = async () => {
      const { clubsAtRisk } = await ok<{ clubsAtRisk: Array<{ club: { id: string }; reasons: Array<{ code: string; value: string }> }> }>(
        'query ($unitId: ID, $month: Month!) { clubsAtRisk(unitId: $unitId, month: $month, first: 500) { club { id } reasons { code value } } }',
        { unitId: ids.kienLuongTown, month: thisMonth },
      );
      return clubsAtRisk.find((health) => health.club.id === clubId)!.reasons.find((reason) => reason.code === 'FEW_AREAS')!.value;
    };
    const homeCare = async () => {
      const { monthFigures } = await ok<{ monthFigures: { homeCareVisits: number; activitiesByArea: Array<{ area: string; activities: number; visits: number; covered: boolean }> } }>(
        'query ($clubId: ID, $month: Month!) { monthFigures(clubId: $clubId, month: $month) { homeCareVisits activitiesByArea { area activities visits covered } } }',
        { clubId, month: thisMonth },
      );
      return monthFigures.activitiesByArea.find((area) => area.area === 'HOME_CARE');
    };
    expect(await areasCovered()).toBe('0');
    expect(await homeCare()).toEqual({ area: 'HOME_CARE', activities: 0, visits: 0, covered: false });

    await ok('mutation ($input: RecordHomeCareVisitInput!) { recordHomeCareVisit(input: $input) { id } }', {
      input: { clubId, volunteerId: volunteer.id, memberId: visited.id, visitedOn: today, kinds: ['HEALTH_CHECK'], idempotencyKey: key() },
    });
    expect(await homeCare()).toEqual({ area: 'HOME_CARE', activities: 0, visits: 1, covered: true });
    expect(await areasCovered()).toBe('1');
    const [month] = await owner<{ activities: number; meetings: number }>(
      'select activities, meetings from club_month_activity where club_id = $1 and month = $2::date',
      [clubId, `${thisMonth}-01`],
    );
    // A visit is no activity held nor a meeting: only the area counts it.
    expect(month).toEqual({ activities: 0, meetings: 0 });

    // Taken away again (as a merge or a correction could), the area is no longer covered.
    await owner('delete from home_care_visit where club_id = $1', [clubId]);
    expect(await areasCovered()).toBe('0');
  });

  it('keep area 3 in a report submitted before they were counted there', async () => {
    const [report] = await owner<{ club_id: string; month: string }>(
      `select club_id, to_char(month, 'YYYY-MM') as month from monthly_report
        where tenant_id = $1 and status = 'APPROVED' and (figures->>'homeCareVisits')::int > 0 order by month desc limit 1`,
      [ids.anGiang],
    );
    // As a report frozen before: its areas hold only the activities held.
    await owner(
      `update monthly_report set figures = jsonb_set(figures, '{activitiesByArea}',
         (select jsonb_agg(jsonb_build_object('area', area->>'area', 'activities', (area->>'activities')::int)) from jsonb_array_elements(figures->'activitiesByArea') area))
       where club_id = $1 and month = $2::date`,
      [report.club_id, `${report.month}-01`],
    );
    const { monthlyReport } = await ok<{ monthlyReport: { figures: { homeCareVisits: number; activitiesByArea: Array<{ area: string; visits: number; covered: boolean }> } } }>(
      'query ($clubId: ID, $month: Month!) { monthlyReport(clubId: $clubId, month: $month) { figures { homeCareVisits activitiesByArea { area visits covered } } } }',
      { clubId: report.club_id, month: report.month },
    );
    const area = monthlyReport.figures.activitiesByArea.find((count) => count.area === 'HOME_CARE');
    expect(area).toEqual({ area: 'HOME_CARE', visits: monthlyReport.figures.homeCareVisits, covered: true });
  });
});

