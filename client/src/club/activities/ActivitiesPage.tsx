import { useQuery } from '@apollo/client/react';
import { Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubActivitiesDocument, type ActivityArea } from '../../gql/graphql';
import classes from '../ui/club-ui.module.css';
import { activityAreas } from './activity-areas';

const PAGE_SIZE = 30;

export function ActivitiesPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const areaParam = searchParams.get('area');
  const area = activityAreas.includes(areaParam as ActivityArea) ? (areaParam as ActivityArea) : null;
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ClubActivitiesDocument, {
    variables: { first: PAGE_SIZE, area },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.activities;

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        activities: { ...fetchMoreResult.activities, edges: [...previous.activities.edges, ...fetchMoreResult.activities.edges] },
      }),
    });
  }

  let list;
  if (error && !connection) list = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) list = <EmptyMessage>{t('clubArea.activities.empty')}</EmptyMessage>;
  else {
    list = (
      <Stack gap="xs" aria-busy={loading}>
        <Text c="dimmed">{t('clubArea.activities.total', { count: connection.totalCount })}</Text>
        {connection.edges.map(({ node: activity }) => (
          <Link key={activity.id} to={`/club/activities/${activity.id}`} className={classes.listCard} data-testid="activity-row" data-activity-id={activity.id}>
            <Stack gap={4}>
              <Text fw={600} className={classes.wrapName}>
                {activity.title}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDate(activity.heldOn)} · {t('clubArea.activities.attendance', { count: activity.attendanceCount })}
              </Text>
              <Group gap={6}>
                <Badge variant="light" tt="none" className={classes.wrapName} style={{ height: 'auto', whiteSpace: 'normal' }}>
                  {t(`clubArea.activityArea.${activity.area}`)}
                </Badge>
                {activity.monthlyMeeting && (
                  <Badge color="indigo" variant="light" tt="none">
                    {t('clubArea.activities.monthlyMeeting')}
                  </Badge>
                )}
              </Group>
            </Stack>
          </Link>
        ))}
        {connection.pageInfo.hasNextPage && (
          <Group justify="center">
            <LoadMoreButton onLoadMore={() => loadMore(connection.pageInfo.endCursor)} />
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('clubArea.activities.title')}
        actions={
          <Button component={Link} to="/club/activities/new" leftSection={<IconPlus size={20} />} data-testid="activity-add">
            {t('clubArea.activities.add')}
          </Button>
        }
      />
      <Stack gap="md" maw={900}>
        <NativeSelect
          label={t('clubArea.activities.area')}
          size="md"
          data={[{ value: '', label: t('clubArea.activities.allAreas') }, ...activityAreas.map((option) => ({ value: option, label: t(`clubArea.activityArea.${option}`) }))]}
          value={area ?? ''}
          onChange={(event) => setSearchParams(event.currentTarget.value ? { area: event.currentTarget.value } : {}, { replace: true })}
          data-testid="activities-area"
        />
        {list}
      </Stack>
    </>
  );
}
