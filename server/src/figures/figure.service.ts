import type { EntityManager } from 'typeorm';
import { addMonths, firstDayOf, lastDayOf, monthEndSoFar, todayInVietnam } from '../calendar.js';
import { clubPortfoliosSql, percentOf } from '../loans/loan.service.js';
import { PAR_DAYS } from '../loans/loan.types.js';
import { notFound } from '../graphql/errors.js';
import { INDICATOR_COLUMNS, indicatorOf, type IndicatorRow } from '../program/program.service.js';
import type { Indicator } from '../program/program.types.js';
import { decimalOf, hundredthsOf } from '../schemes/scheme.errors.js';
import { SCHEME_COLUMNS, schemeOf, type SchemeRow } from '../schemes/scheme.service.js';
import { BudgetSource, Scheme, Target, TargetMilestone, TargetShare } from '../schemes/scheme.types.js';
import { Club } from '../clubs/club.entity.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { TENANT_COLUMNS, tenantFromRow } from '../tenants/tenant.service.js';
import {
  BudgetExecution,
  ClubFigures,
  FigureSet,
  IndicatorProgress,
  MonthFigures,
  PortfolioFigures,
  ProgressStatus,
  QualityBand,
  UnitFigures,
} from './figure.types.js';

export function currentMonth(): string {
  return todayInVietnam().slice(0, 7);
}

/** The figure columns a club row carries, as read from club_month_figure. */
export interface ClubFigureRow {
  club_id: string;
  running: number;
  members: number;
  women: number;
  older: number;
  poor_or_near_poor: number;
  ethnic_minority: number;
  volunteers: number;
  borrowers: number;
  joined_total: number;
  left_total: number;
  income_fund: string;
  activity_fund: string;
  items_met: number;
  meets_standard: boolean;
}

/** A club placed in the hierarchy, with its figures at the month (null before it has any). */
interface PlacedClub extends Partial<ClubFigureRow> {
  id: string;
  /** The commune the club is recorded in. */
  commune_id: string;
  loans: number;
  outstanding: string;
  loans_at_risk: number;
  at_risk: string;
  founded_on: string | null;
  status: string;
  /** The club's own columns, so that the page's clubs need no statement of their own. */
  name: string;
  hamlet_id: string | null;
  sample: boolean;
  scheme_id: string | null;
  status_since: string | null;
  max_active_loans_per_member: number;
  version: number;
  current_commune_id: string;
  /** Where the club's commune sits, as recorded and as it is now: the units above it, as a path. */
  original_path: string;
  current_path: string;
  child_id: string | null;
}

const FIGURE_FIELDS = [
  'running', 'members', 'women', 'older', 'poor_or_near_poor', 'ethnic_minority', 'volunteers', 'borrowers',
  'joined_total', 'left_total', 'income_fund', 'activity_fund', 'items_met', 'meets_standard',
] as const;

/** The columns of club_month_figure under an alias, amounts as text (bigint). */
export function figureColumns(alias: string): string {
  return FIGURE_FIELDS.map((field) => (field.endsWith('_fund') ? `${alias}.${field}::text as ${field}` : `${alias}.${field}`)).join(', ');
}

/**
 * The clubs of a unit (or of the whole province), each with its figures at the end of the month
 * and the child unit it rolls up into (null for a club placed on the unit itself). A club whose
 * commune was retired counts under the unit that took its place (ishc.current_unit_of), and still
 * under the old unit when that is the one asked for.
 */
