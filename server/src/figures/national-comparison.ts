import type { EntityManager } from 'typeorm';
import { firstDayOf, lastDayOf } from '../calendar.js';
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
  TENANT_COLUMNS,
  tenantFromRow,
  type SchemePeriod,
} from './figure.service.js';
import {
  FigureSet,
  NationalComparison,
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
 * Every province side by side at the end of a month, read from the live totals: a province's
 * figures are the sum of its monthly changes (province_month_figure), so the cost does not grow
 * with members or loans. New clubs and money mobilised are counted over the period.
 */
export async function nationalComparison(db: EntityManager, phase: NationalPhase | null, fromMonth: string, month: string): Promise<NationalComparison> {
  const to = firstDayOf(month);
  const from = firstDayOf(fromMonth);
  const phaseStart = phase ? `${phase.firstYear}-01-01` : from;

  // Each province's totals at every month of the period: what its changes add up to before the
  // period, then month by month within it. The last month is the one compared.
  const totals: Array<ProvinceRow & { month: string }> = await db.query(
    `with before_period as (
       select tenant_id, ${SUMMED.map((column) => `sum(${column}) as ${column}`).join(', ')}
         from province_month_figure where month < $1 group by tenant_id
     ),
     grid as (
       select tenant.id as tenant_id, series.month::date as month
         from tenant cross join generate_series($1::date, $2::date, interval '1 month') as series (month)
        where tenant.status = 'ACTIVE'
     )
     select grid.tenant_id, to_char(grid.month, 'YYYY-MM') as month,
            ${SUMMED.map(
              (column) =>
                `(coalesce(before_period.${column}, 0) + coalesce(sum(within.${column}) over (partition by grid.tenant_id order by grid.month), 0))::text as ${column}`,
            ).join(',\n            ')}
       from grid
       left join before_period on before_period.tenant_id = grid.tenant_id
       left join province_month_figure within on within.tenant_id = grid.tenant_id and within.month = grid.month
      order by grid.tenant_id, grid.month`,
    [from, to],
  );

  // Communes with a running club, each once: those whose changes up to the month add up to some.
  // A commune retired by the month's end counts as the unit now in its place, found club by club
  // as the province's dashboard finds it (a merger's successor; for a split, the successor that
  // holds the club's hamlet), so two merged communes with clubs are one commune.
  const clubCounts: Array<{ tenant_id: string; communes: number }> = await db.query(
    `with present as (
       select commune.tenant_id, commune.commune_id,
              (unit.valid_to is not null and unit.valid_to <= ($1::date + interval '1 month')::date) as retired
         from (select tenant_id, commune_id from commune_month_figure where month <= $1
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
     select tenant_id, count(distinct unit_id)::int as communes from placed group by tenant_id`,
    [to],
  );

  // Everything else per province in one statement: the province, its new clubs and money mobilised
  // in the period and since the phase began, its reference figures, and its scheme for the month
  // with that scheme's own counts and targets.
  const perProvince: Array<Record<string, any>> = await db.query(
    `select tenant.id as tenant_id, ${TENANT_COLUMNS},
            (select count(*) from club where club.tenant_id = tenant.id and club.status <> 'PLANNED'
                and club.founded_on between $1 and $2)::int as new_clubs,
            (select count(*) from club where club.tenant_id = tenant.id and club.status <> 'PLANNED'
                and club.founded_on between $3 and $2)::int as phase_new_clubs,
            mobilised.*,
            (select value::text from reference_figure where tenant_id = tenant.id and kind = 'COMMUNES' and year <= $4
              order by year desc limit 1) as communes,
            (select value::text from reference_figure where tenant_id = tenant.id and kind = 'OLDER_POPULATION' and year <= $4
              order by year desc limit 1) as older_population,
            scheme.id as scheme_id, scheme.first_year, scheme.last_year,
            (select count(*) from club where club.tenant_id = tenant.id and club.status <> 'PLANNED'
                and club.founded_on between make_date(scheme.first_year, 1, 1) and least($2::date, make_date(scheme.last_year, 12, 31)))::int
              as scheme_new_clubs,
            ${targetsJson('tenant.id', 'scheme.id')} as targets_json,
            ${INDICATORS_JSON} as indicators_json
       from tenant
       left join lateral (
         select id, first_year, last_year from scheme
          where scheme.tenant_id = tenant.id and scheme.status <> 'DRAFT' and $4 between scheme.first_year and scheme.last_year
          order by scheme.last_year desc limit 1
       ) scheme on true
       cross join lateral (
         select coalesce(sum(paid.amount) filter (where paid.paid_on >= $1), 0)::text as mobilised,
                coalesce(sum(paid.amount) filter (where paid.paid_on >= $3), 0)::text as phase_mobilised,
                coalesce(sum(paid.amount) filter (where line.scheme_id = scheme.id), 0)::text as scheme_mobilised
           from disbursement paid join budget_line line on line.tenant_id = paid.tenant_id and line.id = paid.budget_line_id
          where line.tenant_id = tenant.id and line.source = 'MOBILISED' and paid.paid_on <= $2
       ) mobilised
      where tenant.status = 'ACTIVE'`,
    [from, lastDayOf(month), phaseStart, Number(month.slice(0, 4))],
  );
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
