import { ArrayMaxSize, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { BoardRole, MemberStanding, Sex } from './member.types.js';

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of a name (accents and case ignored), a phone or a citizen ID.' })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  search?: string | null;

  @Field(() => MemberStanding, { defaultValue: MemberStanding.CURRENT, description: 'Current members, those who left, or both.' })
  standing: MemberStanding = MemberStanding.CURRENT;

  @Field(() => Sex, { nullable: true, description: 'Only this sex.' })
  @IsOptional()
  sex?: Sex | null;

  @Field(() => Boolean, { nullable: true, description: 'Only older (60 and over) members, or only younger ones.' })
  @IsOptional()
  older?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only members from poor or near-poor households.' })
  @IsOptional()
  poorOrNearPoor?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only home-care volunteers.' })
  @IsOptional()
  homeCareVolunteer?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only members who need home care.' })
  @IsOptional()
  needsHomeCare?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only possible duplicates still to be checked.' })
  @IsOptional()
  possibleDuplicate?: boolean | null;
}

@ArgsType()
export class DuplicateCheckArgs {
  @Field(() => String, { nullable: true, description: 'Full name as typed; matched together with the year of birth.' })
  @IsOptional()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  fullName?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth; matched together with the full name.' })
  @IsOptional()
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Citizen ID, if known.' })
  @IsOptional()
  citizenId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member being edited, who does not match themself.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a member identifier' })
  exceptMemberId?: string | null;
}

@InputType({ description: 'What is recorded about a member.' })
export class MemberFieldsInput {
  @Field(() => String, { description: 'Full name.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  fullName: string;

  @Field(() => Sex, { description: 'Sex.' })
  sex: Sex;

  @Field(() => Int, { description: 'Year of birth.' })
  @Min(1900, { message: 'must be 1900 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  birthYear: number;

  @Field(() => String, { nullable: true, description: 'Citizen ID number (CCCD), 12 digits.' })
  @IsOptional()
  @Matches(/^\s*[0-9]{12}\s*$/, { message: 'must be 12 digits' })
  citizenId?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  @IsOptional()
  @Matches(/^\s*[0-9+][0-9 .-]{7,19}\s*$/, { message: 'is not a phone number' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The hamlet the member lives in.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a hamlet identifier' })
  hamletId?: string | null;

  @Field(() => LocalDateScalar, { description: 'Day the member joined.' })
  joinedOn: string;

  @Field(() => Boolean, { defaultValue: false, description: 'From a poor household.' })
  poorHousehold: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'From a near-poor household.' })
  nearPoorHousehold: boolean;

  @Field(() => String, { nullable: true, description: 'The ethnic minority, if any (e.g. Khmer, Tày, Nùng).' })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  ethnicMinority?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Lives with a disability.' })
  disability: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Lives alone.' })
  livesAlone: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Needs home care.' })
  needsHomeCare: boolean;

  @Field(() => BoardRole, { nullable: true, description: 'Seat on the management board.' })
  @IsOptional()
  boardRole?: BoardRole | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Serves as a home-care volunteer.' })
  homeCareVolunteer: boolean;

  @Field(() => [ID], {
    nullable: true,
    description:
      'People shown as possible duplicates whom the staff checked and found to be someone else. When they are all the matches, the member is saved as confirmed distinct rather than flagged.',
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'is not a member identifier' })
  @ArrayMaxSize(20, { message: 'must list at most 20 members' })
  distinctFrom?: string[] | null;
}

@InputType({ description: 'A new member of a club.' })
export class CreateMemberInput extends MemberFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A key the client makes once per new member; a retry with it returns the member already added and adds no other.',
  })
  @IsOptional()
  idempotencyKey?: string | null;
}

@InputType({ description: 'New values for a member.' })
export class UpdateMemberInput extends MemberFieldsInput {
  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'A member leaving the club.' })
export class MemberLeftInput {
  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  version: number;

  @Field(() => LocalDateScalar, { description: 'Day they left.' })
  leftOn: string;

  @Field(() => String, { description: 'Why, e.g. moved away, passed away, no longer wishes to take part.' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason: string;
}

@InputType({ description: 'A member and the version you read.' })
export class MemberVersionInput {
  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'A member entered by mistake, to take out within a day of being added.' })
export class RemoveMemberInput {
  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'What the mistake was, kept in the audit.' })
  @IsOptional()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason?: string | null;
}

@InputType({ description: 'A member flagged as a possible duplicate (or added within the day) who is someone already on record.' })
export class MergeMemberInput {
  @Field(() => ID, { description: 'The member entered twice, to take out.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => ID, { description: 'The person already on record, one of the member’s possible duplicates.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  intoMemberId: string;
}
