import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../gql/graphql';

const colors: Record<ReportStatus, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  APPROVED: 'teal',
  RETURNED: 'orange',
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" tt="none" size="lg" data-testid="report-status" data-status={status}>
      {t(`clubArea.reportStatus.${status}`)}
    </Badge>
  );
}
