import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import classes from '../../app/ui/responsive-table.module.css';
import type { ProvinceReportListItemFragment } from '../../gql/graphql';
import { formatMonth } from '../clubs/club-format';
import { ReportStatusBadge } from './ReportStatusBadge';

export function reportPath(report: { month: unknown; club: { id: string } }): string {
  return `/province/reports/${report.club.id}/${String(report.month)}`;
}

/** Reports in a table; on a club's own page the club column is left out. */
export function ReportsTable({ reports, showClub = true, testId = 'reports-table' }: { reports: ProvinceReportListItemFragment[]; showClub?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const labels = {
    club: t('provinceClubs.reports.columnClub'),
    month: t('provinceClubs.reports.columnMonth'),
    status: t('provinceClubs.reports.columnStatus'),
    due: t('provinceClubs.reports.columnDue'),
    submitted: t('provinceClubs.reports.columnSubmitted'),
  };

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {showClub && <Table.Th>{labels.club}</Table.Th>}
          <Table.Th>{labels.month}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th>{labels.due}</Table.Th>
          <Table.Th>{labels.submitted}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reports.map((report) => {
          const link = (
            <Anchor component={Link} to={reportPath(report)} fw={600} inherit data-testid="report-link">
              {showClub ? report.club.name : formatMonth(t, report.month)}
            </Anchor>
          );
          return (
            <Table.Tr key={report.id} data-testid="report-row" data-report-id={report.id} data-month={String(report.month)} data-status={report.status}>
              {showClub && (
                <Table.Td data-label={labels.club} data-primary>
                  {link}
                  <Text size="sm" c="dimmed" fw={400}>
                    {report.club.commune.fullName}
                    {report.club.commune.parent ? `, ${report.club.commune.parent.fullName}` : ''}
                  </Text>
                </Table.Td>
              )}
              <Table.Td data-label={labels.month} className={classes.nowrap} data-primary={showClub ? undefined : true} data-testid="report-month">
                {showClub ? formatMonth(t, report.month) : link}
              </Table.Td>
              <Table.Td data-label={labels.status}>
                <ReportStatusBadge status={report.status} late={report.late} />
              </Table.Td>
              <Table.Td data-label={labels.due} className={classes.nowrap}>
                {formatDate(report.dueOn)}
              </Table.Td>
              <Table.Td data-label={labels.submitted} className={classes.nowrap}>
                {report.submittedAt ? formatDateTime(report.submittedAt) : '—'}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
