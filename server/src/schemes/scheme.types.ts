import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { DateTimeScalar, LocalDateScalar, VndScalar } from '../graphql/scalars.js';

export enum SchemeStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  CLOSED = 'CLOSED',
}

registerEnumType(SchemeStatus, {
  name: 'SchemeStatus',
  description: 'Where a scheme stands: DRAFT → APPROVED → CLOSED.',
  valuesConfig: {
    DRAFT: { description: 'Being written; anything may change.' },
    APPROVED: { description: 'Approved; targets and budget change only through a revision with a reason.' },
    CLOSED: { description: 'Its period is over; kept as it was.' },
  },
});

export enum BudgetSource {
  PROVINCE_BUDGET = 'PROVINCE_BUDGET',
  CENTRAL_BUDGET = 'CENTRAL_BUDGET',
  MOBILISED = 'MOBILISED',
  CLUB_CONTRIBUTIONS = 'CLUB_CONTRIBUTIONS',
  OTHER = 'OTHER',
}

registerEnumType(BudgetSource, {
  name: 'BudgetSource',
  description: 'Where money of a scheme comes from.',
  valuesConfig: {
    PROVINCE_BUDGET: { description: 'The province budget (ngân sách tỉnh).' },
    CENTRAL_BUDGET: { description: 'The central budget (ngân sách trung ương).' },
    MOBILISED: { description: 'Mobilised from organisations, businesses and people (vận động).' },
    CLUB_CONTRIBUTIONS: { description: 'Contributions of the clubs and their members.' },
    OTHER: { description: 'Any other source.' },
  },
});

export enum BudgetPurpose {
  SEED_CAPITAL = 'SEED_CAPITAL',
  TRAINING = 'TRAINING',
  COMMUNICATION = 'COMMUNICATION',
  MANAGEMENT = 'MANAGEMENT',
  OTHER = 'OTHER',
}

