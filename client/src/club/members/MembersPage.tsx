import { useQuery } from '@apollo/client/react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconFileImport, IconPrinter, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PRINT_ON_OPEN } from '../../app/print/print-on-open';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubMembersDocument, type ClubMemberListItemFragment } from '../../gql/graphql';
import classes from '../ui/club-ui.module.css';
import { MemberBadges } from './MemberBadges';
import { filtersOf, isFiltered, MemberFilters, paramsOf, type MemberFilterValues } from './MemberFilters';

const PAGE_SIZE = 30;

function MemberRow({ member }: { member: ClubMemberListItemFragment }) {
  const { t } = useTranslation();
  return (
    <Link to={`/club/members/${member.id}`} className={classes.listCard} data-testid="member-row" data-member-id={member.id}>
      <Stack gap={4}>
        <Text fw={600} size="lg" className={classes.wrapName} data-testid="member-name">
          {member.fullName}
        </Text>
        <Text c="dimmed" size="sm">
          {t('clubArea.members.summary', { sex: t(`clubArea.sex.${member.sex}`), age: member.age, year: member.birthYear })}
        </Text>
        <MemberBadges member={member} />
      </Stack>
    </Link>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersOf(searchParams);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ClubMembersDocument, {
    variables: {
      first: PAGE_SIZE,
      search: filters.search.trim() || null,
      standing: filters.standing,
      sex: filters.sex,
      older: filters.older || null,
      poorOrNearPoor: filters.poorOrNearPoor || null,
      homeCareVolunteer: filters.homeCareVolunteer || null,
      needsHomeCare: filters.needsHomeCare || null,
      possibleDuplicate: filters.possibleDuplicate || null,
    },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.members;

  function changeFilters(change: Partial<MemberFilterValues>) {
    setSearchParams((previous) => paramsOf({ ...filtersOf(previous), ...change }), { replace: true });
  }

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        members: { ...fetchMoreResult.members, edges: [...previous.members.edges, ...fetchMoreResult.members.edges] },
      }),
    });
  }

  let list;
  if (error && !connection) list = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) {
    list = <EmptyMessage>{isFiltered(filters) ? t('clubArea.members.noMatch') : t('clubArea.members.empty')}</EmptyMessage>;
  } else {
    list = (
      <Stack gap="xs" aria-busy={loading}>
        <Text c="dimmed" data-testid="members-total">
          {t('clubArea.members.total', { count: connection.totalCount })}
        </Text>
        {connection.edges.map((edge) => (
          <MemberRow key={edge.node.id} member={edge.node} />
        ))}
        {connection.pageInfo.hasNextPage && (
          <Group justify="center">
            <LoadMoreButton onLoadMore={() => loadMore(connection.pageInfo.endCursor)} testId="members-load-more" />
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('clubArea.members.title')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/club/members/print" state={PRINT_ON_OPEN} variant="default" leftSection={<IconPrinter size={20} />} data-testid="members-print">
              {t('print.members.open')}
            </Button>
            <Button component={Link} to="/club/members/new" leftSection={<IconUserPlus size={20} />} data-testid="member-add">
              {t('clubArea.members.add')}
            </Button>
            <Button component={Link} to="/club/members/import" variant="default" leftSection={<IconFileImport size={20} />} data-testid="members-import">
              {t('imports.club.title')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md" maw={900}>
        <MemberFilters filters={filters} onChange={changeFilters} />
        {list}
      </Stack>
    </>
  );
}
