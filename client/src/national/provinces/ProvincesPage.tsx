import { useQuery } from '@apollo/client/react';
import { Button, Stack, Text, Title } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { TenantsDocument } from '../../gql/graphql';
import { MergeProvincesDialog } from './MergeProvincesDialog';
import { ActiveProvincesTable, RetiredProvincesTable } from './ProvincesTable';

/** The provinces in use, then those merged away (kept for their history); the national administrator merges provinces here. */
export function ProvincesPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const { data, loading, error, refetch } = useQuery(TenantsDocument);
  const [merging, setMerging] = useState(false);
  const tenants = data?.tenants ?? [];
  const inUse = tenants.filter((tenant) => tenant.status !== 'RETIRED');
  const retired = tenants.filter((tenant) => tenant.status === 'RETIRED');
  // Only the national administrator merges; the monitoring role reads.
  const mayMerge = user.role === 'NATIONAL_ADMIN';

  return (
    <>
      <PageHeader
        title={t('national.provincesTitle')}
        description={t('national.provincesIntro')}
        actions={
          mayMerge && (
            <Button leftSection={<IconArrowMerge size={20} />} onClick={() => setMerging(true)} disabled={inUse.length < 2} data-testid="merge-open">
              {t('provinces.merge.open')}
            </Button>
          )
        }
      />
      {loading && !data && <LoadingBlock />}
      {error && <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />}
      {data && tenants.length === 0 && <EmptyMessage>{t('national.provincesEmpty')}</EmptyMessage>}
      {inUse.length > 0 && (
        <Stack gap="sm" mb="xl">
          <Title order={2} fz="lg">
            {t('provinces.activeTitle')}
          </Title>
          <Text c="dimmed" data-testid="provinces-count">
            {t('provinces.activeCount', { count: inUse.length })}
          </Text>
          <ActiveProvincesTable tenants={inUse} />
        </Stack>
      )}
      {retired.length > 0 && (
        <Stack gap="sm" data-testid="retired-provinces">
          <Title order={2} fz="lg">
            {t('provinces.retiredTitle')}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('provinces.retiredIntro')}
          </Text>
          <RetiredProvincesTable tenants={retired} />
        </Stack>
      )}
      {merging && <MergeProvincesDialog tenants={tenants} onClose={() => setMerging(false)} />}
    </>
  );
}
