import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar, VndScalar } from '../graphql/scalars.js';

export enum Fund {
  INCOME_GENERATION = 'INCOME_GENERATION',
  ACTIVITY = 'ACTIVITY',
}
registerEnumType(Fund, {
  name: 'Fund',
  description: 'The two funds every club manages itself.',
  valuesConfig: {
    INCOME_GENERATION: { description: 'Quỹ tăng thu nhập: the seed capital, lent to members and repaid.' },
    ACTIVITY: { description: 'Quỹ hoạt động: member contributions, spent on activities.' },
  },
});

export enum LedgerKind {
  SEED_CAPITAL = 'SEED_CAPITAL',
  CONTRIBUTION = 'CONTRIBUTION',
  LOAN_DISBURSED = 'LOAN_DISBURSED',
  PRINCIPAL_REPAID = 'PRINCIPAL_REPAID',
  INTEREST = 'INTEREST',
  EXPENSE = 'EXPENSE',
  CORRECTION = 'CORRECTION',
  OPENING_BALANCE = 'OPENING_BALANCE',
}
registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: 'What moved money in or out of a fund.',
  valuesConfig: {
    SEED_CAPITAL: { description: 'Seed capital received (vốn ban đầu).' },
    CONTRIBUTION: { description: 'A member’s contribution.' },
    LOAN_DISBURSED: { description: 'A loan paid out to a member.' },
    PRINCIPAL_REPAID: { description: 'Principal repaid by a member.' },
    INTEREST: { description: 'Interest or fee paid on a loan.' },
    EXPENSE: { description: 'Money spent.' },
    CORRECTION: { description: 'Reverses an entry made by mistake.' },
    OPENING_BALANCE: { description: 'What the fund held on the day the club started keeping it here (số dư đầu kỳ), before any other movement.' },
  },
});

/** Kinds staff record directly; loan movements come from the loan operations. */
export const DIRECT_KINDS = [LedgerKind.SEED_CAPITAL, LedgerKind.CONTRIBUTION, LedgerKind.EXPENSE] as const;

@ObjectType({ description: 'One movement of a club fund. Entries are never edited or deleted; a mistake is reversed.' })
export class LedgerEntry {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  @Field(() => Fund, { description: 'The fund.' })
  fund: Fund;

  @Field(() => LedgerKind, { description: 'What moved the money.' })
  kind: LedgerKind;

  @Field(() => LocalDateScalar, { description: 'Day of the movement.' })
  entryOn: string;

  @Field(() => VndScalar, { description: 'Amount: positive into the fund, negative out of it.' })
  amount: bigint;

  memberId: string | null;

  @Field(() => ID, { nullable: true, description: 'The loan the movement belongs to.' })
  loanId: string | null;

  @Field(() => String, { nullable: true, description: 'What it was for.' })
  description: string | null;

  @Field(() => ID, { nullable: true, description: 'The entry this one reverses.' })
  reversesId: string | null;

  @Field(() => ID, { nullable: true, description: 'The entry that reversed this one.' })
  reversedById: string | null;

  @Field(() => VndScalar, { nullable: true, description: 'Balance of the fund after this entry, in ledger order (given in ledger lists).' })
  runningBalance: bigint | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded it.' })
  recordedByName: string | null;
}

@ObjectType({ description: 'What each fund of a club holds: the sum of its entries.' })
export class FundBalances {
  @Field(() => VndScalar, { description: 'Income-generation fund (Quỹ tăng thu nhập).' })
  incomeGeneration: bigint;

  @Field(() => VndScalar, { description: 'Activity fund (Quỹ hoạt động).' })
  activity: bigint;
}
