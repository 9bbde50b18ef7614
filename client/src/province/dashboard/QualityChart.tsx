import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import type { ProvinceDashboardQuery } from '../../gql/graphql';

type QualityBand = ProvinceDashboardQuery['provinceDashboard']['quality'][number];

export function QualityChart({ quality }: { quality: QualityBand[] }) {
  const { t, i18n } = useTranslation();
  const data = [...quality]
    .sort((left, right) => left.itemsMet - right.itemsMet)
    .map((band) => ({ band: t('dashboard.quality.band', { items: band.itemsMet }), clubs: band.clubs }));
  const meeting = quality.find((band) => band.itemsMet === 6)?.clubs ?? 0;
  return (
    <>
      <BarChart
        h={240}
        data={data}
        dataKey="band"
        series={[{ name: 'clubs', label: t('dashboard.quality.clubs'), color: 'teal.6' }]}
        valueFormatter={(value) => formatNumber(value, i18n.resolvedLanguage)}
        yAxisProps={{ allowDecimals: false }}
        withBarValueLabel
        xAxisLabel={t('dashboard.quality.axis')}
        data-testid="quality-chart"
      />
      <Text size="sm" c="dimmed">
        {t('dashboard.quality.meetingStandard', { count: meeting })}
      </Text>
    </>
  );
}
