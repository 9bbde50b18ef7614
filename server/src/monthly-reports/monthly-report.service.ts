import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { nextMonth, todayInVietnam } from '../calendar.js';
import { requireClub } from '../clubs/club-scope.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { countOf, decodeCursor, pageOf, type Page } from '../graphql/pagination.js';
import { normalizeText, optionalText } from '../text.js';
import { figuresFromJson, figuresOf, figuresToJson } from './monthly-report.figures.js';
import type { MonthlyReportsArgs, ProvinceSettingsInput, ReportDecisionInput, SaveMonthlyReportInput } from './monthly-report.inputs.js';
import { MonthlyReport, ReportEvent, ReportStatus, type ReportFigures } from './monthly-report.types.js';

const DEFAULT_DUE_DAY = 5;

interface ReportRow {
  id: string;
  club_id: string;
  month: string;
  status: string;
  narrative: string | null;
  figures: Record<string, unknown> | null;
  due_on: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  return_comment: string | null;
  late: boolean;
  version: number;
}

// A report is late when its first submission came after the due day, or it is not in and the day is past.
const REPORT_SELECT = `
  select report.id, report.club_id, to_char(report.month, 'YYYY-MM') as month, report.status, report.narrative, report.figures,
         report.due_on::text as due_on, report.submitted_at, report.decided_at, report.return_comment, report.version,
         (coalesce(report.first_submitted_at, now()) at time zone 'Asia/Ho_Chi_Minh')::date > report.due_on as late
    from monthly_report report`;

function reportOf(row: ReportRow): MonthlyReport {
  return Object.assign(new MonthlyReport(), {
    id: row.id,
    clubId: row.club_id,
    month: row.month,
    status: row.status as ReportStatus,
    narrative: row.narrative,
    frozenFigures: row.figures ? figuresFromJson(row.figures) : null,
    dueOn: row.due_on,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    returnComment: row.return_comment,
    late: row.late,
    version: row.version,
  });
}

export async function findReportsByIds(db: EntityManager, ids: readonly string[]): Promise<MonthlyReport[]> {
  const rows: ReportRow[] = await db.query(`${REPORT_SELECT} where report.id = any($1)`, [ids]);
  return rows.map(reportOf);
}

export async function findReport(db: EntityManager, clubId: string, month: string): Promise<MonthlyReport | null> {
  const rows: ReportRow[] = await db.query(`${REPORT_SELECT} where report.club_id = $1 and report.month = $2::date`, [clubId, `${month}-01`]);
  return rows[0] ? reportOf(rows[0]) : null;
}

/** Frozen figures once submitted; a draft or returned report shows them as the records stand now. */
export async function reportFiguresOf(db: EntityManager, report: MonthlyReport): Promise<ReportFigures> {
  if (report.frozenFigures && (report.status === ReportStatus.SUBMITTED || report.status === ReportStatus.APPROVED)) return report.frozenFigures;
  return figuresOf(db, report.clubId, report.month);
}

export async function reportEventsOf(db: EntityManager, reportId: string): Promise<ReportEvent[]> {
  const rows: Array<{ action: string; comment: string | null; display_name: string | null; recorded_at: Date }> = await db.query(
    `select event.action, event.comment, account.display_name, event.recorded_at
       from monthly_report_event event left join app_user account on account.id = event.recorded_by
      where event.report_id = $1 order by event.recorded_at`,
    [reportId],
  );
  return rows.map((row) => Object.assign(new ReportEvent(), { action: row.action, comment: row.comment, byName: row.display_name, recordedAt: row.recorded_at }));
}

/** Reports of the province's clubs (a club's staff see their own), by month: newest first, or oldest first for a queue. */
export async function listReports(db: EntityManager, args: MonthlyReportsArgs, clubId: string | null): Promise<Page<MonthlyReport>> {
  const conditions: string[] = ['true'];
  const parameters: unknown[] = [];
  if (clubId) conditions.push(`report.club_id = $${parameters.push(clubId)}`);
  if (args.statuses?.length) conditions.push(`report.status = any($${parameters.push(args.statuses)})`);
  if (args.month) conditions.push(`report.month = $${parameters.push(`${args.month}-01`)}::date`);
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (args.after) {
    const [month, id] = decodeCursor(args.after, 2);
    const comparison = args.oldestFirst ? '>' : '<';
    conditions.push(`(report.month, report.id) ${comparison} ($${parameters.push(`${month}-01`)}::date, $${parameters.push(String(id))}::uuid)`);
  }
  const rows: ReportRow[] = await db.query(
    `${REPORT_SELECT} where ${conditions.join(' and ')} order by report.month ${args.oldestFirst ? 'asc' : 'desc'}, report.id ${args.oldestFirst ? 'asc' : 'desc'} limit ${args.first + 1}`,
    parameters,
  );
  return pageOf(
    rows,
    args,
    reportOf,
    (report) => [report.month, report.id],
    countOf(db, `select count(*)::int as count from monthly_report report where ${filtered.join(' and ')}`, filteredParameters),
  );
}

