import { useMutation } from '@apollo/client/react';
import { Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { moneyForApi, parseMoney, smallerVnd, vndValue } from '../../app/money';
import { MoneyInput, useMoneyProblem } from '../../app/ui/MoneyInput';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ApproveLoanDocument,
  DisburseLoanDocument,
  RecordRepaymentDocument,
  RejectLoanDocument,
  RescheduleLoanDocument,
  ReverseRepaymentDocument,
  WriteOffLoanDocument,
  type ClubLoanDetailFragment,
} from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { isNoAnswer, keepForLater } from '../offline/outbox';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { useActionKey } from '../ui/use-action-key';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

export type LoanAction = 'approve' | 'reject' | 'disburse' | 'repay' | 'reschedule' | 'writeOff' | 'reverseRepayment';

interface ActionValues {
  day: string;
  secondDay: string;
  reason: string;
  principal: string;
  interest: string;
  termMonths: string;
}

/** Which fields each action asks for; the reason is required where the board must say why. */
const fieldsOf: Record<LoanAction, { day?: 'decidedOn' | 'disbursedOn' | 'paidOn'; secondDay?: 'firstDueOn'; reason?: 'optional' | 'required'; money?: boolean; term?: boolean }> = {
  approve: { day: 'decidedOn', reason: 'optional' },
  reject: { day: 'decidedOn', reason: 'required' },
  writeOff: { day: 'decidedOn', reason: 'required' },
  disburse: { day: 'disbursedOn', secondDay: 'firstDueOn' },
  repay: { day: 'paidOn', money: true },
  reschedule: { secondDay: 'firstDueOn', reason: 'required', term: true },
  reverseRepayment: { reason: 'required' },
};

function suggestedRepayment(loan: ClubLoanDetailFragment): { principal: string; interest: string } {
  const standing = loan.standing;
  const due = standing.nextDue;
  const principal = due ? smallerVnd(due.principal, standing.outstandingPrincipal) : vndValue(standing.outstandingPrincipal);
  const interest = due ? smallerVnd(due.interest, standing.interestRemaining) : vndValue(standing.interestRemaining);
  return { principal: String(principal > 0n ? principal : 0n), interest: String(interest > 0n ? interest : 0n) };
}

interface LoanActionFormProps {
  action: LoanAction;
  loan: ClubLoanDetailFragment;
  /** The repayment to reverse. */
  repaymentId?: string;
  onDone: () => void;
  onCancel: () => void;
}

