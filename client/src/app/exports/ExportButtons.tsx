import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodes, type ErrorCode } from '../errors';
import { downloadExport, ExportError, type ExportFormat, type ExportParams } from './download-export';

interface ExportButtonsProps {
  /** The export's name on the server, e.g. "province-progress". */
  name: string;
  params: ExportParams;
  /** The table's title, for screen readers. */
  table: string;
}

/** "Tải CSV" and "Tải Excel" for one table; a refusal is shown as the server words it. */
export function ExportButtons({ name, params, table }: ExportButtonsProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<ExportFormat | null>(null);

  /** The server's refusal in the reader's language where its code is known, else as the server words it. */
  function failureMessage(error: unknown): string {
    if (!(error instanceof ExportError)) return t('dashboard.exports.failedNetwork');
    const known = error.code && (errorCodes as readonly string[]).includes(error.code) ? t(`errors.${error.code as ErrorCode}`) : null;
    return t('dashboard.exports.failed', { status: error.status, message: known ?? error.message });
  }

  async function download(format: ExportFormat) {
    setPending(format);
    try {
      const file = await downloadExport(name, format, params);
      notifications.show({ color: 'teal', message: t('dashboard.exports.done', { file }) });
    } catch (error) {
      notifications.show({ color: 'red', message: failureMessage(error), autoClose: 8000 });
    } finally {
      setPending(null);
    }
  }

  return (
    <Group gap="xs" role="group" aria-label={t('dashboard.exports.label', { table })} data-testid={`export-${name}`}>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileTypeCsv size={16} />}
        loading={pending === 'csv'}
        disabled={pending !== null && pending !== 'csv'}
        onClick={() => void download('csv')}
        data-testid="export-csv"
      >
        {t('dashboard.exports.csv')}
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        loading={pending === 'xlsx'}
        disabled={pending !== null && pending !== 'xlsx'}
        onClick={() => void download('xlsx')}
        data-testid="export-xlsx"
      >
        {t('dashboard.exports.excel')}
      </Button>
    </Group>
  );
}
