import type { EntityManager } from 'typeorm';
import { firstDayOf, lastDayOf, monthEndSoFar, todayInVietnam } from '../calendar.js';
import { percentOf } from '../loans/loan.service.js';
import { indicatorOf, type IndicatorRow } from '../program/program.service.js';
import type { Indicator, NationalPhase } from '../program/program.types.js';
import {
  actualValues,
  addFigures,
  emptyFigures,
  INDICATORS_JSON,
  progressOf,
  targetsFromJson,
  targetsJson,
  type SchemePeriod,
} from './figure.service.js';
import { TENANT_COLUMNS, tenantFromRow } from '../tenants/tenant.service.js';
import {
  FigureSet,
  NationalComparison,
  ProvinceMap,
  PhaseContribution,
  ProgressStatus,
  ProvinceComparison,
  ProvinceContribution,
  ProvinceTrendPoint,
} from './figure.types.js';

interface ProvinceRow {
  tenant_id: string;
  clubs_running: string;
  clubs_meeting_standard: string;
  clubs_with_both_funds: string;
  members: string;
  women: string;
  older: string;
  poor_or_near_poor: string;
  ethnic_minority: string;
  volunteers: string;
  borrowers: string;
  income_fund: string;
  activity_fund: string;
}

interface ClubCounts {
  communes: number;
}

/** a / b × scale to two decimals, or null when b is unknown or zero. */
function ratio(part: number | bigint, whole: number | bigint | null, scale: number): string | null {
  if (whole === null || BigInt(whole) <= 0n) return null;
  return percentOf(BigInt(part) * BigInt(scale), BigInt(whole) * 100n);
}

function figureSetOf(row: ProvinceRow, counts: ClubCounts | undefined): FigureSet {
  return Object.assign(new FigureSet(), {
    clubs: Number(row.clubs_running),
    clubsMeetingStandard: Number(row.clubs_meeting_standard),
    clubsWithBothFunds: Number(row.clubs_with_both_funds),
    communesWithClub: counts?.communes ?? 0,
    members: Number(row.members),
    olderMembers: Number(row.older),
    womenMembers: Number(row.women),
    poorOrNearPoorMembers: Number(row.poor_or_near_poor),
    ethnicMinorityMembers: Number(row.ethnic_minority),
    volunteers: Number(row.volunteers),
    borrowers: Number(row.borrowers),
    incomeFund: BigInt(row.income_fund),
    activityFund: BigInt(row.activity_fund),
  });
}

function comparisonOf(
  tenantId: string,
  figures: FigureSet,
  newClubs: number,
  fundsMobilised: bigint,
  reference: { communes: bigint | null; olderPopulation: bigint | null },
  percentOfOwnTargets: string | null,
): ProvinceComparison {
  return Object.assign(new ProvinceComparison(), {
    tenantId,
    figures,
    newClubs,
    fundsMobilised,
    percentOfOwnTargets,
    clubsPer100Communes: ratio(figures.clubs, reference.communes, 100),
    membersPer1000Older: ratio(figures.members, reference.olderPopulation, 1000),
    membersPerClub: ratio(figures.members, figures.clubs, 1) ?? '0',
    olderPercent: percentOf(BigInt(figures.olderMembers), BigInt(figures.members)),
    womenPercent: percentOf(BigInt(figures.womenMembers), BigInt(figures.members)),
    poorOrNearPoorPercent: percentOf(BigInt(figures.poorOrNearPoorMembers), BigInt(figures.members)),
    meetingStandardPercent: percentOf(BigInt(figures.clubsMeetingStandard), BigInt(figures.clubs)),
    borrowedPercent: percentOf(BigInt(figures.borrowers), BigInt(figures.members)),
  });
}

const SUMMED = ['clubs_running', 'clubs_meeting_standard', 'clubs_with_both_funds', 'members', 'women', 'older', 'poor_or_near_poor', 'ethnic_minority', 'volunteers', 'borrowers', 'income_fund', 'activity_fund'] as const;

/**
 * How a past period's figures are put together when provinces have merged since. Today's map counts
 * a merged province's predecessors inside it for every period; the map of the time shows the
 * provinces that existed at the period's end, each with the clubs it held then.
 */
