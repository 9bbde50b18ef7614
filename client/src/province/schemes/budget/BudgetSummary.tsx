import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../../app/format';
import type { PerClubMismatch, TotalsCheck } from './budget-draft';

interface BudgetSummaryProps {
  totals: TotalsCheck;
  mismatches: PerClubMismatch[];
  hasPerClubLines: boolean;
}

export function BudgetSummary({ totals, mismatches, hasPerClubLines }: BudgetSummaryProps) {
  const { t } = useTranslation();
  const off = totals.difference < 0n ? -totals.difference : totals.difference;
  const checkText = totals.balanced
    ? t('budget.check.match')
    : totals.difference < 0n
      ? t('budget.check.short', { amount: formatVnd(off) })
      : t('budget.check.over', { amount: formatVnd(off) });

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={500}>{t('budget.linesTotal')}</Text>
          <Text fw={700} fz="lg" data-testid="budget-lines-total">
            {formatVnd(totals.linesTotal)}
          </Text>
        </Group>
        <Group
          gap="xs"
          wrap="nowrap"
          c={totals.balanced ? 'teal.8' : 'red.8'}
          role="status"
          aria-live="polite"
          data-testid="budget-check"
          data-state={totals.balanced ? 'pass' : 'fail'}
        >
          {totals.balanced ? <IconCircleCheck size={20} /> : <IconAlertTriangle size={20} />}
          <Text fw={600} inherit>
            {checkText}
          </Text>
        </Group>
        {hasPerClubLines && (
          <div data-testid="budget-per-club-check" data-state={mismatches.length ? 'fail' : 'pass'}>
            {mismatches.length === 0 ? (
              <Group gap="xs" c="teal.8" wrap="nowrap">
                <IconCircleCheck size={18} />
                <Text size="sm" inherit>
                  {t('budget.check.perClubOk')}
                </Text>
              </Group>
            ) : (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle />} p="sm">
                <Stack gap={4}>
                  {mismatches.map((mismatch) => (
                    <Text key={mismatch.line.key} size="sm">
                      {t('budget.check.perClubMismatch', {
                        source: t(`budget.source.${mismatch.line.source}`),
                        purpose: t(`budget.purpose.${mismatch.line.purpose}`),
                        year: mismatch.year === null ? '' : t('budget.check.perClubYear', { year: mismatch.year }),
                        planned: mismatch.plannedClubs,
                        inPlan: mismatch.clubsInPlan,
                      })}
                    </Text>
                  ))}
                  <Text size="sm" c="dimmed">
                    {t('budget.check.perClubHint')}
                  </Text>
                </Stack>
              </Alert>
            )}
          </div>
        )}
      </Stack>
    </Paper>
  );
}
