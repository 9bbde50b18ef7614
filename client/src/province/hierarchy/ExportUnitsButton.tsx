import { useApolloClient } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../app/exports/download-export';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { AdminUnitsCsvDocument } from '../../gql/graphql';

/** Downloads the hierarchy as CSV. The byte-order mark makes Excel read the Vietnamese as UTF-8. */
export function ExportUnitsButton() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorMessage = useErrorMessage();
  const [loading, setLoading] = useState(false);

  async function download() {
    setLoading(true);
    try {
      const result = await client.query({ query: AdminUnitsCsvDocument, fetchPolicy: 'network-only' });
      if (!result.data) throw result.error ?? new Error('no export');
      const fileName = `don-vi-hanh-chinh-${new Date().toISOString().slice(0, 10)}.csv`;
      saveBlob(new Blob(['\uFEFF', result.data.adminUnitsCsv], { type: 'text/csv;charset=utf-8' }), fileName);
      notifications.show({ color: 'teal', message: t('hierarchy.export.done', { file: fileName }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setLoading(false);
    }
  }

  return (
    <Button variant="default" leftSection={<IconDownload size={18} />} loading={loading} onClick={() => void download()} data-testid="hierarchy-export">
      {t('hierarchy.export.button')}
    </Button>
  );
}
