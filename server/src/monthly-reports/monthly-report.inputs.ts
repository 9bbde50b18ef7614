import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { MonthScalar } from '../graphql/scalars.js';
import { ReportStatus } from './monthly-report.types.js';

@ArgsType()
export class MonthlyReportsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this club (club staff: always their own).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => [ReportStatus], { nullable: true, description: 'Only reports in these statuses.' })
  @IsOptional()
  statuses?: ReportStatus[] | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only this month.' })
  @IsOptional()
  month?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Oldest month first, as an approval queue is worked through; newest first otherwise.' })
  oldestFirst: boolean = false;
}

@ArgsType()
export class ClubMonthArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => MonthScalar, { description: 'The month.' })
  month: string;
}

@ArgsType()
export class ClubArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;
}

@InputType({ description: 'The club’s report for a month: saved as a draft, or submitted.' })
export class SaveMonthlyReportInput {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;

  @Field(() => MonthScalar, { description: 'The month.' })
  month: string;

  @Field(() => String, { nullable: true, description: 'The club’s own account of the month.' })
  @IsOptional()
  @MaxLength(5000, { message: 'must be at most 5,000 characters' })
  narrative?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read; none for a report not yet saved.' })
  @IsOptional()
  version?: number | null;
}

@InputType({ description: 'The province’s decision on a report.' })
export class ReportDecisionInput {
  @Field(() => ID, { description: 'The report.' })
  @IsUUID('all', { message: 'is not a report identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Comment: required to return or reopen a report.' })
  @IsOptional()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  comment?: string | null;
}

@InputType({ description: 'Province settings for clubs.' })
export class ProvinceSettingsInput {
  @Field(() => Int, { description: 'Day of the next month by which a monthly report is due, 1 to 28.' })
  reportDueDay: number;

  @Field(() => Int, { nullable: true, description: 'The version you read; none before the first save.' })
  @IsOptional()
  version?: number | null;
}
