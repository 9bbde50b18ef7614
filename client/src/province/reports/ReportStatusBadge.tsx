import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from '../../app/ui/responsive-table.module.css';
import type { ReportStatus } from '../../gql/graphql';

const statusColors: Record<ReportStatus, string> = { DRAFT: 'gray', SUBMITTED: 'blue', APPROVED: 'teal', RETURNED: 'orange' };

/** The report's status, and whether it came in (or is still out) after the due day. */
export function ReportStatusBadge({ status, late }: { status: ReportStatus; late: boolean }) {
  const { t } = useTranslation();
  const notIn = status === 'DRAFT' || status === 'RETURNED';
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ display: 'inline-flex' }}>
      <Badge color={statusColors[status]} variant="light" tt="none" size="lg" className={classes.badge} data-testid="report-status" data-status={status}>
        {t(`provinceClubs.reportStatus.${status}`)}
      </Badge>
      {late && (
        <Badge color="red" variant="outline" tt="none" size="lg" className={classes.badge} data-testid="report-late">
          {notIn ? t('provinceClubs.reports.overdue') : t('provinceClubs.reports.late')}
        </Badge>
      )}
    </Group>
  );
}
