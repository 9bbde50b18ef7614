import { IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { Scheme } from '../schemes/scheme.types.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Role } from '../users/role.js';
import { SaveSurveyInput, SaveSurveyVisitInput, SurveysArgs } from './survey.inputs.js';
import { findSurveysByIds, listSurveys, removeSurveyVisit, saveSurvey, saveSurveyVisit } from './survey.service.js';
import { Survey, SurveyVisit } from './survey.types.js';

export const SurveyConnection = connectionOf(Survey, 'Survey', 'field survey');

@ArgsType()
class SurveyArgs {
  @Field(() => ID, { description: 'The survey.' })
  @IsUUID('all', { message: 'is not a survey identifier' })
  id: string;
}

@ArgsType()
class RemoveSurveyVisitArgs {
  @Field(() => ID, { description: 'The visit.' })
  @IsUUID('all', { message: 'is not a visit identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

const READERS = [Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER];

@Resolver(() => Survey)
export class SurveyResolver {
  @Authorized(READERS)
  @Query(() => SurveyConnection, { description: 'Field surveys, newest first.', complexity: connectionComplexity })
  async surveys(@Args(() => SurveysArgs) args: SurveysArgs, @Ctx() context: Context) {
    return SurveyConnection.from(await listSurveys(await context.db(), args.first, args.after));
  }

  @Authorized(READERS)
  @Query(() => Survey, { nullable: true, description: 'One survey, if it exists and is visible to you.' })
  async survey(@Args(() => SurveyArgs) { id }: SurveyArgs, @Ctx() context: Context): Promise<Survey | null> {
    const [survey] = await findSurveysByIds(await context.db(), [id]);
    return survey ?? null;
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Survey, { description: 'Creates a survey, or changes one.' })
  async saveSurvey(@Arg('input', () => SaveSurveyInput) input: SaveSurveyInput, @Ctx() context: Context): Promise<Survey> {
    return saveSurvey(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => SurveyVisit, { description: 'Adds a visit to a survey, or changes one.' })
  async saveSurveyVisit(@Arg('input', () => SaveSurveyVisitInput) input: SaveSurveyVisitInput, @Ctx() context: Context): Promise<SurveyVisit> {
    return saveSurveyVisit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Boolean, { description: 'Removes a visit from a survey.' })
  async removeSurveyVisit(@Args(() => RemoveSurveyVisitArgs) { id, version }: RemoveSurveyVisitArgs, @Ctx() context: Context): Promise<boolean> {
    return removeSurveyVisit(await context.db(), context.requestId, id, version);
  }

  @FieldResolver(() => Scheme, { nullable: true, description: 'The scheme the survey prepares.' })
  async scheme(@Root() survey: Survey, @Ctx() context: Context): Promise<Scheme | null> {
    return survey.schemeId ? context.loaders.schemeById.load(survey.schemeId) : null;
  }

  @FieldResolver(() => Tenant, { description: 'The province the survey was made in: the workspace itself, or a province since merged into it.' })
  async province(@Root() survey: Survey, @Ctx() context: Context): Promise<Tenant> {
    const province = await context.loaders.tenantById.load(survey.originTenantId);
    if (!province) throw new Error(`province ${survey.originTenantId} of a visible survey is not visible`);
    return province;
  }

  @FieldResolver(() => [SurveyVisit], { description: 'The visits, in the official order of the units.' })
  async visits(@Root() survey: Survey, @Ctx() context: Context): Promise<SurveyVisit[]> {
    return context.loaders.visitsBySurveyId.load(survey.id);
  }
}

@Resolver(() => SurveyVisit)
export class SurveyVisitResolver {
  @FieldResolver(() => AdminUnit, { description: 'The unit visited.' })
  async unit(@Root() visit: SurveyVisit, @Ctx() context: Context): Promise<AdminUnit> {
    const unit = await context.loaders.adminUnitById.load(visit.unitId);
    if (!unit) throw new Error(`unit ${visit.unitId} not found`);
    return unit;
  }
}
