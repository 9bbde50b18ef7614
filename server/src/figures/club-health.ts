import type { EntityManager } from 'typeorm';
import { addMonths, firstDayOf, monthEndSoFar } from '../calendar.js';
import { clubPortfoliosSql, percentOf } from '../loans/loan.service.js';
import { PAR_DAYS } from '../loans/loan.types.js';
import { ClubHealth, HealthLevel, HealthReason, HealthReasonCode } from './figure.types.js';

/** What the score is made of, and what each part weighs (points of 100). */
export const HEALTH_WEIGHTS = { areas: 25, reports: 20, attendance: 20, portfolio: 20, churn: 15 } as const;
const AREAS = 8;
/** A report missing costs more than a report late; three of either cost the whole part at most. */
const MISSING_REPORT_POINTS = 7;
const LATE_REPORT_POINTS = 3;

export interface HealthInputs {
  /** Areas of activity covered in the last three months (0–8). */
  areasCovered: number;
  /** Of the last three reports that are due: not submitted, and first submitted after the due day. */
  reportsMissing: number;
  reportsLate: number;
  /** Members present per monthly meeting: the last three months, and the three before. */
  meetingsRecent: number;
  attendanceRecent: number;
  meetingsBefore: number;
  attendanceBefore: number;
  /** PAR30 in percent, two decimals. */
  par30: string;
  /** Members who left in the last twelve months, and members twelve months ago (or now, if the club is younger). */
  leftInYear: number;
  membersYearAgo: number;
}

function level(score: number): HealthLevel {
  if (score < 60) return HealthLevel.AT_RISK;
  if (score < 80) return HealthLevel.WATCH;
  return HealthLevel.HEALTHY;
}

function reason(code: HealthReasonCode, pointsLost: number, value: string | number): HealthReason {
  return Object.assign(new HealthReason(), { code, pointsLost, value: String(value) });
}

/** The score and its reasons from the measures; a pure function, so every rule is tested alone. */
export function scoreOf(inputs: HealthInputs): { score: number; level: HealthLevel; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  if (inputs.areasCovered < AREAS) {
    const lost = Math.round((HEALTH_WEIGHTS.areas * (AREAS - inputs.areasCovered)) / AREAS);
    reasons.push(reason(HealthReasonCode.FEW_AREAS, lost, inputs.areasCovered));
  }
  const missingLost = Math.min(HEALTH_WEIGHTS.reports, inputs.reportsMissing * MISSING_REPORT_POINTS);
  if (missingLost > 0) reasons.push(reason(HealthReasonCode.MISSING_REPORTS, missingLost, inputs.reportsMissing));
  const lateLost = Math.min(HEALTH_WEIGHTS.reports - missingLost, inputs.reportsLate * LATE_REPORT_POINTS);
  if (lateLost > 0) reasons.push(reason(HealthReasonCode.LATE_REPORTS, lateLost, inputs.reportsLate));
  if (inputs.meetingsRecent === 0) {
    reasons.push(reason(HealthReasonCode.NO_MEETINGS, HEALTH_WEIGHTS.attendance, 0));
  } else if (inputs.meetingsBefore > 0 && inputs.attendanceBefore > 0) {
    const recent = inputs.attendanceRecent / inputs.meetingsRecent;
    const before = inputs.attendanceBefore / inputs.meetingsBefore;
    const change = ((recent - before) / before) * 100;
    // A fall of up to a tenth is ordinary; beyond it, a point per two percent.
    if (change < -10) {
      const lost = Math.min(HEALTH_WEIGHTS.attendance, Math.round(-change / 2));
      reasons.push(reason(HealthReasonCode.ATTENDANCE_FALLING, lost, change.toFixed(2)));
    }
  }
  const par30 = Number(inputs.par30);
  if (par30 > 0) {
    const lost = Math.min(HEALTH_WEIGHTS.portfolio, Math.max(1, Math.round(par30)));
    reasons.push(reason(HealthReasonCode.PORTFOLIO_AT_RISK, lost, inputs.par30));
  }
  if (inputs.leftInYear > 0 && inputs.membersYearAgo > 0) {
    const churn = percentOf(BigInt(inputs.leftInYear), BigInt(inputs.membersYearAgo));
    // Some members leave every year (they move, they pass away); more than one in twenty is a sign.
    if (Number(churn) > 5) {
      const lost = Math.min(HEALTH_WEIGHTS.churn, Math.round(Number(churn)));
      reasons.push(reason(HealthReasonCode.MEMBERS_LEAVING, lost, churn));
    }
  }
  reasons.sort((left, right) => right.pointsLost - left.pointsLost);
  const score = Math.max(0, 100 - reasons.reduce((sum, item) => sum + item.pointsLost, 0));
  return { score, level: level(score), reasons };
}

function bitCount(mask: number): number {
  let count = 0;
  for (let bits = mask; bits; bits &= bits - 1) count += 1;
  return count;
}

/**
 * Each club's health at the end of a month (the month so far, for the current one), read from the
 * live figures: activity months, reports, loans and membership totals, in four statements whatever
 * the number of clubs.
 */
