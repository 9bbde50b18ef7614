import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadingBlock({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="center" gap="sm" py="xl" role="status" aria-live="polite" data-testid="loading">
      <Loader size="sm" />
      <Text c="dimmed">{label ?? t('common.loading')}</Text>
    </Group>
  );
}