interface MapOfProvinces {
  /** The day whose provinces are shown. */
  day: string;
  /** The provinces taking part in any merge (as predecessor or successor), or null for today's map. */
  lineage: string[] | null;
}

/** The statement's parameters holding the map's merged provinces and its day, e.g. `$5`, `$6`. */
interface MapParameters {
  lineage: string;
  day: string;
}

/**
 * Where a row made in a province is counted on the map: for today's map the province that holds it
 * now (tenant_id); for the map of the time, when it belongs to a merged province, the province that
 * held it on the map's day.
 */
function heldBy(map: MapOfProvinces, alias: string, at: MapParameters): string {
  if (!map.lineage) return `${alias}.tenant_id`;
  return `(case when ${alias}.tenant_id = any (${at.lineage}::uuid[]) then ishc.province_at(${alias}.origin_tenant_id, ${at.day}::date) else ${alias}.tenant_id end)`;
}

/** The tenants whose rows may be counted for a province on the map (an index condition on tenant_id). */
function holdersOf(map: MapOfProvinces, alias: string, tenantSql: string, at: MapParameters): string {
  if (!map.lineage) return `${alias}.tenant_id = ${tenantSql}`;
  return `${alias}.tenant_id = any (case when ${tenantSql} = any (${at.lineage}::uuid[]) then ${at.lineage}::uuid[] else array[${tenantSql}] end)`;
}

/** The provinces on the map: those that existed on its day (and are not suspended). */
function onTheMap(map: MapOfProvinces, at: MapParameters): string {
  const day = map.lineage ? `${at.day}::date` : `(now() at time zone 'Asia/Ho_Chi_Minh')::date`;
  return `tenant.status <> 'SUSPENDED' and (tenant.valid_from is null or tenant.valid_from <= ${day}) and (tenant.valid_to is null or tenant.valid_to >= ${day})`;
}

/** What the comparison reads of each province: its totals month by month, its communes with a club, and the rest in one row. */
export interface ProvinceParts {
  totals: Array<ProvinceRow & { month: string }>;
  clubCounts: Array<{ tenant_id: string; communes: number }>;
  perProvince: Array<Record<string, any>>;
}

/** The period compared: its first and last month's first days, its last day, when the phase began, and the year of the month. */
interface Question {
  from: string;
  to: string;
  lastDay: string;
  phaseStart: string;
  year: number;
}

