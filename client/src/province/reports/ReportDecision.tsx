import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowBackUp, IconCheck, IconLockOpen, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ApproveMonthlyReportDocument,
  ReopenMonthlyReportDocument,
  ReturnMonthlyReportDocument,
  type ProvinceReportDetailFragment,
} from '../../gql/graphql';
import { formatMonth } from '../clubs/club-format';
import { useClubProblems } from '../clubs/club-messages';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

const MIN_COMMENT_LENGTH = 3;
type Mode = 'idle' | 'return' | 'reopen';

interface ReportDecisionProps {
  report: ProvinceReportDetailFragment;
  onReload: () => Promise<unknown>;
}

/** Approve, return with a comment, or reopen with a reason. What was typed stays through any error. */
export function ReportDecision({ report, onReload }: ReportDecisionProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [approve, approving] = useMutation(ApproveMonthlyReportDocument);
  const [returnReport, returning] = useMutation(ReturnMonthlyReportDocument);
  const [reopen, reopening] = useMutation(ReopenMonthlyReportDocument);
  const [mode, setMode] = useState<Mode>('idle');
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const names = { month: formatMonth(t, report.month).toLocaleLowerCase('vi'), club: report.club.name };

  function clearErrors() {
    setFieldError(null);
    setFormError(null);
    setConflict(false);
  }

  async function decide(run: () => Promise<unknown>, doneMessage: string, onDone: () => void) {
    clearErrors();
    try {
      await run();
      notifications.show({ color: 'teal', message: doneMessage });
      onDone();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const problems = clubProblems(error);
      const { comment: commentProblem, ...others } = problems;
      setFieldError(commentProblem ?? null);
      const rest = Object.values(others);
      if (rest.length || !commentProblem) setFormError(rest.length ? rest.join(' ') : errorMessage(error));
    }
  }

  function submitText(kind: 'return' | 'reopen') {
    const text = (kind === 'return' ? comment : reason).trim().normalize('NFC');
    if (text.length < MIN_COMMENT_LENGTH) {
      setFieldError(kind === 'return' ? t('provinceClubs.report.commentRequired') : t('provinceClubs.report.reasonRequired'));
      return;
    }
    const input = { id: report.id, version: report.version, comment: text };
    if (kind === 'return') {
      void decide(() => returnReport({ variables: { input } }), t('provinceClubs.report.returned', names), () => {
        setComment('');
        setMode('idle');
      });
    } else {
      void decide(() => reopen({ variables: { input } }), t('provinceClubs.report.reopened', names), () => {
        setReason('');
        setMode('idle');
      });
    }
  }

  const conflictAlert = conflict && (
    <Alert color="orange" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="report-conflict">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('provinceClubs.report.conflict')}</Text>
        <Button
          size="xs"
          variant="white"
          color="orange"
          leftSection={<IconRefresh size={16} />}
          loading={reloading}
          onClick={() => {
            setReloading(true);
            onReload()
              .then(() => setConflict(false))
              .catch(() => undefined)
              .finally(() => setReloading(false));
          }}
          data-testid="report-reload"
        >
          {t('provinceClubs.report.reload')}
        </Button>
      </Stack>
    </Alert>
  );
  const errorAlert = formError && (
    <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="report-decision-error">
      {formError}
    </Alert>
  );

  if (report.status === 'DRAFT') {
    return <Text c="dimmed">{t('provinceClubs.report.draftNote')}</Text>;
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="report-decision">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('provinceClubs.report.decision')}
        </Title>
        {report.status === 'RETURNED' && (
          <Alert color="orange" variant="light" icon={<IconArrowBackUp />} title={t('provinceClubs.report.returnComment')} data-testid="report-return-comment-box">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="report-return-comment">
              {report.returnComment ?? '—'}
            </Text>
            <Text size="sm" c="dimmed" mt="xs">
              {t('provinceClubs.report.waitingClub')}
            </Text>
          </Alert>
        )}
        {conflictAlert}
        {errorAlert}
        {report.status === 'SUBMITTED' && mode !== 'return' && (
          <Group gap="sm">
            <Button color="teal" leftSection={<IconCheck size={18} />} onClick={() => setConfirmApprove(true)} data-testid="report-approve">
              {t('provinceClubs.report.approve')}
            </Button>
            <Button
              variant="outline"
              color="orange"
              leftSection={<IconArrowBackUp size={18} />}
              onClick={() => {
                clearErrors();
                setMode('return');
              }}
              data-testid="report-return"
            >
              {t('provinceClubs.report.return')}
            </Button>
          </Group>
        )}
        {report.status === 'SUBMITTED' && mode === 'return' && (
          <form
            noValidate
            onSubmit={submitShowingFirstErrorOf(() => submitText('return'))}
          >
            <Stack gap="sm">
              <Text fw={600}>{t('provinceClubs.report.returnTitle')}</Text>
              <Textarea
                size="md"
                label={t('provinceClubs.report.comment')}
                description={t('provinceClubs.report.commentHint')}
                required
                autosize
                minRows={3}
                value={comment}
                error={fieldError}
                onChange={(event) => {
                  setComment(event.currentTarget.value);
                  setFieldError(null);
                }}
                data-testid="report-return-comment-input"
              />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setMode('idle')}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="orange" loading={returning.loading} data-testid="report-return-submit">
                  {t('provinceClubs.report.returnSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {report.status === 'APPROVED' && mode !== 'reopen' && (
          <Group gap="sm">
            <Button
              variant="outline"
              color="grape"
              leftSection={<IconLockOpen size={18} />}
              onClick={() => {
                clearErrors();
                setMode('reopen');
              }}
              data-testid="report-reopen"
            >
              {t('provinceClubs.report.reopen')}
            </Button>
          </Group>
        )}
        {report.status === 'APPROVED' && mode === 'reopen' && (
          <form
            noValidate
            onSubmit={submitShowingFirstErrorOf(() => submitText('reopen'))}
          >
            <Stack gap="sm">
              <Text fw={600}>{t('provinceClubs.report.reopenTitle')}</Text>
              <Text size="sm" c="dimmed">
                {t('provinceClubs.report.reopenIntro')}
              </Text>
              <Textarea
                size="md"
                label={t('provinceClubs.report.reason')}
                required
                autosize
                minRows={3}
                value={reason}
                error={fieldError}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setFieldError(null);
                }}
                data-testid="report-reopen-reason"
              />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setMode('idle')}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="grape" loading={reopening.loading} data-testid="report-reopen-submit">
                  {t('provinceClubs.report.reopenSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      <Modal opened={confirmApprove} onClose={() => setConfirmApprove(false)} title={t('provinceClubs.report.approveTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text>{t('provinceClubs.report.approveConfirm', names)}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmApprove(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="teal"
              loading={approving.loading}
              onClick={() => {
                setConfirmApprove(false);
                void decide(() => approve({ variables: { input: { id: report.id, version: report.version } } }), t('provinceClubs.report.approved', names), () => undefined);
              }}
              data-testid="report-approve-confirm"
            >
              {t('provinceClubs.report.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
