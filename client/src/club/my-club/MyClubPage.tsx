import { useQuery } from '@apollo/client/react';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { MyClubDocument } from '../../gql/graphql';
import { ClubCard } from './ClubCard';

export function MyClubPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MyClubDocument);

  return (
    <>
      <PageHeader title={t('club.title')} />
      {loading && !data && <LoadingBlock />}
      {error && !data && <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />}
      {data && !data.myClub && <EmptyMessage icon={<IconBuildingCommunity />}>{t('club.noClub')}</EmptyMessage>}
      {data?.myClub && <ClubCard club={data.myClub} />}
    </>
  );
}
