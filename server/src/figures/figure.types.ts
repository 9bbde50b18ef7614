import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { MonthScalar, VndScalar } from '../graphql/scalars.js';
import { Indicator, NationalPhase, NationalPhaseTarget } from '../program/program.types.js';
import { BudgetSource } from '../schemes/scheme.types.js';
import type { Tenant } from '../tenants/tenant.entity.js';

export enum ProgressStatus {
  ACHIEVED = 'ACHIEVED',
  ON_TRACK = 'ON_TRACK',
  BEHIND = 'BEHIND',
  NO_TARGET = 'NO_TARGET',
}

registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'Where an indicator stands against its target.',
  valuesConfig: {
    ACHIEVED: { description: 'Đạt: the target of the scheme is reached.' },
    ON_TRACK: { description: 'Đúng tiến độ: at or above what the yearly milestones ask by this month.' },
    BEHIND: { description: 'Chậm tiến độ: below what the yearly milestones ask by this month.' },
    NO_TARGET: { description: 'No target is set for this indicator here.' },
  },
});

/** What every set of figures of a group of running clubs holds, whole or month by month. Types here are plain data: simple resolvers. */
@ObjectType({ simpleResolvers: true, description: 'What every set of figures of running clubs holds.' })
abstract class RunningClubFigures {
  @Field(() => Int, { description: 'Clubs running.' })
  clubs: number;

  @Field(() => Int, { description: 'Clubs meeting the whole national quality standard.' })
  clubsMeetingStandard: number;

  @Field(() => Int, { description: 'Members.' })
  members: number;

  @Field(() => Int, { description: 'Members aged 60 or over.' })
  olderMembers: number;

  @Field(() => Int, { description: 'Women members.' })
  womenMembers: number;

  @Field(() => Int, { description: 'Members who have borrowed from their club’s income-generation fund.' })
  borrowers: number;

  @Field(() => VndScalar, { description: 'What the income-generation funds hold.' })
  incomeFund: bigint;

  @Field(() => VndScalar, { description: 'What the activity funds hold.' })
  activityFund: bigint;
}

@ObjectType({ simpleResolvers: true, description: 'Figures of a group of clubs at the end of a month, counting running clubs only.' })
export class FigureSet extends RunningClubFigures {
  @Field(() => Int, { description: 'Clubs whose income-generation and activity funds both hold money.' })
  clubsWithBothFunds: number;

  @Field(() => Int, { description: 'Communes, wards and towns with at least one running club (units as they are now).' })
  communesWithClub: number;

  @Field(() => Int, { description: 'Members of poor or near-poor households.' })
  poorOrNearPoorMembers: number;

  @Field(() => Int, { description: 'Members of an ethnic minority.' })
  ethnicMinorityMembers: number;

  @Field(() => Int, { description: 'Home-care volunteers.' })
  volunteers: number;
}

@ObjectType({ simpleResolvers: true, description: 'A group’s figures at the end of one month of a trend, over its running clubs.' })
export class MonthFigures extends RunningClubFigures {
  @Field(() => MonthScalar, { description: 'The month.' })
  month: string;
}

@ObjectType({ simpleResolvers: true, description: 'An indicator of the catalogue: its actual value against the target of a scheme.' })
export class IndicatorProgress {
  @Field(() => Indicator, { description: 'The indicator.' })
  indicator: Indicator;

  @Field(() => DecimalScalar, { description: 'Actual value, computed live from the records.' })
  actual: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Target by the end of the scheme (for a unit: its share), if set.' })
  target: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'What the yearly milestones ask by the end of this month.' })
  expected: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Actual as a percent of the target, two decimals.' })
  percentAchieved: string | null;

  @Field(() => ProgressStatus, { description: 'Achieved, on track or behind.' })
  status: ProgressStatus;
}

@ObjectType({ simpleResolvers: true, description: 'An administrative unit with the figures of the clubs in it.' })
export class UnitFigures {
  unitId: string;

  @Field(() => FigureSet, { description: 'Figures of the clubs in the unit, including clubs of units it took over.' })
  figures: FigureSet;

