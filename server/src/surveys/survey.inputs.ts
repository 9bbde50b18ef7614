import { IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';

@ArgsType()
export class SurveysArgs extends PageArgs {}

@InputType({ description: 'A survey. Without `id` it is created; with `id` and `version` it is changed.' })
export class SaveSurveyInput {
  @Field(() => ID, { nullable: true, description: 'The survey, when it exists.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a survey identifier' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read, when changing it.' })
  @IsOptional()
  version?: number | null;

  @Field(() => ID, { nullable: true, description: 'The scheme the survey prepares.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a scheme identifier' })
  schemeId?: string | null;

  @Field(() => String, { description: 'Title.' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Purpose.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries it out.' })
  @IsOptional()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  conductedBy?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day.' })
  startedOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day.' })
  @IsOptional()
  endedOn?: string | null;
}

@InputType({ description: 'A visit of a survey. Without `id` it is added; with `id` and `version` it is changed.' })
export class SaveSurveyVisitInput {
  @Field(() => ID, { nullable: true, description: 'The visit, when it exists.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a visit identifier' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read, when changing it.' })
  @IsOptional()
  version?: number | null;

  @Field(() => ID, { description: 'The survey.' })
  @IsUUID('all', { message: 'is not a survey identifier' })
  surveyId: string;

  @Field(() => ID, { description: 'The unit visited.' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  unitId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the visit.' })
  @IsOptional()
  visitedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Who took part.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  participants?: string | null;

  @Field(() => Int, { nullable: true, description: 'Clubs found.' })
  @IsOptional()
  @Min(0, { message: 'must not be negative' })
  @Max(10000, { message: 'must be at most 10,000' })
  clubsFound?: number | null;

  @Field(() => String, { nullable: true, description: 'How the clubs work.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  clubActivity?: string | null;

  @Field(() => String, { nullable: true, description: 'Difficulties.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  difficulties?: string | null;

  @Field(() => String, { nullable: true, description: 'Proposals.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  proposals?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the unit is ready for a new club.' })
  @IsOptional()
  readyForClub?: boolean | null;
}
