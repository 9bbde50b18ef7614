import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../../app/format';
import { parseDisplayDate, todayForDisplay } from '../../../app/local-date';
import { moneyForApi, parseMoney } from '../../../app/money';
import { MoneyInput, useMoneyProblem } from '../../../app/ui/MoneyInput';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { RecordDisbursementDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { type PickedUnit, UnitPicker } from '../../hierarchy/UnitPicker';
import { formProblemsOf, problemsByField, useSchemeProblems } from '../scheme-messages';
import { ClubPicker, type PickedClub } from './ClubPicker';
import { submitShowingFirstErrorOf } from '../../../app/ui/focus-first-error';

type Line = SchemeDetailFragment['budgetLines'][number];

interface RecordDisbursementFormProps {
  lines: Line[];
  lineLabel: (line: Line) => string;
  onRecorded: () => void;
  onCancel: () => void;
}

const formFields = new Set(['budgetLineId', 'amount', 'paidOn', 'description', 'recipientUnitId', 'recipientClubId']);

/** Who received the money: nobody named, an administrative unit (e.g. a commune's People's Committee) or a club. */
type RecipientKind = 'none' | 'unit' | 'club';

/** Seed capital goes to clubs; other purposes usually to a unit. */
function recipientKindFor(line: Line | undefined): RecipientKind {
  return line?.purpose === 'SEED_CAPITAL' ? 'club' : 'none';
}

export function RecordDisbursementForm({ lines, lineLabel, onRecorded, onCancel }: RecordDisbursementFormProps) {
  const { t } = useTranslation();
  const moneyProblemOf = useMoneyProblem();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  // One key per opening of the form: a retry after a lost answer cannot record the payment twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [record, { loading }] = useMutation(RecordDisbursementDocument);
  const [values, setValues] = useState({ budgetLineId: lines[0]?.id ?? '', amount: '', paidOn: todayForDisplay(), description: '' });
  const [recipientKind, setRecipientKind] = useState<RecipientKind>(() => recipientKindFor(lines[0]));
  const [recipientUnit, setRecipientUnit] = useState<PickedUnit | null>(null);
  const [recipientClub, setRecipientClub] = useState<PickedClub | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const line = lines.find((candidate) => candidate.id === values.budgetLineId);

  function set(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  async function submit() {
    const found: Record<string, string> = {};
    const amount = parseMoney(values.amount);
    const paidOn = parseDisplayDate(values.paidOn);
    if (!values.budgetLineId) found.budgetLineId = t('common.required');
    const amountProblem = moneyProblemOf(values.amount);
    if (amountProblem) found.amount = amountProblem;
    else if (amount === null || amount === 0n) found.amount = t('budget.amountRequired');
    if (!paidOn) found.paidOn = t('schemes.form.dateInvalid');
    if (!values.description.trim()) found.description = t('common.required');
    if (recipientKind === 'unit' && !recipientUnit) found.recipientUnitId = t('spending.pickUnit');
    if (recipientKind === 'club' && !recipientClub) found.recipientClubId = t('spending.pickClub');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length || amount === null || !paidOn) return;
    try {
      await record({
        variables: {
          input: {
            budgetLineId: values.budgetLineId,
            amount: moneyForApi(amount) ?? 0,
            paidOn,
            description: values.description.trim().normalize('NFC'),
            recipientUnitId: recipientKind === 'unit' ? (recipientUnit?.id ?? null) : null,
            recipientClubId: recipientKind === 'club' ? (recipientClub?.id ?? null) : null,
            idempotencyKey,
          },
        },
      });
      notifications.show({ color: 'teal', message: t('spending.recorded') });
      onRecorded();
    } catch (error) {
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      setErrors(fieldErrors);
      if (formError) setFormError(formError);
    }
  }

  return (
    <form
      onSubmit={submitShowingFirstErrorOf(submit)}
      noValidate
    >
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="disbursement-error">
            {formError}
          </Alert>
        )}
        <NativeSelect
          label={t('spending.line')}
          data={lines.map((candidate) => ({ value: candidate.id, label: lineLabel(candidate) }))}
          value={values.budgetLineId}
          error={errors.budgetLineId}
          onChange={(event) => {
            const chosen = event.currentTarget.value;
            set('budgetLineId', chosen);
            if (!recipientUnit && !recipientClub) setRecipientKind(recipientKindFor(lines.find((candidate) => candidate.id === chosen)));
          }}
          description={line ? `${t('spending.remaining')}: ${formatVnd(line.remaining)}` : undefined}
          data-testid="disbursement-line"
        />
        <MoneyInput label={t('spending.amount')} required value={values.amount} error={errors.amount} onChange={(digits) => set('amount', digits)} data-testid="disbursement-amount" />
        <TextInput
          label={t('spending.paidOn')}
          placeholder={t('schemes.form.datePlaceholder')}
          required
          inputMode="numeric"
          value={values.paidOn}
          error={errors.paidOn}
          onChange={(event) => set('paidOn', event.currentTarget.value)}
          data-testid="disbursement-paid-on"
        />
        <TextInput
          label={t('spending.description')}
          required
          value={values.description}
          error={errors.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          data-testid="disbursement-description"
        />
        <Stack gap={6}>
          <SegmentedControl
            fullWidth
            value={recipientKind}
            onChange={(value) => {
              setRecipientKind(value as RecipientKind);
              setErrors((current) => ({ ...current, recipientUnitId: '', recipientClubId: '' }));
            }}
            aria-label={t('spending.recipient')}
            data={[
              { value: 'none', label: t('spending.recipientNone') },
              { value: 'unit', label: t('spending.recipientUnit') },
              { value: 'club', label: t('spending.recipientClub') },
            ]}
            data-testid="disbursement-recipient-kind"
          />
          {recipientKind === 'unit' && (
            <UnitPicker
              label={t('spending.recipientUnitLabel')}
              value={recipientUnit}
              onChange={(unit) => {
                setRecipientUnit(unit);
                setErrors((current) => ({ ...current, recipientUnitId: '' }));
              }}
              error={errors.recipientUnitId || undefined}
              testId="disbursement-recipient-unit"
            />
          )}
          {recipientKind === 'club' && (
            <ClubPicker
              label={t('spending.recipientClubLabel')}
              value={recipientClub}
              onChange={(club) => {
                setRecipientClub(club);
                setErrors((current) => ({ ...current, recipientClubId: '' }));
              }}
              error={errors.recipientClubId || undefined}
              testId="disbursement-recipient-club"
            />
          )}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="disbursement-submit">
            {t('spending.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
