import { useQuery } from '@apollo/client/react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatVnd } from '../../../app/format';
import { EmptyMessage } from '../../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../../app/ui/LoadingBlock';
import { QueryError } from '../../../app/ui/QueryError';
import classes from '../../../app/ui/responsive-table.module.css';
import { IndicatorsDocument, SchemeHistoryDocument, type SchemeHistoryQuery } from '../../../gql/graphql';
import { budgetPurposes, budgetSources } from '../budget/budget-draft';

const PAGE_SIZE = 25;
const moneyFields = new Set(['amount', 'totalBudget', 'perClubAmount']);
const historyActions = [
  'scheme_create',
  'scheme_update',
  'scheme_targets_save',
  'scheme_budget_save',
  'scheme_approve',
  'scheme_close',
  'scheme_club_plan_add',
  'scheme_club_plan_update',
  'scheme_club_plan_remove',
  'scheme_disbursement_record',
  'scheme_disbursement_reverse',
] as const;
type FieldChange = NonNullable<SchemeHistoryQuery['scheme']>['history']['edges'][number]['node']['changes'][number];
const historySubjects = ['scheme', 'target', 'budgetLine', 'disbursement', 'clubPlan'] as const;
const historyFields = [
  'title', 'summary', 'nationalPhaseId', 'firstYear', 'lastYear', 'decisionNumber', 'decisionDate', 'decisionBody', 'managingAgency',
  'totalBudget', 'status', 'amount', 'perClubAmount', 'plannedClubs', 'description', 'value', 'note', 'milestones', 'breakdown',
  'plannedYear', 'hamletName',
] as const;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return values.includes(value as T);
}

function actionLabel(t: TFunction, action: string): string {
  const key = action.replace(/[.-]/g, '_');
  return isOneOf(historyActions, key) ? t(`history.actions.${key}`) : action;
}

function valueLabel(t: TFunction, change: Pick<FieldChange, 'field' | 'subject'>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('history.emptyValue');
  if (moneyFields.has(change.field) && /^-?\d+$/.test(value)) return formatVnd(value);
  if (change.field === 'decisionDate') return formatDate(value) || value;
  if (change.field === 'status') {
    if (value === 'DRAFT' || value === 'APPROVED' || value === 'CLOSED') return t(`schemes.status.${value}`);
    if (value === 'PLANNED' || value === 'FOUNDED' || value === 'DROPPED') return t(`clubPlan.statusValues.${value}`);
  }
  return value;
}

export function SchemeHistoryPanel({ schemeId }: { schemeId: string }) {
  const { t, i18n } = useTranslation();
  const { data, previousData, error, refetch, fetchMore } = useQuery(SchemeHistoryDocument, {
    variables: { id: schemeId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const indicators = useQuery(IndicatorsDocument);
  const history = (data ?? previousData)?.scheme?.history;

  function subjectKeyLabel(change: FieldChange): string | null {
    const key = change.subjectKey;
    if (!key) return null;
    if (change.subject === 'budgetLine' || change.subject === 'disbursement') {
      const [source, purpose, year] = key.split('·');
      return [
        isOneOf(budgetSources, source) ? t(`budget.source.${source}`) : source,
        isOneOf(budgetPurposes, purpose) ? t(`budget.purpose.${purpose}`) : purpose,
        year || null,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    if (change.subject === 'target') {
      const indicator = indicators.data?.indicators.find((candidate) => candidate.code === key);
      if (indicator) return i18n.resolvedLanguage === 'en' ? indicator.nameEn : indicator.nameVi;
    }
    return key;
  }

  if (error && !history) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!history) return <LoadingBlock />;
  if (history.edges.length === 0) return <EmptyMessage>{t('history.empty')}</EmptyMessage>;

  return (
    <Stack gap="md" data-testid="scheme-history">
      {history.edges.map(({ node: entry }) => (
        <Paper key={entry.id} withBorder p="md" radius="md" data-testid="history-entry" data-action={entry.action}>
          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Text fw={700}>{actionLabel(t, entry.action)}</Text>
                {entry.revision && (
                  <Badge variant="light" color="orange" tt="none" className={classes.badge}>
                    {t('history.revision', { number: entry.revision })}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {entry.actorName ?? t('history.unknownActor')} · {formatDateTime(entry.occurredAt)}
              </Text>
            </Group>
            {entry.reason && (
              <Text size="sm" data-testid="history-reason">
                <Text span fw={600} inherit>
                  {t('history.reason')}:
                </Text>{' '}
                {entry.reason}
              </Text>
            )}
            {entry.changes.length > 0 && (
              <Stack gap={0}>
                {entry.changes.map((change, index) => (
                  <Group
                    key={index}
                    justify="space-between"
                    align="flex-start"
                    gap="xs"
                    py={6}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                    data-testid="history-change"
                  >
                    <Text size="sm">
                      {isOneOf(historySubjects, change.subject) ? t(`history.subjects.${change.subject}`) : change.subject}
                      {subjectKeyLabel(change) ? ` – ${subjectKeyLabel(change)}` : ''}:{' '}
                      {isOneOf(historyFields, change.field) ? t(`history.fields.${change.field}`) : change.field}
                    </Text>
                    <Group gap={6} wrap="wrap" justify="flex-end" style={{ flex: '1 1 12rem' }}>
                      <Text span size="sm" c="dimmed" td="line-through">
                        {valueLabel(t, change, change.before)}
                      </Text>
                      <IconArrowRight size={14} aria-hidden />
                      <Text span size="sm" fw={600}>
                        {valueLabel(t, change, change.after)}
                      </Text>
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
        </Paper>
      ))}
      {history.pageInfo.hasNextPage && (
        <Group justify="center">
          <LoadMoreButton testId="history-load-more" onLoadMore={() => fetchMore({ variables: { after: history.pageInfo.endCursor } })} />
        </Group>
      )}
    </Stack>
  );
}
