import { ArrayMaxSize, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Activity, ActivityArea } from '../activities/activity.types.js';
import { Fund, LedgerEntry } from '../funds/ledger.types.js';
import { LocalDateScalar, VndScalar } from '../graphql/scalars.js';
import { IsVndEntry } from '../money/vnd-entry.js';
import { Loan, Repayment } from '../loans/loan.types.js';
import { Member } from '../members/member.types.js';

@ObjectType({ description: 'What the treasurer needs at the monthly meeting: the members and their loans.' })
export class MeetingSheet {
  @Field(() => LocalDateScalar, { description: 'Day of the meeting.' })
  heldOn: string;

  @Field(() => [Member], { description: 'Members of the club on that day, by name.' })
  members: Member[];

  @Field(() => [Loan], { description: 'Loans being repaid, and loans approved and waiting to be paid out.' })
  loans: Loan[];

  @Field(() => Activity, { nullable: true, description: 'The monthly meeting already recorded for that month, if any.' })
  recordedMeeting: Activity | null;
}

@InputType({ description: 'A repayment made at the meeting.' })
export class SheetRepaymentInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  loanId: string;

  @Field(() => VndScalar, { description: 'Principal repaid.' })
  @IsVndEntry()
  principal: bigint;

  @Field(() => VndScalar, { defaultValue: 0n, description: 'Interest or fee paid.' })
  @IsVndEntry()
  interest: bigint;
}

@InputType({ description: 'A contribution made at the meeting.' })
export class SheetContributionInput {
  @Field(() => ID, { description: 'The member who contributed.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId: string;

  @Field(() => VndScalar, { description: 'Amount.' })
  @IsVndEntry()
  amount: bigint;

  @Field(() => Fund, { defaultValue: Fund.ACTIVITY, description: 'The fund it goes to; the activity fund unless said.' })
  fund: Fund;
}

@InputType({ description: 'An approved loan paid out at the meeting.' })
export class SheetDisbursementInput {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  loanId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the first instalment is due; a month after the meeting if not given.' })
  @IsOptional()
  firstDueOn?: string | null;
}

@InputType({ description: 'Everything recorded at one monthly meeting, saved all at once or not at all.' })
export class SubmitMeetingSheetInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => LocalDateScalar, { description: 'Day of the meeting.' })
  heldOn: string;

  @Field(() => ActivityArea, { defaultValue: ActivityArea.SELF_HELP, description: 'The area the meeting served most; self-help unless said.' })
  area: ActivityArea;

  @Field(() => String, { nullable: true, description: 'Title; "Sinh hoạt định kỳ tháng M/YYYY" if not given.' })
  @IsOptional()
  @MaxLength(300, { message: 'must be at most 300 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes of the meeting.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  notes?: string | null;

  @Field(() => [ID], { description: 'Members present.' })
  @ArrayMaxSize(500, { message: 'at most 500 members' })
  @IsUUID('all', { each: true, message: 'is not a member identifier' })
  attendeeIds: string[];

  @Field(() => [SheetRepaymentInput], { defaultValue: [], description: 'Repayments.' })
  @ArrayMaxSize(500, { message: 'at most 500 repayments' })
  @ValidateNested({ each: true })
  repayments: SheetRepaymentInput[];

  @Field(() => [SheetContributionInput], { defaultValue: [], description: 'Contributions.' })
  @ArrayMaxSize(500, { message: 'at most 500 contributions' })
  @ValidateNested({ each: true })
  contributions: SheetContributionInput[];

  @Field(() => [SheetDisbursementInput], { defaultValue: [], description: 'Approved loans paid out.' })
  @ArrayMaxSize(100, { message: 'at most 100 loans' })
  @ValidateNested({ each: true })
  disbursements: SheetDisbursementInput[];

  @Field(() => String, { description: 'A key the client makes once per sheet; a retry with it records nothing new.' })
  idempotencyKey: string;
}

@ObjectType({ description: 'What a meeting sheet recorded.' })
export class MeetingSheetResult {
  @Field(() => Activity, { description: 'The meeting, with its attendance.' })
  activity: Activity;

  @Field(() => [Repayment], { description: 'Repayments recorded.' })
  repayments: Repayment[];

  @Field(() => [LedgerEntry], { description: 'Contributions recorded.' })
  contributions: LedgerEntry[];

  @Field(() => [Loan], { description: 'Loans paid out.' })
  disbursedLoans: Loan[];
}
