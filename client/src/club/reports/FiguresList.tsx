import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../app/format';
import type { ReportFiguresFieldsFragment } from '../../gql/graphql';
import { activityAreas } from '../activities/activity-areas';
import { formatDecimal } from '../club-format';
import { InfoRows, type InfoRow } from '../ui/InfoRows';

type FigureKey = Exclude<keyof ReportFiguresFieldsFragment, 'activitiesByArea' | '__typename'>;

/** A month's figures grouped as the club's paper report has them. */
export function FiguresList({ figures }: { figures: ReportFiguresFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const percent = (value: string) => `${formatDecimal(value, i18n.resolvedLanguage)}%`;
  const people = (count: number) => t('clubArea.common.people', { count });
  const row = (key: FigureKey, value: ReactNode, indent = false): InfoRow => ({
    key,
    label: indent ? <Text span pl="md" inherit>{t(`clubArea.figures.${key}`)}</Text> : t(`clubArea.figures.${key}`),
    value,
    testId: `figure-${key}`,
  });
  const groups: Array<{ key: 'members' | 'activities' | 'homeCare' | 'loans' | 'funds'; rows: InfoRow[] }> = [
    {
      key: 'members',
      rows: [
        row('members', people(figures.members)),
        ...(['women', 'older', 'poor', 'nearPoor', 'ethnicMinority', 'disability', 'livesAlone', 'needsHomeCare'] as const).map((key) => row(key, people(figures[key]), true)),
        row('joined', people(figures.joined)),
        row('left', people(figures.left)),
      ],
    },
    {
      key: 'activities',
      rows: [
        row('activities', figures.activities),
        ...activityAreas.map((area) => ({
          key: `area-${area}`,
          label: <Text span pl="md" inherit>{t(`clubArea.activityArea.${area}`)}</Text>,
          value: figures.activitiesByArea.find((count) => count.area === area)?.activities ?? 0,
        })),
        row('meetings', figures.meetings),
        row('attendanceRate', percent(figures.attendanceRate)),
      ],
    },
    {
      key: 'homeCare',
      rows: [row('homeCareVolunteers', people(figures.homeCareVolunteers)), row('homeCareVisits', figures.homeCareVisits), row('membersVisited', people(figures.membersVisited))],
    },
    {
      key: 'loans',
      rows: [
        row('loansDisbursed', figures.loansDisbursed),
        row('amountDisbursed', formatVnd(figures.amountDisbursed)),
        row('principalRepaid', formatVnd(figures.principalRepaid)),
        row('interestReceived', formatVnd(figures.interestReceived)),
        row('loansOutstanding', figures.loansOutstanding),
        row('outstandingPrincipal', formatVnd(figures.outstandingPrincipal)),
        row('loansOverdue', figures.loansOverdue),
        row('principalOverdue', formatVnd(figures.principalOverdue)),
        row('par30', percent(figures.par30)),
      ],
    },
    {
      key: 'funds',
      rows: [row('contributions', formatVnd(figures.contributions)), row('incomeGenerationFund', formatVnd(figures.incomeGenerationFund)), row('activityFund', formatVnd(figures.activityFund))],
    },
  ];
  return (
    <Stack gap="sm" data-testid="report-figures">
      {groups.map((group) => (
        <Card key={group.key} withBorder radius="md" padding="sm">
          <Title order={3} fz="md" mb={4}>
            {t(`clubArea.figures.groups.${group.key}`)}
          </Title>
          <InfoRows rows={group.rows} />
        </Card>
      ))}
    </Stack>
  );
}