  @Field(() => Int, { description: 'Clubs founded in the scheme’s period up to this month.' })
  newClubs: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'The unit’s share of the scheme’s target of new clubs, if set.' })
  newClubsTarget: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A club’s figures at the end of a month.' })
export class ClubFigures {
  clubId: string;

  @Field(() => Boolean, { description: 'Whether the club was running.' })
  running: boolean;

  @Field(() => Int, { description: 'Members.' })
  members: number;

  @Field(() => Int, { description: 'Members aged 60 or over.' })
  olderMembers: number;

  @Field(() => Int, { description: 'Women members.' })
  womenMembers: number;

  @Field(() => Int, { description: 'Members of poor or near-poor households.' })
  poorOrNearPoorMembers: number;

  @Field(() => Int, { description: 'Members who have borrowed.' })
  borrowers: number;

  @Field(() => Int, { description: 'Items of the quality standard met, of 6.' })
  itemsMet: number;

  @Field(() => Boolean, { description: 'Whether the club meets the whole standard.' })
  meetsStandard: boolean;

  @Field(() => VndScalar, { description: 'What the income-generation fund holds.' })
  incomeFund: bigint;

  @Field(() => VndScalar, { description: 'What the activity fund holds.' })
  activityFund: bigint;
}

@ObjectType({ simpleResolvers: true, description: 'How many running clubs meet a given number of the six items of the quality standard.' })
export class QualityBand {
  @Field(() => Int, { description: 'Items met, 0 to 6.' })
  itemsMet: number;

  @Field(() => Int, { description: 'Running clubs meeting exactly that many.' })
  clubs: number;
}

@ObjectType({ simpleResolvers: true, description: 'The loans of a group of clubs now.' })
export class PortfolioFigures {
  @Field(() => Int, { description: 'Loans disbursed and not yet repaid.' })
  activeLoans: number;

  @Field(() => VndScalar, { description: 'Principal still to be repaid.' })
  outstandingPrincipal: bigint;

  @Field(() => Int, { description: 'Loans more than 30 days past due.' })
  loansAtRisk: number;

  @Field(() => VndScalar, { description: 'Principal still owed on loans more than 30 days past due.' })
  principalAtRisk: bigint;

  @Field(() => DecimalScalar, { description: 'Portfolio at risk over 30 days: principal at risk as a percent of the outstanding principal.' })
  par30: string;
}

@ObjectType({ simpleResolvers: true, description: 'A budget source of a scheme: what was planned and what has been paid out.' })
export class BudgetExecution {
  @Field(() => BudgetSource, { description: 'The source.' })
  source: BudgetSource;

  @Field(() => VndScalar, { description: 'Planned in the scheme’s budget lines.' })
  planned: bigint;

  @Field(() => VndScalar, { description: 'Paid out up to the end of the month.' })
  spent: bigint;

  @Field(() => DecimalScalar, { description: 'Spent as a percent of planned.' })
  percentSpent: string;
}

export enum HealthLevel {
  AT_RISK = 'AT_RISK',
  WATCH = 'WATCH',
  HEALTHY = 'HEALTHY',
}

registerEnumType(HealthLevel, {
  name: 'HealthLevel',
  description: 'The early-warning level of a club.',
  valuesConfig: {
    AT_RISK: { description: 'Có nguy cơ: score below 60.' },
    WATCH: { description: 'Cần theo dõi: score 60 to 79.' },
    HEALTHY: { description: 'Tốt: score 80 or more.' },
  },
});

export enum HealthReasonCode {
  FEW_AREAS = 'FEW_AREAS',
  LATE_REPORTS = 'LATE_REPORTS',
  MISSING_REPORTS = 'MISSING_REPORTS',
  NO_MEETINGS = 'NO_MEETINGS',
  ATTENDANCE_FALLING = 'ATTENDANCE_FALLING',
  PORTFOLIO_AT_RISK = 'PORTFOLIO_AT_RISK',
  MEMBERS_LEAVING = 'MEMBERS_LEAVING',
}

