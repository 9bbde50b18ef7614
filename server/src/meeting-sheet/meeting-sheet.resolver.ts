import { IsOptional, IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { meetingSheetOf, submitMeetingSheet } from './meeting-sheet.service.js';
import { MeetingSheet, MeetingSheetResult, SubmitMeetingSheetInput } from './meeting-sheet.types.js';

@ArgsType()
class MeetingSheetArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => LocalDateScalar, { description: 'Day of the meeting.' })
  heldOn: string;
}

@Resolver(() => MeetingSheet)
export class MeetingSheetResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => MeetingSheet, { description: 'Everything the treasurer needs to fill in the monthly meeting’s sheet.' })
  async meetingSheet(@Args(() => MeetingSheetArgs) args: MeetingSheetArgs, @Ctx() context: Context): Promise<MeetingSheet> {
    return meetingSheetOf(await context.db(), clubOf(context, args.clubId), args.heldOn);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => MeetingSheetResult, {
    description:
      'Saves a monthly meeting at once: attendance, repayments, contributions and payouts. All of it or none of it; a retry with the same key records nothing new.',
  })
  async submitMeetingSheet(@Arg('input', () => SubmitMeetingSheetInput) input: SubmitMeetingSheetInput, @Ctx() context: Context): Promise<MeetingSheetResult> {
    return submitMeetingSheet(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }
}
