import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { DateTimeScalar, LocalDateScalar, VndScalar } from '../graphql/scalars.js';

export enum LoanStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
  CLOSED = 'CLOSED',
  WRITTEN_OFF = 'WRITTEN_OFF',
}
registerEnumType(LoanStatus, {
  name: 'LoanStatus',
  description: 'Where a loan stands.',
  valuesConfig: {
    REQUESTED: { description: 'Asked for; waiting for the board.' },
    APPROVED: { description: 'Approved by the board; not yet paid out.' },
    REJECTED: { description: 'Refused by the board.' },
    DISBURSED: { description: 'Paid out and being repaid.' },
    CLOSED: { description: 'Repaid in full.' },
    WRITTEN_OFF: { description: 'Written off by a board decision.' },
  },
});

export enum LoanPurpose {
  CROPS = 'CROPS',
  LIVESTOCK = 'LIVESTOCK',
  AQUACULTURE = 'AQUACULTURE',
  SMALL_TRADE = 'SMALL_TRADE',
  HANDICRAFT = 'HANDICRAFT',
  SERVICES = 'SERVICES',
  OTHER = 'OTHER',
}
registerEnumType(LoanPurpose, {
  name: 'LoanPurpose',
  description: 'The livelihood a loan is for.',
  valuesConfig: {
    CROPS: { description: 'Crops and gardening.' },
    LIVESTOCK: { description: 'Livestock and poultry.' },
    AQUACULTURE: { description: 'Fish and shrimp farming.' },
    SMALL_TRADE: { description: 'Small trade and shops.' },
    HANDICRAFT: { description: 'Handicrafts.' },
    SERVICES: { description: 'Services.' },
    OTHER: { description: 'Other livelihoods.' },
  },
});

/** The longest term a club lends for, in months. */
export const MAX_TERM_MONTHS = 60;

/** Days past due beyond which a loan's principal counts as at risk (PAR30). */
export const PAR_DAYS = 30;

@ObjectType({ description: 'One instalment of a loan’s schedule.' })
export class LoanInstalment {
  @Field(() => Int, { description: 'Number, from 1.' })
  number: number;

  @Field(() => LocalDateScalar, { description: 'Day it is due.' })
  dueOn: string;

  @Field(() => VndScalar, { description: 'Principal due.' })
  principal: bigint;

  @Field(() => VndScalar, { description: 'Interest or fee due.' })
  interest: bigint;
}

@ObjectType({ description: 'A repayment of a loan; a mistake is reversed by an opposite one.' })
export class Repayment {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  @Field(() => ID, { description: 'The loan.' })
  loanId: string;

  @Field(() => LocalDateScalar, { description: 'Day paid.' })
  paidOn: string;

  @Field(() => VndScalar, { description: 'Principal repaid (negative for a reversal).' })
  principal: bigint;

  @Field(() => VndScalar, { description: 'Interest or fee paid (negative for a reversal).' })
  interest: bigint;

  @Field(() => ID, { nullable: true, description: 'The repayment this one reverses.' })
  reversesId: string | null;

  @Field(() => Boolean, {
    description: 'Whether it stands for the principal repaid before the loan was brought in on its go-live day: no money received that day, and in no fund.',
  })
  opening: boolean;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;
}

@ObjectType({ description: 'A decision or step in a loan’s life.' })
export class LoanEvent {
  @Field(() => String, { description: 'REQUESTED, APPROVED, REJECTED, DISBURSED, RESCHEDULED, WRITTEN_OFF, CLOSED, REOPENED or OPENING_BALANCE (brought in with what was owed on the go-live day).' })
  action: string;

  @Field(() => LocalDateScalar, { description: 'Day it happened.' })
  happenedOn: string;

  @Field(() => String, { nullable: true, description: 'The board’s reason or note.' })
  reason: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;
}

@ObjectType({ description: 'A loan from a club’s income-generation fund to a member.' })
export class Loan {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  memberId: string;

  @Field(() => VndScalar, { description: 'Amount lent.' })
  principal: bigint;

  @Field(() => Int, { description: 'Term in months.' })
  termMonths: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Interest per month in percent of the amount lent, e.g. "0.5"; null when a flat fee is charged.' })
  monthlyRate: string | null;

  @Field(() => VndScalar, { nullable: true, description: 'Flat fee for the whole loan, instead of interest.' })
  flatFee: bigint | null;

  @Field(() => LoanPurpose, { description: 'The livelihood it is for.' })
  purpose: LoanPurpose;

  @Field(() => String, { nullable: true, description: 'More about the purpose.' })
  purposeNote: string | null;

  @Field(() => LoanStatus, { description: 'Where the loan stands.' })
  status: LoanStatus;

  @Field(() => LocalDateScalar, { description: 'Day it was asked for.' })
  requestedOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the board’s last decision.' })
  decidedOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it was paid out.' })
  disbursedOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the first instalment is due.' })
  firstDueOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it was repaid in full or written off.' })
  closedOn: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'For a loan brought in from the club’s own books: the go-live day it was brought in at, with what was owed then. It counts in the portfolio from that day; null for a loan made here.',
  })
  openingOn: string | null;

  scheduleVersion: number;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}

@ObjectType({ description: 'Where a loan stands on a day, computed from its schedule and repayments.' })
export class LoanStanding {
  @Field(() => VndScalar, { description: 'Principal not yet repaid (0 once written off).' })
  outstandingPrincipal: bigint;

  @Field(() => VndScalar, { description: 'Interest or fee of the schedule not yet paid.' })
  interestRemaining: bigint;

  @Field(() => VndScalar, { description: 'What the schedule asked for by the day and is not paid.' })
  arrears: bigint;

  @Field(() => Int, { description: 'Days since the oldest instalment not fully paid fell due; 0 when up to date.' })
  daysPastDue: number;

  @Field(() => Boolean, { description: `Whether it is more than ${PAR_DAYS} days past due (counts in PAR30).` })
  atRisk: boolean;

  @Field(() => LoanInstalment, { nullable: true, description: 'The next instalment to pay.' })
  nextDue: LoanInstalment | null;

  @Field(() => VndScalar, { description: 'Principal repaid so far.' })
  principalRepaid: bigint;

  @Field(() => VndScalar, { description: 'Interest or fee paid so far.' })
  interestPaid: bigint;
}

@ObjectType({ description: 'A club’s loan portfolio on a day.' })
export class LoanPortfolio {
  @Field(() => Int, { description: 'Loans being repaid.' })
  activeLoans: number;

  @Field(() => VndScalar, { description: 'Principal outstanding.' })
  outstandingPrincipal: bigint;

  @Field(() => Int, { description: 'Loans more than 30 days past due.' })
  loansAtRisk: number;

  @Field(() => VndScalar, { description: 'Outstanding principal of loans more than 30 days past due.' })
  principalAtRisk: bigint;

  @Field(() => DecimalScalar, { description: 'Portfolio at risk over 30 days, in percent of the outstanding principal.' })
  par30: string;
}
