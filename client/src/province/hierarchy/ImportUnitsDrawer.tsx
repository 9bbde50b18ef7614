import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Badge, Button, Checkbox, Drawer, FileInput, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  AddAdminUnitImportRowsDocument,
  AdminUnitImportPreviewDocument,
  CommitAdminUnitImportDocument,
  StartAdminUnitImportDocument,
  type AdminUnitImportPreviewQuery,
  type AdminUnitKind as UnitKind,
} from '../../gql/graphql';
import { csvPieces } from './csv-pieces';
import { translateHierarchyMessage, useImportProblemText } from './hierarchy-messages';
import classes from '../../app/ui/responsive-table.module.css';

type Preview = AdminUnitImportPreviewQuery['adminUnitImportPreview'];
type Change = Preview['rows'][number]['changes'][number];

type Stage =
  | { step: 'choose' }
  | { step: 'uploading'; done: number; total: number }
  | { step: 'checking' }
  | { step: 'preview'; importId: string; preview: Preview }
  | { step: 'committing'; importId: string; preview: Preview }
  | { step: 'done'; created: number; updated: number };

const SHOWN_ROWS = 500;

const CHANGE_FIELDS = ['name', 'kind', 'parent', 'validFrom'] as const;

/** "Tên: Hòa Điền → Hòa Điền Mới": a change of a unit as the reader says it. */
function useChangeText(): (change: Change) => string {
  const { t } = useTranslation();
  return (change) => {
    const field = CHANGE_FIELDS.find((known) => known === change.field);
    const value = (text: string | null | undefined) => {
      if (!text) return t('hierarchy.import.blank');
      if (field === 'kind') return t(`unitKind.${text as UnitKind}`, { defaultValue: text });
      if (field === 'validFrom') return formatDate(text);
      return text;
    };
    return t('hierarchy.import.change', {
      field: field ? t(`hierarchy.import.changeField.${field}`) : change.field,
      from: value(change.from),
      to: value(change.to),
    });
  };
}

/**
 * Import from CSV: the file is uploaded in pieces (progress shown), checked as a whole, and only
 * written when the user confirms, all rows or none. The chosen file stays chosen on any error.
 */
