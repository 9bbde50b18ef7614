import { IsOptional, IsUUID, Max, MaxLength, Min, ValidateNested, ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar, VndScalar } from '../graphql/scalars.js';
import { IsVndEntry } from '../money/vnd-entry.js';
import { BudgetPurpose, BudgetSource, SchemeStatus } from './scheme.types.js';

@ArgsType()
export class SchemesArgs extends PageArgs {
  @Field(() => SchemeStatus, { nullable: true, description: 'Only schemes in this status.' })
  @IsOptional()
  status?: SchemeStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only this province (national office).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;
}

@InputType({ description: 'The header of a scheme.' })
export class SchemeFieldsInput {
  @Field(() => String, { description: 'Title.' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Aims and beneficiaries.' })
  @IsOptional()
  @MaxLength(10000, { message: 'must be at most 10,000 characters' })
  summary?: string | null;

  @Field(() => ID, { nullable: true, description: 'The national phase the scheme implements.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a national phase identifier' })
  nationalPhaseId?: string | null;

  @Field(() => Int, { description: 'First year of the period.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  firstYear: number;

  @Field(() => Int, { description: 'Last year of the period.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  lastYear: number;

  @Field(() => String, { nullable: true, description: 'Number of the approving decision.' })
  @IsOptional()
  @MaxLength(60, { message: 'must be at most 60 characters' })
  decisionNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the approving decision.' })
  @IsOptional()
  decisionDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Who approves it, e.g. Ủy ban nhân dân tỉnh.' })
  @IsOptional()
  @MaxLength(300, { message: 'must be at most 300 characters' })
  decisionBody?: string | null;

  @Field(() => String, { nullable: true, description: 'The agency managing the scheme.' })
  @IsOptional()
  @MaxLength(300, { message: 'must be at most 300 characters' })
  managingAgency?: string | null;
}

@InputType({ description: 'A new scheme of your province.' })
export class CreateSchemeInput extends SchemeFieldsInput {
  @Field(() => VndScalar, { defaultValue: 0n, description: 'The total budget the scheme states.' })
  @IsVndEntry()
  totalBudget: bigint;
}

@InputType({ description: 'New header values of a scheme.' })
export class UpdateSchemeInput extends SchemeFieldsInput {
  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Why, when the scheme is approved and its period changes.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  reason?: string | null;
}

@InputType({ description: 'The value of a target for one year.' })
export class TargetMilestoneInput {
  @Field(() => Int, { description: 'The year, within the scheme’s period.' })
  year: number;

  @Field(() => DecimalScalar, { description: 'Value by the end of that year.' })
  value: string;
}

@InputType({ description: 'The part of a target given to one unit.' })
export class TargetShareInput {
  @Field(() => ID, { description: 'The administrative unit.' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  unitId: string;

  @Field(() => DecimalScalar, { description: 'Its part.' })
  value: string;
}

@InputType({ description: 'A target of a scheme.' })
export class TargetInput {
  @Field(() => ID, { description: 'The indicator of the catalogue.' })
  @IsUUID('all', { message: 'is not an indicator identifier' })
  indicatorId: string;

  @Field(() => DecimalScalar, { description: 'Value to reach by the end of the scheme.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'How the scheme words it.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  note?: string | null;

  @Field(() => [TargetMilestoneInput], { defaultValue: [], description: 'Values per year.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100, { message: 'must have at most 100 years' })
  milestones: TargetMilestoneInput[];

  @Field(() => [TargetShareInput], { defaultValue: [], description: 'Breakdown by administrative unit.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(10000, { message: 'must have at most 10,000 units' })
  breakdown: TargetShareInput[];
}

/** What every change to an approved scheme's targets or budget carries: which, which version, why. */
@InputType('SchemeChangeInput', { description: 'A change to a scheme’s targets or budget.' })
abstract class SchemeChangeInput {
  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  schemeId: string;

  @Field(() => Int, { description: 'The version of the scheme you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Why: required when the scheme is approved (a recorded revision).' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  reason?: string | null;
}

@InputType({ description: 'All targets of a scheme, saved together.' })
export class SaveTargetsInput extends SchemeChangeInput {
  @Field(() => [TargetInput], { description: 'The targets; any target left out is removed.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100, { message: 'must have at most 100 targets' })
  targets: TargetInput[];
}

@InputType({ description: 'A budget line. State either `amount`, or `perClubAmount` and `plannedClubs`.' })
export class BudgetLineInput {
  @Field(() => ID, { nullable: true, description: 'The line, when it exists already.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a budget line identifier' })
  id?: string | null;

  @Field(() => BudgetSource, { description: 'Where the money comes from.' })
  source: BudgetSource;

  @Field(() => BudgetPurpose, { description: 'What it is for.' })
  purpose: BudgetPurpose;

  @Field(() => Int, { nullable: true, description: 'The year, or none for the whole period.' })
  @IsOptional()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'What the line covers.' })
  @IsOptional()
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  description?: string | null;

  @Field(() => VndScalar, { nullable: true, description: 'Amount; computed when the line is stated per club.' })
  @IsVndEntry()
  @IsOptional()
  amount?: bigint | null;

  @Field(() => VndScalar, { nullable: true, description: 'Amount per club.' })
  @IsVndEntry()
  @IsOptional()
  perClubAmount?: bigint | null;

  @Field(() => Int, { nullable: true, description: 'Number of clubs.' })
  @IsOptional()
  plannedClubs?: number | null;
}

@InputType({ description: 'A scheme’s whole budget — stated total and lines — saved together.' })
export class SaveBudgetInput extends SchemeChangeInput {
  @Field(() => VndScalar, { description: 'The total the scheme states.' })
  @IsVndEntry()
  totalBudget: bigint;

  @Field(() => [BudgetLineInput], { description: 'The lines; a line left out is removed (only if nothing was paid from it).' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(500, { message: 'must have at most 500 lines' })
  lines: BudgetLineInput[];
}

@InputType({ description: 'Approval of a scheme by its decision.' })
export class ApproveSchemeInput {
  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Number of the approving decision.' })
  @IsOptional()
  @MaxLength(60, { message: 'must be at most 60 characters' })
  decisionNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the decision.' })
  @IsOptional()
  decisionDate?: string | null;

  @Field(() => String, { description: 'Who approved it, e.g. Ủy ban nhân dân tỉnh.' })
  @MaxLength(300, { message: 'must be at most 300 characters' })
  decisionBody: string;
}

@ArgsType()
export class SchemeVersionArgs {
  @Field(() => ID, { description: 'The scheme.' })
  @IsUUID('all', { message: 'is not a scheme identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'A payment out of a budget line.' })
export class RecordDisbursementInput {
  @Field(() => ID, { description: 'The budget line paid from.' })
  @IsUUID('all', { message: 'is not a budget line identifier' })
  budgetLineId: string;

  @Field(() => LocalDateScalar, { description: 'Day of payment.' })
  paidOn: string;

  @Field(() => VndScalar, { description: 'Amount, more than 0 and no more than what remains on the line.' })
  @IsVndEntry()
  amount: bigint;

  @Field(() => String, { description: 'What was paid for.' })
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  description: string;

  @Field(() => ID, { nullable: true, description: 'The receiving administrative unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  recipientUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The receiving club.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  recipientClubId?: string | null;

  @Field(() => String, { description: 'A key the client makes once per payment; a retry with the same key records nothing new.' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  idempotencyKey: string;
}

@InputType({ description: 'The reversal of a payment recorded by mistake.' })
export class ReverseDisbursementInput {
  @Field(() => ID, { description: 'The payment to reverse.' })
  @IsUUID('all', { message: 'is not a payment identifier' })
  id: string;

  @Field(() => String, { description: 'Why it is reversed.' })
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  reason: string;

  @Field(() => String, { description: 'A key the client makes once; a retry with the same key records nothing new.' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  idempotencyKey: string;
}

@ArgsType()
export class HistoryArgs extends PageArgs {}
