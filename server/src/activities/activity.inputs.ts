import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { ActivityArea, HomeCareKind } from './activity.types.js';

@ArgsType()
export class ActivitiesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => ActivityArea, { nullable: true, description: 'Only this area.' })
  @IsOptional()
  area?: ActivityArea | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'From this day.' })
  @IsOptional()
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Up to this day.' })
  @IsOptional()
  to?: string | null;
}

@InputType({ description: 'What is recorded about an activity.' })
export class ActivityFieldsInput {
  @Field(() => LocalDateScalar, { description: 'Day it was held.' })
  heldOn: string;

  @Field(() => ActivityArea, { description: 'The area of activity.' })
  area: ActivityArea;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether this is the monthly meeting.' })
  monthlyMeeting: boolean;

  @Field(() => String, { description: 'Title.' })
  @MaxLength(300, { message: 'must be at most 300 characters' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  notes?: string | null;
}

@InputType({ description: 'A new activity, with who came.' })
export class CreateActivityInput extends ActivityFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Members who came.' })
  @ArrayMaxSize(500, { message: 'at most 500 members' })
  @IsUUID('all', { each: true, message: 'is not a member identifier' })
  attendeeIds: string[];

  @Field(() => String, { description: 'A key the client makes once per activity; a retry with it records nothing new.' })
  idempotencyKey: string;
}

@InputType({ description: 'New values for an activity.' })
export class UpdateActivityInput extends ActivityFieldsInput {
  @Field(() => ID, { description: 'The activity.' })
  @IsUUID('all', { message: 'is not an activity identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'Who came to an activity: the whole list, replacing the one before.' })
export class SetAttendanceInput {
  @Field(() => ID, { description: 'The activity.' })
  @IsUUID('all', { message: 'is not an activity identifier' })
  activityId: string;

  @Field(() => [ID], { description: 'Members who came.' })
  @ArrayMaxSize(500, { message: 'at most 500 members' })
  @IsUUID('all', { each: true, message: 'is not a member identifier' })
  memberIds: string[];

  @Field(() => String, { description: 'A key the client makes once per save.' })
  idempotencyKey: string;
}

@ArgsType()
export class HomeCareVisitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only visits to this member.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only visits made by this volunteer.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a member identifier' })
  volunteerId?: string | null;
}

@InputType({ description: 'A home-care visit.' })
export class RecordHomeCareVisitInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => ID, { description: 'The volunteer who visited.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  volunteerId: string;

  @Field(() => ID, { description: 'The member visited.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId: string;

  @Field(() => LocalDateScalar, { description: 'Day of the visit.' })
  visitedOn: string;

  @Field(() => [HomeCareKind], { description: 'Kinds of help given.' })
  @ArrayMinSize(1, { message: 'choose at least one kind of help' })
  @ArrayMaxSize(5, { message: 'at most 5 kinds' })
  kinds: HomeCareKind[];

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  notes?: string | null;

  @Field(() => String, { description: 'A key the client makes once per visit.' })
  idempotencyKey: string;
}
