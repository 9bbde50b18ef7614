import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function FormError({ message, testId, title }: { message: string | null; testId?: string; title?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle />} title={title ?? t('common.saveFailed')} role="alert" data-testid={testId}>
      {message}
    </Alert>
  );
}
