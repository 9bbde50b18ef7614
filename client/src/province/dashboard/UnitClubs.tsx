import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber, formatVnd } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { QueryError } from '../../app/ui/QueryError';
import { DashboardUnitClubsDocument } from '../../gql/graphql';
import { HealthBadges, HealthReasons } from './AtRiskClubs';
import classes from './dashboard.module.css';

const PAGE_SIZE = 25;

interface UnitClubsProps {
  tenantId: string | null;
  unitId: string;
  month: string;
  clubPath: ((clubId: string) => string) | null;
}

/** Every club of a unit with its figures and early-warning score at the month. */
export function UnitClubs({ tenantId, unitId, month, clubPath }: UnitClubsProps) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.resolvedLanguage);
  const { data, previousData, error, refetch, fetchMore } = useQuery(DashboardUnitClubsDocument, {
    variables: { tenantId, unitId, month, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.clubs;
  if (error && !connection) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!connection) return <LoadingBlock />;
  if (connection.edges.length === 0) return <EmptyMessage>{t('dashboard.clubs.empty')}</EmptyMessage>;

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        clubs: { ...fetchMoreResult.clubs, edges: [...previous.clubs.edges, ...fetchMoreResult.clubs.edges] },
      }),
    });
  }

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="unit-clubs-count">
        {t('dashboard.clubs.total', { count: connection.totalCount })}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" striped highlightOnHover data-testid="unit-clubs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.clubs.columnClub')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnMembers')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnOlder')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnWomen')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnPoor')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnBorrowers')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnQuality')}</Table.Th>
              <Table.Th className={classes.number}>{t('dashboard.clubs.columnFunds')}</Table.Th>
              <Table.Th>{t('dashboard.clubs.columnHealth')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {connection.edges.map(({ node: club }) => {
              const figures = club.figures;
              return (
                <Table.Tr key={club.id} data-testid="unit-club-row" data-club-id={club.id}>
                  <Table.Td className={classes.name} miw={300}>
                    {clubPath ? (
                      <Anchor component={Link} to={clubPath(club.id)} fw={600} data-testid="unit-club-link">
                        {club.name}
                      </Anchor>
                    ) : (
                      <Text fw={600} data-testid="unit-club-link">
                        {club.name}
                      </Text>
                    )}
                    <Text size="sm" c="dimmed">
                      {[club.hamlet?.fullName, club.commune.fullName].filter(Boolean).join(', ')}
                    </Text>
                    {club.health && club.health.reasons.length > 0 && <HealthReasons reasons={club.health.reasons} />}
                  </Table.Td>
                  {figures ? (
                    <>
                      <Table.Td className={classes.number} data-testid="unit-club-members">
                        {number(figures.members)}
                      </Table.Td>
                      <Table.Td className={classes.number}>{number(figures.olderMembers)}</Table.Td>
                      <Table.Td className={classes.number}>{number(figures.womenMembers)}</Table.Td>
                      <Table.Td className={classes.number}>{number(figures.poorOrNearPoorMembers)}</Table.Td>
                      <Table.Td className={classes.number}>{number(figures.borrowers)}</Table.Td>
                      <Table.Td className={classes.number}>{t('dashboard.clubs.quality', { met: figures.itemsMet })}</Table.Td>
                      <Table.Td className={classes.number}>
                        <Stack gap={0} align="flex-end">
                          <Text span size="sm">
                            {formatVnd(figures.incomeFund)}
                          </Text>
                          <Text span size="sm">
                            {formatVnd(figures.activityFund)}
                          </Text>
                        </Stack>
                      </Table.Td>
                    </>
                  ) : (
                    <Table.Td colSpan={7}>
                      <Text size="sm" c="dimmed">
                        {t('dashboard.clubs.noFigures')}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td>
                    {club.health ? (
                      <HealthBadges health={club.health} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('dashboard.clubs.notRunning')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {connection.pageInfo.hasNextPage && (
        <Group justify="center">
          <LoadMoreButton onLoadMore={() => loadMore(connection.pageInfo.endCursor)} testId="unit-clubs-load-more" />
        </Group>
      )}
    </Stack>
  );
}
