import { LineChart } from '@mantine/charts';
import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonthNumeric, formatNumber } from '../../app/format';
import type { ProvinceDashboardQuery } from '../../gql/graphql';

type MonthFigures = ProvinceDashboardQuery['provinceDashboard']['trend'][number];
type View = 'members' | 'clubs';

/** Members and clubs live on different scales, so each has its own chart. */
export function TrendChart({ trend }: { trend: MonthFigures[] }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('members');
  const data = trend.map((point) => ({ ...point, month: formatMonthNumeric(point.month) }));
  const series =
    view === 'members'
      ? [
          { name: 'members', label: t('dashboard.trend.members'), color: 'blue.6' },
          { name: 'olderMembers', label: t('dashboard.trend.olderMembers'), color: 'grape.6' },
          { name: 'womenMembers', label: t('dashboard.trend.womenMembers'), color: 'pink.6' },
          { name: 'borrowers', label: t('dashboard.trend.borrowers'), color: 'orange.6' },
        ]
      : [
          { name: 'clubs', label: t('dashboard.trend.clubs'), color: 'teal.6' },
          { name: 'clubsMeetingStandard', label: t('dashboard.units.columnStandard'), color: 'lime.7' },
        ];
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={view}
        onChange={(value) => setView(value as View)}
        data={[
          { value: 'members', label: t('dashboard.trend.members') },
          { value: 'clubs', label: t('dashboard.trend.clubs') },
        ]}
        style={{ alignSelf: 'flex-start' }}
        data-testid="trend-view"
      />
      <LineChart
        h={260}
        data={data}
        dataKey="month"
        series={series}
        curveType="monotone"
        withLegend
        valueFormatter={(value) => formatNumber(value, i18n.resolvedLanguage)}
        yAxisProps={{ allowDecimals: false }}
        data-testid="trend-chart"
      />
    </Stack>
  );
}
