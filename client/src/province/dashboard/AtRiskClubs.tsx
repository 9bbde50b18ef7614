import { Anchor, Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import tableClasses from '../../app/ui/responsive-table.module.css';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import type { DashboardClubHealthFragment, ProvinceDashboardQuery } from '../../gql/graphql';
import { healthLevelColor, healthReasonText } from './dashboard-text';

/** The score and level of a club, as one badge pair. */
export function HealthBadges({ health }: { health: DashboardClubHealthFragment }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={healthLevelColor[health.level]} variant="filled" tt="none" className={tableClasses.badge} aria-label={t('dashboard.atRisk.scoreLabel', { score: health.score })} data-testid="health-score">
        {t('dashboard.atRisk.score', { score: health.score })}
      </Badge>
      <Badge color={healthLevelColor[health.level]} variant="light" tt="none" className={tableClasses.badge} data-testid="health-level" data-level={health.level}>
        {t(`dashboard.level.${health.level}`)}
      </Badge>
    </Group>
  );
}

export function HealthReasons({ reasons }: { reasons: DashboardClubHealthFragment['reasons'] }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return <Text size="sm" c="dimmed">{t('dashboard.atRisk.noReasons')}</Text>;
  return (
    <List size="sm" spacing={2} data-testid="health-reasons">
      {reasons.map((reason) => (
        <List.Item key={reason.code} data-testid="health-reason" data-code={reason.code}>
          {healthReasonText(t, reason.code, reason.value, i18n.resolvedLanguage)}{' '}
          <Text span size="xs" c="dimmed">
            ({t('dashboard.atRisk.pointsLost', { points: reason.pointsLost })})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

type ClubAtRisk = ProvinceDashboardQuery['provinceDashboard']['clubsAtRisk'][number];

interface AtRiskClubsProps {
  /** The unit's running clubs by score, worst first, as the dashboard gives them. */
  clubs: ClubAtRisk[];
  /** Where a club's page is, when the reader may open it. */
  clubPath: ((clubId: string) => string) | null;
}

/** The clubs at risk or to watch, worst first: each as a card, so that the reasons read on a phone. */
export function AtRiskClubs({ clubs, clubPath }: AtRiskClubsProps) {
  const { t } = useTranslation();
  const shown = clubs.filter((health) => health.level !== 'HEALTHY');
  if (shown.length === 0) return <EmptyMessage>{t('dashboard.atRisk.none')}</EmptyMessage>;
  return (
    <Stack gap="xs" data-testid="at-risk-list">
      {shown.map((health) => (
        <Paper key={health.club.id} withBorder radius="md" p="sm" data-testid="at-risk-club" data-club-id={health.club.id} data-level={health.level}>
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <Stack gap={0} style={{ flex: '1 1 14rem' }}>
                {clubPath ? (
                  <Anchor component={Link} to={clubPath(health.club.id)} fw={600} data-testid="at-risk-club-name">
                    {health.club.name}
                  </Anchor>
                ) : (
                  <Text fw={600} data-testid="at-risk-club-name">
                    {health.club.name}
                  </Text>
                )}
                <Text size="sm" c="dimmed">
                  {[health.club.commune.fullName, health.club.commune.parent?.fullName].filter(Boolean).join(', ')}
                </Text>
              </Stack>
              <HealthBadges health={health} />
            </Group>
            <HealthReasons reasons={health.reasons} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
