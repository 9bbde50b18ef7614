import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { findAdminUnitsByIds, idsOnPath } from '../admin-units/admin-unit.service.js';
import { Club } from '../clubs/club.entity.js';
import { viewerOf, type Context } from '../graphql/context.js';
import { badInput, type FieldProblem } from '../graphql/errors.js';
import { MonthScalar } from '../graphql/scalars.js';
import { Scheme } from '../schemes/scheme.types.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { NATIONAL_ROLES, Role } from '../users/role.js';
import { healthOf } from './club-health.js';
import { checkedMonth, comparisonPeriodOf, provinceOf } from './figure-scope.js';
import { clubOfPlaced, currentMonth, dashboardParts, par30ByClub, qualityBandsOf, runningClubsOf } from './figure.service.js';
import {
  ClubFigures,
  ClubHealth,
  HealthLevel,
  NationalComparison,
  ProvinceComparison,
  ProvinceContribution,
  ProvinceDashboard,
  ProvinceMap,
  ProvinceTrendPoint,
  UnitFigures,
} from './figure.types.js';
import { nationalComparison } from './national-comparison.js';

const READERS = [Role.PROVINCE_ADMIN, ...NATIONAL_ROLES];

@ArgsType()
class ProvinceScopeArgs {
  @Field(() => ID, { nullable: true, description: 'The province (national office; a province sees only its own).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A district, commune or other unit; the whole province if not given.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  unitId?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'The month: figures at its end; the current month if not given.' })
  month?: string | null;
}

@ArgsType()
class ProvinceDashboardArgs extends ProvinceScopeArgs {
  @Field(() => ID, { nullable: true, description: 'The scheme; the approved one covering the month if not given.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a scheme identifier' })
  schemeId?: string | null;
}

@ArgsType()
class ClubsAtRiskArgs extends ProvinceScopeArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many clubs, worst first (at most 500).' })
  @IsInt()
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => [HealthLevel], { nullable: true, description: 'Only clubs at these levels.' })
  @IsOptional()
  @IsIn(Object.values(HealthLevel), { each: true })
  levels?: HealthLevel[] | null;
}

@ArgsType()
class NationalComparisonArgs {
  @Field(() => ID, { nullable: true, description: 'The national phase whose targets the provinces contribute to; the one covering the month if not given.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a phase identifier' })
  phaseId?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'First month of the period: new clubs and money mobilised are counted from it, the trend starts at it. Twelve months back if not given.' })
  fromMonth?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Last month of the period; the current month if not given.' })
  month?: string | null;

  @Field(() => ProvinceMap, { defaultValue: ProvinceMap.TODAY, description: 'Today\'s provinces (default), or the provinces as they were at the period\'s end.' })
  map: ProvinceMap;
}

function worstFirst(left: ClubHealth, right: ClubHealth): number {
  return left.score - right.score || left.clubId.localeCompare(right.clubId);
}

