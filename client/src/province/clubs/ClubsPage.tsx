import { useQuery } from '@apollo/client/react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAddressParams } from '../../app/address-params';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ProvinceClubsDocument, type ClubStatus } from '../../gql/graphql';
import { ClubDialog, type ClubDialogState } from './ClubDialog';
import { ClubFilters, type ClubFilterValues } from './ClubFilters';
import { ClubsTable } from './ClubsTable';

const PAGE_SIZE = 25;
const clubStatuses: readonly string[] = ['PLANNED', 'ACTIVE', 'SUSPENDED', 'DISSOLVED'] satisfies ClubStatus[];

/** The filters live in the address, so that coming back from a club's page finds the list as it was left. */
function filtersOf(params: URLSearchParams): ClubFilterValues {
  const status = params.get('status');
  return {
    districtId: params.get('district'),
    communeId: params.get('commune'),
    status: status && clubStatuses.includes(status) ? (status as ClubStatus) : null,
    search: params.get('q') ?? '',
  };
}

function paramsOf(filters: ClubFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.districtId) params.district = filters.districtId;
  if (filters.communeId) params.commune = filters.communeId;
  if (filters.status) params.status = filters.status;
  if (filters.search) params.q = filters.search;
  return params;
}

export function ClubsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useAddressParams();
  const filters = filtersOf(searchParams);
  const [dialog, setDialog] = useState<ClubDialogState>(null);
  const filtered = Boolean(filters.districtId || filters.communeId || filters.status || filters.search);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ProvinceClubsDocument, {
    variables: {
      first: PAGE_SIZE,
      unitId: filters.communeId ?? filters.districtId,
      statuses: filters.status ? [filters.status] : null,
      search: filters.search || null,
    },
    // Each filter has its own cached page (keyArgs in app/apollo.ts): shown at once, then refreshed.
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.clubs;
  const retry = () => void refetch().catch(() => undefined);

  function changeFilters(change: Partial<ClubFilterValues>) {
    setSearchParams((previous) => paramsOf({ ...filtersOf(previous), ...change }), { replace: true });
  }

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        clubs: { ...fetchMoreResult.clubs, edges: [...previous.clubs.edges, ...fetchMoreResult.clubs.edges] },
      }),
    });
  }

  let list;
  if (error && !data) list = <QueryError error={error} onRetry={retry} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) {
    list = filtered ? (
      <EmptyMessage>
        <Stack gap="xs" align="center">
          <Text inherit>{t('provinceClubs.clubs.noMatch')}</Text>
          <Button variant="subtle" onClick={() => setSearchParams(() => ({}), { replace: true })}>
            {t('provinceClubs.clubs.clearFilters')}
          </Button>
        </Stack>
      </EmptyMessage>
    ) : (
      <EmptyMessage>{t('provinceClubs.clubs.empty')}</EmptyMessage>
    );
  } else {
    list = (
      <Stack gap="sm" aria-busy={loading}>
        <Text c="dimmed" data-testid="clubs-count">
          {t('provinceClubs.clubs.total', { count: connection.totalCount })}
        </Text>
        <ClubsTable
          clubs={connection.edges.map((edge) => edge.node)}
          onEdit={(club) => setDialog({ kind: 'edit', club })}
          onChangeStatus={(club) => setDialog({ kind: 'status', club })}
        />
        {connection.pageInfo.hasNextPage && (
          <Group justify="center">
            <LoadMoreButton onLoadMore={() => loadMore(connection.pageInfo.endCursor)} testId="clubs-load-more" />
          </Group>
        )}
      </Stack>
    );
  }

  // The club being edited is read from the list, so that a reload after a conflict reaches the open form.
  const liveDialog: ClubDialogState =
    dialog && dialog.kind !== 'create' ? { ...dialog, club: connection?.edges.find((edge) => edge.node.id === dialog.club.id)?.node ?? dialog.club } : dialog;

  return (
    <>
      <PageHeader
        title={t('provinceClubs.clubs.title')}
        description={t('provinceClubs.clubs.intro')}
        actions={
          <Button leftSection={<IconPlus size={20} />} onClick={() => setDialog({ kind: 'create' })} data-testid="club-create-open">
            {t('provinceClubs.clubs.add')}
          </Button>
        }
      />
      <Stack gap="md">
        <ClubFilters values={filters} onChange={changeFilters} />
        {list}
      </Stack>
      <ClubDialog dialog={liveDialog} onClose={() => setDialog(null)} onCreated={(club) => void navigate(`/province/clubs/${club.id}`)} />
    </>
  );
}
