import { useQuery } from '@apollo/client/react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import { DocumentHeading } from '../../app/print/DocumentHeading';
import { PrintView } from '../../app/print/PrintView';
import { Signatures } from '../../app/print/Signatures';
import classes from '../../app/print/print.module.css';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { ClubMonthFiguresDocument, ClubMonthlyReportDocument, type ClubMonthlyReportDetailFragment, type ReportFiguresFieldsFragment } from '../../gql/graphql';
import { monthNumber, monthOf, todayInVietnam } from '../club-format';
import { useFigureGroups } from '../reports/figure-groups';
import { useClubPaper } from './use-club-paper';

function ReportState({ report }: { report: ClubMonthlyReportDetailFragment | null }) {
  const { t } = useTranslation();
  // Late is "nộp muộn" once submitted, "quá hạn" while still a draft past its day.
  const lateness = report?.late ? ` (${t(report.submittedAt ? 'print.report.late' : 'print.report.overdue')})` : '';
  const status = report ? `${t(`clubArea.reportStatus.${report.status}`)}${lateness}` : t('print.report.notStarted');
  const rows = [
    { key: 'status', label: t('print.report.status'), value: status },
    report ? { key: 'due', label: t('print.report.dueOn'), value: formatDate(report.dueOn) } : null,
    report?.submittedAt ? { key: 'submitted', label: t('print.report.submittedAt'), value: formatDateTime(report.submittedAt) } : null,
    report?.decidedAt ? { key: 'decided', label: t('print.report.decidedAt'), value: formatDateTime(report.decidedAt) } : null,
  ].filter((row) => row !== null);
  return (
    <p data-testid="print-report-state">
      {rows.map((row, index) => (
        <Fragment key={row.key}>
          {index > 0 && ' · '}
          {row.label}: <strong data-testid={`print-report-${row.key}`}>{row.value}</strong>
        </Fragment>
      ))}
    </p>
  );
}

function FiguresTable({ figures }: { figures: ReportFiguresFieldsFragment }) {
  const { t } = useTranslation();
  const groups = useFigureGroups(figures);
  return (
    <table className={classes.table} data-testid="print-report-figures">
      <thead>
        <tr>
          <th>{t('print.report.item')}</th>
          <th className={classes.number}>{t('print.report.value')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <Fragment key={group.key}>
            <tr className={classes.groupRow}>
              <td colSpan={2}>{group.title}</td>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.key} data-testid={row.testId ? `print-${row.testId}` : undefined}>
                <td className={row.indent ? classes.indent : undefined}>{row.label}</td>
                <td className={classes.number} data-testid={row.testId ? `print-${row.testId}-value` : undefined}>
                  {row.value}
                </td>
              </tr>
            ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The monthly report on paper, in the form a province files: the club and its commune, the month,
 * the report's state and days, its account and figures (the same as the report page shows), signed
 * by the club's treasurer and head.
 */
export function MonthlyReportPrintPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const today = todayInVietnam();
  const asked = searchParams.get('month');
  const month = asked && /^\d{4}-\d{2}$/.test(asked) && asked <= monthOf(today) ? asked : monthOf(today, -1);
  const paper = useClubPaper();
  const reportQuery = useQuery(ClubMonthlyReportDocument, { variables: { month }, fetchPolicy: 'cache-and-network' });
  const report = reportQuery.data?.monthlyReport ?? null;
  const figuresQuery = useQuery(ClubMonthFiguresDocument, { variables: { month }, skip: !reportQuery.data || report !== null, fetchPolicy: 'cache-and-network' });
  const figures = report?.figures ?? figuresQuery.data?.monthFigures;
  const frozen = report?.status === 'SUBMITTED' || report?.status === 'APPROVED';
  const title = t('print.report.title', { month: monthNumber(month) });
  const ready = Boolean(figures && paper.club) && !reportQuery.loading && !figuresQuery.loading;
  const failed = (reportQuery.error && !reportQuery.data) || (figuresQuery.error && !figures) || (paper.query.error && !paper.club);
  const error = failed ? (reportQuery.error ?? figuresQuery.error ?? paper.query.error) : null;

  let body;
  if (error) {
    body = (
      <QueryError
        error={error}
        onRetry={() => void Promise.all([reportQuery.refetch(), paper.query.refetch(), ...(figuresQuery.error ? [figuresQuery.refetch()] : [])]).catch(() => undefined)}
      />
    );
  } else if (!figures || !paper.club) {
    body = <LoadingBlock />;
  } else {
    body = (
      <>
        <DocumentHeading issuer={paper.club.name} place={paper.place} title={title} formal />
        <ReportState report={report} />
        {report?.status === 'RETURNED' && report.returnComment && <p data-testid="print-report-returned">{t('print.report.returned', { comment: report.returnComment })}</p>}
        <h2 className={classes.section}>{t('print.report.narrative')}</h2>
        <p style={{ whiteSpace: 'pre-wrap' }} data-testid="print-report-narrative">
          {report?.narrative || t('clubArea.reportPage.noNarrative')}
        </p>
        <h2 className={classes.section}>{t('print.report.figures')}</h2>
        <p className={classes.small}>{frozen ? t('clubArea.reportPage.figuresFrozen') : t('clubArea.reportPage.figuresLive')}</p>
        <FiguresTable figures={figures} />
        <Signatures place={paper.town} day={today} signers={[paper.signer('TREASURER'), paper.signer('HEAD')]} />
      </>
    );
  }

  return (
    <PrintView title={title} back={{ to: `/club/reports?month=${month}`, label: t('print.report.back') }} ready={ready} testId="print-monthly-report">
      {body}
    </PrintView>
  );
}
