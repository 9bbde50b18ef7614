import { IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar, VndScalar } from '../graphql/scalars.js';
import { IsVndEntry } from '../money/vnd-entry.js';
import { LoanPurpose, LoanStatus, MAX_TERM_MONTHS } from './loan.types.js';

@ArgsType()
export class LoansArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => [LoanStatus], { nullable: true, description: 'Only loans in these statuses.' })
  @IsOptional()
  statuses?: LoanStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only loans of this member.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only loans past due.' })
  overdueOnly: boolean = false;
}

@InputType({ description: 'A member asks the club for a loan.' })
export class RequestLoanInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId: string;

  @Field(() => VndScalar, { description: 'Amount asked for.' })
  @IsVndEntry()
  principal: bigint;

  @Field(() => Int, { description: `Term in months, 1 to ${MAX_TERM_MONTHS}.` })
  @Min(1, { message: 'must be at least 1 month' })
  @Max(MAX_TERM_MONTHS, { message: `must be at most ${MAX_TERM_MONTHS} months` })
  termMonths: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Interest per month in percent of the amount lent (may be "0"). Give this or flatFee.' })
  @IsOptional()
  monthlyRate?: string | null;

  @Field(() => VndScalar, { nullable: true, description: 'A flat fee for the whole loan instead of interest.' })
  @IsVndEntry()
  @IsOptional()
  flatFee?: bigint | null;

  @Field(() => LoanPurpose, { description: 'The livelihood it is for.' })
  purpose: LoanPurpose;

  @Field(() => String, { nullable: true, description: 'More about the purpose.' })
  @IsOptional()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  purposeNote?: string | null;

  @Field(() => LocalDateScalar, { description: 'Day it was asked for.' })
  requestedOn: string;
}

@InputType({ description: 'A board decision on a loan.' })
export class LoanDecisionInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => LocalDateScalar, { description: 'Day of the decision.' })
  decidedOn: string;

  @Field(() => String, { nullable: true, description: 'The board’s note or reason (required to reject or write off).' })
  @IsOptional()
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  reason?: string | null;
}

@InputType({ description: 'Pays an approved loan out of the income-generation fund.' })
export class DisburseLoanInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  loanId: string;

  @Field(() => LocalDateScalar, { description: 'Day it is paid out.' })
  disbursedOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the first instalment is due; a month after payment if not given.' })
  @IsOptional()
  firstDueOn?: string | null;

  @Field(() => String, { description: 'A key the client makes once per payment; a retry with it pays nothing new.' })
  idempotencyKey: string;
}

@InputType({ description: 'A repayment of a loan.' })
export class RecordRepaymentInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  loanId: string;

  @Field(() => LocalDateScalar, { description: 'Day paid.' })
  paidOn: string;

  @Field(() => VndScalar, { description: 'Principal repaid (0 or more).' })
  @IsVndEntry()
  principal: bigint;

  @Field(() => VndScalar, { defaultValue: 0n, description: 'Interest or fee paid (0 or more).' })
  @IsVndEntry()
  interest: bigint;

  @Field(() => String, { description: 'A key the client makes once per repayment; a retry with it records nothing new.' })
  idempotencyKey: string;
}

@InputType({ description: 'Reverses a repayment recorded by mistake.' })
export class ReverseRepaymentInput {
  @Field(() => ID, { description: 'The repayment.' })
  @IsUUID('all', { message: 'is not a repayment identifier' })
  id: string;

  @Field(() => String, { description: 'Why.' })
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  reason: string;

  @Field(() => String, { description: 'A key the client makes once per reversal.' })
  idempotencyKey: string;
}

@InputType({ description: 'A new schedule for what remains of a loan, by a board decision.' })
export class RescheduleLoanInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  version: number;

  @Field(() => Int, { description: `Months over which the rest is repaid, 1 to ${MAX_TERM_MONTHS}.` })
  @Min(1, { message: 'must be at least 1 month' })
  @Max(MAX_TERM_MONTHS, { message: `must be at most ${MAX_TERM_MONTHS} months` })
  termMonths: number;

  @Field(() => LocalDateScalar, { description: 'Day the first new instalment is due.' })
  firstDueOn: string;

  @Field(() => String, { description: 'The board’s reason.' })
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  reason: string;
}
