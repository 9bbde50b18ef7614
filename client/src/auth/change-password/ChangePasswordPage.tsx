import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/ui/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('password.title')} description={t('password.intro')} />
      <Paper withBorder radius="md" p="lg" maw={520}>
        <ChangePasswordForm />
      </Paper>
    </>
  );
}