@Resolver(() => ProvinceDashboard)
export class ProvinceDashboardResolver {
  @Authorized(READERS)
  @Query(() => ProvinceDashboard, {
    description:
      'A province’s dashboard at a month, computed live from the records: every indicator against the scheme’s targets, the units one level down, quality, loans, budget execution and the trend.',
  })
  async provinceDashboard(@Args(() => ProvinceDashboardArgs) args: ProvinceDashboardArgs, @Ctx() context: Context): Promise<ProvinceDashboard> {
    const problems: FieldProblem[] = [];
    const month = checkedMonth(args.month, 'month', problems);
    if (problems.length) throw badInput(problems);
    const tenantId = provinceOf(viewerOf(context), args.tenantId);
    const db = await context.db();
    const parts = await dashboardParts(db, tenantId, args.unitId ?? null, month, args.schemeId ?? null);
    // What the dashboard has read already need not be read again by the field resolvers.
    context.loaders.tenantById.prime(tenantId, parts.reference.tenant);
    if (parts.reference.scheme) context.loaders.schemeById.prime(parts.reference.scheme.id, parts.reference.scheme);
    // The units the page names (the unit and its parents, the units below, the clubs' communes and
    // theirs) in one statement, rather than a batch per level.
    // Every unit below the province that has a club lies on some club's path, with its parents.
    const unitIds = new Set<string>(args.unitId ? [args.unitId] : []);
    // Clubs of a commune share its path: each path is read once.
    const paths = new Set<string>();
    for (const club of parts.rollup.clubs) paths.add(club.original_path).add(club.current_path);
    for (const path of paths) for (const id of idsOnPath(path)) unitIds.add(id);
    for (const unit of await findAdminUnitsByIds(db, [...unitIds])) context.loaders.adminUnitById.prime(unit.id, unit);
    const running = parts.rollup.clubs.filter((club) => club.running === 1).map((club) => club.id);
    // The clubs the page names (the worst first) are among those just read.
    for (const club of parts.rollup.clubs) if (club.running === 1) context.loaders.clubById.prime(club.id, clubOfPlaced(club, tenantId));
    const health = [...(await healthOf(db, tenantId, running, month, par30ByClub(parts.rollup.clubs))).values()].sort(worstFirst);
    return Object.assign(new ProvinceDashboard(), {
      tenantId,
      unitId: args.unitId ?? null,
      schemeId: parts.period?.id ?? null,
      month,
      figures: parts.rollup.figures,
      progress: parts.progress,
      units: parts.rollup.units,
      quality: qualityBandsOf(parts.rollup.clubs),
      loans: parts.loans,
      budget: parts.budget,
      trend: parts.trend,
      clubsAtRiskCount: health.filter((club) => club.level === HealthLevel.AT_RISK).length,
      health,
    });
  }

  @FieldResolver(() => [ClubHealth], { name: 'clubsAtRisk', description: 'The running clubs by health score, worst first: the early warning of the unit.' })
  healthOfClubs(
    @Root() dashboard: ProvinceDashboard,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many clubs (at most 500).' }) first: number,
  ): ClubHealth[] {
    return dashboard.health.slice(0, Math.max(0, Math.min(first, 500)));
  }

  @FieldResolver(() => Tenant, { description: 'The province.' })
  async tenant(@Root() dashboard: ProvinceDashboard, @Ctx() context: Context): Promise<Tenant> {
    return (await context.loaders.tenantById.load(dashboard.tenantId))!;
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The unit shown; null for the whole province.' })
  async unit(@Root() dashboard: ProvinceDashboard, @Ctx() context: Context): Promise<AdminUnit | null> {
    return dashboard.unitId ? context.loaders.adminUnitById.load(dashboard.unitId) : null;
  }

  @FieldResolver(() => Scheme, { nullable: true, description: 'The scheme whose targets are shown; null if the province has none.' })
  async scheme(@Root() dashboard: ProvinceDashboard, @Ctx() context: Context): Promise<Scheme | null> {
    return dashboard.schemeId ? context.loaders.schemeById.load(dashboard.schemeId) : null;
  }

  @Authorized(READERS)
  @Query(() => [ClubHealth], {
    description: 'Early warning: the running clubs of a province or unit by health score, worst first, with the reasons for each point lost.',
  })
  async clubsAtRisk(@Args(() => ClubsAtRiskArgs) args: ClubsAtRiskArgs, @Ctx() context: Context): Promise<ClubHealth[]> {
    const problems: FieldProblem[] = [];
    const month = checkedMonth(args.month, 'month', problems);
    if (problems.length) throw badInput(problems);
    const tenantId = provinceOf(viewerOf(context), args.tenantId);
    const db = await context.db();
    const clubIds = await runningClubsOf(db, tenantId, args.unitId ?? null, month);
    const health = [...(await healthOf(db, tenantId, clubIds, month)).values()];
    return health
      .filter((club) => !args.levels?.length || args.levels.includes(club.level))
      .sort(worstFirst)
      .slice(0, args.first);
  }
}

@Resolver(() => UnitFigures)
export class UnitFiguresResolver {
  @FieldResolver(() => AdminUnit, { description: 'The unit.' })
  async unit(@Root() figures: UnitFigures, @Ctx() context: Context): Promise<AdminUnit> {
    return (await context.loaders.adminUnitById.load(figures.unitId))!;
  }
}

@Resolver(() => ClubHealth)
export class ClubHealthResolver {
  @FieldResolver(() => Club, { description: 'The club.' })
  async club(@Root() health: ClubHealth, @Ctx() context: Context): Promise<Club> {
    return (await context.loaders.clubById.load(health.clubId))!;
  }
}

@Resolver(() => NationalComparison)
export class NationalComparisonResolver {
  @Authorized([...NATIONAL_ROLES])
  @Query(() => NationalComparison, {
    description:
      'Every province side by side on the shared indicators, absolute and normalised, with each province’s contribution to the national phase’s targets. For the national office; holds no personal data.',
  })
  async nationalComparison(@Args(() => NationalComparisonArgs) args: NationalComparisonArgs, @Ctx() context: Context): Promise<NationalComparison> {
    const db = await context.db();
    const { phase, fromMonth, month } = await comparisonPeriodOf(db, args);
    return nationalComparison(db, phase, fromMonth, month, args.map, context.services.comparisonParts);
  }

}

@Resolver(() => ProvinceComparison)
export class ProvinceComparisonResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: 'The province; null for the national total.' })
  async tenant(@Root() comparison: ProvinceComparison, @Ctx() context: Context): Promise<Tenant | null> {
    return comparison.tenantId === 'national' ? null : context.loaders.tenantById.load(comparison.tenantId);
  }
}