export async function healthOf(
  db: EntityManager,
  tenantId: string,
  clubIds: readonly string[],
  month: string,
  /** PAR30 of each club when the caller has read the portfolio already. */
  knownPar30?: ReadonlyMap<string, string>,
): Promise<Map<string, ClubHealth>> {
  const result = new Map<string, ClubHealth>();
  if (!clubIds.length) return result;
  const asOf = monthEndSoFar(month);
  const recentFrom = firstDayOf(addMonths(`${month}-01`, -2).slice(0, 7));
  const beforeFrom = firstDayOf(addMonths(`${month}-01`, -5).slice(0, 7));
  const yearAgo = firstDayOf(addMonths(`${month}-01`, -12).slice(0, 7));

  // One statement for any number of clubs: each part is read for all of them at once, by keys led
  // by the tenant, and joined by club.
  const rows: Array<{
    club_id: string;
    areas: number | null;
    meetings_recent: number | null;
    attendance_recent: number | null;
    meetings_before: number | null;
    attendance_before: number | null;
    reports_missing: number | null;
    reports_late: number | null;
    left_now: number | null;
    members_now: number | null;
    left_then: number | null;
    members_then: number | null;
    outstanding: string | null;
    at_risk: string | null;
  }> = await db.query(
    `with asked as (
       select club.id, date_trunc('month', coalesce(club.founded_on, club.created_at::date))::date as first_month
         from club where club.tenant_id = $1 and club.id = any($2)
     ),
     activity as (
       select club_id,
              bit_or(areas) filter (where month >= $4) as areas,
              sum(meetings) filter (where month >= $4)::int as meetings_recent,
              sum(meeting_attendance) filter (where month >= $4)::int as attendance_recent,
              sum(meetings) filter (where month < $4)::int as meetings_before,
              sum(meeting_attendance) filter (where month < $4)::int as attendance_before
         from club_month_activity
        where tenant_id = $1 and club_id = any($2) and month >= $5 and month <= $3
        group by club_id
     ),
     -- The three latest report months whose due day had passed by then.
     counted as (
       select report_month::date as month,
              (report_month + interval '1 month')::date
                + (coalesce((select report_due_day from province_setting where tenant_id = $1), 5) - 1) as due_on
         from generate_series($3::date - interval '6 months', $3::date, interval '1 month') as report_month
        where (report_month + interval '1 month')::date
                + (coalesce((select report_due_day from province_setting where tenant_id = $1), 5) - 1) < $6::date
        order by report_month desc limit 3
     ),
     -- Reports of those months, per club: how many were submitted by the day the score is taken
     -- at, and how many of them late; one submitted after that day was missing on it.
     reports as (
       select club_id,
              count(*) filter (where submitted_on <= $6::date)::int as submitted,
              count(*) filter (where submitted_on <= $6::date and submitted_on > due_on)::int as reports_late
         from (select tenant_id, club_id, month, due_on, (first_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as submitted_on
                 from monthly_report) monthly_report
        where tenant_id = $1 and club_id = any($2)
          and month between (select min(month) from counted) and (select max(month) from counted)
          and month in (select month from counted)
        group by club_id
     ),
     -- The portfolio at the end of the month (today while it runs), from each loan's position then.
     portfolio as (
       ${clubPortfoliosSql('$6', '$8', '$9 and position.tenant_id = $1 and position.club_id = any($2)')}
     )
     select asked.id as club_id, activity.areas, activity.meetings_recent, activity.attendance_recent, activity.meetings_before,
            activity.attendance_before,
            -- Months that count for the club (not those before it was founded) less the reports submitted.
            greatest((select count(*) from counted where counted.month >= asked.first_month)::int - coalesce(reports.submitted, 0), 0) as reports_missing,
            reports.reports_late,
            now.left_total as left_now, now.members as members_now, then_.left_total as left_then, then_.members as members_then,
            portfolio.outstanding::text as outstanding, portfolio.at_risk::text as at_risk
       from asked
       left join activity on activity.club_id = asked.id
       left join reports on reports.club_id = asked.id
       left join portfolio on portfolio.club_id = asked.id
       -- The latest row up to a month is the one valid at it (each row is valid until the next).
       left join lateral (
         select left_total, members from club_month_figure latest
          where latest.tenant_id = $1 and latest.club_id = asked.id and latest.month <= $3 order by latest.month desc limit 1
       ) now on true
       left join lateral (
         select left_total, members from club_month_figure latest
          where latest.tenant_id = $1 and latest.club_id = asked.id and latest.month <= $7 order by latest.month desc limit 1
       ) then_ on true`,
    [tenantId, clubIds, firstDayOf(month), recentFrom, beforeFrom, asOf, yearAgo, PAR_DAYS, !knownPar30],
  );
  for (const row of rows) {
    const scored = scoreOf({
      areasCovered: bitCount(row.areas ?? 0),
      reportsMissing: row.reports_missing ?? 0,
      reportsLate: row.reports_late ?? 0,
      meetingsRecent: row.meetings_recent ?? 0,
      attendanceRecent: row.attendance_recent ?? 0,
      meetingsBefore: row.meetings_before ?? 0,
      attendanceBefore: row.attendance_before ?? 0,
      par30: knownPar30?.get(row.club_id) ?? percentOf(BigInt(row.at_risk ?? 0), BigInt(row.outstanding ?? 0)),
      leftInYear: row.left_now === null ? 0 : row.left_now - (row.left_then ?? 0),
      membersYearAgo: row.members_then ?? row.members_now ?? 0,
    });
    result.set(row.club_id, Object.assign(new ClubHealth(), { clubId: row.club_id, ...scored }));
  }
  return result;
}
