import { useQuery } from '@apollo/client/react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { TenantsDocument } from '../../gql/graphql';
import { ProvincesTable } from './ProvincesTable';

export function ProvincesPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(TenantsDocument);
  const tenants = data?.tenants ?? [];

  return (
    <>
      <PageHeader title={t('national.provincesTitle')} description={t('national.provincesIntro')} />
      {loading && !data && <LoadingBlock />}
      {error && <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />}
      {data && tenants.length === 0 && <EmptyMessage>{t('national.provincesEmpty')}</EmptyMessage>}
      {tenants.length > 0 && (
        <>
          <Text c="dimmed" mb="sm" data-testid="provinces-count">
            {t('national.provincesCount', { count: tenants.length })}
          </Text>
          <ProvincesTable tenants={tenants} />
        </>
      )}
    </>
  );
}