/** How far back the reports a club still owes are looked for: the months its report page offers. */
const OVERDUE_MONTHS_LOOKED_AT = 12;

/**
 * Months whose report is past its due day and not submitted (never started, or still a draft),
 * oldest first: the last twelve at most, none before the club was founded. A returned report is not
 * among them; it waits for the club's correction, with the province's comment.
 */
export async function overdueReportMonths(db: EntityManager, clubId: string): Promise<string[]> {
  const { reportDueDay: dueDay } = await reportDueDay(db);
  const today = todayInVietnam();
  const rows: Array<{ month: string }> = await db.query(
    `select to_char(month.month, 'YYYY-MM') as month
       from club
      cross join lateral generate_series(
              greatest(date_trunc('month', coalesce(club.founded_on, club.created_at::date)), date_trunc('month', $2::date) - make_interval(months => $4)),
              date_trunc('month', $2::date) - interval '1 month', interval '1 month') as month (month)
       left join monthly_report report on report.club_id = club.id and report.month = month.month::date
      where club.id = $1
        and coalesce(report.due_on, (month.month + interval '1 month')::date + ($3::int - 1)) < $2::date
        and (report.id is null or report.status = 'DRAFT')
      order by month.month`,
    [clubId, today, dueDay, OVERDUE_MONTHS_LOOKED_AT],
  );
  return rows.map((row) => row.month);
}

export async function reportDueDay(db: EntityManager): Promise<{ reportDueDay: number; version: number | null }> {
  const rows: Array<{ report_due_day: number; version: number }> = await db.query('select report_due_day, version from province_setting');
  return rows[0] ? { reportDueDay: rows[0].report_due_day, version: rows[0].version } : { reportDueDay: DEFAULT_DUE_DAY, version: null };
}

export async function saveProvinceSettings(db: EntityManager, requestId: string, input: ProvinceSettingsInput) {
  if (!Number.isInteger(input.reportDueDay) || input.reportDueDay < 1 || input.reportDueDay > 28) {
    throw badInput([{ field: 'reportDueDay', message: 'must be a day from 1 to 28' }]);
  }
  const before = await reportDueDay(db);
  if ((before.version ?? null) !== (input.version ?? null)) throw conflict('The settings');
  if (before.version === null) {
    await db.query('insert into province_setting (report_due_day) values ($1)', [input.reportDueDay]);
  } else {
    await db.query('update province_setting set report_due_day = $1, version = version + 1, updated_at = now()', [input.reportDueDay]);
  }
  const after = await reportDueDay(db);
  await recordAudit(db, requestId, { action: 'province-settings.update', entityType: 'province_setting', entityId: null, before, after });
  return after;
}

async function lockReport(db: EntityManager, id: string, version: number): Promise<MonthlyReport> {
  const rows: ReportRow[] = await db.query(`${REPORT_SELECT} where report.id = $1 for update of report`, [id]);
  if (!rows[0]) throw notFound('Monthly report');
  const report = reportOf(rows[0]);
  if (report.version !== version) throw conflict('The report');
  return report;
}

async function recordEvent(db: EntityManager, report: MonthlyReport, action: string, comment: string | null): Promise<void> {
  await db.query('insert into monthly_report_event (club_id, report_id, action, comment) values ($1, $2, $3, $4)', [
    report.clubId, report.id, action, comment,
  ]);
}