/** The board's decisions and the treasurer's entries on one loan, each with what it needs and nothing more. */
export function LoanActionForm({ action, loan, repaymentId, onDone, onCancel }: LoanActionFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const moneyProblemOf = useMoneyProblem();
  const clubProblems = useClubProblems();
  const [actionKey] = useActionKey();
  const fields = fieldsOf[action];
  const [values, setValues] = useState<ActionValues>(() => ({
    day: displayDay(todayInVietnam()),
    secondDay: '',
    reason: '',
    termMonths: '',
    ...(action === 'repay' ? suggestedRepayment(loan) : { principal: '', interest: '' }),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [approve, approving] = useMutation(ApproveLoanDocument);
  const [reject, rejecting] = useMutation(RejectLoanDocument);
  const [writeOff, writingOff] = useMutation(WriteOffLoanDocument);
  const [disburse, disbursing] = useMutation(DisburseLoanDocument);
  const [reschedule, rescheduling] = useMutation(RescheduleLoanDocument);
  const [repay, repaying] = useMutation(RecordRepaymentDocument);
  const [reverse, reversing] = useMutation(ReverseRepaymentDocument);
  const loading = [approving, rejecting, writingOff, disbursing, rescheduling, repaying, reversing].some((state) => state.loading);

  function set(field: keyof ActionValues, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  // Server field names → this form's fields.
  const aliases: Record<string, keyof ActionValues> = {
    decidedOn: 'day',
    disbursedOn: 'day',
    paidOn: 'day',
    firstDueOn: 'secondDay',
    reason: 'reason',
    principal: 'principal',
    interest: 'interest',
    termMonths: 'termMonths',
  };

  async function submit() {
    const found: Partial<Record<keyof ActionValues, string>> = {};
    const day = parseDisplayDate(values.day);
    const secondDay = parseDisplayDate(values.secondDay);
    const reason = values.reason.trim().normalize('NFC');
    if (fields.day && !day) found.day = t('clubArea.common.dayInvalid');
    if (fields.secondDay && (action === 'reschedule' ? !secondDay : secondDay === undefined)) found.secondDay = t('clubArea.common.dayInvalid');
    if (fields.reason === 'required' && reason.length < 3) found.reason = t('clubArea.common.reasonRequired');
    const principal = parseMoney(values.principal) ?? 0n;
    const interest = parseMoney(values.interest) ?? 0n;
    if (fields.money) {
      const principalProblem = moneyProblemOf(values.principal);
      const interestProblem = moneyProblemOf(values.interest);
      if (principalProblem) found.principal = principalProblem;
      if (interestProblem) found.interest = interestProblem;
      if (!principalProblem && !interestProblem && principal + interest <= 0n) found.principal = t('clubArea.meeting.amountRequired');
    }
    const term = Number(values.termMonths);
    if (fields.term && (!Number.isInteger(term) || term < 1 || term > 60)) found.termMonths = t('clubArea.messages.term');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    const decision = { id: loan.id, version: loan.version, decidedOn: day!, reason: reason || null };
    try {
      if (action === 'approve') await approve({ variables: { input: decision } });
      if (action === 'reject') await reject({ variables: { input: decision } });
      if (action === 'writeOff') await writeOff({ variables: { input: decision } });
      if (action === 'disburse') await disburse({ variables: { input: { loanId: loan.id, disbursedOn: day!, firstDueOn: secondDay ?? null, idempotencyKey: actionKey } } });
      if (action === 'reschedule') await reschedule({ variables: { input: { id: loan.id, version: loan.version, termMonths: term, firstDueOn: secondDay!, reason } } });
      if (action === 'repay') {
        await repay({ variables: { input: { loanId: loan.id, paidOn: day!, principal: moneyForApi(principal) ?? 0, interest: moneyForApi(interest) ?? 0, idempotencyKey: actionKey } } });
      }
      if (action === 'reverseRepayment' && repaymentId) await reverse({ variables: { input: { id: repaymentId, reason, idempotencyKey: actionKey } } });
      notifications.show({ color: 'teal', message: t(`clubArea.loanActions.done.${action}`, { name: loan.member.fullName }) });
      onDone();
    } catch (error) {
      if (action === 'repay' && isNoAnswer(error)) {
        const input = { loanId: loan.id, paidOn: day!, principal: moneyForApi(principal) ?? 0, interest: moneyForApi(interest) ?? 0, idempotencyKey: actionKey };
        const title = `${t('offline.kinds.repayment')} · ${loan.member.fullName} · ${values.day}`;
        await keepForLater({ kind: 'repayment', variables: { input }, title, amount: (principal + interest).toString(), draft: null });
        onDone();
        return;
      }
      if (hasErrorCode(error, 'CONFLICT')) return setFormError(t('clubArea.common.conflict'));
      const problems = clubProblems(error).map((problem) => ({ ...problem, field: problem.field.replace(/^.*\./, '') }));
      const split = splitProblems(problems, new Set(Object.keys(values)), () => errorMessage(error), aliases);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
      data-testid={`loan-action-form-${action}`}
    >
      <Stack gap="md">
        <Text>{t(`clubArea.loanActions.intro.${action}`, { name: loan.member.fullName })}</Text>
        <FormError message={formError} testId="loan-action-error" />
        {fields.day && <DayInput label={t(`clubArea.loanActions.fields.${fields.day}`)} required value={values.day} onChange={(text) => set('day', text)} error={errors.day} data-testid="loan-action-day" />}
        {fields.term && (
          <TextInput
            label={t('clubArea.loanActions.fields.termMonths')}
            description={t('clubArea.loanActions.fields.termMonthsHint')}
            required
            inputMode="numeric"
            maxLength={2}
            value={values.termMonths}
            onChange={(event) => set('termMonths', event.currentTarget.value.replace(/\D/g, ''))}
            error={errors.termMonths}
            data-testid="loan-action-term"
          />
        )}
        {fields.secondDay && (
          <DayInput
            label={t('clubArea.loanActions.fields.firstDueOn')}
            description={action === 'disburse' ? t('clubArea.meeting.firstDueOnHint') : undefined}
            required={action === 'reschedule'}
            value={values.secondDay}
            onChange={(text) => set('secondDay', text)}
            error={errors.secondDay}
            data-testid="loan-action-first-due"
          />
        )}
        {fields.money && (
          <>
            {loan.standing.nextDue && (
              <Text size="sm" c="dimmed">
                {t('clubArea.meeting.nextDue', { number: loan.standing.nextDue.number, date: formatDate(loan.standing.nextDue.dueOn) })}
              </Text>
            )}
            <SimpleGrid cols={2} spacing="sm">
              <MoneyInput label={t('clubArea.meeting.principal')} value={values.principal} onChange={(digits) => set('principal', digits)} error={errors.principal} data-testid="loan-action-principal" />
              <MoneyInput label={t('clubArea.meeting.interest')} value={values.interest} onChange={(digits) => set('interest', digits)} error={errors.interest} data-testid="loan-action-interest" />
            </SimpleGrid>
          </>
        )}
        {fields.reason && (
          <Textarea
            label={fields.reason === 'required' ? t('clubArea.loanActions.fields.reason') : t('clubArea.loanActions.fields.note')}
            required={fields.reason === 'required'}
            autosize
            minRows={2}
            size="md"
            value={values.reason}
            onChange={(event) => set('reason', event.currentTarget.value)}
            error={errors.reason}
            data-testid="loan-action-reason"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={action === 'reject' || action === 'writeOff' || action === 'reverseRepayment' ? 'red' : undefined} loading={loading} data-testid="loan-action-submit">
            {t(`clubArea.loanActions.submit.${action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