async function placedClubs(db: EntityManager, tenantId: string, unitId: string | null, month: string): Promise<PlacedClub[]> {
  return db.query(
    `with scope_unit as (
       select path from admin_unit
        where tenant_id = $1 and (id = $2 or ($2 is null and parent_id is null and valid_to is null))
        order by sort_key limit 1
     ),
     club_place as (
       -- Only a club of a retired commune asks where its commune went (the case keeps the call lazy).
       select club.id, club.commune_id, club.founded_on::text as founded_on, club.status, original.path as original_path,
              club.name, club.hamlet_id, club.sample, club.scheme_id, club.status_since::text as status_since,
              club.max_active_loans_per_member, club.version,
              case when exists (select 1 from admin_unit_succession succession
                                 where succession.tenant_id = club.tenant_id and succession.predecessor_id = club.commune_id)
                   then ishc.current_unit_of(club.tenant_id, club.commune_id, club.hamlet_id) end as successor_id
         from club
         join admin_unit original on original.tenant_id = club.tenant_id and original.id = club.commune_id
        where club.tenant_id = $1 and club.status <> 'PLANNED'
     ),
     placed as (
       select club_place.*, coalesce(successor.id, club_place.commune_id) as current_commune_id,
              coalesce(successor.path, club_place.original_path) as current_path
         from club_place
         left join admin_unit successor on successor.tenant_id = $1 and successor.id = club_place.successor_id
     ),
     in_scope as (
       select placed.*, scope_unit.path as scope_path,
              case when placed.current_path <@ scope_unit.path then placed.current_path else placed.original_path end as counted_path
         from placed cross join scope_unit
        where placed.current_path <@ scope_unit.path or placed.original_path <@ scope_unit.path
     ),
     -- The loan portfolio at the end of the month (today while it runs): principal owed, and the
     -- part more than 30 days past due, from each loan's position valid on that day.
     portfolio as (
       ${clubPortfoliosSql('$4', '$5', 'position.tenant_id = $1 and position.club_id in (select id from in_scope)')}
     )
     select in_scope.id, in_scope.commune_id, in_scope.founded_on, in_scope.status, in_scope.current_commune_id,
            in_scope.name, in_scope.hamlet_id, in_scope.sample, in_scope.scheme_id, in_scope.status_since,
            in_scope.max_active_loans_per_member, in_scope.version,
            ltree2text(in_scope.original_path) as original_path, ltree2text(in_scope.current_path) as current_path,
            case when in_scope.counted_path = in_scope.scope_path then null
                 else replace(ltree2text(subpath(in_scope.counted_path, nlevel(in_scope.scope_path), 1)), '_', '-')::uuid
            end as child_id,
            ${figureColumns('figure')},
            coalesce(portfolio.loans, 0) as loans, coalesce(portfolio.outstanding, 0)::text as outstanding,
            coalesce(portfolio.loans_at_risk, 0) as loans_at_risk, coalesce(portfolio.at_risk, 0)::text as at_risk
       from in_scope
       -- A club's rows follow each other (each valid until the next), so the latest up to the month is the one.
       left join lateral (
         select * from club_month_figure latest
          where latest.tenant_id = $1 and latest.club_id = in_scope.id and latest.month <= $3
          order by latest.month desc limit 1
       ) figure on true
       left join portfolio on portfolio.club_id = in_scope.id`,
    [tenantId, unitId, firstDayOf(month), monthEndSoFar(month), PAR_DAYS],
  );
}

/** A placed club as the club it is (the same fields as the clubs' loader reads). */
export function clubOfPlaced(row: PlacedClub, tenantId: string): Club {
  return Object.assign(new Club(), {
    tenantId,
    id: row.id,
    communeId: row.commune_id,
    hamletId: row.hamlet_id,
    name: row.name,
    status: row.status,
    foundedOn: row.founded_on,
    schemeId: row.scheme_id,
    statusSince: row.status_since,
    maxActiveLoansPerMember: row.max_active_loans_per_member,
    sample: row.sample,
    version: row.version,
  });
}

/** The running clubs of a unit (or the province) at the end of a month. */
export async function runningClubsOf(db: EntityManager, tenantId: string, unitId: string | null, month: string): Promise<string[]> {
  return (await placedClubs(db, tenantId, unitId, month)).filter((club) => club.running === 1).map((club) => club.id);
}

/** Clubs' figures at the end of a month, one statement for any number of clubs. */
export async function clubFiguresAt(db: EntityManager, clubIds: readonly string[], month: string): Promise<Map<string, ClubFigures>> {
  const rows: ClubFigureRow[] = await db.query(
    `select asked.club_id, ${figureColumns('figure')}
       from unnest($1::uuid[]) as asked (club_id)
       cross join lateral (
         select * from club_month_figure latest
          where latest.club_id = asked.club_id and latest.month <= $2 order by latest.month desc limit 1
       ) figure`,
    [clubIds, firstDayOf(month)],
  );
  return new Map(
    rows.map((row) => [
      row.club_id,
      Object.assign(new ClubFigures(), {
        clubId: row.club_id,
        running: row.running === 1,
        members: row.members,
        olderMembers: row.older,
        womenMembers: row.women,
        poorOrNearPoorMembers: row.poor_or_near_poor,
        borrowers: row.borrowers,
        itemsMet: row.items_met,
        meetsStandard: row.meets_standard,
        incomeFund: BigInt(row.income_fund),
        activityFund: BigInt(row.activity_fund),
      }),
    ]),
  );
}

