import { useQuery } from '@apollo/client/react';
import { Anchor, Input, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAddressParams } from '../../app/address-params';
import { ExportButtons } from '../../app/exports/ExportButtons';
import { addMonths, currentMonth, formatMonthNumeric } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { MonthSelect } from '../../app/ui/MonthSelect';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ComparisonPhasesDocument, NationalComparisonDocument, type ProvinceMap } from '../../gql/graphql';
import { DashboardSection } from '../../province/dashboard/DashboardSection';
import { ProvinceBarChart, ProvinceTrendChart } from './ComparisonCharts';
import { ComparisonTable } from './ComparisonTable';
import { Contributions } from './Contributions';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The period, phase and map live in the address, so a comparison can be shared as it is seen. */
function filtersOf(params: URLSearchParams) {
  const requestedMonth = params.get('month');
  const month = requestedMonth && MONTH_PATTERN.test(requestedMonth) && requestedMonth <= currentMonth() ? requestedMonth : currentMonth();
  const requestedFrom = params.get('from');
  const fromMonth = requestedFrom && MONTH_PATTERN.test(requestedFrom) && requestedFrom <= month ? requestedFrom : addMonths(month, -11);
  // Today's map unless the map of the time is asked for.
  const map: ProvinceMap = params.get('map') === 'AT_THE_TIME' ? 'AT_THE_TIME' : 'TODAY';
  return { phaseId: params.get('phase'), fromMonth, month, map };
}

export function ComparisonPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useAddressParams();
  const { phaseId, fromMonth, month, map } = filtersOf(searchParams);
  const phases = useQuery(ComparisonPhasesDocument);
  const { data, previousData, loading, error, refetch } = useQuery(NationalComparisonDocument, {
    variables: { phaseId, fromMonth, month, map },
    fetchPolicy: 'cache-and-network',
  });
  const comparison = (data ?? previousData)?.nationalComparison;
  const exportParams = { phaseId, fromMonth, month, map };

  function change(next: { phase?: string | null; from?: string; month?: string; map?: string | null }) {
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
          {t('comparison.period', {
            from: formatMonthNumeric(comparison.fromMonth),
            to: formatMonthNumeric(comparison.month),
            map: t(`comparison.map.shown.${comparison.map}`),
          })}
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
            // The phase compared, also when it is the one in force by default; clearing goes back to that.
            value={phaseId ?? comparison?.phase?.id ?? null}
            onChange={(value) => change({ phase: value })}
            clearable={phaseId !== null}
            comboboxProps={{ withinPortal: true }}
            data-testid="comparison-phase"
          />
          <MonthSelect label={t('comparison.fromMonth')} value={fromMonth} max={month} onChange={(value) => change({ from: value })} testId="comparison-from" />
          <MonthSelect label={t('comparison.month')} value={month} onChange={(value) => change({ month: value })} testId="comparison-month" />
        </SimpleGrid>
        <Input.Wrapper
          label={t('comparison.map.label')}
          description={map === 'AT_THE_TIME' ? t('comparison.map.atTheTimeHint', { month: formatMonthNumeric(month) }) : t('comparison.map.todayHint')}
          inputWrapperOrder={['label', 'input', 'description']}
          maw={960}
        >
          <SegmentedControl
            fullWidth
            maw={480}
            mt={4}
            value={map}
            onChange={(value) => change({ map: value === 'AT_THE_TIME' ? value : null })}
            data={[
              { value: 'TODAY', label: t('comparison.map.today') },
              { value: 'AT_THE_TIME', label: t('comparison.map.atTheTime') },
            ]}
            data-testid="comparison-map"
          />
        </Input.Wrapper>
        {body}
      </Stack>
    </>
  );
}