/** Reads the comparison's parts of every province on the map, or of the given provinces only (today's map). */
async function readParts(db: EntityManager, map: MapOfProvinces, question: Question, tenants: string[] | null): Promise<ProvinceParts> {
  if (tenants && map.lineage) throw new Error('the comparison is read a province at a time on today\'s map only');
  const mapValues = map.lineage ? [map.lineage, map.day] : [];
  const { from, to, lastDay, phaseStart, year } = question;
  // Only these provinces (on today's map), as the statement's last parameter.
  const only = (column: string, parameters: unknown[]) => (tenants ? `and ${column} = any ($${parameters.length + 1}::uuid[])` : '');
  const withOnly = (parameters: unknown[]) => (tenants ? [...parameters, tenants] : parameters);
  const figureColumnsOf = SUMMED.join(', ');
  const totalsAt: MapParameters = { lineage: '$3', day: '$4' };
  const provinceFigures = map.lineage
    ? `province_figure as (
         select tenant_id, month, ${figureColumnsOf} from province_month_figure where not (tenant_id = any ($3::uuid[]))
         union all
         select placed.province_id, change.month, ${SUMMED.map((column) => `sum(change.${column})`).join(', ')}
           from (select ${heldBy(map, 'club', totalsAt)} as province_id, club.tenant_id, club.id from club where club.tenant_id = any ($3::uuid[])) placed
           cross join lateral ishc.province_changes_of(
             array(select figure from club_month_figure figure where figure.tenant_id = placed.tenant_id and figure.club_id = placed.id order by figure.month), 1
           ) change
          group by placed.province_id, change.month
       )`
    : `province_figure as (select tenant_id, month, ${figureColumnsOf} from province_month_figure where true ${only('tenant_id', [from, to])})`;

  // Each province's totals at every month of the period: what its changes add up to before the
  // period, then month by month within it. The last month is the one compared.
  const totals: ProvinceParts['totals'] = await db.query(
    `with ${provinceFigures},
     before_period as (
       select tenant_id, ${SUMMED.map((column) => `sum(${column}) as ${column}`).join(', ')}
         from province_figure where month < $1 group by tenant_id
     ),
     grid as (
       select tenant.id as tenant_id, series.month::date as month
         from tenant cross join generate_series($1::date, $2::date, interval '1 month') as series (month)
        where ${onTheMap(map, totalsAt)} ${only('tenant.id', [from, to])}
     )
     select grid.tenant_id, to_char(grid.month, 'YYYY-MM') as month,
            ${SUMMED.map(
              (column) =>
                `(coalesce(before_period.${column}, 0) + coalesce(sum(within.${column}) over (partition by grid.tenant_id order by grid.month), 0))::text as ${column}`,
            ).join(',\n            ')}
       from grid
       left join before_period on before_period.tenant_id = grid.tenant_id
       left join province_figure within on within.tenant_id = grid.tenant_id and within.month = grid.month
      order by grid.tenant_id, grid.month`,
    withOnly([from, to, ...mapValues]),
  );

  // Communes with a running club, each once: those whose changes up to the month add up to some.
  // A commune retired by the month's end counts as the unit now in its place, found club by club
  // as the province's dashboard finds it (a merger's successor; for a split, the successor that
  // holds the club's hamlet), so two merged communes with clubs are one commune.
  const clubCounts: ProvinceParts['clubCounts'] = await db.query(
    `with present as (
       select commune.tenant_id, commune.commune_id,
              (unit.valid_to is not null and unit.valid_to <= ($1::date + interval '1 month')::date) as retired
         from (select tenant_id, commune_id from commune_month_figure where month <= $1 ${only('tenant_id', [to])}
                group by tenant_id, commune_id having sum(running_clubs) > 0) commune
         join admin_unit unit on unit.tenant_id = commune.tenant_id and unit.id = commune.commune_id
     ),
     placed as (
       select tenant_id, commune_id as unit_id from present where not retired
       union
       select club.tenant_id, ishc.current_unit_of(club.tenant_id, club.commune_id, club.hamlet_id)
         from present
         join club_month_figure figure on figure.tenant_id = present.tenant_id and figure.commune_id = present.commune_id
          and figure.month <= $1 and figure.valid_until > $1 and figure.running = 1
         join club on club.tenant_id = figure.tenant_id and club.id = figure.club_id
        where present.retired
     )
     select tenant_id, count(distinct unit_id)::int as communes from placed
      ${map.lineage ? 'where not (tenant_id = any ($2::uuid[]))' : ''}
      group by tenant_id
     ${
       // A merged province on the map of the time: the communes its clubs ran in then.
       map.lineage
         ? `union all
            select ${heldBy(map, 'club', { lineage: '$2', day: '$3' })}, count(distinct figure.commune_id)::int
              from club
              join club_month_figure figure on figure.tenant_id = club.tenant_id and figure.club_id = club.id
               and figure.month <= $1 and figure.valid_until > $1 and figure.running = 1
             where club.tenant_id = any ($2::uuid[])
             group by 1`
         : ''
     }`,
    withOnly([to, ...mapValues]),
  );

  // Everything else per province in one statement: the province, its new clubs and money mobilised
  // in the period and since the phase began, its reference figures, and its scheme for the month
  // with that scheme's own counts and targets.
  const at: MapParameters = { lineage: '$5', day: '$6' };
  const clubsOf = (condition: string) =>
    `(select count(*) from club where ${holdersOf(map, 'club', 'tenant.id', at)} and ${heldBy(map, 'club', at)} = tenant.id
         and club.status <> 'PLANNED' and ${condition})::int`;
  // A scheme counts for the province it was made for (on today's map, the one that holds it now).
  const schemeOf = (alias: string) =>
    map.lineage ? `${holdersOf(map, alias, 'tenant.id', at)} and ${heldBy(map, alias, at)} = tenant.id` : `${alias}.tenant_id = tenant.id`;
  const perProvince: ProvinceParts['perProvince'] = await db.query(
    `select tenant.id as tenant_id, ${TENANT_COLUMNS},
            ${clubsOf('club.founded_on between $1 and $2')} as new_clubs,
            ${clubsOf('club.founded_on between $3 and $2')} as phase_new_clubs,
            mobilised.*,
            ishc.reference_value(tenant.id, 'COMMUNES', $4, ${map.lineage ? 'false' : 'true'})::text as communes,
            ishc.reference_value(tenant.id, 'OLDER_POPULATION', $4, ${map.lineage ? 'false' : 'true'})::text as older_population,
            scheme.id as scheme_id, scheme.first_year, scheme.last_year,
            ${clubsOf('club.founded_on between make_date(scheme.first_year, 1, 1) and least($2::date, make_date(scheme.last_year, 12, 31))')}
              as scheme_new_clubs,
            ${targetsJson('scheme.tenant_id', 'scheme.id')} as targets_json,
            ${INDICATORS_JSON} as indicators_json
       from tenant
       left join lateral (
         -- A province's own scheme before one it took over with a merge.
         select scheme.tenant_id, scheme.id, scheme.first_year, scheme.last_year from scheme
          where ${schemeOf('scheme')} and scheme.status <> 'DRAFT' and $4 between scheme.first_year and scheme.last_year
          order by scheme.origin_tenant_id = tenant.id desc, scheme.last_year desc limit 1
       ) scheme on true
       cross join lateral (
         select coalesce(sum(paid.amount) filter (where paid.paid_on >= $1), 0)::text as mobilised,
                coalesce(sum(paid.amount) filter (where paid.paid_on >= $3), 0)::text as phase_mobilised,
                coalesce(sum(paid.amount) filter (where line.scheme_id = scheme.id), 0)::text as scheme_mobilised
           from disbursement paid join budget_line line on line.tenant_id = paid.tenant_id and line.id = paid.budget_line_id
           ${map.lineage ? `join scheme line_scheme on line_scheme.tenant_id = line.tenant_id and line_scheme.id = line.scheme_id` : ''}
          where ${map.lineage ? schemeOf('line_scheme') : 'line.tenant_id = tenant.id'} and line.source = 'MOBILISED' and paid.paid_on <= $2
       ) mobilised
      where ${onTheMap(map, at)} ${only('tenant.id', [from, lastDay, phaseStart, year])}`,
    withOnly([from, lastDay, phaseStart, year, ...mapValues]),
  );
  return { totals, clubCounts, perProvince };

}

