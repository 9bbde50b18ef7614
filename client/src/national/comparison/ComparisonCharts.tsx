import { BarChart, LineChart } from '@mantine/charts';
import { Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonthNumeric, formatNumber } from '../../app/format';
import type { NationalComparisonQuery, ProvinceComparisonRowFragment } from '../../gql/graphql';
import { formatMetric, metricColumns, type MetricKey } from './comparison-columns';

const TREND_PROVINCES = 8;
const COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.7', 'lime.7', 'pink.6'];

/** One bar per province for the measure chosen (members unless another is picked). */
export function ProvinceBarChart({ provinces }: { provinces: ProvinceComparisonRowFragment[] }) {
  const { t, i18n } = useTranslation();
  const [metric, setMetric] = useState<MetricKey>('members');
  const column = metricColumns.find((candidate) => candidate.key === metric)!;
  const data = provinces
    .map((row) => ({ province: row.tenant?.name ?? '', value: column.value(row) }))
    .filter((row): row is { province: string; value: number } => row.value !== null)
    .sort((left, right) => right.value - left.value);
  return (
    <Stack gap="xs">
      <Select
        size="md"
        maw={360}
        label={t('comparison.chart.metric')}
        data={metricColumns.map((candidate) => ({ value: candidate.key, label: t(`comparison.table.${candidate.key}`) }))}
        value={metric}
        onChange={(value) => value && setMetric(value as MetricKey)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="comparison-metric"
      />
      <BarChart
        h={Math.max(220, data.length * 36 + 60)}
        data={data}
        dataKey="province"
        orientation="vertical"
        series={[{ name: 'value', label: t(`comparison.table.${metric}`), color: 'blue.6' }]}
        valueFormatter={(value) => formatMetric(column, value, i18n.resolvedLanguage)}
        yAxisProps={{ width: 110 }}
        withBarValueLabel
        data-testid="comparison-chart"
      />
    </Stack>
  );
}

type TrendPoint = NationalComparisonQuery['nationalComparison']['trend'][number];

/** Members or clubs month by month, a line per province: the provinces with most members when there are many. */
export function ProvinceTrendChart({ trend, provinces }: { trend: TrendPoint[]; provinces: ProvinceComparisonRowFragment[] }) {
  const { t, i18n } = useTranslation();
  const [metric, setMetric] = useState<'members' | 'clubs'>('members');
  const shown = [...provinces]
    .sort((left, right) => right.figures.members - left.figures.members)
    .slice(0, TREND_PROVINCES)
    .map((row) => row.tenant)
    .filter((tenant): tenant is NonNullable<typeof tenant> => Boolean(tenant));
  const byMonth = new Map<string, Record<string, string | number>>();
  for (const point of trend) {
    if (!shown.some((tenant) => tenant.id === point.tenant.id)) continue;
    const month = String(point.month);
    const row = byMonth.get(month) ?? { month: formatMonthNumeric(month) };
    row[point.tenant.id] = point[metric];
    byMonth.set(month, row);
  }
  const data = [...byMonth.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([, row]) => row);
  return (
    <Stack gap="xs">
      <Select
        size="md"
        maw={360}
        label={t('comparison.trend.metric')}
        data={[
          { value: 'members', label: t('comparison.trend.members') },
          { value: 'clubs', label: t('comparison.trend.clubs') },
        ]}
        value={metric}
        onChange={(value) => value && setMetric(value as 'members' | 'clubs')}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="comparison-trend-metric"
      />
      <LineChart
        h={280}
        data={data}
        dataKey="month"
        series={shown.map((tenant, index) => ({ name: tenant.id, label: tenant.name, color: COLORS[index % COLORS.length] }))}
        curveType="monotone"
        withLegend
        valueFormatter={(value) => formatNumber(value, i18n.resolvedLanguage)}
        yAxisProps={{ allowDecimals: false }}
        data-testid="comparison-trend-chart"
      />
      {provinces.length > TREND_PROVINCES && (
        <Text size="sm" c="dimmed">
          {t('comparison.trend.topNote', { count: TREND_PROVINCES })}
        </Text>
      )}
    </Stack>
  );
}
