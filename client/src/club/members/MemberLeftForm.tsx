import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../app/errors';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { RecordMemberLeftDocument, type ClubMemberDetailFragment } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

const formFields = new Set(['leftOn', 'reason']);

export function MemberLeftForm({ member, onDone, onCancel }: { member: ClubMemberDetailFragment; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [record, { loading }] = useMutation(RecordMemberLeftDocument);
  const [values, setValues] = useState({ leftOn: displayDay(todayInVietnam()), reason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit() {
    const leftOn = parseDisplayDate(values.leftOn);
    const found: Record<string, string> = {};
    if (!leftOn) found.leftOn = t('clubArea.common.dayInvalid');
    if (values.reason.trim().length < 3) found.reason = t('clubArea.messages.leaveReason');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length || !leftOn) return;
    try {
      await record({ variables: { input: { id: member.id, version: member.version, leftOn, reason: values.reason.trim().normalize('NFC') } } });
      notifications.show({ color: 'teal', message: t('clubArea.memberLeft.saved', { name: member.fullName }) });
      onDone();
    } catch (error) {
      if (hasErrorCode(error, 'CONFLICT')) return setFormError(t('clubArea.common.conflict'));
      const split = splitProblems(clubProblems(error), formFields, () => errorMessage(error), { id: 'general' });
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
        <Text>{t('clubArea.memberLeft.intro', { name: member.fullName })}</Text>
        <FormError message={formError} testId="member-left-error" />
        <DayInput label={t('clubArea.memberLeft.leftOn')} required value={values.leftOn} error={errors.leftOn} onChange={(text) => setValues((v) => ({ ...v, leftOn: text }))} data-testid="member-left-on" />
        <Textarea
          label={t('clubArea.memberLeft.reason')}
          description={t('clubArea.memberLeft.reasonHint')}
          required
          autosize
          minRows={2}
          size="md"
          value={values.reason}
          error={errors.reason}
          onChange={(event) => {
            const reason = event.currentTarget.value;
            setValues((v) => ({ ...v, reason }));
          }}
          data-testid="member-left-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={loading} data-testid="member-left-submit">
            {t('clubArea.memberLeft.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
