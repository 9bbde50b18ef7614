import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, formatVnd } from '../../app/format';
import type { ProvinceDashboardQuery } from '../../gql/graphql';
import classes from './dashboard.module.css';

type Portfolio = ProvinceDashboardQuery['provinceDashboard']['loans'];

function Figure({ label, value, detail, testId, danger = false }: { label: string; value: string; detail?: string; testId: string; danger?: boolean }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} style={{ whiteSpace: 'nowrap' }} c={danger ? 'red.8' : undefined} className={classes.figureValue} data-testid="figure-value">
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Stack>
  );
}

export function LoansFigures({ loans }: { loans: Portfolio }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return (
    <SimpleGrid cols={{ base: 1, xs: 3, md: 2, xl: 3 }} spacing="md">
      <Figure label={t('dashboard.loans.outstanding')} value={formatVnd(loans.outstandingPrincipal)} testId="loans-outstanding" />
      <Figure label={t('dashboard.loans.activeLoans')} value={formatNumber(loans.activeLoans, language)} testId="loans-active" />
      <Figure
        label={t('dashboard.loans.par30')}
        value={formatPercent(loans.par30, language)}
        detail={t('dashboard.loans.atRisk', { count: loans.loansAtRisk, amount: formatVnd(loans.principalAtRisk) })}
        danger={Number(loans.par30) > 5}
        testId="loans-par30"
      />
    </SimpleGrid>
  );
}
