import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import classes from '../../app/ui/responsive-table.module.css';
import type { ClubStatus } from '../../gql/graphql';
import lines from './clubs.module.css';

const statusColors: Record<ClubStatus, string> = {
  PLANNED: 'blue',
  ACTIVE: 'teal',
  SUSPENDED: 'orange',
  DISSOLVED: 'gray',
};

export function ClubStatusBadge({ status, since }: { status: ClubStatus; since?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={lines.cellLines}>
      <Badge color={statusColors[status]} variant="light" tt="none" size="lg" className={classes.badge} data-testid="club-status" data-status={status}>
        {t(`clubStatus.${status}`)}
      </Badge>
      {since && (
        <Text span size="sm" c="dimmed" data-testid="club-status-since">
          {t('provinceClubs.clubs.since', { date: formatDate(since) })}
        </Text>
      )}
    </span>
  );
}
