import type { EntityManager } from 'typeorm';
import { ActivityArea } from '../activities/activity.types.js';
import { firstDayOf, monthEndSoFar } from '../calendar.js';
import { fundBalancesOf } from '../funds/ledger.service.js';
import { percentOf, portfolioOf } from '../loans/loan.service.js';
import { OLDER_AGE } from '../members/member.types.js';
import { AreaCount, MONEY_FIGURES, ReportFigures } from './monthly-report.types.js';

type Counts = Record<string, number>;

/**
 * The figures of a club's month: only what is dated in the month (flows) or on or before its last
 * day (balances, members, loans) counts, so they are the same whenever they are asked. A correction
 * counts on its own day, in the month it is dated. The month still running counts up to today.
 */
export async function figuresOf(db: EntityManager, clubId: string, month: string): Promise<ReportFigures> {
  const start = firstDayOf(month);
  const end = monthEndSoFar(month);
  const olderBorn = Number(month.slice(0, 4)) - OLDER_AGE;
  const [members]: Counts[] = await db.query(
    `select count(*) filter (where on_day)::int as members,
            count(*) filter (where on_day and sex = 'FEMALE')::int as women,
            count(*) filter (where on_day and birth_year <= $4)::int as older,
            count(*) filter (where on_day and poor_household)::int as poor,
            count(*) filter (where on_day and near_poor_household)::int as near_poor,
            count(*) filter (where on_day and ethnic_minority is not null)::int as ethnic_minority,
            count(*) filter (where on_day and disability)::int as disability,
            count(*) filter (where on_day and lives_alone)::int as lives_alone,
            count(*) filter (where on_day and needs_home_care)::int as needs_home_care,
            count(*) filter (where on_day and home_care_volunteer)::int as home_care_volunteers,
            count(*) filter (where joined_on between $2 and $3)::int as joined,
            count(*) filter (where left_on between $2 and $3)::int as left
       from (select *, joined_on <= $3 and (left_on is null or left_on > $3) as on_day from member where club_id = $1) as counted`,
    [clubId, start, end, olderBorn],
  );
  const areas: Array<{ area: ActivityArea; activities: number }> = await db.query(
    `select area, count(*)::int as activities from activity where club_id = $1 and held_on between $2 and $3 group by area`,
    [clubId, start, end],
  );
  const [meetings]: Array<{ meetings: number; attended: string; expected: string }> = await db.query(
    `select count(*)::int as meetings, coalesce(sum(attended), 0)::text as attended, coalesce(sum(expected), 0)::text as expected
       from (select activity.id,
                    (select count(*) from attendance where attendance.activity_id = activity.id) as attended,
                    (select count(*) from member where member.club_id = activity.club_id and member.joined_on <= activity.held_on
                        and (member.left_on is null or member.left_on > activity.held_on)) as expected
               from activity where activity.club_id = $1 and activity.monthly_meeting and activity.held_on between $2 and $3) as meeting`,
    [clubId, start, end],
  );
  const [visits]: Counts[] = await db.query(
    `select count(*)::int as visits, count(distinct member_id)::int as members from home_care_visit
      where club_id = $1 and visited_on between $2 and $3`,
    [clubId, start, end],
  );
  const [money]: Array<Record<string, string>> = await db.query(
    `select coalesce(-sum(entry.amount) filter (where entry.kind = 'LOAN_DISBURSED'), 0)::text as amount_disbursed,
            count(*) filter (where entry.kind = 'LOAN_DISBURSED')::text as loans_disbursed,
            coalesce(sum(entry.amount) filter (where entry.kind = 'CONTRIBUTION' or reversed.kind = 'CONTRIBUTION'), 0)::text as contributions
       from ledger_entry entry
       left join ledger_entry reversed on reversed.tenant_id = entry.tenant_id and reversed.id = entry.reverses_id
      where entry.club_id = $1 and entry.entry_on between $2 and $3`,
    [clubId, start, end],
  );
  // A loan's opening repayment (what was repaid before its go-live day) is no money received in the month.
  const [repaid]: Array<Record<string, string>> = await db.query(
    `select coalesce(sum(principal), 0)::text as principal, coalesce(sum(interest), 0)::text as interest
       from repayment where club_id = $1 and paid_on between $2 and $3 and not opening`,
    [clubId, start, end],
  );
  const portfolio = await portfolioOf(db, clubId, end);
  const balances = (await fundBalancesOf(db, [clubId], end)).get(clubId)!;
  const byArea = new Map(areas.map((row) => [row.area, row.activities]));
  return Object.assign(new ReportFigures(), {
    members: members.members,
    women: members.women,
    older: members.older,
    poor: members.poor,
    nearPoor: members.near_poor,
    ethnicMinority: members.ethnic_minority,
    disability: members.disability,
    livesAlone: members.lives_alone,
    needsHomeCare: members.needs_home_care,
    homeCareVolunteers: members.home_care_volunteers,
    joined: members.joined,
    left: members.left,
    activities: areas.reduce((sum, row) => sum + row.activities, 0),
    activitiesByArea: areaCountsOf(byArea, visits.visits),
    meetings: meetings.meetings,
    attendanceRate: percentOf(BigInt(meetings.attended), BigInt(meetings.expected)),
    homeCareVisits: visits.visits,
    membersVisited: visits.members,
    loansDisbursed: Number(money.loans_disbursed),
    amountDisbursed: BigInt(money.amount_disbursed),
    principalRepaid: BigInt(repaid.principal),
    interestReceived: BigInt(repaid.interest),
    loansOutstanding: portfolio.activeLoans,
    outstandingPrincipal: portfolio.outstandingPrincipal,
    loansOverdue: portfolio.loansAtRisk,
    principalOverdue: portfolio.principalAtRisk,
    par30: portfolio.par30,
    contributions: BigInt(money.contributions),
    incomeGenerationFund: balances.incomeGeneration,
    activityFund: balances.activity,
  });
}

/** The eight areas; home-care visits are the work of area 3, whether or not an activity of it was held. */
function areaCountsOf(activities: ReadonlyMap<ActivityArea, number>, homeCareVisits: number): AreaCount[] {
  return Object.values(ActivityArea).map((area) => {
    const held = activities.get(area) ?? 0;
    const visits = area === ActivityArea.HOME_CARE ? homeCareVisits : 0;
    return Object.assign(new AreaCount(), { area, activities: held, visits, covered: held + visits > 0 });
  });
}

export function figuresToJson(figures: ReportFigures): string {
  return JSON.stringify(figures, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

export function figuresFromJson(json: Record<string, unknown>): ReportFigures {
  const figures = Object.assign(new ReportFigures(), json);
  for (const key of MONEY_FIGURES) figures[key] = BigInt(json[key] as string);
  // Reports submitted before visits counted in their area kept only the activities of each.
  const held = new Map((json.activitiesByArea as Array<{ area: ActivityArea; activities: number }>).map((row) => [row.area, row.activities]));
  figures.activitiesByArea = areaCountsOf(held, Number(json.homeCareVisits ?? 0));
  return figures;
}
