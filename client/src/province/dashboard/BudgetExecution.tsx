import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatVnd } from '../../app/format';
import { sumVnd } from '../../app/money';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import type { ProvinceDashboardQuery } from '../../gql/graphql';
import classes from './dashboard.module.css';
import { shareOf } from './dashboard-text';

type Budget = ProvinceDashboardQuery['provinceDashboard']['budget'][number];

/** Compact axis ticks: "1,2 tỷ", "700 tr" read better on a phone than nine digits. */
function shortVnd(value: number, language: string | undefined): string {
  const vi = language !== 'en';
  if (Math.abs(value) >= 1e9) return `${formatCompact(value / 1e9, language)} ${vi ? 'tỷ' : 'bn'}`;
  if (Math.abs(value) >= 1e6) return `${formatCompact(value / 1e6, language)} ${vi ? 'tr' : 'm'}`;
  return formatCompact(value, language);
}

function formatCompact(value: number, language: string | undefined): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(value);
}

export function BudgetExecution({ budget }: { budget: Budget[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  if (budget.length === 0) return <EmptyMessage>{t('dashboard.budget.empty')}</EmptyMessage>;
  // The chart draws doubles; the table below gives the exact amounts.
  const data = budget.map((line) => ({ source: t(`budget.source.${line.source}`), planned: Number(line.planned), spent: Number(line.spent) }));
  const planned = sumVnd(budget.map((line) => line.planned));
  const spent = sumVnd(budget.map((line) => line.spent));
  return (
    <>
      <BarChart
        h={240}
        data={data}
        dataKey="source"
        series={[
          { name: 'planned', label: t('dashboard.budget.planned'), color: 'blue.5' },
          { name: 'spent', label: t('dashboard.budget.spent'), color: 'teal.6' },
        ]}
        valueFormatter={(value) => formatVnd(value)}
        yAxisProps={{ tickFormatter: (value: number) => shortVnd(value, language), width: 64 }}
        withLegend
        data-testid="budget-chart"
      />
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" striped data-testid="budget-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.budget.columnSource')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.budget.columnPlanned')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.budget.columnSpent')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.budget.columnPercent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {budget.map((line) => (
              <Table.Tr key={line.source} data-testid="budget-row" data-source={line.source}>
                <Table.Td>{t(`budget.source.${line.source}`)}</Table.Td>
                <Table.Td className={classes.number}>{formatVnd(line.planned)}</Table.Td>
                <Table.Td className={classes.number}>{formatVnd(line.spent)}</Table.Td>
                <Table.Td className={classes.number}>{formatPercent(line.percentSpent, language)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr className={classes.totalRow} data-testid="budget-total">
              <Table.Td>{t('dashboard.budget.total')}</Table.Td>
              <Table.Td className={classes.number}>{formatVnd(planned)}</Table.Td>
              <Table.Td className={classes.number}>{formatVnd(spent)}</Table.Td>
              <Table.Td className={classes.number}>{shareOf(Number(spent), Number(planned), language) || formatPercent(0, language)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
