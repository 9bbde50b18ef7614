import { useQuery } from '@apollo/client/react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { ProvinceMonthlyReportsDocument, type ReportStatus } from '../../gql/graphql';
import { ReportsTable } from './ReportsTable';

const PAGE_SIZE = 25;

interface ReportListProps {
  statuses: ReportStatus[];
  month?: string | null;
  clubId?: string;
  title?: string;
  emptyMessage: string;
  testId: string;
}

/** One list of reports with the given filters, a page at a time. */
export function ReportList({ statuses, month, clubId, title, emptyMessage, testId }: ReportListProps) {
  const { t } = useTranslation();
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ProvinceMonthlyReportsDocument, {
    // The waiting queue is worked through oldest month first; other lists show the newest first.
    variables: {
      first: PAGE_SIZE,
      statuses,
      month: month ?? null,
      clubId: clubId ?? null,
      oldestFirst: statuses.length === 1 && statuses[0] === 'SUBMITTED',
    },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.monthlyReports;

  let body;
  if (error && !data) body = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!connection) body = <LoadingBlock />;
  else if (connection.totalCount === 0) body = <EmptyMessage>{emptyMessage}</EmptyMessage>;
  else {
    const { endCursor, hasNextPage } = connection.pageInfo;
    body = (
      <Stack gap="sm" aria-busy={loading}>
        <ReportsTable reports={connection.edges.map((edge) => edge.node)} showClub={!clubId} testId={testId} />
        {hasNextPage && (
          <Group justify="center">
            <LoadMoreButton
              onLoadMore={() =>
                fetchMore({
                  variables: { after: endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    ...fetchMoreResult,
                    monthlyReports: {
                      ...fetchMoreResult.monthlyReports,
                      edges: [...previous.monthlyReports.edges, ...fetchMoreResult.monthlyReports.edges],
                    },
                  }),
                })
              }
            />
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="xs">
      {(title || connection) && (
        <Group justify="space-between" align="baseline">
          {title && (
            <Title order={2} fz="lg">
              {title}
            </Title>
          )}
          {connection && connection.totalCount > 0 && (
            <Text c="dimmed" size="sm" data-testid={`${testId}-count`}>
              {t('provinceClubs.reports.total', { count: connection.totalCount })}
            </Text>
          )}
        </Group>
      )}
      {body}
    </Stack>
  );
}