export function emptyFigures(): FigureSet {
  return Object.assign(new FigureSet(), {
    clubs: 0,
    clubsMeetingStandard: 0,
    clubsWithBothFunds: 0,
    communesWithClub: 0,
    members: 0,
    olderMembers: 0,
    womenMembers: 0,
    poorOrNearPoorMembers: 0,
    ethnicMinorityMembers: 0,
    volunteers: 0,
    borrowers: 0,
    incomeFund: 0n,
    activityFund: 0n,
  });
}

/** The sum of two groups' figures (communes are assumed distinct: groups of different provinces). */
export function addFigures(left: FigureSet, right: FigureSet): FigureSet {
  const sum = new FigureSet();
  for (const key of Object.keys(right) as Array<keyof FigureSet>) {
    (sum as unknown as Record<string, number | bigint>)[key] = (left[key] as never) + (right[key] as never);
  }
  return sum;
}

/** Sums the figures of running clubs; communes are counted once however many clubs they have. */
export function figuresOf(clubs: ReadonlyArray<Partial<ClubFigureRow> & { current_commune_id?: string }>): FigureSet {
  const figures = emptyFigures();
  const communes = new Set<string>();
  for (const club of clubs) {
    if (club.running !== 1) continue;
    figures.clubs += 1;
    if (club.meets_standard) figures.clubsMeetingStandard += 1;
    const incomeFund = BigInt(club.income_fund ?? 0);
    const activityFund = BigInt(club.activity_fund ?? 0);
    if (incomeFund > 0n && activityFund > 0n) figures.clubsWithBothFunds += 1;
    if (club.current_commune_id) communes.add(club.current_commune_id);
    figures.members += club.members ?? 0;
    figures.olderMembers += club.older ?? 0;
    figures.womenMembers += club.women ?? 0;
    figures.poorOrNearPoorMembers += club.poor_or_near_poor ?? 0;
    figures.ethnicMinorityMembers += club.ethnic_minority ?? 0;
    figures.volunteers += club.volunteers ?? 0;
    figures.borrowers += club.borrowers ?? 0;
    figures.incomeFund += incomeFund;
    figures.activityFund += activityFund;
  }
  figures.communesWithClub = communes.size;
  return figures;
}

export interface SchemePeriod {
  id: string;
  firstYear: number;
  lastYear: number;
}

/** Whether a club was founded within the scheme's period, up to the end of the month. */
function foundedInPeriod(period: SchemePeriod | null, month: string): (foundedOn: string | null) => boolean {
  if (!period) return () => false;
  const start = `${period.firstYear}-01-01`;
  const end = lastDayOf(month) < `${period.lastYear}-12-31` ? lastDayOf(month) : `${period.lastYear}-12-31`;
  return (foundedOn) => !!foundedOn && foundedOn >= start && foundedOn <= end;
}

function foundedBeforePeriod(foundedOn: string | null, period: SchemePeriod | null): boolean {
  return !!foundedOn && !!period && foundedOn < `${period.firstYear}-01-01`;
}

/** A scheme's targets with their milestones and shares, as one JSON value of a larger statement. */
export function targetsJson(tenantIdSql: string, schemeIdSql: string): string {
  return `(select coalesce(json_agg(json_build_object(
              'id', target.id, 'indicator_id', target.indicator_id, 'value', target.target_value::text, 'note', target.note,
              'milestones', coalesce((select json_agg(json_build_object('year', milestone.year, 'value', milestone.value::text) order by milestone.year)
                                        from scheme_target_milestone milestone
                                       where milestone.tenant_id = target.tenant_id and milestone.target_id = target.id), '[]'),
              'breakdown', coalesce((select json_agg(json_build_object('unit_id', share.unit_id, 'value', share.value::text))
                                       from scheme_target_breakdown share
                                      where share.tenant_id = target.tenant_id and share.target_id = target.id), '[]')
            ) order by target.sort_order), '[]')
       from scheme_target target where target.tenant_id = ${tenantIdSql} and target.scheme_id = ${schemeIdSql})`;
}

