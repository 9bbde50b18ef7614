import { useQuery } from '@apollo/client/react';
import { useMediaQuery } from '@mantine/hooks';
import { Accordion, Alert, Badge, Button, FileInput, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconFileSpreadsheet, IconFileTypeCsv, IconFileUpload, IconInfoCircle, IconUpload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportColumnsDocument } from '../../gql/graphql';
import { formatNumber } from '../format';
import tableClasses from '../ui/responsive-table.module.css';
import classes from './import-preview.module.css';
import { ImportPreview, type ImportDoneLink } from './ImportPreview';
import { templateUrl, uploadUrl, type ImportKind } from './import-kinds';
import { uploadImport, type UploadStep } from './upload-import';
import { useUploadErrorLines } from './upload-messages';

type Stage =
  | { step: 'choose' }
  | { step: 'uploading'; progress: UploadStep }
  | { step: 'preview'; importId: string; unknownColumns: string[] };

/** The columns a kind of file holds, as the server's template has them, with the templates to download. */
function FileColumns({ kind, opened }: { kind: ImportKind; opened: boolean }) {
  const { t } = useTranslation();
  const { data } = useQuery(ImportColumnsDocument, { variables: { kind } });
  const columns = data?.importColumns ?? [];
  const labels = { column: t('imports.file.column'), required: t('imports.file.required'), note: t('imports.file.note'), example: t('imports.file.example') };
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group gap="xs">
          <Button component="a" href={templateUrl(kind, 'xlsx')} download variant="light" leftSection={<IconFileSpreadsheet size={18} />} data-testid="import-template-xlsx">
            {t('imports.file.templateXlsx')}
          </Button>
          <Button component="a" href={templateUrl(kind, 'csv')} download variant="default" leftSection={<IconFileTypeCsv size={18} />} data-testid="import-template-csv">
            {t('imports.file.templateCsv')}
          </Button>
        </Group>
        <Accordion variant="default" defaultValue={opened ? 'columns' : null} chevronPosition="left">
          <Accordion.Item value="columns">
            <Accordion.Control data-testid="import-columns-toggle">
              {t('imports.file.columnsTitle')} ({columns.length})
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('imports.file.columnsHint', { key: columns[0]?.key ?? 'fullName' })}
                </Text>
                <Table className={tableClasses.table} verticalSpacing="xs" data-testid="import-columns">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{labels.column}</Table.Th>
                      <Table.Th>{labels.required}</Table.Th>
                      <Table.Th>{labels.note}</Table.Th>
                      <Table.Th>{labels.example}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {columns.map((column) => (
                      <Table.Tr key={column.key} data-testid="import-column" data-key={column.key}>
                        <Table.Td data-label={labels.column} data-primary>
                          <Text fw={600} inherit>
                            {column.header}
                          </Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {column.key}
                          </Text>
                        </Table.Td>
                        <Table.Td data-label={labels.required} className={tableClasses.nowrap}>
                          {column.required ? (
                            <Badge variant="light" color="red" tt="none" className={classes.badge}>
                              {t('imports.file.requiredYes')}
                            </Badge>
                          ) : (
                            <Text size="sm" c="dimmed" span>
                              {t('imports.file.requiredNo')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td data-label={labels.note} className={classes.text}>
                          {column.note}
                        </Table.Td>
                        <Table.Td data-label={labels.example} className={classes.text}>
                          {column.example || '—'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Paper>
  );
}

function ProgressLine({ progress }: { progress: UploadStep }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.resolvedLanguage, 0);
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  let label: string;
  let value = 100;
  if (progress.phase === 'uploading') {
    label = t('imports.file.uploading', { percent });
    value = percent;
  } else if (progress.phase === 'reading') label = t('imports.file.reading');
  else if (progress.phase === 'checking') label = t('imports.file.checking', { rows: number(progress.total) });
  else {
    label = t('imports.file.saving', { done: number(progress.done), total: number(progress.total) });
    value = percent;
  }
  return (
    <Stack gap={4} role="status" aria-live="polite" data-testid="import-progress" data-phase={progress.phase}>
      <Text size="sm">{label}</Text>
      <Progress value={value} animated striped={progress.phase === 'reading' || progress.phase === 'checking'} />
    </Stack>
  );
}

interface DataImportPanelProps {
  kind: ImportKind;
  /** The club the file is for; none for club staff (the server knows their club) or a file naming each row's club. */
  clubId?: string | null;
  surveyId?: string | null;
  /** Why the file cannot be sent yet (no survey chosen), said instead of sending. */
  notReady?: string | null;
  /** The club or survey pickers, above the file. */
  pickers?: ReactNode;
  /** Whether the list of columns starts opened; by default on a computer, which has room for it. */
  columnsOpened?: boolean;
  memberHref?: (memberId: string) => string | null;
  doneLinks: ImportDoneLink[];
}

/**
 * One import, start to end: what the file holds and its templates, the file, its upload with the
 * bytes sent and the server's steps, then the preview to commit. The chosen file stays chosen
 * after a refusal, to be sent again once corrected.
 */
export function DataImportPanel({ kind, clubId, surveyId, notReady, pickers, columnsOpened, memberHref, doneLinks }: DataImportPanelProps) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const errorLines = useUploadErrorLines(kind);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problems, setProblems] = useState<string[]>([]);

  async function send() {
    if (!file) return;
    if (notReady) {
      setProblems([notReady]);
      return;
    }
    setProblems([]);
    setStage({ step: 'uploading', progress: { phase: 'uploading', done: 0, total: file.size } });
    try {
      const answer = await uploadImport(uploadUrl(kind, { clubId, surveyId, fileName: file.name }), file, (progress) => setStage({ step: 'uploading', progress }));
      setStage({ step: 'preview', importId: answer.importId, unknownColumns: answer.unknownColumns });
    } catch (error) {
      setStage({ step: 'choose' });
      setProblems(errorLines(error));
    }
  }

  function another() {
    setFile(null);
    setProblems([]);
    setStage({ step: 'choose' });
  }

  const uploading = stage.step === 'uploading';
  return (
    <Stack gap="lg">
      <FileColumns kind={kind} opened={columnsOpened ?? wide} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          {pickers}
          <FileInput
            size="md"
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            label={t('imports.file.file')}
            description={t('imports.file.fileHint')}
            placeholder={t('imports.file.filePlaceholder')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            disabled={uploading}
            clearable
            leftSection={<IconFileUpload size={18} />}
            onChange={(chosen) => {
              setFile(chosen);
              setProblems([]);
              setStage({ step: 'choose' });
            }}
            data-testid="import-file"
          />
          <Group justify="flex-end">
            <Button leftSection={<IconUpload size={18} />} disabled={!file} loading={uploading} onClick={() => void send()} data-testid="import-upload">
              {t('imports.file.upload')}
            </Button>
          </Group>
          {stage.step === 'uploading' && <ProgressLine progress={stage.progress} />}
          {problems.length > 0 && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('imports.errors.title')} role="alert" data-testid="import-error">
              <Stack gap={4}>
                {problems.map((problem, index) => (
                  <Text key={index} size="sm" className={classes.text}>
                    {problem}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          {stage.step === 'preview' && stage.unknownColumns.length > 0 && (
            <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="import-unknown-columns">
              {t('imports.file.unknownColumns', { columns: stage.unknownColumns.join(', ') })}
            </Alert>
          )}
        </Stack>
      </Paper>
      {stage.step === 'preview' && (
        <ImportPreview importId={stage.importId} kind={kind} memberHref={memberHref} doneLinks={doneLinks} onAnother={another} />
      )}
    </Stack>
  );
}
