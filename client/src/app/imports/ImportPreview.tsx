import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconCheck, IconDatabaseImport } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommitDataImportDocument, DataImportPreviewDocument, type DataImportPreviewQuery, type DataImportRowItemFragment } from '../../gql/graphql';
import { hasErrorCode } from '../errors';
import { formatNumber } from '../format';
import { LoadingBlock } from '../ui/LoadingBlock';
import { LoadMoreButton } from '../ui/LoadMoreButton';
import { QueryError } from '../ui/QueryError';
import { useErrorMessage } from '../ui/use-error-message';
import classes from './import-preview.module.css';
import { ImportRowsTable } from './ImportRowsTable';
import type { ImportKind } from './import-kinds';

type DataImport = NonNullable<DataImportPreviewQuery['dataImport']>;
type Counts = DataImport['counts'];

const PAGE_SIZE = 100;

export interface ImportDoneLink {
  to: string;
  label: string;
  testId: string;
}

interface ImportPreviewProps {
  importId: string;
  kind: ImportKind;
  memberHref?: (memberId: string) => string | null;
  /** Where to go once the rows are in (the clubs list, the roster…). */
  doneLinks: ImportDoneLink[];
  onAnother: () => void;
}

function CountBox({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  const { i18n } = useTranslation();
  return (
    <div className={classes.count}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" c={value > 0 ? color : undefined} data-testid={testId}>
        {formatNumber(value, i18n.resolvedLanguage, 0)}
      </Text>
    </div>
  );
}

/** What committing does, in plain words, before it is done. */
function ConfirmText({ kind, counts }: { kind: ImportKind; counts: Counts }) {
  const { t } = useTranslation();
  const noun = t(`imports.kinds.${kind}.noun`);
  return (
    <Stack gap="xs" data-testid="import-confirm-text">
      <List spacing={4}>
        {counts.new > 0 && <List.Item>{t('imports.preview.confirmAdd', { count: counts.new, noun })}</List.Item>}
        {counts.changed > 0 && <List.Item>{t('imports.preview.confirmChange', { count: counts.changed, noun })}</List.Item>}
        {counts.unchanged > 0 && <List.Item>{t('imports.preview.confirmUnchanged', { count: counts.unchanged })}</List.Item>}
        {counts.warnings > 0 && <List.Item>{t('imports.preview.confirmWarnings', { count: counts.warnings })}</List.Item>}
      </List>
      <Text size="sm" c="dimmed">
        {t('imports.preview.confirmAllOrNothing')}
      </Text>
    </Stack>
  );
}

/**
 * The preview of an uploaded file: how its rows would act, each row with what it changes and
 * what is wrong, a page at a time; committing is offered only once no row has a problem, and
 * says in plain words what it will do first.
 */
export function ImportPreview({ importId, kind, memberHref, doneLinks, onAnother }: ImportPreviewProps) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorMessage = useErrorMessage();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [dataImport, setDataImport] = useState<DataImport | null>(null);
  const [rows, setRows] = useState<DataImportRowItemFragment[]>([]);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [committed, setCommitted] = useState<Counts | null>(null);
  const [commit, { loading: committing }] = useMutation(CommitDataImportDocument);

  async function page(problemsOnly: boolean, afterRow: number): Promise<DataImport> {
    const result = await client.query({
      query: DataImportPreviewDocument,
      variables: { id: importId, first: PAGE_SIZE, afterRow, onlyProblems: problemsOnly },
      fetchPolicy: 'network-only',
    });
    if (!result.data?.dataImport) throw result.error ?? new Error('import not found');
    return result.data.dataImport;
  }

  async function show(problemsOnly: boolean) {
    setLoadError(null);
    try {
      const first = await page(problemsOnly, 0);
      setDataImport(first);
      setRows(first.rows);
      setOnlyProblems(problemsOnly);
    } catch (error) {
      setLoadError(error);
    }
  }

  useEffect(() => {
    let current = true;
    setDataImport(null);
    setCommitted(null);
    setCommitError(null);
    void (async () => {
      try {
        // A file with problems opens on them: those are what the reader must correct.
        const all = await page(false, 0);
        const first = all.counts.problems > 0 ? await page(true, 0) : all;
        if (!current) return;
        setDataImport(first);
        setRows(first.rows);
        setOnlyProblems(all.counts.problems > 0);
      } catch (error) {
        if (current) setLoadError(error);
      }
    })();
    return () => {
      current = false;
    };
    // The preview is loaded again only for another import.
  }, [importId]);

  async function loadMore() {
    const next = await page(onlyProblems, rows[rows.length - 1]?.rowNumber ?? 0);
    setRows((shown) => [...shown, ...next.rows]);
  }

  async function confirm() {
    setCommitError(null);
    try {
      const result = await commit({ variables: { id: importId } });
      setConfirming(false);
      setCommitted(result.data!.commitDataImport.counts);
      // The rows may touch any list or figure the screens show: every answer but the session's is
      // read again when next shown (resetting the whole store would reload the session and this page).
      client.cache.modify({ id: 'ROOT_QUERY', fields: (value, { fieldName, DELETE }) => (fieldName === 'me' ? value : DELETE) });
      client.cache.gc();
    } catch (error) {
      setConfirming(false);
      setCommitError(hasErrorCode(error, 'CONFLICT') ? t('imports.preview.committed') : errorMessage(error));
      await show(true);
    }
  }

  if (loadError && !dataImport) return <QueryError error={loadError} onRetry={() => void show(onlyProblems)} />;
  if (!dataImport) return <LoadingBlock />;

  const { counts } = dataImport;
  if (committed) {
    const noun = t(`imports.kinds.${kind}.noun`);
    return (
      <Stack gap="sm" data-testid="import-done">
        <Alert color="teal" icon={<IconCheck size={18} />} title={t('imports.preview.doneTitle')}>
          <Text data-testid="import-done-text">
            {t('imports.preview.done', { added: committed.new, changed: committed.changed, unchanged: committed.unchanged, noun })}
          </Text>
        </Alert>
        <Group gap="sm">
          {doneLinks.map((link) => (
            <Button key={link.to} component={Link} to={link.to} variant="light" data-testid={link.testId}>
              {link.label}
            </Button>
          ))}
          <Button variant="default" onClick={onAnother} data-testid="import-another">
            {t('imports.preview.another')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const shownTotal = onlyProblems ? counts.problems : dataImport.rowCount;
  const alreadyCommitted = dataImport.status === 'COMMITTED';
  return (
    <Stack gap="md" data-testid="import-preview">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          {t('imports.preview.title')}
        </Title>
        <Text c="dimmed" className={classes.text} data-testid="import-summary">
          {dataImport.fileName
            ? t('imports.preview.summary', { file: dataImport.fileName, count: dataImport.rowCount })
            : t('imports.preview.summaryNoFile', { count: dataImport.rowCount })}
        </Text>
      </Stack>
      <div className={classes.counts} role="group" aria-label={t('imports.preview.title')}>
        <CountBox label={t('imports.preview.counts.new')} value={counts.new} testId="import-count-new" color="teal.8" />
        <CountBox label={t('imports.preview.counts.changed')} value={counts.changed} testId="import-count-changed" color="blue.8" />
        <CountBox label={t('imports.preview.counts.unchanged')} value={counts.unchanged} testId="import-count-unchanged" />
        <CountBox label={t('imports.preview.counts.problems')} value={counts.problems} testId="import-count-problems" color="red.8" />
        <CountBox label={t('imports.preview.counts.warnings')} value={counts.warnings} testId="import-count-warnings" color="orange.8" />
      </div>
      {alreadyCommitted ? (
        <Alert color="gray" icon={<IconCheck size={18} />}>
          {t('imports.preview.committed')}
        </Alert>
      ) : counts.problems > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="import-fix-first">
          {t('imports.preview.fixFirst', { count: counts.problems })}
        </Alert>
      ) : counts.new + counts.changed === 0 && dataImport.rowCount > 0 ? (
        <Alert color="gray" icon={<IconCheck size={18} />}>
          {t('imports.preview.nothingToDo')}
        </Alert>
      ) : (
        dataImport.rowCount > 0 && (
          <Alert color="teal" icon={<IconCheck size={18} />} data-testid="import-all-good">
            {t('imports.preview.allGood')}
          </Alert>
        )
      )}
      {counts.warnings > 0 && !alreadyCommitted && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {t('imports.preview.warningsNote', { count: counts.warnings })}
        </Alert>
      )}
      {commitError && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="import-commit-error">
          {commitError}
        </Alert>
      )}
      <Checkbox
        label={t('imports.preview.onlyProblems')}
        checked={onlyProblems}
        onChange={(event) => void show(event.currentTarget.checked)}
        data-testid="import-only-problems"
      />
      {rows.length === 0 ? (
        <Text c="dimmed">{onlyProblems ? t('imports.preview.noProblems') : t('imports.preview.noRows')}</Text>
      ) : (
        <ImportRowsTable kind={kind} rows={rows} memberHref={memberHref} />
      )}
      {shownTotal > rows.length && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('imports.preview.moreRows', { count: shownTotal - rows.length })}
          </Text>
          <LoadMoreButton testId="import-load-more" onLoadMore={loadMore} />
        </Group>
      )}
      {!alreadyCommitted && (
        <Group justify="flex-end">
          <Button
            leftSection={<IconDatabaseImport size={18} />}
            disabled={counts.problems > 0 || dataImport.rowCount === 0}
            onClick={() => setConfirming(true)}
            data-testid="import-commit"
          >
            {t('imports.preview.commit')}
          </Button>
        </Group>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('imports.preview.confirmTitle')}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <ConfirmText kind={kind} counts={counts} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={committing}>
              {t('imports.preview.confirmCancel')}
            </Button>
            <Button onClick={() => void confirm()} loading={committing} data-testid="import-commit-confirm">
              {t('imports.preview.confirmSubmit', { count: dataImport.rowCount })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
