import { ArrayMaxSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars.js';

export enum PredecessorAdmins {
  MOVE = 'MOVE',
  DISABLE = 'DISABLE',
}

registerEnumType(PredecessorAdmins, {
  name: 'PredecessorAdmins',
  description: 'What becomes of the province administrators of the provinces merged away.',
  valuesConfig: {
    MOVE: { description: 'They become administrators of the merged province.' },
    DISABLE: { description: 'Their accounts are disabled (kept, for the record).' },
  },
});

@InputType({ description: 'A new province workspace and its first administrator.' })
export class CreateTenantInput {
  @Field(() => String, { description: 'Two-digit GSO province code, e.g. "91".' })
  @MaxLength(2, { message: 'must be the two-digit GSO province code' })
  code: string;

  @Field(() => String, { description: 'Short name in lower case with hyphens, e.g. "kien-giang".' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  slug: string;

  @Field(() => String, { description: 'Name of the province, e.g. "Kiên Giang".' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => String, { description: 'Sign-in name of the first province admin.' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  adminLogin: string;

  @Field(() => String, { description: 'Name of the first province admin.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  adminDisplayName: string;

  @Field(() => String, { description: 'First password of the first province admin, at least 8 characters.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  adminPassword: string;
}

@ArgsType()
export class TenantArgs {
  @Field(() => ID, { description: 'The province workspace.' })
  @IsUUID('all', { message: 'is not a province identifier' })
  id: string;
}

@InputType({ description: 'A province workspace made by a merge.' })
export class NewSuccessorInput {
  @Field(() => String, { description: 'Two-digit GSO code: that of the province where the seat is (the new An Giang took Kiên Giang\'s 91).' })
  @MaxLength(2, { message: 'must be the two-digit GSO province code' })
  code: string;

  @Field(() => String, { description: 'Name of the merged province, e.g. "An Giang".' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => String, { description: 'Short name in lower case with hyphens, e.g. "an-giang"; may be a predecessor\'s.' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  slug: string;
}

@InputType({ description: 'Two or more province workspaces that become one from a day.' })
export class MergeProvincesInput {
  @Field(() => [ID], { description: 'The provinces merged away: they are retired the day before effectiveOn.' })
  @IsUUID('all', { each: true, message: 'is not a province identifier' })
  @ArrayMaxSize(10, { message: 'must name at most 10 provinces' })
  predecessorIds: string[];

  @Field(() => ID, { nullable: true, description: 'An existing province that takes the others in (as Thái Nguyên took Bắc Kạn); or give `successor`.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  successorId?: string | null;

  @Field(() => NewSuccessorInput, { nullable: true, description: 'A new province made for the merge (as the new An Giang); or give `successorId`.' })
  successor?: NewSuccessorInput | null;

  @Field(() => LocalDateScalar, { description: 'First day of the merged province.' })
  effectiveOn: string;

  @Field(() => String, { description: 'Why: e.g. the resolution that merged the provinces.' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  reason: string;

  @Field(() => PredecessorAdmins, { defaultValue: PredecessorAdmins.MOVE, description: 'What becomes of the predecessors\' province administrators.' })
  predecessorAdmins: PredecessorAdmins;
}
