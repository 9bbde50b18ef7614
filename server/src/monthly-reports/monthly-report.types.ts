import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ActivityArea } from '../activities/activity.types.js';
import { DecimalScalar } from '../graphql/decimal.js';
import { DateTimeScalar, LocalDateScalar, MonthScalar, VndScalar } from '../graphql/scalars.js';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Where a monthly report stands.',
  valuesConfig: {
    DRAFT: { description: 'Being written by the club.' },
    SUBMITTED: { description: 'Sent to the province; its figures are frozen.' },
    APPROVED: { description: 'Approved by the province.' },
    RETURNED: { description: 'Sent back by the province with a comment; the club corrects and submits again.' },
  },
});

@ObjectType({ description: 'What a club did in one area in the month.' })
export class AreaCount {
  @Field(() => ActivityArea, { description: 'The area.' })
  area: ActivityArea;

  @Field(() => Int, { description: 'Activities held.' })
  activities: number;

  @Field(() => Int, { description: 'Home-care visits: the work of area 3 (volunteer home care), 0 in the other areas.' })
  visits: number;

  @Field(() => Boolean, { description: 'Whether the club worked in the area: an activity held, or in area 3 a home-care visit.' })
  covered: boolean;
}

/** Figures of a monthly report. Stored as JSON when the report is submitted (money as text). */
@ObjectType({ description: 'The figures of a club’s month, computed from its records.' })
export class ReportFigures {
  @Field(() => Int, { description: 'Members at the end of the month.' })
  members: number;

  @Field(() => Int, { description: 'Of whom women.' })
  women: number;

  @Field(() => Int, { description: 'Of whom older people (60 and over).' })
  older: number;

  @Field(() => Int, { description: 'Of whom from poor households.' })
  poor: number;

  @Field(() => Int, { description: 'Of whom from near-poor households.' })
  nearPoor: number;

  @Field(() => Int, { description: 'Of whom from ethnic minorities.' })
  ethnicMinority: number;

  @Field(() => Int, { description: 'Of whom living with a disability.' })
  disability: number;

  @Field(() => Int, { description: 'Of whom living alone.' })
  livesAlone: number;

  @Field(() => Int, { description: 'Of whom needing home care.' })
  needsHomeCare: number;

  @Field(() => Int, { description: 'Home-care volunteers.' })
  homeCareVolunteers: number;

  @Field(() => Int, { description: 'Members who joined in the month.' })
  joined: number;

  @Field(() => Int, { description: 'Members who left in the month.' })
  left: number;

  @Field(() => Int, { description: 'Activities held in the month.' })
  activities: number;

  @Field(() => [AreaCount], { description: 'Activities by area, all eight areas; home-care visits count in area 3.' })
  activitiesByArea: AreaCount[];

  @Field(() => Int, { description: 'Monthly meetings held.' })
  meetings: number;

  @Field(() => DecimalScalar, { description: 'Attendance at the monthly meetings, in percent of the members on the day.' })
  attendanceRate: string;

  @Field(() => Int, { description: 'Home-care visits.' })
  homeCareVisits: number;

  @Field(() => Int, { description: 'Members visited at home.' })
  membersVisited: number;

  @Field(() => Int, { description: 'Loans paid out in the month.' })
  loansDisbursed: number;

  @Field(() => VndScalar, { description: 'Amount paid out in the month.' })
  amountDisbursed: bigint;

  @Field(() => VndScalar, { description: 'Principal repaid in the month.' })
  principalRepaid: bigint;

  @Field(() => VndScalar, { description: 'Interest and fees received in the month.' })
  interestReceived: bigint;

  @Field(() => Int, { description: 'Loans being repaid at the end of the month.' })
  loansOutstanding: number;

  @Field(() => VndScalar, { description: 'Principal outstanding at the end of the month.' })
  outstandingPrincipal: bigint;

  @Field(() => Int, { description: 'Loans more than 30 days past due at the end of the month.' })
  loansOverdue: number;

  @Field(() => VndScalar, { description: 'Outstanding principal of those loans.' })
  principalOverdue: bigint;

  @Field(() => DecimalScalar, { description: 'Portfolio at risk over 30 days, in percent.' })
  par30: string;

  @Field(() => VndScalar, { description: 'Contributions received in the month.' })
  contributions: bigint;

  @Field(() => VndScalar, { description: 'Income-generation fund at the end of the month.' })
  incomeGenerationFund: bigint;

  @Field(() => VndScalar, { description: 'Activity fund at the end of the month.' })
  activityFund: bigint;
}

export const MONEY_FIGURES = [
  'amountDisbursed', 'principalRepaid', 'interestReceived', 'outstandingPrincipal', 'principalOverdue', 'contributions',
  'incomeGenerationFund', 'activityFund',
] as const;

@ObjectType({ description: 'A step in a report’s life.' })
export class ReportEvent {
  @Field(() => String, { description: 'SUBMITTED, APPROVED, RETURNED or REOPENED.' })
  action: string;

  @Field(() => String, { nullable: true, description: 'Comment or reason.' })
  comment: string | null;

  @Field(() => String, { nullable: true, description: 'Who.' })
  byName: string | null;

  @Field(() => DateTimeScalar, { description: 'When.' })
  recordedAt: Date;
}

@ObjectType({ description: 'A club’s monthly report to the province.' })
export class MonthlyReport {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  @Field(() => MonthScalar, { description: 'The month reported on.' })
  month: string;

  @Field(() => ReportStatus, { description: 'Where the report stands.' })
  status: ReportStatus;

  @Field(() => String, { nullable: true, description: 'The club’s own account of the month.' })
  narrative: string | null;

  frozenFigures: ReportFigures | null;

  @Field(() => LocalDateScalar, { description: 'Day it is due, in the next month as the province set.' })
  dueOn: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last submitted.' })
  submittedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the province last decided on it.' })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The province’s comment when it returned the report.' })
  returnComment: string | null;

  @Field(() => Boolean, { description: 'Submitted after the due day, or not yet submitted and past it.' })
  late: boolean;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}
