import { useQuery } from '@apollo/client/react';
import { Alert, Stack } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../app/ui/BackLink';
import { PageHeader } from '../../app/ui/PageHeader';
import { TenantsDocument } from '../../gql/graphql';
import { DashboardView } from '../../province/dashboard/DashboardView';

/** A province's dashboard as the national office sees it: the same view, read only, without club pages. */
export function NationalProvinceDashboardPage() {
  const { t } = useTranslation();
  const { tenantId = '' } = useParams();
  const tenants = useQuery(TenantsDocument);
  const name = tenants.data?.tenants.find((tenant) => tenant.id === tenantId)?.name;
  return (
    <>
      <Stack gap="xs" mb="xs">
        <BackLink to="/national/comparison" testId="dashboard-back">
          {t('dashboard.backToComparison')}
        </BackLink>
      </Stack>
      <PageHeader title={name ? t('dashboard.titleOf', { name }) : t('dashboard.title')} description={t('dashboard.intro')} />
      <Alert color="gray" variant="light" icon={<IconEye />} mb="md" data-testid="dashboard-read-only">
        {t('dashboard.readOnly')}
      </Alert>
      <DashboardView key={tenantId} tenantId={tenantId} clubPath={null} />
    </>
  );
}
