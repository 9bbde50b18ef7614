import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Input, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatVnd } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { moneyForApi, parseMoney } from '../../app/money';
import { MoneyInput, useMoneyProblem } from '../../app/ui/MoneyInput';
import { PageHeader } from '../../app/ui/PageHeader';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ClubMemberNameDocument, RequestLoanDocument, type LoanPurpose } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { MemberSelect } from '../ui/MemberSelect';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

const purposes: LoanPurpose[] = ['LIVESTOCK', 'CROPS', 'AQUACULTURE', 'SMALL_TRADE', 'HANDICRAFT', 'SERVICES', 'OTHER'];
const formFields = new Set(['memberId', 'principal', 'termMonths', 'monthlyRate', 'flatFee', 'purpose', 'purposeNote', 'requestedOn']);

interface RequestValues {
  memberId: string;
  principal: string;
  termMonths: string;
  cost: 'RATE' | 'FEE';
  monthlyRate: string;
  flatFee: string;
  purpose: LoanPurpose;
  purposeNote: string;
  requestedOn: string;
}

/** "0,5" or "0.5" → "0.5"; null when it is not a percent the server reads. */
function rateOf(text: string): string | null {
  const rate = text.trim().replace(',', '.');
  return /^\d{1,2}(\.\d{1,3})?$/.test(rate) ? rate : null;
}

/** A month's instalment as the server will schedule it: equal principal, interest on the amount lent. */
function instalmentPreview(values: RequestValues): { principal: bigint; interest: bigint } | null {
  const principal = parseMoney(values.principal);
  const term = Number(values.termMonths);
  if (!principal || !Number.isInteger(term) || term < 1 || term > 60) return null;
  if (values.cost === 'RATE') {
    const rate = rateOf(values.monthlyRate);
    if (rate === null) return null;
    const [whole, fraction = ''] = rate.split('.');
    const thousandths = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
    return { principal: principal / BigInt(term), interest: (principal * thousandths) / 100_000n };
  }
  const fee = parseMoney(values.flatFee);
  return fee === null ? null : { principal: principal / BigInt(term), interest: fee / BigInt(term) };
}

