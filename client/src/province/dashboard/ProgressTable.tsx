import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format';
import type { ProvinceDashboardQuery } from '../../gql/graphql';
import tableClasses from '../../app/ui/responsive-table.module.css';
import classes from './dashboard.module.css';
import { formatIndicatorValue, indicatorName, progressStatusColor } from './dashboard-text';

type Progress = ProvinceDashboardQuery['provinceDashboard']['progress'][number];

export function ProgressTable({ progress }: { progress: Progress[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const rows = [...progress].sort((left, right) => left.indicator.sortOrder - right.indicator.sortOrder);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" striped highlightOnHover data-testid="progress-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dashboard.progress.columnIndicator')}</Table.Th>
            <Table.Th className={classes.number}>{t('dashboard.progress.columnActual')}</Table.Th>
            <Table.Th className={classes.number}>{t('dashboard.progress.columnTarget')}</Table.Th>
            <Table.Th className={classes.number}>{t('dashboard.progress.columnExpected')}</Table.Th>
            <Table.Th className={classes.number}>{t('dashboard.progress.columnPercent')}</Table.Th>
            <Table.Th>{t('dashboard.progress.columnStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.indicator.id} data-testid="progress-row" data-code={row.indicator.code} data-status={row.status}>
              <Table.Td className={classes.name}>{indicatorName(row.indicator, language)}</Table.Td>
              <Table.Td className={classes.number} data-testid="progress-actual">
                {formatIndicatorValue(row.actual, row.indicator.unit, language)}
              </Table.Td>
              <Table.Td className={classes.number}>{formatIndicatorValue(row.target, row.indicator.unit, language) || '—'}</Table.Td>
              <Table.Td className={classes.number}>{formatIndicatorValue(row.expected, row.indicator.unit, language) || '—'}</Table.Td>
              <Table.Td className={classes.number}>{formatPercent(row.percentAchieved, language) || '—'}</Table.Td>
              <Table.Td className={tableClasses.nowrap}>
                <Badge color={progressStatusColor[row.status]} variant="light" tt="none" className={tableClasses.badge} data-testid="progress-status">
                  {t(`dashboard.status.${row.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
