import { useMutation } from '@apollo/client/react';
import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDisplayDate } from '../../app/local-date';
import { moneyForApi, parseMoney } from '../../app/money';
import { MoneyInput, useMoneyProblem } from '../../app/ui/MoneyInput';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { RecordFundEntryDocument, type Fund, type LedgerKind } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { isNoAnswer, keepForLater } from '../offline/outbox';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { MemberSelect } from '../ui/MemberSelect';
import { useActionKey } from '../ui/use-action-key';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

type DirectKind = Extract<LedgerKind, 'SEED_CAPITAL' | 'CONTRIBUTION' | 'EXPENSE'>;

const kindsOf: Record<Fund, DirectKind[]> = {
  INCOME_GENERATION: ['SEED_CAPITAL', 'CONTRIBUTION', 'EXPENSE'],
  ACTIVITY: ['CONTRIBUTION', 'EXPENSE'],
};

const formFields = new Set(['kind', 'amount', 'entryOn', 'memberId', 'description']);

/** Money received (seed capital, a contribution) or spent, written into one fund. */
export function FundEntryForm({ fund, onDone, onCancel }: { fund: Fund; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const moneyProblemOf = useMoneyProblem();
  const clubProblems = useClubProblems();
  const [actionKey] = useActionKey();
  const [record, { loading }] = useMutation(RecordFundEntryDocument);
  const [values, setValues] = useState({ kind: kindsOf[fund][0] as DirectKind, amount: '', entryOn: displayDay(todayInVietnam()), memberId: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function set<K extends keyof typeof values>(field: K, value: (typeof values)[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  async function submit() {
    const found: Record<string, string> = {};
    const amount = parseMoney(values.amount);
    const entryOn = parseDisplayDate(values.entryOn);
    const description = values.description.trim().normalize('NFC');
    const amountProblem = moneyProblemOf(values.amount);
    if (amountProblem) found.amount = amountProblem;
    else if (!amount) found.amount = t('clubArea.common.amountRequired');
    if (!entryOn) found.entryOn = t('clubArea.common.dayInvalid');
    if (values.kind === 'EXPENSE' && !description) found.description = t('clubArea.messages.spentOn');
    if (values.kind === 'CONTRIBUTION' && !values.memberId && !description) found.memberId = t('clubArea.messages.whoContributed');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length || !amount || !entryOn) return;
    const input = {
      fund,
      kind: values.kind,
      amount: moneyForApi(amount)!,
      entryOn,
      memberId: values.kind === 'CONTRIBUTION' ? values.memberId || null : null,
      description: description || null,
      idempotencyKey: actionKey,
    };
    try {
      await record({ variables: { input } });
      notifications.show({ color: 'teal', message: t('clubArea.fundEntry.saved') });
      onDone();
    } catch (error) {
      if (isNoAnswer(error)) {
        const title = `${t('offline.kinds.fundEntry')} · ${t(`clubArea.funds.${fund}`)} · ${values.entryOn}`;
        await keepForLater({ kind: 'fundEntry', variables: { input }, title, amount: amount.toString(), draft: null });
        onDone();
        return;
      }
      const split = splitProblems(clubProblems(error), formFields, () => errorMessage(error));
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
    >
      <Stack gap="md">
        <Text>{t('clubArea.fundEntry.intro', { fund: t(`clubArea.funds.${fund}`) })}</Text>
        <FormError message={formError} testId="fund-entry-error" />
        <SegmentedControl
          fullWidth
          size="md"
          value={values.kind}
          onChange={(value) => set('kind', value as DirectKind)}
          data={kindsOf[fund].map((kind) => ({ value: kind, label: t(`clubArea.fundEntry.kinds.${kind}`) }))}
          aria-label={t('clubArea.fundEntry.kind')}
          data-testid="fund-entry-kind"
        />
        <MoneyInput label={t('clubArea.fundEntry.amount')} required value={values.amount} onChange={(digits) => set('amount', digits)} error={errors.amount} data-testid="fund-entry-amount" />
        <DayInput label={t('clubArea.fundEntry.entryOn')} required value={values.entryOn} onChange={(text) => set('entryOn', text)} error={errors.entryOn} data-testid="fund-entry-on" />
        {values.kind === 'CONTRIBUTION' && (
          <MemberSelect label={t('clubArea.fundEntry.member')} value={values.memberId} onChange={(id) => set('memberId', id)} error={errors.memberId} data-testid="fund-entry-member" />
        )}
        <Textarea
          label={t(`clubArea.fundEntry.description.${values.kind}`)}
          required={values.kind === 'EXPENSE'}
          autosize
          minRows={2}
          size="md"
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
          data-testid="fund-entry-description"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="fund-entry-submit">
            {t('clubArea.fundEntry.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
