import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar, VndScalar } from '../graphql/scalars.js';
import { IsVndEntry } from '../money/vnd-entry.js';
import { Fund, LedgerKind } from './ledger.types.js';

@ArgsType()
export class LedgerArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => Fund, { description: 'The fund.' })
  fund: Fund;
}

@InputType({ description: 'Money received into or spent from a fund: seed capital, a contribution, an expense.' })
export class RecordFundEntryInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => Fund, { description: 'The fund.' })
  fund: Fund;

  @Field(() => LedgerKind, { description: 'SEED_CAPITAL, CONTRIBUTION or EXPENSE.' })
  kind: LedgerKind;

  @Field(() => LocalDateScalar, { description: 'Day of the movement.' })
  entryOn: string;

  @Field(() => VndScalar, { description: 'Amount, more than 0; an expense is taken out of the fund.' })
  @IsVndEntry()
  amount: bigint;

  @Field(() => ID, { nullable: true, description: 'The member who contributed.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a member identifier' })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: 'What it was for, or where it came from.' })
  @IsOptional()
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  description?: string | null;

  @Field(() => String, { description: 'A key the client makes once per entry; a retry with it records nothing new.' })
  idempotencyKey: string;
}

@InputType({ description: 'Reverses a ledger entry made by mistake.' })
export class ReverseLedgerEntryInput {
  @Field(() => ID, { description: 'The entry to reverse.' })
  @IsUUID('all', { message: 'is not a ledger entry identifier' })
  id: string;

  @Field(() => String, { description: 'Why it is reversed.' })
  @MaxLength(1000, { message: 'must be at most 1,000 characters' })
  reason: string;

  @Field(() => String, { description: 'A key the client makes once per reversal.' })
  idempotencyKey: string;
}