registerEnumType(HealthReasonCode, {
  name: 'HealthReasonCode',
  description: 'Why a club lost points of its health score.',
  valuesConfig: {
    FEW_AREAS: { description: 'Fewer than the eight areas of activity were covered in the last three months.' },
    LATE_REPORTS: { description: 'Monthly reports of the last three months were first submitted after their due day.' },
    MISSING_REPORTS: { description: 'Monthly reports of the last three months are not submitted.' },
    NO_MEETINGS: { description: 'No monthly meeting was recorded in the last three months.' },
    ATTENDANCE_FALLING: { description: 'Attendance at monthly meetings fell against the three months before.' },
    PORTFOLIO_AT_RISK: { description: 'Part of the loan portfolio is more than 30 days past due.' },
    MEMBERS_LEAVING: { description: 'Members left in the last twelve months.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One reason a club lost points of its health score.' })
export class HealthReason {
  @Field(() => HealthReasonCode, { description: 'The reason.' })
  code: HealthReasonCode;

  @Field(() => Int, { description: 'Points lost, of 100.' })
  pointsLost: number;

  @Field(() => String, { description: 'The measure behind it, a decimal number: areas covered, reports late or missing, percent change of attendance (negative for a fall), PAR30 in percent, or percent of members who left.' })
  value: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A club’s early-warning score, 0–100, from coverage of the eight areas (25 points), report timeliness (20), attendance trend (20), PAR30 (20) and member churn (15), with the reasons for each point lost.',
})
export class ClubHealth {
  clubId: string;

  @Field(() => Int, { description: 'Score out of 100; lower is worse.' })
  score: number;

  @Field(() => HealthLevel, { description: 'At risk, to watch, or healthy.' })
  level: HealthLevel;

  @Field(() => [HealthReason], { description: 'Why points were lost, the biggest loss first.' })
  reasons: HealthReason[];
}

@ObjectType({ simpleResolvers: true, description: 'The province dashboard: a scheme’s progress and the clubs of a unit (or the whole province) at a month.' })
export class ProvinceDashboard {
  tenantId: string;
  unitId: string | null;
  schemeId: string | null;
  /** Every running club's score, worst first. */
  health: ClubHealth[];

  @Field(() => MonthScalar, { description: 'The month shown: figures are those at its end.' })
  month: string;

  @Field(() => FigureSet, { description: 'Figures of the unit (or province).' })
  figures: FigureSet;

  @Field(() => [IndicatorProgress], { description: 'Every indicator of the catalogue against the scheme’s targets (the unit’s share where broken down).' })
  progress: IndicatorProgress[];

  @Field(() => [UnitFigures], { description: 'The units one level down, each with its figures: the drill-down.' })
  units: UnitFigures[];

  @Field(() => [QualityBand], { description: 'Running clubs by how many of the six items of the quality standard they meet.' })
  quality: QualityBand[];

  @Field(() => PortfolioFigures, { description: 'The loan portfolio at the end of the month (today while the month runs): only repayments and reversals dated by then count, against the schedule in force then.' })
  loans: PortfolioFigures;

  @Field(() => [BudgetExecution], { description: 'Budget execution of the scheme by source (the whole province’s).' })
  budget: BudgetExecution[];

  @Field(() => [MonthFigures], { description: 'The twelve months up to this one.' })
  trend: MonthFigures[];

  @Field(() => Int, { description: 'Running clubs of the unit scored AT_RISK now.' })
  clubsAtRiskCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'A province side by side with the others.' })
export class ProvinceComparison {
  tenantId: string;
  /** The province, read with its figures; none for the national total. */
  tenant?: Tenant;

  @Field(() => FigureSet, { description: 'The province’s figures at the end of the month.' })
  figures: FigureSet;

  @Field(() => Int, { description: 'Clubs founded in the period.' })
  newClubs: number;

  @Field(() => VndScalar, { description: 'Money mobilised from society and paid out in the period (budget lines of source MOBILISED).' })
  fundsMobilised: bigint;

  @Field(() => DecimalScalar, { nullable: true, description: 'Average percent of its own scheme’s targets achieved (each capped at 100), if it has a scheme for the month.' })
  percentOfOwnTargets: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Running clubs per 100 communes, where the province’s number of communes is entered.' })
  clubsPer100Communes: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Members per 1,000 older residents, where the older population is entered.' })
  membersPer1000Older: string | null;

