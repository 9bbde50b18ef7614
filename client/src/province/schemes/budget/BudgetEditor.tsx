import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconDeviceFloppy, IconPlus, IconRefresh } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vndInWords } from '../../../../../server/src/money/vnd-words';
import { errorCodeOf } from '../../../app/errors';
import { formatVnd } from '../../../app/format';
import { parseMoney } from '../../../app/money';
import { EmptyMessage } from '../../../app/ui/EmptyMessage';
import { MoneyInput, moneyProblemMessage } from '../../../app/ui/MoneyInput';
import classes from '../../../app/ui/responsive-table.module.css';
import { UnsavedChangesGuard } from '../../../app/ui/UnsavedChangesGuard';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { SaveSchemeBudgetDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { RevisionReasonModal } from '../RevisionReasonModal';
import { useSchemeProblems, type SchemeProblem } from '../scheme-messages';
import {
  budgetInput,
  budgetSources,
  checkTotals,
  draftFromSaved,
  draftProblems,
  emptyLine,
  lineAmount,
  linesTotal,
  perClubMismatches,
  type BudgetDraft,
  type BudgetLineDraft,
} from './budget-draft';
import { BudgetLineRow } from './BudgetLineRow';
import { BudgetSummary } from './BudgetSummary';
import styles from './budget.module.css';

interface BudgetEditorProps {
  scheme: SchemeDetailFragment;
  onReload: () => Promise<unknown>;
}

type LineErrors = Record<string, Partial<Record<keyof BudgetLineDraft, string>>>;

function yearsOf(scheme: SchemeDetailFragment): number[] {
  return Array.from({ length: scheme.lastYear - scheme.firstYear + 1 }, (_, index) => scheme.firstYear + index);
}

export function BudgetEditor({ scheme, onReload }: BudgetEditorProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [draft, setDraft] = useState<BudgetDraft>(() => draftFromSaved(scheme.totalBudget, scheme.budgetLines));
  const [dirty, setDirty] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [lineErrors, setLineErrors] = useState<LineErrors>({});
  const [statedTotalError, setStatedTotalError] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [reasonOpened, { open: openReason, close: closeReason }] = useDisclosure(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SaveSchemeBudgetDocument);

  const readOnly = scheme.status === 'CLOSED';
  const years = yearsOf(scheme);
  const totals = useMemo(() => checkTotals(draft), [draft]);
  const mismatches = useMemo(() => perClubMismatches(draft.lines, scheme.clubPlan), [draft.lines, scheme.clubPlan]);
  const statedTotal = parseMoney(draft.statedTotal);

  function edit(next: (current: BudgetDraft) => BudgetDraft) {
    setDraft(next);
    setDirty(true);
    setJustSaved(false);
  }

  function changeLine(key: string, changes: Partial<BudgetLineDraft>) {
    edit((current) => ({ ...current, lines: current.lines.map((line) => (line.key === key ? { ...line, ...changes } : line)) }));
    setLineErrors((errors) => ({ ...errors, [key]: {} }));
  }

  function showServerProblems(problems: SchemeProblem[], sentLines: BudgetLineDraft[]) {
    const byLine: LineErrors = {};
    const others: string[] = [];
    for (const problem of problems) {
      const match = /^lines\[(\d+)\]\.(\w+)$/.exec(problem.field);
      const line = match ? sentLines[Number(match[1])] : undefined;
      if (match && line) {
        const field = (match[2] === 'amount' && line.perClub ? 'perClubAmount' : match[2]) as keyof BudgetLineDraft;
        byLine[line.key] = { ...byLine[line.key], [field]: problem.message };
      } else if (problem.field === 'totalBudget') {
        setStatedTotalError(problem.message);
      } else if (problem.field === 'reason') {
        setReasonError(problem.message);
        openReason();
      } else {
        others.push(problem.message);
      }
    }
    setLineErrors(byLine);
    setFormErrors(others);
  }

  function clearErrors() {
    setLineErrors({});
    setStatedTotalError(null);
    setFormErrors([]);
    setReasonError(null);
  }

  function requestSave() {
    clearErrors();
    const problems = draftProblems(draft);
    if (problems.size) {
      const byLine: LineErrors = {};
      for (const [key, problem] of problems) {
        const message = problem === 'amountRequired' ? t('budget.amountRequired') : moneyProblemMessage(t, problem);
        if (key === 'statedTotal') setStatedTotalError(message);
        const [lineKey, field] = key.split('.');
        if (field) byLine[lineKey] = { ...byLine[lineKey], [field]: message };
      }
      setLineErrors(byLine);
      return;
    }
    if (scheme.status === 'APPROVED') openReason();
    else void submit(null);
  }

  async function submit(revisionReason: string | null) {
    const sentLines = draft.lines;
    clearErrors();
    try {
      const { data } = await save({
        variables: {
          input: {
            schemeId: scheme.id,
            version: scheme.version,
            reason: revisionReason,
            ...budgetInput(draft),
          },
        },
      });
      if (!data) return;
      closeReason();
      setDraft(draftFromSaved(data.saveSchemeBudget.totalBudget, data.saveSchemeBudget.budgetLines));
      setDirty(false);
      setJustSaved(true);
      notifications.show({ color: 'teal', message: t('budget.saved') });
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        closeReason();
        setConflict(true);
        return;
      }
      const problems = schemeProblems(error);
      if (problems.length === 0) setFormErrors([errorMessage(error)]);
      else showServerProblems(problems, sentLines);
      if (!problems.some((problem) => problem.field === 'reason')) closeReason();
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
      setConflict(false);
    } catch (error) {
      setFormErrors([errorMessage(error)]);
    } finally {
      setReloading(false);
    }
  }

  function discard() {
    setDraft(draftFromSaved(scheme.totalBudget, scheme.budgetLines));
    setDirty(false);
    clearErrors();
  }

  const groups = budgetSources
    .map((source) => ({ source, lines: draft.lines.filter((line) => line.source === source) }))
    .filter((group) => group.lines.length > 0);

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={dirty && !readOnly} />
      <Text c="dimmed">{t('budget.intro')}</Text>
      {readOnly && (
        <Alert color="gray" variant="light">
          {t('schemes.closedReadOnly')}
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="budget-conflict">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('schemes.conflict')}</Text>
            <Button variant="white" color="orange" leftSection={<IconRefresh size={18} />} loading={reloading} onClick={() => void reload()} data-testid="budget-reload">
              {t('schemes.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {formErrors.length > 0 && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="budget-error">
          <Stack gap={4}>
            {formErrors.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <MoneyInput
              label={t('budget.statedTotal')}
              description={t('budget.statedTotalHint')}
              value={draft.statedTotal}
              error={statedTotalError}
              onChange={(statedTotal) => {
                edit((current) => ({ ...current, statedTotal }));
                setStatedTotalError(null);
              }}
              maw={360}
              size="md"
              data-testid="budget-stated-total"
            />
            {statedTotal !== null && (
              <Text mt="xs" fs="italic" data-testid="budget-total-in-words">
                {vndInWords(statedTotal)}
              </Text>
            )}
          </Paper>
          {draft.lines.length === 0 ? (
            <EmptyMessage>{t('budget.noLines')}</EmptyMessage>
          ) : (
            <Table.ScrollContainer minWidth={0} type="native">
              <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="xs" data-testid="budget-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('budget.columnSource')}</Table.Th>
                    <Table.Th>{t('budget.columnPurpose')}</Table.Th>
                    <Table.Th>{t('budget.columnYear')}</Table.Th>
                    <Table.Th>{t('budget.columnAmount')}</Table.Th>
                    <Table.Th aria-label={t('budget.removeLine')} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {groups.map((group) => (
                    <Fragment key={group.source}>
                      <Table.Tr className={styles.groupRow} data-testid="budget-source-group" data-source={group.source}>
                        <Table.Td colSpan={5} data-primary>
                          <Group justify="space-between" gap="xs">
                            <Text fw={700}>{t(`budget.source.${group.source}`)}</Text>
                            <Text fw={600} data-testid="budget-source-subtotal">
                              {t('budget.sourceSubtotal', { amount: formatVnd(linesTotal(group.lines)) })}
                            </Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                      {group.lines.map((line) => (
                        <BudgetLineRow
                          key={line.key}
                          line={line}
                          years={years}
                          errors={lineErrors[line.key] ?? {}}
                          onChange={(changes) => changeLine(line.key, changes)}
                          onRemove={() => edit((current) => ({ ...current, lines: current.lines.filter((candidate) => candidate.key !== line.key) }))}
                        />
                      ))}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={18} />}
              onClick={() => edit((current) => ({ ...current, lines: [...current.lines, emptyLine()] }))}
              data-testid="budget-add-line"
            >
              {t('budget.addLine')}
            </Button>
          </Group>
        </Stack>
      </fieldset>
      <BudgetSummary totals={totals} mismatches={mismatches} hasPerClubLines={draft.lines.some((line) => line.perClub && lineAmount(line) !== null)} />
      {!readOnly && (
        <Group gap="sm">
          <Button leftSection={<IconDeviceFloppy size={18} />} onClick={requestSave} loading={loading} disabled={!dirty && !conflict} data-testid="budget-save">
            {t('budget.save')}
          </Button>
          {dirty && (
            <>
              <Button variant="default" onClick={discard} data-testid="budget-discard">
                {t('budget.discard')}
              </Button>
              <Text c="orange.8" size="sm">
                {t('schemes.unsaved')}
              </Text>
            </>
          )}
          {justSaved && !dirty && (
            <Group gap={4} c="teal.8" data-testid="budget-saved">
              <IconCheck size={18} />
              <Text size="sm" inherit>
                {t('budget.saved')}
              </Text>
            </Group>
          )}
        </Group>
      )}
      <RevisionReasonModal
        opened={reasonOpened}
        loading={loading}
        serverError={reasonError}
        testIdPrefix="budget"
        onClose={closeReason}
        onSubmit={(reason) => void submit(reason)}
      />
    </Stack>
  );
}
