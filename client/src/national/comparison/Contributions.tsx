import { Badge, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import type { NationalComparisonQuery } from '../../gql/graphql';
import classes from '../../province/dashboard/dashboard.module.css';
import { formatIndicatorValue, indicatorName } from '../../province/dashboard/dashboard-text';

type Contribution = NationalComparisonQuery['nationalComparison']['contributions'][number];

/** Each national target measured by a shared indicator, with what each province brings to it. */
export function Contributions({ contributions }: { contributions: Contribution[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  if (contributions.length === 0) return <EmptyMessage>{t('comparison.contributions.none')}</EmptyMessage>;
  return (
    <Stack gap="sm" data-testid="contributions">
      {contributions.map((contribution) => {
        const unit = contribution.indicator.unit;
        const percent = Math.min(100, Number(contribution.percentAchieved) || 0);
        return (
          <Paper key={contribution.phaseTarget.id} withBorder radius="md" p="sm" data-testid="contribution" data-code={contribution.indicator.code}>
            <Stack gap="xs">
              <Text fw={600}>{language === 'en' ? contribution.phaseTarget.descriptionEn : contribution.phaseTarget.descriptionVi}</Text>
              <Group gap="xs">
                <Badge variant="light" tt="none">
                  {indicatorName(contribution.indicator, language)}
                </Badge>
                <Text size="sm">
                  {t('comparison.contributions.target')}: {formatIndicatorValue(contribution.target, unit, language)}
                  {contribution.byYear ? ` ${t('comparison.contributions.byYear', { year: contribution.byYear })}` : ''}
                </Text>
                <Text size="sm">
                  {t('comparison.contributions.actual')}: {formatIndicatorValue(contribution.actual, unit, language)} ({formatPercent(contribution.percentAchieved, language)})
                </Text>
              </Group>
              <Progress value={percent} size="md" radius="xl" aria-label={formatPercent(contribution.percentAchieved, language)} />
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing={4} striped data-testid="contribution-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('comparison.contributions.columnProvince')}</Table.Th>
                      <Table.Th className={classes.number}>{t('comparison.contributions.columnValue')}</Table.Th>
                      <Table.Th className={classes.number}>{t('comparison.contributions.columnShare')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {[...contribution.provinces]
                      .sort((left, right) => Number(right.value) - Number(left.value) || left.tenant.name.localeCompare(right.tenant.name, 'vi'))
                      .map((province) => (
                        <Table.Tr key={province.tenant.id}>
                          <Table.Td>{province.tenant.name}</Table.Td>
                          <Table.Td className={classes.number}>{formatIndicatorValue(province.value, unit, language)}</Table.Td>
                          <Table.Td className={classes.number}>{formatPercent(province.percentOfTarget, language)}</Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