  @Field(() => DecimalScalar, { description: 'Members per running club.' })
  membersPerClub: string;

  @Field(() => DecimalScalar, { description: 'Percent of members aged 60 or over.' })
  olderPercent: string;

  @Field(() => DecimalScalar, { description: 'Percent of members who are women.' })
  womenPercent: string;

  @Field(() => DecimalScalar, { description: 'Percent of members of poor or near-poor households.' })
  poorOrNearPoorPercent: string;

  @Field(() => DecimalScalar, { description: 'Percent of running clubs meeting the quality standard.' })
  meetingStandardPercent: string;

  @Field(() => DecimalScalar, { description: 'Percent of members who have borrowed.' })
  borrowedPercent: string;
}

@ObjectType({ simpleResolvers: true, description: 'What each province contributes to a target of the national phase.' })
export class PhaseContribution {
  @Field(() => NationalPhaseTarget, { description: 'The national target, as the decision states it.' })
  phaseTarget: NationalPhaseTarget;

  @Field(() => Indicator, { description: 'Its indicator.' })
  indicator: Indicator;

  @Field(() => DecimalScalar, { description: 'The national target value.' })
  target: string;

  @Field(() => Int, { nullable: true, description: 'Year it is due.' })
  byYear: number | null;

  @Field(() => DecimalScalar, { description: 'The national actual: the sum of the provinces’ values, or for a percent the national rate.' })
  actual: string;

  @Field(() => DecimalScalar, { description: 'The national actual as a percent of the target.' })
  percentAchieved: string;

  @Field(() => [ProvinceContribution], { description: 'Each province’s value and share of the target.' })
  provinces: ProvinceContribution[];
}

@ObjectType({ simpleResolvers: true, description: 'One province’s part in a national target.' })
export class ProvinceContribution {
  tenantId: string;

  @Field(() => DecimalScalar, { description: 'The province’s value.' })
  value: string;

  @Field(() => DecimalScalar, { description: 'For a count or an amount: the value as a percent of the national target; for a percent: the province’s rate.' })
  percentOfTarget: string;
}

@ObjectType({ simpleResolvers: true, description: 'A province’s running clubs and members at the end of a month.' })
export class ProvinceTrendPoint {
  tenantId: string;

  @Field(() => MonthScalar, { description: 'The month.' })
  month: string;

  @Field(() => Int, { description: 'Running clubs.' })
  clubs: number;

  @Field(() => Int, { description: 'Members.' })
  members: number;
}

export enum ProvinceMap {
  TODAY = 'TODAY',
  AT_THE_TIME = 'AT_THE_TIME',
}

registerEnumType(ProvinceMap, {
  name: 'ProvinceMap',
  description: 'Which provinces a past period is shown by, when provinces have merged since.',
  valuesConfig: {
    TODAY: { description: 'The provinces of today: a merged province counts its predecessors\' clubs and history for every period.' },
    AT_THE_TIME: { description: 'The provinces that existed at the period\'s end, each with the clubs it held then.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Every province side by side on the shared indicators, for the national office. Holds no personal data.' })
export class NationalComparison {
  @Field(() => ProvinceMap, { description: 'The map the provinces are shown by.' })
  map: ProvinceMap;

  @Field(() => NationalPhase, { nullable: true, description: 'The national phase of the contributions.' })
  phase: NationalPhase | null;

  @Field(() => MonthScalar, { description: 'First month of the period.' })
  fromMonth: string;

  @Field(() => MonthScalar, { description: 'Last month of the period: figures are those at its end.' })
  month: string;

  @Field(() => [ProvinceComparison], { description: 'Every province.' })
  provinces: ProvinceComparison[];

  @Field(() => ProvinceComparison, { description: 'The whole country, computed the same way.' })
  national: ProvinceComparison;

  @Field(() => [PhaseContribution], { description: 'Each province’s contribution to the phase’s targets measured by an indicator.' })
  contributions: PhaseContribution[];

  @Field(() => [ProvinceTrendPoint], { description: 'Each province month by month over the period.' })
  trend: ProvinceTrendPoint[];
}
