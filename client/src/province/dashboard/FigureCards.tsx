import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatVnd } from '../../app/format';
import { sumVnd } from '../../app/money';
import type { DashboardFigureSetFragment } from '../../gql/graphql';
import classes from './dashboard.module.css';
import { shareOf } from './dashboard-text';

function FigureCard({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700} className={classes.figureValue} data-testid="figure-value">
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" data-testid="figure-detail">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

export function FigureCards({ figures }: { figures: DashboardFigureSetFragment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const number = (value: number) => formatNumber(value, language);
  const ofMembers = (value: number) => {
    const percent = shareOf(value, figures.members, language);
    return percent ? t('dashboard.figures.shareOfMembers', { percent }) : undefined;
  };
  const funds = sumVnd([figures.incomeFund, figures.activityFund]);

  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" data-testid="dashboard-figures">
      <FigureCard label={t('dashboard.figures.clubs')} value={number(figures.clubs)} testId="figure-clubs" />
      <FigureCard label={t('dashboard.figures.members')} value={number(figures.members)} testId="figure-members" />
      <FigureCard label={t('dashboard.figures.olderMembers')} value={number(figures.olderMembers)} detail={ofMembers(figures.olderMembers)} testId="figure-older" />
      <FigureCard label={t('dashboard.figures.womenMembers')} value={number(figures.womenMembers)} detail={ofMembers(figures.womenMembers)} testId="figure-women" />
      <FigureCard
        label={t('dashboard.figures.poorOrNearPoorMembers')}
        value={number(figures.poorOrNearPoorMembers)}
        detail={ofMembers(figures.poorOrNearPoorMembers)}
        testId="figure-poor"
      />
      <FigureCard label={t('dashboard.figures.borrowers')} value={number(figures.borrowers)} detail={ofMembers(figures.borrowers)} testId="figure-borrowers" />
      <FigureCard label={t('dashboard.figures.communesWithClub')} value={number(figures.communesWithClub)} testId="figure-communes" />
      <FigureCard
        label={t('dashboard.figures.funds')}
        value={formatVnd(funds)}
        detail={t('dashboard.figures.fundsDetail', { income: formatVnd(figures.incomeFund), activity: formatVnd(figures.activityFund) })}
        testId="figure-funds"
      />
    </SimpleGrid>
  );
}
