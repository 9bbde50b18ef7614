import { useQuery } from '@apollo/client/react';
import { SimpleGrid, Stack } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { MyClubDocument } from '../../gql/graphql';
import { ClubCard } from './ClubCard';
import { ClubShortcuts } from './ClubShortcuts';
import { ClubToDo } from './ClubToDo';
import { BoardCard, FundsCard, QualityCard } from './ClubSummaryCards';

export function MyClubPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MyClubDocument, { fetchPolicy: 'cache-and-network' });
  const club = data?.myClub;

  return (
    <>
      <PageHeader title={t('club.title')} />
      {loading && !data && <LoadingBlock />}
      {error && !data && <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />}
      {data && !club && <EmptyMessage icon={<IconBuildingCommunity />}>{t('club.noClub')}</EmptyMessage>}
      {club && (
        <Stack gap="md" maw={1100}>
          <ClubToDo />
          <ClubShortcuts />
          <ClubCard club={club} />
          <FundsCard club={club} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <QualityCard club={club} />
            <BoardCard club={club} />
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