/** The indicator catalogue as one JSON value of a larger statement. */
export const INDICATORS_JSON = `(select json_agg(indicator order by indicator.sort_order, indicator.code)
       from (select ${INDICATOR_COLUMNS} from indicator) indicator)`;

interface TargetJson {
  id: string;
  indicator_id: string;
  value: string;
  note: string | null;
  milestones: Array<{ year: number; value: string }>;
  breakdown: Array<{ unit_id: string; value: string }>;
}

export function targetsFromJson(json: TargetJson[] | null, schemeId: string): Target[] {
  const decimal = (value: string) => decimalOf(hundredthsOf(value));
  return (json ?? []).map((target) =>
    Object.assign(new Target(), {
      id: target.id,
      schemeId,
      indicatorId: target.indicator_id,
      value: decimal(target.value),
      note: target.note,
      milestones: target.milestones.map((milestone) => Object.assign(new TargetMilestone(), { year: milestone.year, value: decimal(milestone.value) })),
      breakdown: target.breakdown.map((share) => Object.assign(new TargetShare(), { unitId: share.unit_id, value: decimal(share.value) })),
    }),
  );
}

export interface DashboardReference {
  tenant: Tenant;
  scheme: Scheme | null;
  period: SchemePeriod | null;
  targets: Target[];
  indicators: Indicator[];
}

/** The province, its scheme for the month with targets, milestones and shares, and the catalogue: one statement. */
export async function dashboardReference(db: EntityManager, tenantId: string, schemeId: string | null, month: string): Promise<DashboardReference> {
  const rows: Array<SchemeRow & Record<string, any>> = await db.query(
    `select chosen.*,
            ${TENANT_COLUMNS},
            ${targetsJson('tenant.id', 'chosen.id')} as targets_json,
            ${INDICATORS_JSON} as indicators_json
       from tenant
       left join lateral (
         select ${SCHEME_COLUMNS} from scheme
          where scheme.tenant_id = tenant.id and (scheme.id = $2 or ($2 is null and scheme.status <> 'DRAFT'))
          order by ($3 between scheme.first_year and scheme.last_year) desc, scheme.origin_tenant_id = tenant.id desc, scheme.last_year desc limit 1
       ) chosen on true
      where tenant.id = $1`,
    [tenantId, schemeId, Number(month.slice(0, 4))],
  );
  const row = rows[0];
  if (!row) throw notFound('Province');
  const tenant = tenantFromRow(row, tenantId);
  const scheme = row.id ? schemeOf(row) : null;
  const targets = targetsFromJson(row.targets_json, row.id);
  return {
    tenant,
    scheme,
    period: scheme ? { id: scheme.id, firstYear: scheme.firstYear, lastYear: scheme.lastYear } : null,
    targets,
    indicators: (row.indicators_json as IndicatorRow[]).map(indicatorOf),
  };
}

/** Actual values of the catalogue's indicators for a group of clubs. */
export function actualValues(figures: FigureSet, newClubs: number, maintained: number, mobilised: bigint, provinces: { withClubs: number; all: number }) {
  return new Map<string, string>([
    ['NEW_CLUBS', String(newClubs)],
    ['CLUBS_MAINTAINED', String(maintained)],
    ['CLUBS_RUNNING', String(figures.clubs)],
    ['COMMUNES_WITH_CLUB', String(figures.communesWithClub)],
    ['MEMBERS', String(figures.members)],
    ['OLDER_MEMBERS', String(figures.olderMembers)],
    ['WOMEN_MEMBERS', String(figures.womenMembers)],
    ['POOR_NEAR_POOR_MEMBERS', String(figures.poorOrNearPoorMembers)],
    ['CLUBS_MEETING_STANDARD_PCT', percentOf(BigInt(figures.clubsMeetingStandard), BigInt(figures.clubs))],
    ['MEMBERS_BORROWED_PCT', percentOf(BigInt(figures.borrowers), BigInt(figures.members))],
    ['CLUBS_WITH_BOTH_FUNDS_PCT', percentOf(BigInt(figures.clubsWithBothFunds), BigInt(figures.clubs))],
    ['FUNDS_MOBILISED', mobilised.toString()],
    ['PROVINCES_WITH_CLUBS_PCT', percentOf(BigInt(provinces.withClubs), BigInt(provinces.all))],
  ]);
}

