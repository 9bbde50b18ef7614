import { useQuery } from '@apollo/client/react';
import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { AdminUnitSearchDocument, type AdminUnitSearchQuery } from '../../gql/graphql';
import { UnitSummary } from './UnitSummary';

const PAGE_SIZE = 20;

type SearchedUnit = AdminUnitSearchQuery['adminUnits']['edges'][number]['node'];

type Ancestor = SearchedUnit['ancestors'][number];

/** The province reads best by its bare name ("Kiên Giang"); lower units need their kind ("Huyện Kiên Lương"). */
function ancestorLabel(ancestor: Ancestor): string {
  return ancestor.level === 1 ? ancestor.name : ancestor.fullName;
}

function ancestorTrail(unit: SearchedUnit): string {
  return unit.ancestors
    .filter((ancestor) => ancestor.id !== unit.id)
    .sort((left, right) => left.level - right.level)
    .map(ancestorLabel)
    .join(' › ');
}

function SearchResult({ unit }: { unit: SearchedUnit }) {
  const trail = ancestorTrail(unit);
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid="hierarchy-search-result" data-unit-id={unit.id}>
      <Stack gap={4}>
        {trail && (
          <Text size="sm" c="dimmed" data-testid="hierarchy-search-breadcrumb">
            {trail}
          </Text>
        )}
        <UnitSummary unit={unit} />
      </Stack>
    </Paper>
  );
}

export function UnitSearchResults({ search }: { search: string }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AdminUnitSearchDocument, {
    variables: { search, first: PAGE_SIZE },
  });
  const connection = (data ?? previousData)?.adminUnits;

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!connection) return <LoadingBlock />;

  return (
    <Stack gap="sm" aria-busy={loading} data-testid="hierarchy-search-results">
      {connection.totalCount > 0 ? (
        <Text c="dimmed" role="status" aria-live="polite" data-testid="hierarchy-search-count">
          {t('hierarchy.resultsCount', { count: connection.totalCount })}
        </Text>
      ) : (
        <EmptyMessage>{t('hierarchy.noResults', { search })}</EmptyMessage>
      )}
      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none', opacity: loading ? 0.6 : 1 }}>
        {connection.edges.map(({ node }) => (
          <SearchResult key={node.id} unit={node} />
        ))}
      </Stack>
      {connection.pageInfo.hasNextPage && (
        <LoadMoreButton
          testId="search-load-more"
          onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        />
      )}
    </Stack>
  );
}