export function LoanRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const moneyProblemOf = useMoneyProblem();
  const clubProblems = useClubProblems();
  const [searchParams] = useSearchParams();
  const preselected = searchParams.get('member');
  const member = useQuery(ClubMemberNameDocument, { variables: { id: preselected ?? '' }, skip: !preselected });
  const [request, { loading }] = useMutation(RequestLoanDocument);
  const [values, setValues] = useState<RequestValues>({
    memberId: preselected ?? '',
    principal: '',
    termMonths: '10',
    cost: 'RATE',
    monthlyRate: '',
    flatFee: '',
    purpose: 'LIVESTOCK',
    purposeNote: '',
    requestedOn: displayDay(todayInVietnam()),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const preview = instalmentPreview(values);

  function set<K extends keyof RequestValues>(field: K, value: RequestValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  async function submit() {
    const found: Record<string, string> = {};
    const principal = parseMoney(values.principal);
    const requestedOn = parseDisplayDate(values.requestedOn);
    const term = Number(values.termMonths);
    if (!values.memberId) found.memberId = t('clubArea.loanForm.memberRequired');
    const principalProblem = moneyProblemOf(values.principal);
    if (principalProblem) found.principal = principalProblem;
    else if (!principal) found.principal = t('clubArea.common.amountRequired');
    if (!Number.isInteger(term) || term < 1 || term > 60) found.termMonths = t('clubArea.messages.term');
    if (values.cost === 'RATE' && rateOf(values.monthlyRate) === null) found.monthlyRate = t('clubArea.messages.rateFormat');
    const feeProblem = values.cost === 'FEE' ? moneyProblemOf(values.flatFee) : null;
    if (feeProblem) found.flatFee = feeProblem;
    else if (values.cost === 'FEE' && parseMoney(values.flatFee) === null) found.flatFee = t('clubArea.loanForm.feeRequired');
    if (!requestedOn) found.requestedOn = t('clubArea.common.dayInvalid');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length || !principal || !requestedOn) return;
    try {
      const { data } = await request({
        variables: {
          input: {
            memberId: values.memberId,
            principal: moneyForApi(principal)!,
            termMonths: term,
            monthlyRate: values.cost === 'RATE' ? rateOf(values.monthlyRate) : null,
            flatFee: values.cost === 'FEE' ? moneyForApi(parseMoney(values.flatFee) ?? 0n) : null,
            purpose: values.purpose,
            purposeNote: values.purposeNote.trim().normalize('NFC') || null,
            requestedOn,
          },
        },
      });
      if (!data) return;
      notifications.show({ color: 'teal', message: t('clubArea.loanForm.saved', { name: data.requestLoan.member.fullName }) });
      void navigate(`/club/loans/${data.requestLoan.id}`, { replace: true });
    } catch (error) {
      const split = splitProblems(clubProblems(error), formFields, () => errorMessage(error));
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    }
  }

  return (
    <>
      <PageHeader title={t('clubArea.loanForm.title')} description={t('clubArea.loanForm.intro')} />
      <form
        noValidate
        onSubmit={submitShowingFirstErrorOf(submit)}
      >
        <Stack gap="md" maw={640}>
          <FormError message={formError} testId="loan-request-error" />
          {(!preselected || member.data) && (
            <MemberSelect
              label={t('clubArea.loanForm.member')}
              required
              value={values.memberId}
              initial={member.data?.member ?? null}
              onChange={(id) => set('memberId', id)}
              error={errors.memberId}
              data-testid="loan-request-member"
            />
          )}
          <SimpleGrid cols={2} spacing="sm">
            <MoneyInput label={t('clubArea.loanForm.principal')} required value={values.principal} onChange={(digits) => set('principal', digits)} error={errors.principal} data-testid="loan-request-principal" />
            <TextInput
              label={t('clubArea.loanForm.termMonths')}
              required
              inputMode="numeric"
              maxLength={2}
              rightSection={<Text size="sm" c="dimmed">{t('clubArea.loanForm.months')}</Text>}
              rightSectionWidth={56}
              value={values.termMonths}
              onChange={(event) => set('termMonths', event.currentTarget.value.replace(/\D/g, ''))}
              error={errors.termMonths}
              data-testid="loan-request-term"
            />
          </SimpleGrid>
          <Input.Wrapper label={t('clubArea.loanForm.cost')} size="md">
            <SegmentedControl
              fullWidth
              size="md"
              value={values.cost}
              onChange={(value) => set('cost', value as RequestValues['cost'])}
              data={[
                { value: 'RATE', label: t('clubArea.loanForm.costRate') },
                { value: 'FEE', label: t('clubArea.loanForm.costFee') },
              ]}
              data-testid="loan-request-cost"
            />
          </Input.Wrapper>
          {values.cost === 'RATE' ? (
            <TextInput
              label={t('clubArea.loanForm.monthlyRate')}
              description={t('clubArea.loanForm.monthlyRateHint')}
              inputMode="decimal"
              rightSection="%"
              value={values.monthlyRate}
              onChange={(event) => set('monthlyRate', event.currentTarget.value)}
              error={errors.monthlyRate}
              data-testid="loan-request-rate"
            />
          ) : (
            <MoneyInput label={t('clubArea.loanForm.flatFee')} value={values.flatFee} onChange={(digits) => set('flatFee', digits)} error={errors.flatFee} data-testid="loan-request-fee" />
          )}
          {preview && (
            <Alert color="gray" variant="light" data-testid="loan-request-preview">
              {t('clubArea.loanForm.preview', { principal: formatVnd(preview.principal), interest: formatVnd(preview.interest), count: Number(values.termMonths) })}
            </Alert>
          )}
          <NativeSelect
            label={t('clubArea.loanForm.purpose')}
            size="md"
            data={purposes.map((purpose) => ({ value: purpose, label: t(`clubArea.loanPurpose.${purpose}`) }))}
            value={values.purpose}
            onChange={(event) => set('purpose', event.currentTarget.value as LoanPurpose)}
            error={errors.purpose}
            data-testid="loan-request-purpose"
          />
          <TextInput label={t('clubArea.loanForm.purposeNote')} description={t('clubArea.loanForm.purposeNoteHint')} value={values.purposeNote} onChange={(event) => set('purposeNote', event.currentTarget.value)} error={errors.purposeNote} data-testid="loan-request-note" />
          <DayInput label={t('clubArea.loanForm.requestedOn')} required value={values.requestedOn} onChange={(text) => set('requestedOn', text)} error={errors.requestedOn} data-testid="loan-request-on" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid="loan-request-submit">
              {t('clubArea.loanForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
