import { useMutation } from '@apollo/client/react';
import { Button, Chip, Group, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { RecordHomeCareVisitDocument, type HomeCareKind } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { isNoAnswer, keepForLater } from '../offline/outbox';
import { clearCorrection, finishCorrection, type OutboxCorrection } from '../offline/outbox-correction';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { MemberSelect } from '../ui/MemberSelect';
import { useActionKey } from '../ui/use-action-key';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

export const homeCareKinds: HomeCareKind[] = ['HEALTH_CHECK', 'PERSONAL_CARE', 'HOUSEWORK', 'EMOTIONAL_SUPPORT', 'OTHER'];
const formFields = new Set(['volunteerId', 'memberId', 'visitedOn', 'kinds', 'notes']);

interface VisitValues {
  volunteerId: string;
  memberId: string;
  visitedOn: string;
  kinds: HomeCareKind[];
  notes: string;
}

/** A visit the server refused from the outbox, as it was written, to correct in the form. */
function valuesOfRefused(input: OutboxCorrection['input']): VisitValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    volunteerId: text(input.volunteerId),
    memberId: text(input.memberId),
    visitedOn: input.visitedOn ? displayDay(text(input.visitedOn)) : displayDay(todayInVietnam()),
    kinds: Array.isArray(input.kinds) ? (input.kinds as HomeCareKind[]) : [],
    notes: text(input.notes),
  };
}

interface HomeCareVisitFormProps {
  onDone: () => void;
  onCancel: () => void;
  /** A visit refused from the outbox, opened again with its key. */
  correction?: OutboxCorrection | null;
}

export function HomeCareVisitForm({ onDone, onCancel, correction = null }: HomeCareVisitFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [actionKey] = useActionKey(correction?.input.idempotencyKey);
  const [record, { loading }] = useMutation(RecordHomeCareVisitDocument);
  const [values, setValues] = useState<VisitValues>(() =>
    correction ? valuesOfRefused(correction.input) : { volunteerId: '', memberId: '', visitedOn: displayDay(todayInVietnam()), kinds: [], notes: '' },
  );
  // The member visited need not need home care any more: a corrected visit lists everyone.
  const [onlyNeedingCare, setOnlyNeedingCare] = useState(correction === null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(correction ? t('offline.correcting', { message: correction.message ?? '' }) : null);

  function set<K extends keyof VisitValues>(field: K, value: VisitValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  async function submit() {
    const found: Record<string, string> = {};
    const visitedOn = parseDisplayDate(values.visitedOn);
    if (!values.volunteerId) found.volunteerId = t('clubArea.homeCare.volunteerRequired');
    if (!values.memberId) found.memberId = t('clubArea.homeCare.memberRequired');
    if (!visitedOn) found.visitedOn = t('clubArea.common.dayInvalid');
    if (values.kinds.length === 0) found.kinds = t('clubArea.messages.chooseKind');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length || !visitedOn) return;
    const input = {
      volunteerId: values.volunteerId,
      memberId: values.memberId,
      visitedOn,
      kinds: values.kinds,
      notes: values.notes.trim().normalize('NFC') || null,
      idempotencyKey: actionKey,
    };
    try {
      await record({ variables: { input } });
      await finishCorrection(correction);
      notifications.show({ color: 'teal', message: t('clubArea.homeCare.saved') });
      onDone();
    } catch (error) {
      if (isNoAnswer(error)) {
        await finishCorrection(correction);
        await keepForLater({ kind: 'homeCareVisit', variables: { input }, title: t('offline.kinds.homeCareVisit', { date: values.visitedOn }), amount: null, draft: null });
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
        <FormError message={formError} testId="home-care-error" />
        <MemberSelect
          label={t('clubArea.homeCare.volunteer')}
          required
          homeCareVolunteer
          value={values.volunteerId}
          onChange={(id) => set('volunteerId', id)}
          error={errors.volunteerId}
          data-testid="home-care-volunteer"
        />
        <Stack gap={6}>
          <MemberSelect
            key={onlyNeedingCare ? 'needing-care' : 'everyone'}
            label={t('clubArea.homeCare.member')}
            required
            needsHomeCare={onlyNeedingCare || undefined}
            value={values.memberId}
            onChange={(id) => set('memberId', id)}
            error={errors.memberId}
            data-testid="home-care-member"
          />
          <Switch
            size="md"
            checked={onlyNeedingCare}
            onChange={(event) => {
              setOnlyNeedingCare(event.currentTarget.checked);
              set('memberId', '');
            }}
            label={t('clubArea.homeCare.onlyNeedingCare')}
          />
        </Stack>
        <DayInput label={t('clubArea.homeCare.visitedOn')} required value={values.visitedOn} onChange={(text) => set('visitedOn', text)} error={errors.visitedOn} data-testid="home-care-visited-on" />
        <Stack gap={6}>
          <Text fw={500}>
            {t('clubArea.homeCare.kinds')}{' '}
            <Text span c="red">
              *
            </Text>
          </Text>
          <Chip.Group multiple value={values.kinds} onChange={(kinds) => set('kinds', kinds as HomeCareKind[])}>
            <Group gap="xs" wrap="wrap" data-testid="home-care-kinds">
              {homeCareKinds.map((kind) => (
                <Chip key={kind} value={kind} size="md" wrapperProps={{ 'data-testid': `home-care-kind-${kind}` }}>
                  {t(`clubArea.homeCare.kindNames.${kind}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.kinds && (
            <Text size="sm" c="red.8">
              {errors.kinds}
            </Text>
          )}
        </Stack>
        <Textarea label={t('clubArea.homeCare.notes')} autosize minRows={2} size="md" value={values.notes} onChange={(event) => set('notes', event.currentTarget.value)} error={errors.notes} data-testid="home-care-notes" />
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              clearCorrection();
              onCancel();
            }}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="home-care-submit">
            {t('clubArea.homeCare.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
