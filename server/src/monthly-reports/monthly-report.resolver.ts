import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Club } from '../clubs/club.entity.js';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { MonthScalar } from '../graphql/scalars.js';
import { Role } from '../users/role.js';
import { figuresOf } from './monthly-report.figures.js';
import { ClubArgs, ClubMonthArgs, MonthlyReportsArgs, ProvinceSettingsInput, ReportDecisionInput, SaveMonthlyReportInput } from './monthly-report.inputs.js';
import {
  approveReport,
  findReport,
  listReports,
  overdueReportMonths,
  reopenReport,
  reportDueDay,
  reportEventsOf,
  reportFiguresOf,
  returnReport,
  saveProvinceSettings,
  saveReportDraft,
  submitReport,
} from './monthly-report.service.js';
import { MonthlyReport, ReportEvent, ReportFigures } from './monthly-report.types.js';

export const MonthlyReportConnection = connectionOf(MonthlyReport, 'MonthlyReport', 'monthly report');

@ObjectType({ description: 'Settings of a province for its clubs.' })
export class ProvinceSettings {
  @Field(() => Int, { description: 'Day of the next month by which a monthly report is due.' })
  reportDueDay: number;

  @Field(() => Int, { nullable: true, description: 'Version for optimistic concurrency; null before the first save.' })
  version: number | null;
}

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => MonthlyReportConnection, {
    description: 'Monthly reports, newest month first: the province sees every club (filter by status for its approval queue), club staff their own.',
    complexity: connectionComplexity,
  })
  async monthlyReports(@Args(() => MonthlyReportsArgs) args: MonthlyReportsArgs, @Ctx() context: Context) {
    const clubId = context.viewer?.role === Role.CLUB_STAFF ? clubOf(context, args.clubId) : (args.clubId ?? null);
    return MonthlyReportConnection.from(await listReports(await context.db(), args, clubId));
  }

  @Authorized(CLUB_ROLES)
  @Query(() => MonthlyReport, { nullable: true, description: 'A club’s report for a month; null until the club first saves it.' })
  async monthlyReport(@Args(() => ClubMonthArgs) args: ClubMonthArgs, @Ctx() context: Context): Promise<MonthlyReport | null> {
    return findReport(await context.db(), clubOf(context, args.clubId), args.month);
  }

  @Authorized(CLUB_ROLES)
  @Query(() => [MonthScalar], {
    description:
      'Months whose report is past its due day and not yet submitted (not started, or a draft), oldest first: the last twelve at most, from the club’s founding. Returned reports are listed by monthlyReports(statuses: [RETURNED]).',
  })
  async overdueReportMonths(@Args(() => ClubArgs) args: ClubArgs, @Ctx() context: Context): Promise<string[]> {
    return overdueReportMonths(await context.db(), clubOf(context, args.clubId));
  }

  @Authorized(CLUB_ROLES)
  @Query(() => ReportFigures, { description: 'A club’s figures for a month as its records stand now: the preview of its report.' })
  async monthFigures(@Args(() => ClubMonthArgs) args: ClubMonthArgs, @Ctx() context: Context): Promise<ReportFigures> {
    return figuresOf(await context.db(), clubOf(context, args.clubId), args.month);
  }

  @Authorized(CLUB_ROLES)
  @Query(() => ProvinceSettings, { description: 'Your province’s settings for clubs.' })
  async provinceSettings(@Ctx() context: Context): Promise<ProvinceSettings> {
    return Object.assign(new ProvinceSettings(), await reportDueDay(await context.db()));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => ProvinceSettings, { description: 'Sets the day by which monthly reports are due.' })
  async saveProvinceSettings(@Arg('input', () => ProvinceSettingsInput) input: ProvinceSettingsInput, @Ctx() context: Context): Promise<ProvinceSettings> {
    return Object.assign(new ProvinceSettings(), await saveProvinceSettings(await context.db(), context.requestId, input));
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => MonthlyReport, { description: 'Saves the club’s report for a month as a draft.' })
  async saveMonthlyReport(@Arg('input', () => SaveMonthlyReportInput) input: SaveMonthlyReportInput, @Ctx() context: Context): Promise<MonthlyReport> {
    return saveReportDraft(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => MonthlyReport, { description: 'Submits the club’s report for a month that is over; its figures are frozen as they stand.' })
  async submitMonthlyReport(@Arg('input', () => SaveMonthlyReportInput) input: SaveMonthlyReportInput, @Ctx() context: Context): Promise<MonthlyReport> {
    return submitReport(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => MonthlyReport, { description: 'Approves a submitted report.' })
  async approveMonthlyReport(@Arg('input', () => ReportDecisionInput) input: ReportDecisionInput, @Ctx() context: Context): Promise<MonthlyReport> {
    return approveReport(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => MonthlyReport, { description: 'Returns a submitted report to the club with a comment on what to correct.' })
  async returnMonthlyReport(@Arg('input', () => ReportDecisionInput) input: ReportDecisionInput, @Ctx() context: Context): Promise<MonthlyReport> {
    return returnReport(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => MonthlyReport, { description: 'Reopens an approved report, with the reason; the club then corrects and submits it again.' })
  async reopenMonthlyReport(@Arg('input', () => ReportDecisionInput) input: ReportDecisionInput, @Ctx() context: Context): Promise<MonthlyReport> {
    return reopenReport(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => ReportFigures, { description: 'The figures: frozen as submitted, or computed now for a draft or returned report.' })
  async figures(@Root() report: MonthlyReport, @Ctx() context: Context): Promise<ReportFigures> {
    return reportFiguresOf(await context.db(), report);
  }

  @FieldResolver(() => [ReportEvent], { description: 'Submissions and decisions, oldest first.' })
  async events(@Root() report: MonthlyReport, @Ctx() context: Context): Promise<ReportEvent[]> {
    return reportEventsOf(await context.db(), report.id);
  }

  @FieldResolver(() => Club, { description: 'The club.' })
  async club(@Root() report: MonthlyReport, @Ctx() context: Context): Promise<Club> {
    return (await context.loaders.clubById.load(report.clubId))!;
  }
}
