import { IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Club } from '../clubs/club.entity.js';
import { ClubPlanEntry } from '../club-plan/club-plan.types.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { vndInWords } from '../money/vnd-words.js';
import { Indicator, NationalPhase } from '../program/program.types.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Role } from '../users/role.js';
import {
  ApproveSchemeInput,
  CreateSchemeInput,
  HistoryArgs,
  RecordDisbursementInput,
  ReverseDisbursementInput,
  SaveBudgetInput,
  SaveTargetsInput,
  SchemesArgs,
  SchemeVersionArgs,
  UpdateSchemeInput,
} from './scheme.inputs.js';
import {
  approveScheme,
  budgetCheckOf,
  closeScheme,
  createScheme,
  listRevisions,
  listSchemeHistory,
  listSchemes,
  saveBudget,
  saveTargets,
  sourceBalances,
  updateScheme,
} from './scheme.service.js';
import {
  BudgetCheck,
  BudgetLine,
  Disbursement,
  Scheme,
  SchemeHistoryEntry,
  SchemeRevision,
  SourceBalance,
  Target,
  TargetShare,
} from './scheme.types.js';
import { recordDisbursement, reverseDisbursement } from './spending.service.js';

export const SchemeConnection = connectionOf(Scheme, 'Scheme', 'scheme');
export const SchemeHistoryConnection = connectionOf(SchemeHistoryEntry, 'SchemeHistory', 'change of a scheme');

@ArgsType()
class SchemeArgs {
  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  id: string;
}

const READERS = [Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER];

@Resolver(() => Scheme)
export class SchemeResolver {
  @Authorized(READERS)
  @Query(() => SchemeConnection, {
    description: 'Schemes, newest period first: a province sees its own, the national office all.',
    complexity: connectionComplexity,
  })
  async schemes(@Args(() => SchemesArgs) args: SchemesArgs, @Ctx() context: Context) {
    return SchemeConnection.from(await listSchemes(await context.db(), args));
  }

