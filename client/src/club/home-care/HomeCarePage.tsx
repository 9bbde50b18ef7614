import { useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubHomeCareVisitsDocument } from '../../gql/graphql';
import { MemberSelect } from '../ui/MemberSelect';
import classes from '../ui/club-ui.module.css';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { clearCorrection, correctionFor, type OutboxCorrection } from '../offline/outbox-correction';
import { HomeCareVisitForm } from './HomeCareVisitForm';

const PAGE_SIZE = 30;

export function HomeCarePage() {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const user = useSignedInUser();
  const location = useLocation();
  const [correction, setCorrection] = useState<OutboxCorrection | null>(null);
  const [recording, setRecording] = useState(false);
  const [memberId, setMemberId] = useState('');
  const [volunteerId, setVolunteerId] = useState('');

  // A visit refused from the outbox and chosen to correct opens the form at once, as it was written
  // (also when the outbox was opened from this page: each navigation is a new location).
  useEffect(() => {
    const pending = correctionFor('homeCareVisit', user.id);
    if (!pending) return;
    setCorrection(pending);
    setRecording(true);
  }, [location.key, user.id]);

  function closeForm() {
    clearCorrection();
    setCorrection(null);
    setRecording(false);
  }

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ClubHomeCareVisitsDocument, {
    variables: { first: PAGE_SIZE, memberId: memberId || null, volunteerId: volunteerId || null },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.homeCareVisits;

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        homeCareVisits: { ...fetchMoreResult.homeCareVisits, edges: [...previous.homeCareVisits.edges, ...fetchMoreResult.homeCareVisits.edges] },
      }),
    });
  }

  let list;
  if (error && !connection) list = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) list = <EmptyMessage>{t('clubArea.homeCare.empty')}</EmptyMessage>;
  else {
    list = (
      <Stack gap="xs" aria-busy={loading} data-testid="home-care-visits">
        <Text c="dimmed">{t('clubArea.homeCare.total', { count: connection.totalCount })}</Text>
        {connection.edges.map(({ node: visit }) => (
          <Card key={visit.id} withBorder radius="md" padding="sm" data-testid="home-care-visit">
            <Stack gap={4}>
              <Text fw={600} className={classes.wrapName}>
                {formatDate(visit.visitedOn)} · {visit.member.fullName}
              </Text>
              <Text size="sm" c="dimmed">
                {t('clubArea.homeCare.by', { name: visit.volunteer.fullName })}
              </Text>
              <Group gap={6}>
                {visit.kinds.map((kind) => (
                  <Badge key={kind} variant="light" tt="none">
                    {t(`clubArea.homeCare.kindNames.${kind}`)}
                  </Badge>
                ))}
              </Group>
              {visit.notes && <Text size="sm">{visit.notes}</Text>}
            </Stack>
          </Card>
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
        title={t('clubArea.homeCare.title')}
        description={t('clubArea.homeCare.intro')}
        actions={
          <Button leftSection={<IconPlus size={20} />} onClick={() => setRecording(true)} data-testid="home-care-open">
            {t('clubArea.homeCare.open')}
          </Button>
        }
      />
      <Stack gap="md" maw={900}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MemberSelect label={t('clubArea.homeCare.filterMember')} value={memberId} onChange={(id) => setMemberId(id)} data-testid="home-care-filter-member" />
          <MemberSelect
            label={t('clubArea.homeCare.filterVolunteer')}
            homeCareVolunteer
            value={volunteerId}
            onChange={(id) => setVolunteerId(id)}
            data-testid="home-care-filter-volunteer"
          />
        </SimpleGrid>
        {list}
      </Stack>
      <Modal opened={recording} onClose={() => closeForm()} title={t('clubArea.homeCare.formTitle')} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {recording && (
          <HomeCareVisitForm
            key={correction?.itemId ?? 'new'}
            correction={correction}
            onCancel={() => closeForm()}
            onDone={() => {
              setCorrection(null);
              setRecording(false);
              void refetch().catch(() => undefined);
            }}
          />
        )}
      </Modal>
    </>
  );
}
