import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from './use-error-message';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}

export function QueryError({ error, onRetry, title }: QueryErrorProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={title ?? t('common.loadFailed')}
      role="alert"
      data-testid="query-error"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="md">{errorMessage(error)}</Text>
        {onRetry && (
          <Button variant="white" color="red" leftSection={<IconRefresh size={18} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
