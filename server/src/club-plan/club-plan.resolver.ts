import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Club } from '../clubs/club.entity.js';
import type { Context } from '../graphql/context.js';
import { SurveyVisit } from '../surveys/survey.types.js';
import { Role } from '../users/role.js';
import { RemoveClubPlanEntryArgs, SaveClubPlanEntryInput } from './club-plan.inputs.js';
import { removeClubPlanEntry, saveClubPlanEntry } from './club-plan.service.js';
import { ClubPlanEntry } from './club-plan.types.js';

@Resolver(() => ClubPlanEntry)
export class ClubPlanResolver {
  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => ClubPlanEntry, { description: 'Adds a commune to a scheme’s club plan, or changes its entry.' })
  async saveClubPlanEntry(@Arg('input', () => SaveClubPlanEntryInput) input: SaveClubPlanEntryInput, @Ctx() context: Context): Promise<ClubPlanEntry> {
    return saveClubPlanEntry(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Boolean, { description: 'Takes a commune out of the club plan, unless its club was founded.' })
  async removeClubPlanEntry(@Args(() => RemoveClubPlanEntryArgs) { id, version }: RemoveClubPlanEntryArgs, @Ctx() context: Context): Promise<boolean> {
    return removeClubPlanEntry(await context.db(), context.requestId, id, version);
  }

  @FieldResolver(() => AdminUnit, { description: 'The commune.' })
  async commune(@Root() entry: ClubPlanEntry, @Ctx() context: Context): Promise<AdminUnit> {
    const unit = await context.loaders.adminUnitById.load(entry.communeId);
    if (!unit) throw new Error(`commune ${entry.communeId} not found`);
    return unit;
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The hamlet, if it is in the hierarchy.' })
  async hamlet(@Root() entry: ClubPlanEntry, @Ctx() context: Context): Promise<AdminUnit | null> {
    return entry.hamletId ? context.loaders.adminUnitById.load(entry.hamletId) : null;
  }

  @FieldResolver(() => Club, { nullable: true, description: 'The club, once founded.' })
  async club(@Root() entry: ClubPlanEntry, @Ctx() context: Context): Promise<Club | null> {
    return entry.clubId ? context.loaders.clubById.load(entry.clubId) : null;
  }

  @FieldResolver(() => SurveyVisit, { nullable: true, description: 'The survey visit whose findings led to this entry.' })
  async surveyVisit(@Root() entry: ClubPlanEntry, @Ctx() context: Context): Promise<SurveyVisit | null> {
    return entry.surveyVisitId ? context.loaders.surveyVisitById.load(entry.surveyVisitId) : null;
  }
}
