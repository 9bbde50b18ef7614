import { useApolloClient } from '@apollo/client/react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProvinceClubReloadDocument } from '../../gql/graphql';

/** Reads the club again into the cache: the forms then save against its latest version, keeping what was typed. */
export function useReloadClub(): (clubId: string) => Promise<void> {
  const client = useApolloClient();
  return async (clubId) => {
    await client.query({ query: ProvinceClubReloadDocument, variables: { id: clubId }, fetchPolicy: 'network-only' });
  };
}

export function ClubConflictAlert({ clubId, onReloaded }: { clubId: string; onReloaded: () => void }) {
  const { t } = useTranslation();
  const reloadClub = useReloadClub();
  const [loading, setLoading] = useState(false);
  return (
    <Alert color="orange" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="club-conflict">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('provinceClubs.messages.clubConflict')}</Text>
        <Button
          size="xs"
          variant="white"
          color="orange"
          leftSection={<IconRefresh size={16} />}
          loading={loading}
          onClick={() => {
            setLoading(true);
            reloadClub(clubId)
              .then(onReloaded)
              .catch(() => undefined)
              .finally(() => setLoading(false));
          }}
          data-testid="club-reload"
        >
          {t('provinceClubs.messages.reloadPage')}
        </Button>
      </Stack>
    </Alert>
  );
}
