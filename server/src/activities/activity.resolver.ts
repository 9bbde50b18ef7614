import { IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { Member } from '../members/member.types.js';
import { ActivitiesArgs, CreateActivityInput, HomeCareVisitsArgs, RecordHomeCareVisitInput, SetAttendanceInput, UpdateActivityInput } from './activity.inputs.js';
import {
  createActivity,
  findActivitiesByIds,
  listActivities,
  listHomeCareVisits,
  recordHomeCareVisit,
  setAttendance,
  updateActivity,
} from './activity.service.js';
import { Activity, HomeCareVisit } from './activity.types.js';

export const ActivityConnection = connectionOf(Activity, 'Activity', 'activity');
export const HomeCareVisitConnection = connectionOf(HomeCareVisit, 'HomeCareVisit', 'home-care visit');

@ArgsType()
class ActivityArgs {
  @Field(() => ID, { description: 'The activity.' })
  @IsUUID('all', { message: 'is not an activity identifier' })
  id: string;
}

async function membersByIds(context: Context, ids: readonly string[]): Promise<Member[]> {
  const members = await context.loaders.memberById.loadMany(ids);
  return members
    .filter((member): member is Member => member instanceof Member)
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => ActivityConnection, { description: 'A club’s activities, newest first.', complexity: connectionComplexity })
  async activities(@Args(() => ActivitiesArgs) args: ActivitiesArgs, @Ctx() context: Context) {
    return ActivityConnection.from(await listActivities(await context.db(), clubOf(context, args.clubId), args));
  }

  @Authorized(CLUB_ROLES)
  @Query(() => Activity, { nullable: true, description: 'One activity, if visible to you.' })
  async activity(@Args(() => ActivityArgs) { id }: ActivityArgs, @Ctx() context: Context): Promise<Activity | null> {
    return (await findActivitiesByIds(await context.db(), [id]))[0] ?? null;
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Activity, { description: 'Records an activity and who came; a retry with the same key records nothing new.' })
  async createActivity(@Arg('input', () => CreateActivityInput) input: CreateActivityInput, @Ctx() context: Context): Promise<Activity> {
    return createActivity(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Activity, { description: 'Changes an activity’s day, area, title or notes.' })
  async updateActivity(@Arg('input', () => UpdateActivityInput) input: UpdateActivityInput, @Ctx() context: Context): Promise<Activity> {
    return updateActivity(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Activity, { description: 'Saves who came to an activity (the whole list); a retry with the same key changes nothing more.' })
  async setAttendance(@Arg('input', () => SetAttendanceInput) input: SetAttendanceInput, @Ctx() context: Context): Promise<Activity> {
    return setAttendance(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => [Member], { description: 'Members who came, by name.' })
  async attendees(@Root() activity: Activity, @Ctx() context: Context): Promise<Member[]> {
    return membersByIds(context, await context.loaders.attendeeIdsByActivity.load(activity.id));
  }
}

@Resolver(() => HomeCareVisit)
export class HomeCareVisitResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => HomeCareVisitConnection, { description: 'A club’s home-care visits, newest first.', complexity: connectionComplexity })
  async homeCareVisits(@Args(() => HomeCareVisitsArgs) args: HomeCareVisitsArgs, @Ctx() context: Context) {
    return HomeCareVisitConnection.from(await listHomeCareVisits(await context.db(), clubOf(context, args.clubId), args));
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => HomeCareVisit, { description: 'Records a home-care visit; a retry with the same key records nothing new.' })
  async recordHomeCareVisit(@Arg('input', () => RecordHomeCareVisitInput) input: RecordHomeCareVisitInput, @Ctx() context: Context): Promise<HomeCareVisit> {
    return recordHomeCareVisit(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @FieldResolver(() => Member, { description: 'The volunteer who visited.' })
  async volunteer(@Root() visit: HomeCareVisit, @Ctx() context: Context): Promise<Member> {
    return (await context.loaders.memberById.load(visit.volunteerId))!;
  }

  @FieldResolver(() => Member, { description: 'The member visited.' })
  async member(@Root() visit: HomeCareVisit, @Ctx() context: Context): Promise<Member> {
    return (await context.loaders.memberById.load(visit.memberId))!;
  }
}
