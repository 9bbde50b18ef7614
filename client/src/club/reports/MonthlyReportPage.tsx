import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconPrinter, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasErrorCode } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { PRINT_ON_OPEN } from '../../app/print/print-on-open';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ClubMonthFiguresDocument,
  ClubMonthlyReportDocument,
  ClubMonthlyReportsDocument,
  SaveMonthlyReportDocument,
  SubmitMonthlyReportDocument,
  type ClubMonthlyReportDetailFragment,
} from '../../gql/graphql';
import { formatMonth, monthNumber, monthOf, todayInVietnam } from '../club-format';
import { useClubProblems } from '../club-messages';
import { FormError } from '../ui/FormError';
import { InfoRows } from '../ui/InfoRows';
import { FiguresList } from './FiguresList';
import { ReportStatusBadge } from './ReportStatusBadge';

const MONTHS_SHOWN = 12;
const knownEvents = ['SUBMITTED', 'APPROVED', 'RETURNED', 'REOPENED'] as const;
type KnownEvent = (typeof knownEvents)[number];

function ReportEditor({ month, report, onSaved }: { month: string; report: ClubMonthlyReportDetailFragment | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [narrative, setNarrative] = useState(report?.narrative ?? '');
  const [narrativeError, setNarrativeError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [save, saving] = useMutation(SaveMonthlyReportDocument);
  const [submitReport, submitting] = useMutation(SubmitMonthlyReportDocument);
  const monthOver = month < monthOf(todayInVietnam());

  async function send(kind: 'save' | 'submit') {
    setFormError(null);
    setNarrativeError(undefined);
    const input = { month, narrative: narrative.trim().normalize('NFC') || null, version: report?.version ?? null };
    try {
      if (kind === 'save') await save({ variables: { input } });
      else await submitReport({ variables: { input } });
      notifications.show({ color: 'teal', message: t(kind === 'save' ? 'clubArea.reportPage.savedDraft' : 'clubArea.reportPage.submitted', { month: monthNumber(month) }) });
      setConfirming(false);
      onSaved();
    } catch (error) {
      setConfirming(false);
      if (hasErrorCode(error, 'CONFLICT')) return setFormError(t('clubArea.common.conflict'));
      const problems = clubProblems(error);
      const onNarrative = problems.find((problem) => problem.field === 'narrative');
      if (onNarrative) setNarrativeError(onNarrative.message);
      const others = problems.filter((problem) => problem.field !== 'narrative').map((problem) => problem.message);
      setFormError(others.length ? others.join(' ') : onNarrative ? null : errorMessage(error));
    }
  }

  return (
    <Stack gap="sm">
      <FormError message={formError} testId="report-error" />
      <Textarea
        label={t('clubArea.reportPage.narrative')}
        description={t('clubArea.reportPage.narrativeHint')}
        autosize
        minRows={4}
        size="md"
        value={narrative}
        error={narrativeError}
        onChange={(event) => setNarrative(event.currentTarget.value)}
        data-testid="report-narrative-input"
      />
      {!monthOver && <Text c="dimmed" size="sm">{t('clubArea.reportPage.monthNotOver')}</Text>}
      <Group gap="sm">
        <Button variant="light" leftSection={<IconDeviceFloppy size={20} />} loading={saving.loading} onClick={() => void send('save')} data-testid="report-save">
          {t('clubArea.reportPage.saveDraft')}
        </Button>
        <Button leftSection={<IconSend size={20} />} disabled={!monthOver} onClick={() => setConfirming(true)} data-testid="report-submit">
          {t('clubArea.reportPage.submit')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('clubArea.reportPage.confirmTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text>{t('clubArea.reportPage.confirm', { month: monthNumber(month) })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={submitting.loading} onClick={() => void send('submit')} data-testid="report-submit-confirm">
              {t('clubArea.reportPage.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function MonthlyReportPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const thisMonth = monthOf(todayInVietnam());
  const months = Array.from({ length: MONTHS_SHOWN }, (_, index) => monthOf(todayInVietnam(), -index));
  const asked = searchParams.get('month');
  const month = asked && /^\d{4}-\d{2}$/.test(asked) && asked <= thisMonth ? asked : monthOf(todayInVietnam(), -1);
  const list = useQuery(ClubMonthlyReportsDocument, { fetchPolicy: 'cache-and-network' });
  const reportQuery = useQuery(ClubMonthlyReportDocument, { variables: { month }, fetchPolicy: 'cache-and-network' });
  const report = reportQuery.data?.monthlyReport ?? null;
  const figuresQuery = useQuery(ClubMonthFiguresDocument, { variables: { month }, skip: !reportQuery.data || report !== null, fetchPolicy: 'cache-and-network' });
  const statusOf = new Map((list.data?.monthlyReports.edges ?? []).map((edge) => [edge.node.month as string, edge.node]));
  if (!months.includes(month)) months.push(month);
  const editable = !report || report.status === 'DRAFT' || report.status === 'RETURNED';
  const frozen = report?.status === 'SUBMITTED' || report?.status === 'APPROVED';
  const figures = report?.figures ?? figuresQuery.data?.monthFigures;

  function refresh() {
    void reportQuery.refetch().catch(() => undefined);
    void list.refetch().catch(() => undefined);
  }

  return (
    <>
      <PageHeader
        title={t('clubArea.reportPage.title', { month: monthNumber(month) })}
        actions={
          <Button
            component={Link}
            to={`/club/reports/print?month=${month}`}
            state={PRINT_ON_OPEN}
            variant="default"
            leftSection={<IconPrinter size={20} />}
            data-testid="report-print"
          >
            {t('print.report.open')}
          </Button>
        }
      />
      <Stack gap="md" maw={820}>
        <NativeSelect
          label={t('clubArea.reportPage.month')}
          size="md"
          data={months.map((option) => {
            const known = statusOf.get(option);
            return {
              value: option,
              label: known ? `${formatMonth(t, option)} – ${t(`clubArea.reportStatus.${known.status}`)}` : formatMonth(t, option),
            };
          })}
          value={month}
          onChange={(event) => setSearchParams({ month: event.currentTarget.value }, { replace: true })}
          data-testid="report-month"
        />
        {reportQuery.error && !reportQuery.data ? (
          <QueryError error={reportQuery.error} onRetry={() => void reportQuery.refetch().catch(() => undefined)} />
        ) : !reportQuery.data ? (
          <LoadingBlock />
        ) : (
          <>
            <Card withBorder radius="lg" padding="md" data-testid="report-state">
              <Group gap="xs" mb="xs">
                {report ? (
                  <ReportStatusBadge status={report.status} />
                ) : (
                  <Badge color="gray" variant="outline" tt="none" size="lg" data-testid="report-status" data-status="NONE">
                    {t('clubArea.reportPage.notStarted')}
                  </Badge>
                )}
                {report?.late && (
                  <Badge color="red" variant="filled" tt="none" size="lg" data-testid="report-late">
                    {report.status === 'DRAFT' || report.status === 'RETURNED' ? t('clubArea.report.overdue') : t('clubArea.report.late')}
                  </Badge>
                )}
              </Group>
              <InfoRows
                rows={[
                  report ? { key: 'due', label: t('clubArea.reportPage.dueOn'), value: formatDate(report.dueOn), testId: 'report-due' } : null,
                  report?.submittedAt ? { key: 'submitted', label: t('clubArea.reportPage.submittedAt'), value: formatDateTime(report.submittedAt) } : null,
                  report?.decidedAt ? { key: 'decided', label: t('clubArea.reportPage.decidedAt'), value: formatDateTime(report.decidedAt) } : null,
                ]}
              />
            </Card>
            {report?.status === 'RETURNED' && report.returnComment && (
              <Alert color="orange" icon={<IconAlertTriangle />} title={t('clubArea.reportPage.returned')} data-testid="report-return-comment">
                {report.returnComment}
              </Alert>
            )}
            {editable ? (
              <ReportEditor key={`${month}-${report?.version ?? 'new'}`} month={month} report={report} onSaved={refresh} />
            ) : (
              <Stack gap={4}>
                <Title order={2} fz="lg">
                  {t('clubArea.reportPage.narrative')}
                </Title>
                <Text data-testid="report-narrative" style={{ whiteSpace: 'pre-wrap' }}>
                  {report?.narrative || t('clubArea.reportPage.noNarrative')}
                </Text>
              </Stack>
            )}
            <Stack gap="xs">
              <Title order={2} fz="lg">
                {t('clubArea.reportPage.figures')}
              </Title>
              <Text c="dimmed" size="sm" data-testid="report-figures-note">
                {frozen ? t('clubArea.reportPage.figuresFrozen') : t('clubArea.reportPage.figuresLive')}
              </Text>
              {figures ? <FiguresList figures={figures} /> : figuresQuery.error ? <QueryError error={figuresQuery.error} /> : <LoadingBlock />}
            </Stack>
            {report && report.events.length > 0 && (
              <Stack gap="xs">
                <Title order={2} fz="lg">
                  {t('clubArea.reportPage.history')}
                </Title>
                <Timeline bulletSize={20} lineWidth={2} active={report.events.length - 1}>
                  {report.events.map((event) => (
                    <Timeline.Item
                      key={`${event.action}-${event.recordedAt}`}
                      title={knownEvents.includes(event.action as KnownEvent) ? t(`clubArea.reportPage.events.${event.action as KnownEvent}`) : event.action}
                      data-testid="report-event"
                    >
                      <Text size="sm" c="dimmed">
                        {formatDateTime(event.recordedAt)}
                        {event.byName ? ` · ${event.byName}` : ''}
                      </Text>
                      {event.comment && <Text size="sm">{event.comment}</Text>}
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
