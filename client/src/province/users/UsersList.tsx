import { useQuery } from '@apollo/client/react';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { UsersDocument } from '../../gql/graphql';
import { UsersTable } from './UsersTable';

const PAGE_SIZE = 25;

export function UsersList({ search }: { search: string }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(UsersDocument, {
    variables: { first: PAGE_SIZE, search: search || null },
  });
  const connection = (data ?? previousData)?.users;
  const retry = () => void refetch().catch(() => undefined);

  if (error && !data) return <QueryError error={error} onRetry={retry} />;
  if (!connection) return <LoadingBlock />;
  if (connection.totalCount === 0) {
    return <EmptyMessage>{search ? t('users.noMatch', { search }) : t('users.empty')}</EmptyMessage>;
  }

  return (
    <Stack gap="sm" aria-busy={loading}>
      <Text c="dimmed" data-testid="users-count">
        {t('users.total', { count: connection.totalCount })}
      </Text>
      <UsersTable users={connection.edges.map((edge) => edge.node)} onStale={retry} />
      {connection.pageInfo.hasNextPage && (
        <LoadMoreButton onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })} />
      )}
    </Stack>
  );
}
