import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/ui/PageHeader';
import { DashboardView } from './DashboardView';

export function ProvinceDashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.intro')} />
      <DashboardView tenantId={null} clubPath={(clubId) => `/province/clubs/${clubId}`} />
    </>
  );
}