registerEnumType(BudgetPurpose, {
  name: 'BudgetPurpose',
  description: 'What money of a scheme is for.',
  valuesConfig: {
    SEED_CAPITAL: { description: 'Seed capital of the clubs’ income-generation funds (vốn ban đầu).' },
    TRAINING: { description: 'Training.' },
    COMMUNICATION: { description: 'Communication.' },
    MANAGEMENT: { description: 'Management, supervision and reporting.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType({ description: "A province's scheme (Đề án) for replicating the clubs over a period." })
export class Scheme {
  tenantId: string;
  /** The province the scheme was made for; differs from tenantId once that province merged into another. */
  originTenantId: string;

  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => String, { description: 'Title of the scheme.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Aims and beneficiaries, in a few paragraphs.' })
  summary: string | null;

  nationalPhaseId: string | null;

  @Field(() => Int, { description: 'First year of the period.' })
  firstYear: number;

  @Field(() => Int, { description: 'Last year of the period.' })
  lastYear: number;

  @Field(() => String, { nullable: true, description: 'Number of the approving decision, e.g. 957/QĐ-UBND.' })
  decisionNumber: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the approving decision.' })
  decisionDate: string | null;

  @Field(() => String, { nullable: true, description: 'Who approved it, e.g. Ủy ban nhân dân tỉnh Kiên Giang.' })
  decisionBody: string | null;

  @Field(() => String, { nullable: true, description: 'The agency managing the scheme.' })
  managingAgency: string | null;

  @Field(() => VndScalar, { description: 'The total budget the scheme states; its budget lines must add up to it.' })
  totalBudget: bigint;

  @Field(() => SchemeStatus, { description: 'Where the scheme stands.' })
  status: SchemeStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was approved.' })
  approvedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed.' })
  closedAt: Date | null;

  @Field(() => DateTimeScalar, { description: 'Last change.' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with every change.' })
  version: number;
}

@ObjectType({ description: 'The planned value of a target for one year.' })
export class TargetMilestone {
  @Field(() => Int, { description: 'The year.' })
  year: number;

  @Field(() => DecimalScalar, { description: 'Value to reach by the end of that year.' })
  value: string;
}

@ObjectType({ description: 'The part of a target given to one administrative unit.' })
export class TargetShare {
  unitId: string;

  @Field(() => DecimalScalar, { description: 'The unit’s part of the target.' })
  value: string;
}

@ObjectType({ description: 'A target of a scheme, measured by an indicator of the catalogue.' })
export class Target {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  schemeId: string;

  indicatorId: string;

  @Field(() => DecimalScalar, { description: 'Value to reach by the end of the scheme.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'How the scheme words the target.' })
  note: string | null;

  @Field(() => [TargetMilestone], { description: 'Values per year, if the scheme sets them.' })
  milestones: TargetMilestone[];

  @Field(() => [TargetShare], { description: 'The target broken down by administrative unit, if the scheme does so.' })
  breakdown: TargetShare[];
}

@ObjectType({ description: 'A line of a scheme’s budget: an amount from one source for one purpose.' })
export class BudgetLine {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  schemeId: string;

  @Field(() => BudgetSource, { description: 'Where the money comes from.' })
  source: BudgetSource;

  @Field(() => BudgetPurpose, { description: 'What it is for.' })
  purpose: BudgetPurpose;

  @Field(() => Int, { nullable: true, description: 'The year, or none for the whole period.' })
  year: number | null;

  @Field(() => String, { nullable: true, description: 'What the line covers.' })
  description: string | null;

  @Field(() => VndScalar, { description: 'Amount of the line.' })
  amount: bigint;

  @Field(() => VndScalar, { nullable: true, description: 'Amount per club, when the line is stated per club.' })
  perClubAmount: bigint | null;

  @Field(() => Int, { nullable: true, description: 'Number of clubs, when the line is stated per club.' })
  plannedClubs: number | null;

  @Field(() => VndScalar, { description: 'Paid out so far (reversals deducted).' })
  spent: bigint;

  @Field(() => VndScalar, { description: 'What remains to be paid from the line.' })
  remaining: bigint;
}

@ObjectType({ description: 'What is left of one source of a scheme’s budget.' })
export class SourceBalance {
  @Field(() => BudgetSource, { description: 'The source.' })
  source: BudgetSource;

  @Field(() => VndScalar, { description: 'Sum of its lines.' })
  amount: bigint;

  @Field(() => VndScalar, { description: 'Paid out so far.' })
  spent: bigint;

  @Field(() => VndScalar, { description: 'Still available.' })
  remaining: bigint;
}

@ObjectType({ description: 'A budget line stated per club whose number of clubs does not match the club plan.' })
export class PerClubMismatch {
  @Field(() => ID, { description: 'The budget line.' })
  budgetLineId: string;

  @Field(() => Int, { nullable: true, description: 'Year of the line; none for the whole period.' })
  year: number | null;

  @Field(() => Int, { description: 'Clubs the line pays for.' })
  plannedClubs: number;

  @Field(() => Int, { description: 'Clubs in the club plan for that year (or the whole period).' })
  clubsInPlan: number;
}

@ObjectType({ description: 'Whether a scheme’s budget holds together, as approval requires.' })
export class BudgetCheck {
  @Field(() => VndScalar, { description: 'Sum of the budget lines.' })
  linesTotal: bigint;

  @Field(() => VndScalar, { description: 'The stated total.' })
  statedTotal: bigint;

  @Field(() => VndScalar, { description: 'Lines total minus stated total: positive when the lines exceed it, negative when they fall short.' })
  difference: bigint;

  @Field(() => Boolean, { description: 'Whether the lines add up to the stated total.' })
  balanced: boolean;

  @Field(() => [PerClubMismatch], { description: 'Per-club lines that disagree with the club plan.' })
  perClubMismatches: PerClubMismatch[];

  @Field(() => Boolean, { description: 'Whether the budget allows approval: balanced and in agreement with the club plan.' })
  passes: boolean;
}

@ObjectType({ description: 'One payment out of a budget line, or the reversal of one. The ledger is never edited.' })
export class Disbursement {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  budgetLineId: string;

  @Field(() => LocalDateScalar, { description: 'Day of payment.' })
  paidOn: string;

  @Field(() => VndScalar, { description: 'Amount paid; negative for a reversal.' })
  amount: bigint;

  @Field(() => String, { description: 'What was paid for.' })
  description: string;

  recipientUnitId: string | null;

  recipientClubId: string | null;

  @Field(() => ID, { nullable: true, description: 'The payment this entry reverses.' })
  reversesId: string | null;

  @Field(() => ID, { nullable: true, description: 'The entry that reversed this payment, if any.' })
  reversedById: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded it.' })
  recordedByName: string | null;
}

@ObjectType({ description: 'A recorded revision of an approved scheme.' })
export class SchemeRevision {
  @Field(() => Int, { description: 'Revision number, from 1.' })
  number: number;

  @Field(() => String, { description: 'Why the scheme was revised.' })
  reason: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  revisedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who revised it.' })
  revisedByName: string | null;
}

@ObjectType({ description: 'One changed value in a scheme’s history.' })
export class FieldChange {
  @Field(() => String, { description: 'What changed: scheme, target, budgetLine, disbursement or clubPlan.' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'Which one: an indicator code, "source·purpose·year" of a budget line, a commune name…' })
  subjectKey: string | null;

  @Field(() => String, { description: 'The field.' })
  field: string;

  @Field(() => String, { nullable: true, description: 'Value before; none when added.' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Value after; none when removed.' })
  after: string | null;
}

@ObjectType({ description: 'A change to a scheme: who, when, why and what.' })
export class SchemeHistoryEntry {
  @Field(() => ID, { description: 'Identifier of the audit event.' })
  id: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'Who.' })
  actorName: string | null;

  @Field(() => String, { description: 'What was done, e.g. scheme.budget.save.' })
  action: string;

  @Field(() => String, { nullable: true, description: 'The reason given, for a revision of an approved scheme.' })
  reason: string | null;

  @Field(() => Int, { nullable: true, description: 'The revision it made, if any.' })
  revision: number | null;

  @Field(() => [FieldChange], { description: 'The values that changed.' })
  changes: FieldChange[];
}