  @Authorized(READERS)
  @Query(() => Scheme, { nullable: true, description: 'One scheme, if it exists and is visible to you.' })
  async scheme(@Args(() => SchemeArgs) { id }: SchemeArgs, @Ctx() context: Context): Promise<Scheme | null> {
    return context.loaders.schemeById.load(id);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, { description: 'Starts a scheme of your province, as a draft.' })
  async createScheme(@Arg('input', () => CreateSchemeInput) input: CreateSchemeInput, @Ctx() context: Context): Promise<Scheme> {
    return createScheme(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, { description: 'Changes a scheme’s header. Changing the period of an approved scheme is a revision and needs a reason.' })
  async updateScheme(@Arg('input', () => UpdateSchemeInput) input: UpdateSchemeInput, @Ctx() context: Context): Promise<Scheme> {
    return updateScheme(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, { description: 'Saves all targets of a scheme at once. For an approved scheme this is a revision and needs a reason.' })
  async saveSchemeTargets(@Arg('input', () => SaveTargetsInput) input: SaveTargetsInput, @Ctx() context: Context): Promise<Scheme> {
    return saveTargets(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, {
    description:
      'Saves a scheme’s whole budget: the stated total and every line. For an approved scheme this is a revision: it needs a reason, and the lines must still add up and agree with the club plan.',
  })
  async saveSchemeBudget(@Arg('input', () => SaveBudgetInput) input: SaveBudgetInput, @Ctx() context: Context): Promise<Scheme> {
    return saveBudget(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, {
    description: 'Approves a draft scheme. Refused, saying by how much, when the budget lines do not add up to the total or disagree with the club plan.',
  })
  async approveScheme(@Arg('input', () => ApproveSchemeInput) input: ApproveSchemeInput, @Ctx() context: Context): Promise<Scheme> {
    return approveScheme(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Scheme, { description: 'Closes an approved scheme at the end of its period; it then no longer changes.' })
  async closeScheme(@Args(() => SchemeVersionArgs) { id, version }: SchemeVersionArgs, @Ctx() context: Context): Promise<Scheme> {
    return closeScheme(await context.db(), context.requestId, id, version);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Disbursement, {
    description: 'Records a payment out of a budget line of an approved scheme. Refused beyond what remains; a retry with the same key records nothing new.',
  })
  async recordDisbursement(@Arg('input', () => RecordDisbursementInput) input: RecordDisbursementInput, @Ctx() context: Context): Promise<Disbursement> {
    return recordDisbursement(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Disbursement, { description: 'Reverses a payment recorded by mistake with an opposite entry; the ledger is never edited.' })
  async reverseDisbursement(@Arg('input', () => ReverseDisbursementInput) input: ReverseDisbursementInput, @Ctx() context: Context): Promise<Disbursement> {
    return reverseDisbursement(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => Tenant, { description: 'The province workspace of the scheme.' })
  async tenant(@Root() scheme: Scheme, @Ctx() context: Context): Promise<Tenant> {
    const tenant = await context.loaders.tenantById.load(scheme.tenantId);
    if (!tenant) throw new Error(`tenant ${scheme.tenantId} of a visible scheme is not visible`);
    return tenant;
  }

  @FieldResolver(() => Tenant, {
    description:
      'The province the scheme was made for ("Đề án … tỉnh Kiên Giang"): the workspace itself, or a province since merged into it, whose scheme it carries on.',
  })
  async province(@Root() scheme: Scheme, @Ctx() context: Context): Promise<Tenant> {
    const province = await context.loaders.tenantById.load(scheme.originTenantId);
    if (!province) throw new Error(`province ${scheme.originTenantId} of a visible scheme is not visible`);
    return province;
  }

  @FieldResolver(() => NationalPhase, { nullable: true, description: 'The national phase the scheme implements.' })
  async nationalPhase(@Root() scheme: Scheme, @Ctx() context: Context): Promise<NationalPhase | null> {
    return scheme.nationalPhaseId ? context.loaders.nationalPhaseById.load(scheme.nationalPhaseId) : null;
  }

  @FieldResolver(() => String, { description: 'The stated total in Vietnamese words, as official documents write it.' })
  totalBudgetInWords(@Root() scheme: Scheme): string {
    return vndInWords(scheme.totalBudget);
  }

  @FieldResolver(() => [Target], { description: 'The targets of the scheme.' })
  async targets(@Root() scheme: Scheme, @Ctx() context: Context): Promise<Target[]> {
    return context.loaders.targetsBySchemeId.load(scheme.id);
  }

  @FieldResolver(() => [BudgetLine], { description: 'The budget lines, with what was paid from each.' })
  async budgetLines(@Root() scheme: Scheme, @Ctx() context: Context): Promise<BudgetLine[]> {
    return context.loaders.budgetLinesBySchemeId.load(scheme.id);
  }

  @FieldResolver(() => [SourceBalance], { description: 'The budget by source: amount, paid out, remaining.' })
  async budgetBySource(@Root() scheme: Scheme, @Ctx() context: Context): Promise<SourceBalance[]> {
    return sourceBalances(await context.loaders.budgetLinesBySchemeId.load(scheme.id));
  }

  @FieldResolver(() => BudgetCheck, { description: 'Whether the budget adds up to the stated total and agrees with the club plan.' })
  async budgetCheck(@Root() scheme: Scheme, @Ctx() context: Context): Promise<BudgetCheck> {
    return budgetCheckOf(await context.db(), scheme, await context.loaders.budgetLinesBySchemeId.load(scheme.id));
  }

  @FieldResolver(() => [ClubPlanEntry], { description: 'The club plan: which commune gets a club in which year.' })
  async clubPlan(@Root() scheme: Scheme, @Ctx() context: Context): Promise<ClubPlanEntry[]> {
    return context.loaders.clubPlanBySchemeId.load(scheme.id);
  }

  @FieldResolver(() => [SchemeRevision], { description: 'Recorded revisions of the approved scheme, oldest first.' })
  async revisions(@Root() scheme: Scheme, @Ctx() context: Context): Promise<SchemeRevision[]> {
    return listRevisions(await context.db(), scheme.id);
  }

  @FieldResolver(() => SchemeHistoryConnection, { description: 'Every change to the scheme, newest first: who, when, why, from what to what.', complexity: connectionComplexity })
  async history(@Root() scheme: Scheme, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() context: Context) {
    return SchemeHistoryConnection.from(await listSchemeHistory(await context.db(), scheme.id, args.first, args.after));
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator measuring the target.' })
  async indicator(@Root() target: Target, @Ctx() context: Context): Promise<Indicator> {
    const indicator = await context.loaders.indicatorById.load(target.indicatorId);
    if (!indicator) throw new Error(`indicator ${target.indicatorId} not found`);
    return indicator;
  }
}

@Resolver(() => TargetShare)
export class TargetShareResolver {
  @FieldResolver(() => AdminUnit, { description: 'The administrative unit.' })
  async unit(@Root() share: TargetShare, @Ctx() context: Context): Promise<AdminUnit> {
    const unit = await context.loaders.adminUnitById.load(share.unitId);
    if (!unit) throw new Error(`unit ${share.unitId} not found`);
    return unit;
  }
}

@Resolver(() => BudgetLine)
export class BudgetLineResolver {
  @FieldResolver(() => [Disbursement], { description: 'Payments from the line and their reversals, newest first.' })
  async disbursements(@Root() line: BudgetLine, @Ctx() context: Context): Promise<Disbursement[]> {
    return context.loaders.disbursementsByLineId.load(line.id);
  }
}

@Resolver(() => Disbursement)
export class DisbursementResolver {
  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The receiving unit.' })
  async recipientUnit(@Root() payment: Disbursement, @Ctx() context: Context): Promise<AdminUnit | null> {
    return payment.recipientUnitId ? context.loaders.adminUnitById.load(payment.recipientUnitId) : null;
  }

  @FieldResolver(() => Club, { nullable: true, description: 'The receiving club.' })
  async recipientClub(@Root() payment: Disbursement, @Ctx() context: Context): Promise<Club | null> {
    return payment.recipientClubId ? context.loaders.clubById.load(payment.recipientClubId) : null;
  }
}