export function ImportUnitsDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorMessage = useErrorMessage();
  const problemText = useImportProblemText();
  const changeText = useChangeText();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(true);
  const [start] = useMutation(StartAdminUnitImportDocument);
  const [addRows] = useMutation(AddAdminUnitImportRowsDocument);
  const [commit] = useMutation(CommitAdminUnitImportDocument);

  function explain(caught: unknown): string {
    const reason = Object.values(fieldErrorsOf(caught))[0];
    return (reason && translateHierarchyMessage(t, reason)) || errorMessage(caught);
  }

  async function loadPreview(importId: string, problemsOnly: boolean, offset = 0): Promise<Preview> {
    const result = await client.query({
      query: AdminUnitImportPreviewDocument,
      variables: { importId, onlyProblems: problemsOnly, first: SHOWN_ROWS, offset },
      fetchPolicy: 'network-only',
    });
    if (!result.data) throw result.error ?? new Error('no preview');
    return result.data.adminUnitImportPreview;
  }

  async function upload(chosen: File) {
    setError(null);
    let text: string;
    try {
      text = await chosen.text();
    } catch {
      setError(t('hierarchy.import.readFailed'));
      return;
    }
    const { pieces, rowCount } = csvPieces(text);
    if (!rowCount) {
      setError(t('hierarchy.import.emptyFile'));
      return;
    }
    try {
      setStage({ step: 'uploading', done: 0, total: rowCount });
      const started = await start({ variables: { fileName: chosen.name } });
      const importId = started.data!.startAdminUnitImport.id;
      let done = 0;
      for (const piece of pieces) {
        await addRows({ variables: { importId, firstRowNumber: piece.firstRowNumber, csv: piece.csv } });
        done += piece.rows;
        setStage({ step: 'uploading', done, total: rowCount });
      }
      setStage({ step: 'checking' });
      const preview = await loadPreview(importId, onlyProblems);
      setOnlyProblems(preview.problemRowCount > 0);
      setStage({ step: 'preview', importId, preview: preview.problemRowCount > 0 || !onlyProblems ? preview : await loadPreview(importId, false) });
    } catch (caught) {
      setStage({ step: 'choose' });
      setError(explain(caught));
    }
  }

  async function toggleProblems(importId: string, value: boolean) {
    setOnlyProblems(value);
    try {
      setStage({ step: 'preview', importId, preview: await loadPreview(importId, value) });
    } catch (caught) {
      setError(explain(caught));
    }
  }

  async function confirm(importId: string, preview: Preview) {
    setError(null);
    setStage({ step: 'committing', importId, preview });
    try {
      const result = await commit({ variables: { importId, rowCount: preview.rowCount } });
      const summary = result.data!.commitAdminUnitImport;
      setStage({ step: 'done', created: summary.createCount, updated: summary.updateCount });
      notifications.show({ color: 'teal', message: t('hierarchy.import.done', { create: summary.createCount, update: summary.updateCount }) });
      await client.refetchQueries({ include: 'active' });
    } catch (caught) {
      setError(explain(caught));
      try {
        setStage({ step: 'preview', importId, preview: await loadPreview(importId, true) });
        setOnlyProblems(true);
      } catch {
        setStage({ step: 'preview', importId, preview });
      }
    }
  }

  /** The next rows of the preview, after those shown. */
  async function loadMoreRows(importId: string, shown: Preview) {
    const more = await loadPreview(importId, onlyProblems, shown.rows.length);
    setStage({ step: 'preview', importId, preview: { ...more, rows: [...shown.rows, ...more.rows] } });
  }

  function reset() {
    setStage({ step: 'choose' });
    setError(null);
  }

  const busy = stage.step === 'uploading' || stage.step === 'checking' || stage.step === 'committing';
  const preview = stage.step === 'preview' || stage.step === 'committing' ? stage.preview : null;
  // The date columns show only for files that have them.
  const showDates = Boolean(preview?.rows.some((row) => row.validFrom || row.validTo));
  const showChanges = Boolean(preview?.rows.some((row) => row.changes.length > 0));
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={t('hierarchy.import.title')}>
      <Stack gap="md" data-testid="import-drawer">
        <Text size="sm" c="dimmed">
          {t('hierarchy.import.help')}
        </Text>
        <FileInput
          label={t('hierarchy.import.file')}
          placeholder={t('hierarchy.import.filePlaceholder')}
          accept=".csv,text/csv"
          value={file}
          disabled={busy}
          leftSection={<IconFileUpload size={18} />}
          onChange={(chosen) => {
            setFile(chosen);
            reset();
            if (chosen) void upload(chosen);
          }}
          data-testid="import-file"
        />
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="import-error">
            {error}
          </Alert>
        )}
        {stage.step === 'uploading' && (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">{t('hierarchy.import.uploading', { done: stage.done, total: stage.total })}</Text>
            <Progress value={(stage.done / stage.total) * 100} animated data-testid="import-progress" />
          </Stack>
        )}
        {stage.step === 'checking' && (
          <Stack gap={4} role="status">
            <Text size="sm">{t('hierarchy.import.checking')}</Text>
            <Progress value={100} animated />
          </Stack>
        )}
        {preview && stage.step !== 'done' && 'importId' in stage && (
          <Stack gap="sm" data-testid="import-preview">
            <Text role="status" data-testid="import-summary">
              {t('hierarchy.import.summary', {
                rows: preview.rowCount,
                create: preview.createCount,
                update: preview.updateCount,
                unchanged: preview.unchangedCount,
                problems: preview.problemRowCount,
              })}
            </Text>
            {preview.problemRowCount > 0 ? (
              <Alert color="red" icon={<IconAlertCircle size={18} />}>
                {t('hierarchy.import.fixFirst', { count: preview.problemRowCount })}
              </Alert>
            ) : (
              <Alert color="teal" icon={<IconCheck size={18} />}>
                {t('hierarchy.import.allGood')}
              </Alert>
            )}
            <Checkbox
              label={t('hierarchy.import.onlyProblems')}
              checked={onlyProblems}
              onChange={(event) => void toggleProblems(stage.importId, event.currentTarget.checked)}
            />
            <Table.ScrollContainer minWidth={320}>
              <Table striped className={classes.table} data-testid="import-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('hierarchy.import.row')}</Table.Th>
                    <Table.Th>{t('hierarchy.import.code')}</Table.Th>
                    <Table.Th>{t('hierarchy.import.name')}</Table.Th>
                    <Table.Th>{t('hierarchy.import.kind')}</Table.Th>
                    <Table.Th>{t('hierarchy.import.parentCode')}</Table.Th>
                    {showDates && <Table.Th>{t('hierarchy.import.validFrom')}</Table.Th>}
                    {showDates && <Table.Th>{t('hierarchy.import.validTo')}</Table.Th>}
                    <Table.Th>{t('hierarchy.import.action')}</Table.Th>
                    {showChanges && <Table.Th>{t('hierarchy.import.changes')}</Table.Th>}
                    <Table.Th>{t('hierarchy.import.problems')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((row) => (
                    <Table.Tr key={row.rowNumber} data-testid="import-row" data-row={row.rowNumber} data-bad={row.problems.length > 0 || undefined}>
                      <Table.Td data-label={t('hierarchy.import.row')}>{row.rowNumber}</Table.Td>
                      <Table.Td data-label={t('hierarchy.import.code')}>{row.code}</Table.Td>
                      <Table.Td data-label={t('hierarchy.import.name')}>{row.name}</Table.Td>
                      <Table.Td data-label={t('hierarchy.import.kind')}>{row.kind}</Table.Td>
                      <Table.Td data-label={t('hierarchy.import.parentCode')}>{row.parentCode}</Table.Td>
                      {showDates && <Table.Td data-label={t('hierarchy.import.validFrom')}>{row.validFrom}</Table.Td>}
                      {showDates && <Table.Td data-label={t('hierarchy.import.validTo')}>{row.validTo}</Table.Td>}
                      <Table.Td data-label={t('hierarchy.import.action')}>
                        <Badge
                          variant="light"
                          color={row.problems.length ? 'red' : row.action === 'UNCHANGED' ? 'gray' : 'teal'}
                          tt="none"
                          className={classes.badge}
                          data-testid="import-action"
                        >
                          {t(`hierarchy.import.action${row.action}`)}
                        </Badge>
                      </Table.Td>
                      {showChanges && (
                        <Table.Td data-label={t('hierarchy.import.changes')}>
                          {row.changes.map((change) => (
                            <Text key={change.field} size="sm" data-testid="import-change" data-field={change.field}>
                              {changeText(change)}
                            </Text>
                          ))}
                        </Table.Td>
                      )}
                      <Table.Td data-label={t('hierarchy.import.problems')}>
                        {row.problems.map((problem, index) => (
                          <Text key={index} size="sm" c="red" data-testid="import-problem" data-field={problem.field}>
                            {problemText(problem.message)}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {(onlyProblems ? preview.problemRowCount : preview.rowCount) > preview.rows.length && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {t('hierarchy.import.moreRows', { count: (onlyProblems ? preview.problemRowCount : preview.rowCount) - preview.rows.length })}
                </Text>
                {stage.step === 'preview' && <LoadMoreButton testId="import-load-more" onLoadMore={() => loadMoreRows(stage.importId, preview)} />}
              </Group>
            )}
            <Group justify="flex-end">
              <Button
                onClick={() => void confirm(stage.importId, preview)}
                disabled={preview.problemRowCount > 0}
                loading={stage.step === 'committing'}
                data-testid="import-confirm"
              >
                {t('hierarchy.import.confirm')}
              </Button>
            </Group>
            {stage.step === 'committing' && (
              <Stack gap={4} role="status">
                <Text size="sm">{t('hierarchy.import.committing', { count: preview.rowCount })}</Text>
                <Progress value={100} animated />
              </Stack>
            )}
          </Stack>
        )}
        {stage.step === 'done' && (
          <Stack gap="sm">
            <Alert color="teal" icon={<IconCheck size={18} />} data-testid="import-done">
              {t('hierarchy.import.done', { create: stage.created, update: stage.updated })}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => { setFile(null); reset(); }}>
                {t('hierarchy.import.another')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Drawer>
  );
}