/** A number as decimal text with at most two decimals, e.g. 17.5. */
function twoDecimals(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A decimal text times a fraction, to two decimals. */
function scaled(value: string, numerator: number, denominator: number): string {
  return twoDecimals((Number(value) * numerator) / denominator);
}

/**
 * What the milestones ask by the end of the month: the milestone of the year before, moved
 * towards this year's by the months gone. Without milestones, the target spread evenly over the
 * scheme's period.
 */
export function expectedBy(target: string, milestones: ReadonlyArray<{ year: number; value: string }>, period: SchemePeriod, month: string): string {
  const year = Number(month.slice(0, 4));
  const monthsGone = Number(month.slice(5, 7));
  if (year > period.lastYear) return target;
  if (year < period.firstYear) return '0';
  const milestoneOf = (wanted: number) => milestones.find((milestone) => milestone.year === wanted)?.value;
  const thisYear = milestoneOf(year);
  if (thisYear !== undefined) {
    const lastYear = milestoneOf(year - 1) ?? (year === period.firstYear ? '0' : undefined);
    if (lastYear === undefined) return scaled(thisYear, monthsGone, 12);
    const gap = Number(thisYear) - Number(lastYear);
    return twoDecimals(Number(lastYear) + (gap * monthsGone) / 12);
  }
  const totalMonths = (period.lastYear - period.firstYear + 1) * 12;
  const gone = (year - period.firstYear) * 12 + monthsGone;
  return scaled(target, gone, totalMonths);
}

export function progressOf(
  indicators: readonly Indicator[],
  actuals: Map<string, string>,
  targets: readonly Target[],
  period: SchemePeriod | null,
  month: string,
  unitId: string | null,
): IndicatorProgress[] {
  return indicators.map((indicator) => {
    const actual = actuals.get(indicator.code) ?? '0';
    const target = targets.find((candidate) => candidate.indicatorId === indicator.id);
    const targetValue = !target ? null : unitId ? (target.breakdown.find((share) => share.unitId === unitId)?.value ?? null) : target.value;
    if (targetValue === null || !period || Number(targetValue) === 0) {
      return Object.assign(new IndicatorProgress(), { indicator, actual, target: targetValue, expected: null, percentAchieved: null, status: ProgressStatus.NO_TARGET });
    }
    // A unit's share has no milestones of its own: it follows the province's, scaled.
    const milestones = unitId
      ? target!.milestones.map((milestone) => ({ year: milestone.year, value: scaled(milestone.value, Number(targetValue), Number(target!.value)) }))
      : target!.milestones;
    const expected = expectedBy(targetValue, milestones, period, month);
    const status =
      Number(actual) >= Number(targetValue) ? ProgressStatus.ACHIEVED : Number(actual) >= Number(expected) ? ProgressStatus.ON_TRACK : ProgressStatus.BEHIND;
    return Object.assign(new IndicatorProgress(), {
      indicator,
      actual,
      target: targetValue,
      expected,
      percentAchieved: percentOf(BigInt(Math.round(Number(actual) * 100)), BigInt(Math.round(Number(targetValue) * 100))),
      status,
    });
  });
}

export function portfolioFigures(activeLoans: number, outstandingPrincipal: bigint, loansAtRisk: number, principalAtRisk: bigint): PortfolioFigures {
  return Object.assign(new PortfolioFigures(), {
    activeLoans,
    outstandingPrincipal,
    loansAtRisk,
    principalAtRisk,
    par30: percentOf(principalAtRisk, outstandingPrincipal),
  });
}

/** Each club's PAR30 from the portfolio read with its figures. */
export function par30ByClub(clubs: ReadonlyArray<{ id: string; outstanding: string; at_risk: string }>): Map<string, string> {
  return new Map(clubs.map((club) => [club.id, percentOf(BigInt(club.at_risk), BigInt(club.outstanding))]));
}

export function sumPortfolios(portfolios: Iterable<PortfolioFigures>): PortfolioFigures {
  let loans = 0;
  let outstanding = 0n;
  let loansAtRisk = 0;
  let atRisk = 0n;
  for (const portfolio of portfolios) {
    loans += portfolio.activeLoans;
    outstanding += portfolio.outstandingPrincipal;
    loansAtRisk += portfolio.loansAtRisk;
    atRisk += portfolio.principalAtRisk;
  }
  return portfolioFigures(loans, outstanding, loansAtRisk, atRisk);
}

/**
 * Budget execution of a scheme by source up to the end of the month, and the money mobilised from
 * society that reached the clubs or units in scope (all of it for the whole province): one statement.
 */
export async function budgetExecutionOf(
  db: EntityManager,
  schemeId: string,
  month: string,
  recipients: { clubIds: string[]; unitId: string } | null,
): Promise<{ budget: BudgetExecution[]; mobilised: bigint }> {
  const rows: Array<{ source: BudgetSource; planned: string; spent: string; mobilised: string }> = await db.query(
    `select line.source, sum(line.amount)::text as planned, coalesce(sum(paid.spent), 0)::text as spent,
            coalesce(sum(paid.in_scope) filter (where line.source = 'MOBILISED'), 0)::text as mobilised
       from budget_line line
       left join lateral (
         select sum(payment.amount) as spent,
                sum(payment.amount) filter (where $3::uuid[] is null
                  or payment.recipient_club_id = any($3)
                  or payment.recipient_unit_id in (select unit.id from admin_unit unit, admin_unit scope
                                                    where scope.tenant_id = line.tenant_id and scope.id = $4
                                                      and unit.tenant_id = line.tenant_id and unit.path <@ scope.path)) as in_scope
           from disbursement payment
          where payment.tenant_id = line.tenant_id and payment.budget_line_id = line.id and payment.paid_on <= $2
       ) paid on true
      where line.scheme_id = $1
      group by line.source order by sum(line.amount) desc, line.source`,
    [schemeId, lastDayOf(month), recipients?.clubIds ?? null, recipients?.unitId ?? null],
  );
  return {
    budget: rows.map((row) =>
      Object.assign(new BudgetExecution(), {
        source: row.source,
        planned: BigInt(row.planned),
        spent: BigInt(row.spent),
        percentSpent: percentOf(BigInt(row.spent), BigInt(row.planned)),
      }),
    ),
    mobilised: rows.reduce((sum, row) => sum + BigInt(row.mobilised), 0n),
  };
}

const TREND_COLUMNS = ['clubs', 'clubs_meeting_standard', 'members', 'older', 'women', 'borrowers', 'income_fund', 'activity_fund'] as const;

function monthFiguresOf(row: Record<(typeof TREND_COLUMNS)[number] | 'month', string>): MonthFigures {
  return Object.assign(new MonthFigures(), {
    month: row.month,
    clubs: Number(row.clubs),
    clubsMeetingStandard: Number(row.clubs_meeting_standard),
    members: Number(row.members),
    olderMembers: Number(row.older),
    womenMembers: Number(row.women),
    borrowers: Number(row.borrowers),
    incomeFund: BigInt(row.income_fund),
    activityFund: BigInt(row.activity_fund),
  });
}

/** The province month by month, from its running totals. */
export async function provinceTrend(db: EntityManager, tenantId: string, fromMonth: string, toMonth: string): Promise<MonthFigures[]> {
  const rows = await db.query(
    `with running_total as (
       select month, lead(month) over (order by month) as next_month,
              sum(clubs_running) over w as clubs, sum(clubs_meeting_standard) over w as clubs_meeting_standard,
              sum(members) over w as members, sum(older) over w as older, sum(women) over w as women,
              sum(borrowers) over w as borrowers, sum(income_fund) over w as income_fund, sum(activity_fund) over w as activity_fund
         from province_month_figure where tenant_id = $1
       window w as (order by month)
     )
     select to_char(series.month, 'YYYY-MM') as month,
            ${TREND_COLUMNS.map((column) => `coalesce(running_total.${column}, 0)::text as ${column}`).join(', ')}
       from generate_series($2::date, $3::date, interval '1 month') as series (month)
       left join running_total on running_total.month <= series.month
        and (running_total.next_month is null or running_total.next_month > series.month)
      order by series.month`,
    [tenantId, firstDayOf(fromMonth), firstDayOf(toMonth)],
  );
  return rows.map(monthFiguresOf);
}

/** Some clubs month by month. */
export async function clubsTrend(db: EntityManager, tenantId: string, clubIds: readonly string[], fromMonth: string, toMonth: string): Promise<MonthFigures[]> {
  const rows = await db.query(
    `select to_char(series.month, 'YYYY-MM') as month,
            count(figure.club_id) filter (where figure.running = 1)::text as clubs,
            count(figure.club_id) filter (where figure.running = 1 and figure.meets_standard)::text as clubs_meeting_standard,
            ${['members', 'older', 'women', 'borrowers', 'income_fund', 'activity_fund']
              .map((column) => `coalesce(sum(figure.${column}) filter (where figure.running = 1), 0)::text as ${column}`)
              .join(', ')}
       from generate_series($3::date, $4::date, interval '1 month') as series (month)
       left join club_month_figure figure
         on figure.tenant_id = $1 and figure.club_id = any($2) and figure.month <= series.month and figure.valid_until > series.month
      group by series.month order by series.month`,
    [tenantId, clubIds, firstDayOf(fromMonth), firstDayOf(toMonth)],
  );
  return rows.map(monthFiguresOf);
}

export interface UnitRollup {
  figures: FigureSet;
  units: UnitFigures[];
  clubs: PlacedClub[];
  newClubs: number;
  maintained: number;
}

/** The clubs of a unit at a month, summed for the unit and for each unit one level down. */
export async function rollupOf(db: EntityManager, tenantId: string, unitId: string | null, month: string, period: SchemePeriod | null, newClubsTarget: Target | undefined): Promise<UnitRollup> {
  const clubs = await placedClubs(db, tenantId, unitId, month);
  const byChild = new Map<string, PlacedClub[]>();
  for (const club of clubs) {
    if (!club.child_id) continue;
    const childClubs = byChild.get(club.child_id);
    if (childClubs) childClubs.push(club);
    else byChild.set(club.child_id, [club]);
  }
  const isNew = foundedInPeriod(period, month);
  const units = [...byChild.entries()].map(([childId, childClubs]) =>
    Object.assign(new UnitFigures(), {
      unitId: childId,
      figures: figuresOf(childClubs),
      newClubs: childClubs.filter((club) => isNew(club.founded_on)).length,
      newClubsTarget: newClubsTarget?.breakdown.find((share) => share.unitId === childId)?.value ?? null,
    }),
  );
  return {
    figures: figuresOf(clubs),
    units,
    clubs,
    newClubs: clubs.filter((club) => isNew(club.founded_on)).length,
    maintained: clubs.filter((club) => club.running === 1 && foundedBeforePeriod(club.founded_on, period)).length,
  };
}

export function qualityBandsOf(clubs: ReadonlyArray<Partial<ClubFigureRow>>): QualityBand[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const club of clubs) if (club.running === 1) counts[club.items_met ?? 0] += 1;
  return counts.map((count, itemsMet) => Object.assign(new QualityBand(), { itemsMet, clubs: count }));
}

