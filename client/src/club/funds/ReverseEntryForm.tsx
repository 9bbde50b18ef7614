import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatVnd } from '../../app/format';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ReverseLedgerEntryDocument, type ClubLedgerEntryFragment } from '../../gql/graphql';
import { splitProblems, useClubProblems } from '../club-messages';
import { FormError } from '../ui/FormError';
import { useActionKey } from '../ui/use-action-key';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

/** A mistaken entry is cancelled by an opposite one; the ledger itself is never edited. */
export function ReverseEntryForm({ entry, onDone, onCancel }: { entry: ClubLedgerEntryFragment; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [actionKey] = useActionKey();
  const [reverse, { loading }] = useMutation(ReverseLedgerEntryDocument);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  async function submit() {
    const text = reason.trim().normalize('NFC');
    setFormError(null);
    if (text.length < 3) return setError(t('clubArea.common.reasonRequired'));
    try {
      await reverse({ variables: { input: { id: entry.id, reason: text, idempotencyKey: actionKey } } });
      notifications.show({ color: 'teal', message: t('clubArea.ledger.reversed') });
      onDone();
    } catch (failure) {
      const split = splitProblems(clubProblems(failure), new Set(['reason']), () => errorMessage(failure));
      setError(split.fieldErrors.reason);
      setFormError(split.formError);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
    >
      <Stack gap="md">
        <Text>
          {t('clubArea.ledger.reverseIntro', { date: formatDate(entry.entryOn), amount: formatVnd(entry.amount), kind: t(`clubArea.ledger.kinds.${entry.kind}`) })}
        </Text>
        <FormError message={formError} testId="ledger-reverse-error" />
        <Textarea
          label={t('clubArea.common.reason')}
          required
          autosize
          minRows={2}
          size="md"
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
          data-testid="ledger-reverse-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={loading} data-testid="ledger-reverse-submit">
            {t('clubArea.ledger.reverse')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
