import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from '../../app/ui/responsive-table.module.css';
import type { SchemeStatus } from '../../gql/graphql';

const statusColors: Record<SchemeStatus, string> = { DRAFT: 'yellow', APPROVED: 'teal', CLOSED: 'gray' };

export function SchemeStatusBadge({ status }: { status: SchemeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none" size="lg" className={classes.badge} data-testid="scheme-status" data-status={status}>
      {t(`schemes.status.${status}`)}
    </Badge>
  );
}