/** Parts kept a province at a time, at most: a few questions (periods) of some sixty provinces each. */
const KEPT_PARTS = 2_000;

/**
 * The comparison's parts on today's map, kept a province at a time by the question (the period,
 * when the phase began, the day) and the revision of that province with the national one
 * (ishc.province_revisions(), moved by every committed write: migrations 1764910000000 and
 * 1764930000000). The revisions are read first, in the request's transaction, so the parts kept
 * under a revision hold every write up to it. After a write only the provinces written to are read
 * again; a write to national tables (provinces, indicators) reads them all. One a server process
 * (Services); only the national office asks.
 */
export class ComparisonParts {
  private readonly kept = new Map<string, { revision: string; parts: ProvinceParts }>();
  /** Provinces read again, and taken from what was kept, since the process began. */
  read = 0;
  reused = 0;

  async of(db: EntityManager, question: Question, compute: (tenants: string[]) => Promise<ProvinceParts>): Promise<ProvinceParts> {
    const revisions: Array<{ tenant_id: string; revision: string }> = await db.query(
      `with revision as (select tenant_id, revision from ishc.province_revisions())
       select tenant.id as tenant_id, (select revision from revision where tenant_id is null) || '.' || coalesce(province.revision, 0) as revision
         from tenant left join revision province on province.tenant_id = tenant.id
        order by tenant.id`,
    );
    const asked = `${todayInVietnam()}|${question.from}|${question.to}|${question.phaseStart}|`;
    const stale = revisions.filter((row) => this.kept.get(asked + row.tenant_id)?.revision !== row.revision);
    const found = new Map<string, ProvinceParts>();
    if (stale.length) {
      const fresh = await compute(stale.map((row) => row.tenant_id));
      for (const { tenant_id: tenantId, revision } of stale) {
        const parts: ProvinceParts = {
          totals: fresh.totals.filter((row) => row.tenant_id === tenantId),
          clubCounts: fresh.clubCounts.filter((row) => row.tenant_id === tenantId),
          perProvince: fresh.perProvince.filter((row) => row.tenant_id === tenantId),
        };
        found.set(tenantId, parts);
        this.kept.delete(asked + tenantId);
        this.kept.set(asked + tenantId, { revision, parts });
      }
    }
    this.read += stale.length;
    this.reused += revisions.length - stale.length;
    // In the provinces' order, as one statement over all of them gives it.
    const each = revisions.map((row) => found.get(row.tenant_id) ?? this.kept.get(asked + row.tenant_id)!.parts);
    while (this.kept.size > KEPT_PARTS) this.kept.delete(this.kept.keys().next().value as string);
    return {
      totals: each.flatMap((parts) => parts.totals),
      clubCounts: each.flatMap((parts) => parts.clubCounts),
      perProvince: each.flatMap((parts) => parts.perProvince),
    };
  }
}

