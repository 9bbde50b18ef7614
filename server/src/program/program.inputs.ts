import { ArrayMaxSize, IsOptional, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { IndicatorUnit, TargetComparator } from './program.types.js';

@InputType({ description: 'A national target as the decision states it.' })
export class NationalPhaseTargetInput {
  @Field(() => ID, { nullable: true, description: 'The indicator measuring it; none for a target stated only in words.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not an indicator identifier' })
  indicatorId?: string | null;

  @Field(() => TargetComparator, { defaultValue: TargetComparator.AT_LEAST, description: 'How the target is stated.' })
  comparator: TargetComparator;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value; given exactly when an indicator is.' })
  @IsOptional()
  targetValue?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year by which the target is due, within the phase.' })
  @IsOptional()
  byYear?: number | null;

  @Field(() => String, { description: 'The target in Vietnamese, as the decision words it.' })
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  descriptionVi: string;

  @Field(() => String, { description: 'The target in English.' })
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  descriptionEn: string;
}

@InputType({ description: 'A phase of the national program, with all its targets.' })
export class NationalPhaseInput {
  @Field(() => String, { description: 'Number of the decision, e.g. 1648/QĐ-TTg.' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  decisionNumber: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the decision was signed, where known.' })
  @IsOptional()
  decisionDate?: string | null;

  @Field(() => Int, { description: 'Year the decision was signed.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  decisionYear: number;

  @Field(() => String, { description: 'Title of the national scheme.' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  title: string;

  @Field(() => Int, { description: 'First year of the phase.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  firstYear: number;

  @Field(() => Int, { description: 'Last year of the phase.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  lastYear: number;

  @Field(() => [NationalPhaseTargetInput], { defaultValue: [], description: 'The national targets, in the decision’s order; any target left out is removed.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50, { message: 'must have at most 50 targets' })
  targets: NationalPhaseTargetInput[];
}

@InputType({ description: 'New values of a national phase and its targets.' })
export class UpdateNationalPhaseInput extends NationalPhaseInput {
  @Field(() => ID, { description: 'The phase.' })
  @IsUUID('all', { message: 'is not a national phase identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'An indicator of the shared catalogue.' })
export class IndicatorInput {
  @Field(() => String, { description: 'Stable code: capital letters, digits and _, e.g. NEW_CLUBS.' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  code: string;

  @Field(() => String, { description: 'Name in Vietnamese.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  nameVi: string;

  @Field(() => String, { description: 'Name in English.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  nameEn: string;

  @Field(() => IndicatorUnit, { description: 'What the indicator counts.' })
  unit: IndicatorUnit;

  @Field(() => Boolean, { description: 'Whether values add up over units (never for a percentage).' })
  additive: boolean;

  @Field(() => String, { description: 'Definition in Vietnamese.' })
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  definitionVi: string;

  @Field(() => String, { description: 'Definition in English.' })
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  definitionEn: string;

  @Field(() => Int, { nullable: true, description: 'Place in the catalogue; a new indicator goes last when omitted.' })
  @IsOptional()
  @Min(0, { message: 'must not be negative' })
  @Max(32000, { message: 'must be at most 32,000' })
  sortOrder?: number | null;
}

@InputType({ description: 'New values of an indicator of the catalogue.' })
export class UpdateIndicatorInput extends IndicatorInput {
  @Field(() => ID, { description: 'The indicator.' })
  @IsUUID('all', { message: 'is not an indicator identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}
