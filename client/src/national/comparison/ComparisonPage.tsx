import { useQuery } from '@apollo/client/react';
import { Anchor, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ExportButtons } from '../../app/exports/ExportButtons';
import { addMonths, currentMonth, formatMonthNumeric } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { MonthSelect } from '../../app/ui/MonthSelect';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ComparisonPhasesDocument, NationalComparisonDocument } from '../../gql/graphql';
import { DashboardSection } from '../../province/dashboard/DashboardSection';
import { ProvinceBarChart, ProvinceTrendChart } from './ComparisonCharts';
import { ComparisonTable } from './ComparisonTable';
import { Contributions } from './Contributions';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The period and phase live in the address, so a comparison can be shared as it is seen. */
function filtersOf(params: URLSearchParams) {
  const requestedMonth = params.get('month');
  const month = requestedMonth && MONTH_PATTERN.test(requestedMonth) && requestedMonth <= currentMonth() ? requestedMonth : currentMonth();
  const requestedFrom = params.get('from');
  const fromMonth = requestedFrom && MONTH_PATTERN.test(requestedFrom) && requestedFrom <= month ? requestedFrom : addMonths(month, -11);
  return { phaseId: params.get('phase'), fromMonth, month };
}

export function ComparisonPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const { phaseId, fromMonth, month } = filtersOf(searchParams);
  const phases = useQuery(ComparisonPhasesDocument);
  const { data, previousData, loading, error, refetch } = useQuery(NationalComparisonDocument, {
    variables: { phaseId, fromMonth, month },
    fetchPolicy: 'cache-and-network',
  });
  const comparison = (data ?? previousData)?.nationalComparison;
  const exportParams = { phaseId, fromMonth, month };

  function change(next: { phase?: string | null; from?: string; month?: string }) {
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(next)) {
          if (value) params.set(key, value);
          else params.delete(key);
        }
        // A period cannot end before it starts: moving the end before the start moves the start too.
        const end = params.get('month');
        const start = params.get('from');
        if (end && start && start > end) params.set('from', end);
        return params;
      },
      { replace: true },
    );
  }

  let body;
  if (error && !comparison) body = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!comparison) body = <LoadingBlock />;
  else if (comparison.provinces.length === 0) body = <EmptyMessage>{t('comparison.empty')}</EmptyMessage>;
  else {
    body = (
      <Stack gap="md" aria-busy={loading}>
        <Text size="sm" c="dimmed" data-testid="comparison-period">
          {t('comparison.period', { from: formatMonthNumeric(comparison.fromMonth), to: formatMonthNumeric(comparison.month) })}
        </Text>
        <DashboardSection
          title={t('comparison.table.title')}
          intro={t('comparison.table.intro')}
          actions={<ExportButtons name="national-comparison" params={exportParams} table={t('comparison.table.title')} />}
          testId="comparison-section"
        >
          <ComparisonTable provinces={comparison.provinces} national={comparison.national} />
        </DashboardSection>
        <DashboardSection title={t('comparison.chart.title')} testId="comparison-chart-section">
          <ProvinceBarChart provinces={comparison.provinces} />
        </DashboardSection>
        <DashboardSection
          title={t('comparison.trend.title')}
          actions={<ExportButtons name="national-trend" params={exportParams} table={t('comparison.trend.title')} />}
          testId="comparison-trend-section"
        >
          <ProvinceTrendChart trend={comparison.trend} provinces={comparison.provinces} />
        </DashboardSection>
        <DashboardSection
          title={t('comparison.contributions.title')}
          intro={comparison.phase ? t('comparison.contributions.intro', { decision: comparison.phase.decisionNumber }) : t('comparison.contributions.noPhase')}
          actions={<ExportButtons name="national-contributions" params={exportParams} table={t('comparison.contributions.title')} />}
          testId="comparison-contributions"
        >
          <Contributions contributions={comparison.contributions} />
        </DashboardSection>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('comparison.title')}
        description={t('comparison.intro')}
        actions={
          <Anchor component={Link} to="/national/provinces" data-testid="comparison-provinces-link">
            {t('nav.provinces')}
          </Anchor>
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" maw={960}>
          <Select
            size="md"
            label={t('comparison.phase')}
            placeholder={t('comparison.phaseDefault')}
            data={(phases.data?.nationalPhases ?? []).map((phase) => ({
              value: phase.id,
              label: t('comparison.phaseOption', { decision: phase.decisionNumber, first: phase.firstYear, last: phase.lastYear }),
            }))}
            value={phaseId}
            onChange={(value) => change({ phase: value })}
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="comparison-phase"
          />
          <MonthSelect label={t('comparison.fromMonth')} value={fromMonth} max={month} onChange={(value) => change({ from: value })} testId="comparison-from" />
          <MonthSelect label={t('comparison.month')} value={month} onChange={(value) => change({ month: value })} testId="comparison-month" />
        </SimpleGrid>
        {body}
      </Stack>
    </>
  );
}