/**
 * Every province side by side at the end of a month, read from the live totals: a province's
 * figures are the sum of its monthly changes (province_month_figure), so the cost does not grow
 * with members or loans. New clubs and money mobilised are counted over the period. For the map of
 * the time, the provinces that merged since are counted club by club as they stood then.
 */
export async function nationalComparison(
  db: EntityManager,
  phase: NationalPhase | null,
  fromMonth: string,
  month: string,
  provinceMap: ProvinceMap = ProvinceMap.TODAY,
  kept?: ComparisonParts,
): Promise<NationalComparison> {
  const to = firstDayOf(month);
  const from = firstDayOf(fromMonth);
  const phaseStart = phase ? `${phase.firstYear}-01-01` : from;
  const map: MapOfProvinces = { day: todayInVietnam(), lineage: null };
  if (provinceMap === ProvinceMap.AT_THE_TIME) {
    const [merged]: Array<{ ids: string[] | null }> = await db.query(
      'select array_agg(distinct id) as ids from (select predecessor_id as id from tenant_lineage union select successor_id from tenant_lineage) merged',
    );
    map.day = monthEndSoFar(month);
    // With no merge anywhere, the map of the time is today's.
    if (merged.ids?.length) map.lineage = merged.ids;
  }
  const question: Question = { from, to, lastDay: lastDayOf(month), phaseStart, year: Number(month.slice(0, 4)) };
  const { totals, clubCounts, perProvince } =
    kept && !map.lineage ? await kept.of(db, question, (tenants) => readParts(db, map, question, tenants)) : await readParts(db, map, question, null);
  const indicators = ((perProvince[0]?.indicators_json ?? []) as IndicatorRow[]).map(indicatorOf);
  const provinceOf = new Map(perProvince.map((row) => [row.tenant_id as string, row]));
  const countsByTenant = new Map(clubCounts.map((row) => [row.tenant_id, row]));
  const referenceOf = (tenantId: string, kind: 'communes' | 'older_population') => {
    const value = provinceOf.get(tenantId)?.[kind];
    return value === null || value === undefined ? null : BigInt(value);
  };

  const monthLabel = month;
  const latest = totals.filter((row) => row.month === monthLabel);
  const provinceCount = latest.length;
  const provincesWithClubs = latest.filter((row) => Number(row.clubs_running) > 0).length;
  const provinces = latest.map((row) => {
    const figures = figureSetOf(row, countsByTenant.get(row.tenant_id));
    const province = provinceOf.get(row.tenant_id)!;
    let percentOfOwnTargets: string | null = null;
    if (province.scheme_id) {
      const period: SchemePeriod = { id: province.scheme_id, firstYear: province.first_year, lastYear: province.last_year };
      const actuals = actualValues(figures, province.scheme_new_clubs, 0, BigInt(province.scheme_mobilised), { withClubs: figures.clubs > 0 ? 1 : 0, all: 1 });
      const measured = progressOf(indicators, actuals, targetsFromJson(province.targets_json, province.scheme_id), period, month, null).filter(
        (progress) => progress.status !== ProgressStatus.NO_TARGET && progress.indicator.code !== 'CLUBS_MAINTAINED',
      );
      if (measured.length) {
        const capped = measured.map((progress) => Math.min(100, Number(progress.percentAchieved)));
        percentOfOwnTargets = (Math.round((capped.reduce((sum, value) => sum + value, 0) / capped.length) * 100) / 100).toFixed(2);
      }
    }
    return Object.assign(
      comparisonOf(
        row.tenant_id,
        figures,
        province.new_clubs,
        BigInt(province.mobilised),
        { communes: referenceOf(row.tenant_id, 'communes'), olderPopulation: referenceOf(row.tenant_id, 'older_population') },
        percentOfOwnTargets,
      ),
      { tenant: tenantFromRow(province, row.tenant_id) },
    );
  });

  const nationalFigures = provinces.reduce((sum, province) => addFigures(sum, province.figures), emptyFigures());
  const sumReference = (kind: 'COMMUNES' | 'OLDER_POPULATION') => {
    const values = latest.map((row) => referenceOf(row.tenant_id, kind === 'COMMUNES' ? 'communes' : 'older_population'));
    return values.length && values.every((value) => value !== null) ? values.reduce((sum, value) => sum! + value!, 0n) : null;
  };
  const national = comparisonOf(
    'national',
    nationalFigures,
    provinces.reduce((sum, province) => sum + province.newClubs, 0),
    provinces.reduce((sum, province) => sum + province.fundsMobilised, 0n),
    { communes: sumReference('COMMUNES'), olderPopulation: sumReference('OLDER_POPULATION') },
    null,
  );

  const inPhase = new Map(
    provinces.map((province) => [
      province.tenantId,
      {
        figures: province.figures,
        newClubs: provinceOf.get(province.tenantId)!.phase_new_clubs as number,
        mobilised: BigInt(provinceOf.get(province.tenantId)!.phase_mobilised),
      },
    ]),
  );
  return Object.assign(new NationalComparison(), {
    map: provinceMap,
    phase,
    fromMonth,
    month,
    provinces,
    national,
    contributions: phase ? contributionsTo(phase, indicators, inPhase, nationalFigures, { withClubs: provincesWithClubs, all: provinceCount }) : [],
    trend: totals.map((row) =>
      Object.assign(new ProvinceTrendPoint(), { tenantId: row.tenant_id, month: row.month, clubs: Number(row.clubs_running), members: Number(row.members) }),
    ),
  });
}

