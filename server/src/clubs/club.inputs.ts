import { IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { ClubStatus } from './club.entity.js';

@ArgsType()
export class ClubsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only clubs in this unit (a district or commune, with everything under it).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  unitId?: string | null;

  @Field(() => [ClubStatus], { nullable: true, description: 'Only clubs in these statuses.' })
  @IsOptional()
  statuses?: ClubStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Part of the club’s name (accents and case ignored).' })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this province (national office).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;
}

@InputType({ description: 'What the province records about a club.' })
export class ClubFieldsInput {
  @Field(() => String, { description: 'Name of the club.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'The hamlet or quarter where it meets.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a hamlet identifier' })
  hamletId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it was founded.' })
  @IsOptional()
  foundedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'The scheme it was founded under.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a scheme identifier' })
  schemeId?: string | null;

  @Field(() => Int, { defaultValue: 1, description: 'Loans a member may have at once, 1 to 5.' })
  @Min(1, { message: 'must be at least 1' })
  @Max(5, { message: 'must be at most 5' })
  maxActiveLoansPerMember: number;
}

@InputType({ description: 'A new club.' })
export class CreateClubInput extends ClubFieldsInput {
  @Field(() => ID, { description: 'The commune, ward or town.' })
  @IsUUID('all', { message: 'is not a commune identifier' })
  communeId: string;

  @Field(() => ID, { nullable: true, description: 'The club plan entry this club fulfils.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club plan entry identifier' })
  clubPlanEntryId?: string | null;
}

@InputType({ description: 'New values for a club.' })
export class UpdateClubInput extends ClubFieldsInput {
  @Field(() => ID, { description: 'The club.' })
  @IsUUID('all', { message: 'is not a club identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'A change of a club’s status.' })
export class ChangeClubStatusInput {
  @Field(() => ID, { description: 'The club.' })
  @IsUUID('all', { message: 'is not a club identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  version: number;

  @Field(() => ClubStatus, { description: 'The new status.' })
  status: ClubStatus;

  @Field(() => LocalDateScalar, { description: 'Day it takes effect.' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Why (required to suspend or dissolve).' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  reason?: string | null;
}