/** Everything the province dashboard computes, in five statements whatever the number of clubs. */
export async function dashboardParts(db: EntityManager, tenantId: string, unitId: string | null, month: string, schemeId: string | null) {
  const reference = await dashboardReference(db, tenantId, schemeId, month);
  const { period, indicators, targets } = reference;
  const newClubsIndicator = indicators.find((indicator) => indicator.code === 'NEW_CLUBS');
  const rollup = await rollupOf(db, tenantId, unitId, month, period, targets.find((target) => target.indicatorId === newClubsIndicator?.id));
  const clubIds = rollup.clubs.map((club) => club.id);
  const execution = period ? await budgetExecutionOf(db, period.id, month, unitId ? { clubIds, unitId } : null) : { budget: [], mobilised: 0n };
  const actuals = actualValues(rollup.figures, rollup.newClubs, rollup.maintained, execution.mobilised, {
    withClubs: rollup.figures.clubs > 0 ? 1 : 0,
    all: 1,
  });
  const fromMonth = addMonths(`${month}-01`, -11).slice(0, 7);
  const trend = unitId ? await clubsTrend(db, tenantId, clubIds, fromMonth, month) : await provinceTrend(db, tenantId, fromMonth, month);
  return {
    reference,
    period,
    rollup,
    progress: progressOf(indicators, actuals, targets, period, month, unitId),
    loans: sumPortfolios(rollup.clubs.map((club) => portfolioFigures(club.loans, BigInt(club.outstanding), club.loans_at_risk, BigInt(club.at_risk)))),
    budget: execution.budget,
    trend,
  };
}
