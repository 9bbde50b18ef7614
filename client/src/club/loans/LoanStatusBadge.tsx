import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LoanStatus } from '../../gql/graphql';

const colors: Record<LoanStatus, string> = {
  REQUESTED: 'yellow',
  APPROVED: 'blue',
  DISBURSED: 'teal',
  CLOSED: 'gray',
  REJECTED: 'gray',
  WRITTEN_OFF: 'red',
};

export function LoanStatusBadge({ status }: { status: LoanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" tt="none" size="lg" data-testid="loan-status" data-status={status}>
      {t(`clubArea.loanStatus.${status}`)}
    </Badge>
  );
}