@Resolver(() => ProvinceContribution)
export class ProvinceContributionResolver {
  @FieldResolver(() => Tenant, { description: 'The province.' })
  async tenant(@Root() contribution: ProvinceContribution, @Ctx() context: Context): Promise<Tenant> {
    return (await context.loaders.tenantById.load(contribution.tenantId))!;
  }
}

@Resolver(() => ProvinceTrendPoint)
export class ProvinceTrendPointResolver {
  @FieldResolver(() => Tenant, { description: 'The province.' })
  async tenant(@Root() point: ProvinceTrendPoint, @Ctx() context: Context): Promise<Tenant> {
    return (await context.loaders.tenantById.load(point.tenantId))!;
  }
}

@ArgsType()
class ClubMonthArgs {
  @Field(() => MonthScalar, { nullable: true, description: 'The month: figures at its end; the current month if not given.' })
  month?: string | null;
}

@Resolver(() => Club)
export class ClubFiguresResolver {
  @FieldResolver(() => ClubFigures, { nullable: true, description: 'The club’s live figures at the end of a month; null before it had any.' })
  async figures(@Root() club: Club, @Args(() => ClubMonthArgs) { month }: ClubMonthArgs, @Ctx() context: Context): Promise<ClubFigures | null> {
    return context.loaders.clubFiguresAt.load(`${club.tenantId}|${club.id}|${month ?? currentMonth()}`);
  }

  @FieldResolver(() => ClubHealth, { nullable: true, description: 'The club’s early-warning score at the end of a month; null unless it is running.' })
  async health(@Root() club: Club, @Args(() => ClubMonthArgs) { month }: ClubMonthArgs, @Ctx() context: Context): Promise<ClubHealth | null> {
    if (club.status !== 'ACTIVE') return null;
    return context.loaders.clubHealthAt.load(`${club.tenantId}|${club.id}|${month ?? currentMonth()}`);
  }
}

export const figureResolvers = [
  ClubFiguresResolver,
  ProvinceDashboardResolver,
  UnitFiguresResolver,
  ClubHealthResolver,
  NationalComparisonResolver,
  ProvinceComparisonResolver,
  ProvinceContributionResolver,
  ProvinceTrendPointResolver,
] as const;