/** The club's draft for the month, created on first save with its due day from the province settings. */
export async function saveReportDraft(db: EntityManager, requestId: string, clubId: string, input: SaveMonthlyReportInput): Promise<MonthlyReport> {
  await requireClub(db, clubId);
  const problems: FieldProblem[] = [];
  const thisMonth = todayInVietnam().slice(0, 7);
  if (input.month > thisMonth) problems.push({ field: 'month', message: 'must not be a month still to come' });
  if (problems.length) throw badInput(problems);
  const narrative = optionalText(input.narrative);
  const existing = await findReport(db, clubId, input.month);
  if (!existing) {
    if (input.version != null) throw conflict('The report');
    const { reportDueDay: dueDay } = await reportDueDay(db);
    const dueOn = `${nextMonth(input.month)}-${String(dueDay).padStart(2, '0')}`;
    const [row]: Array<{ id: string }> = await db.query(
      `insert into monthly_report (club_id, month, narrative, due_on) values ($1, $2, $3, $4) returning id`,
      [clubId, `${input.month}-01`, narrative, dueOn],
    );
    await recordAudit(db, requestId, { action: 'report.create', entityType: 'monthly_report', entityId: row.id, after: { clubId, month: input.month, narrative } });
    return (await findReportsByIds(db, [row.id]))[0];
  }
  const before = await lockReport(db, existing.id, input.version ?? -1);
  if (before.status !== ReportStatus.DRAFT && before.status !== ReportStatus.RETURNED) {
    throw badInput([{ field: 'month', message: 'the report for this month was submitted; the province can return it for changes' }]);
  }
  await db.query('update monthly_report set narrative = $2, version = version + 1, updated_at = now() where id = $1', [before.id, narrative]);
  const after = (await findReportsByIds(db, [before.id]))[0];
  await recordAudit(db, requestId, { action: 'report.update', entityType: 'monthly_report', entityId: before.id, before: { narrative: before.narrative }, after: { narrative } });
  return after;
}

/** Submits the report; its figures are frozen as they stand now, whatever changes later. */
export async function submitReport(db: EntityManager, requestId: string, clubId: string, input: SaveMonthlyReportInput): Promise<MonthlyReport> {
  if (input.month >= todayInVietnam().slice(0, 7)) throw badInput([{ field: 'month', message: 'a month is reported once it is over' }]);
  const draft = await saveReportDraft(db, requestId, clubId, input);
  const figures = await figuresOf(db, clubId, draft.month);
  await db.query(
    `update monthly_report set status = 'SUBMITTED', figures = $2, submitted_at = now(), first_submitted_at = coalesce(first_submitted_at, now()),
       submitted_by = ishc.current_user_id(),
       version = version + 1, updated_at = now() where id = $1`,
    [draft.id, figuresToJson(figures)],
  );
  await recordEvent(db, draft, 'SUBMITTED', null);
  const after = (await findReportsByIds(db, [draft.id]))[0];
  await recordAudit(db, requestId, { action: 'report.submit', entityType: 'monthly_report', entityId: draft.id, after: { status: after.status, figures: JSON.parse(figuresToJson(figures)) } });
  return after;
}

async function decide(
  db: EntityManager,
  requestId: string,
  input: ReportDecisionInput,
  from: ReportStatus,
  to: ReportStatus,
  action: string,
  needsComment: boolean,
): Promise<MonthlyReport> {
  const before = await lockReport(db, input.id, input.version);
  if (before.status !== from) {
    const wanted = from === ReportStatus.SUBMITTED ? 'a submitted report' : 'an approved report';
    throw badInput([{ field: 'id', message: `only ${wanted} can be ${action.toLowerCase()}` }]);
  }
  const comment = normalizeText(input.comment ?? '') || null;
  if (needsComment && (!comment || comment.length < 3)) throw badInput([{ field: 'comment', message: 'say what the club should correct, or why' }]);
  await db.query(
    `update monthly_report set status = $2, return_comment = case when $2 = 'RETURNED' then $3 else return_comment end,
       decided_at = now(), decided_by = ishc.current_user_id(), version = version + 1, updated_at = now() where id = $1`,
    [before.id, to, comment],
  );
  await recordEvent(db, before, action, comment);
  const after = (await findReportsByIds(db, [before.id]))[0];
  await recordAudit(db, requestId, {
    action: `report.${action.toLowerCase()}`,
    entityType: 'monthly_report',
    entityId: before.id,
    before: { status: before.status },
    after: { status: to, comment },
  });
  return after;
}

export const approveReport = (db: EntityManager, requestId: string, input: ReportDecisionInput) =>
  decide(db, requestId, input, ReportStatus.SUBMITTED, ReportStatus.APPROVED, 'APPROVED', false);

export const returnReport = (db: EntityManager, requestId: string, input: ReportDecisionInput) =>
  decide(db, requestId, input, ReportStatus.SUBMITTED, ReportStatus.RETURNED, 'RETURNED', true);

/** Reopening an approved report is a recorded decision with its reason; the club then corrects it. */
export const reopenReport = (db: EntityManager, requestId: string, input: ReportDecisionInput) =>
  decide(db, requestId, input, ReportStatus.APPROVED, ReportStatus.RETURNED, 'REOPENED', true);
