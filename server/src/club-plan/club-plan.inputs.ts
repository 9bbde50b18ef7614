import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ClubPlanStatus } from './club-plan.types.js';

@InputType({ description: 'A commune of the club plan. Without `id` it is added; with `id` and `version` it is changed.' })
export class SaveClubPlanEntryInput {
  @Field(() => ID, { nullable: true, description: 'The entry, when it exists.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a plan entry identifier' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read, when changing an entry.' })
  @IsOptional()
  version?: number | null;

  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  schemeId: string;

  @Field(() => ID, { description: 'The commune (xã, phường or thị trấn).' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  communeId: string;

  @Field(() => ID, { nullable: true, description: 'The hamlet, if it is in the hierarchy.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  hamletId?: string | null;

  @Field(() => String, { nullable: true, description: 'The hamlet by name, when it is not in the hierarchy.' })
  @IsOptional()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  hamletName?: string | null;

  @Field(() => Int, { description: 'Year the club is to be founded, within the scheme’s period.' })
  plannedYear: number;

  @Field(() => ClubPlanStatus, { defaultValue: ClubPlanStatus.PLANNED, description: 'Where it stands.' })
  status: ClubPlanStatus;

  @Field(() => ID, { nullable: true, description: 'The founded club.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The survey visit whose findings led to this entry.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a survey visit identifier' })
  surveyVisitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  note?: string | null;
}

@ArgsType()
export class RemoveClubPlanEntryArgs {
  @Field(() => ID, { description: 'The entry.' })
  @IsUUID('all', { message: 'is not a plan entry identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}