/** Each province's part in the phase's targets that an indicator measures, counted since the phase began. */
function contributionsTo(
  phase: NationalPhase,
  indicators: Indicator[],
  inPhase: Map<string, { figures: FigureSet; newClubs: number; mobilised: bigint }>,
  nationalFigures: FigureSet,
  provinceCounts: { withClubs: number; all: number },
): PhaseContribution[] {
  const nationalNewClubs = [...inPhase.values()].reduce((sum, entry) => sum + entry.newClubs, 0);
  const nationalMobilised = [...inPhase.values()].reduce((sum, entry) => sum + entry.mobilised, 0n);
  const nationalValues = actualValues(nationalFigures, nationalNewClubs, 0, nationalMobilised, provinceCounts);
  const percentOfValue = (value: string, target: string) =>
    percentOf(BigInt(Math.round(Number(value) * 100)), BigInt(Math.round(Number(target) * 100)));
  return phase.targets
    .filter((target) => target.indicatorId && target.targetValue !== null)
    .map((target) => {
      const indicator = indicators.find((candidate) => candidate.id === target.indicatorId)!;
      const targetValue = target.targetValue!;
      const actual = nationalValues.get(indicator.code) ?? '0';
      return Object.assign(new PhaseContribution(), {
        phaseTarget: target,
        indicator,
        target: targetValue,
        byYear: target.byYear,
        actual,
        percentAchieved: percentOfValue(actual, targetValue),
        provinces: [...inPhase.entries()].map(([tenantId, entry]) => {
          const value =
            actualValues(entry.figures, entry.newClubs, 0, entry.mobilised, { withClubs: entry.figures.clubs > 0 ? 1 : 0, all: 1 }).get(indicator.code) ?? '0';
          return Object.assign(new ProvinceContribution(), {
            tenantId,
            value,
            percentOfTarget: indicator.unit === 'PERCENT' ? value : percentOfValue(value, targetValue),
          });
        }),
      });
    });
}
