import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { ReverseDisbursementDocument } from '../../../gql/graphql';
import { useSchemeProblems } from '../scheme-messages';
import { submitShowingFirstErrorOf } from '../../../app/ui/focus-first-error';

export function ReverseDisbursementForm({ disbursementId, onDone, onCancel }: { disbursementId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [reverse, { loading }] = useMutation(ReverseDisbursementDocument);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit() {
    const text = reason.trim().normalize('NFC');
    if (!text) {
      setReasonError(t('common.required'));
      return;
    }
    setFormError(null);
    try {
      await reverse({ variables: { input: { id: disbursementId, reason: text, idempotencyKey } } });
      notifications.show({ color: 'teal', message: t('spending.reversed') });
      onDone();
    } catch (error) {
      const problems = schemeProblems(error);
      const onReason = problems.find((problem) => problem.field === 'reason');
      if (onReason) setReasonError(onReason.message);
      const others = problems.filter((problem) => problem.field !== 'reason').map((problem) => problem.message);
      if (others.length) setFormError(others.join(' '));
      else if (!problems.length) setFormError(errorMessage(error));
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
    >
      <Stack gap="md">
        <Text size="sm">{t('spending.reverseBody')}</Text>
        {formError && (
          <Alert color="red" title={t('common.saveFailed')} role="alert">
            {formError}
          </Alert>
        )}
        <Textarea
          label={t('spending.reverseReason')}
          required
          autosize
          minRows={2}
          value={reason}
          error={reasonError}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(null);
          }}
          data-testid="reverse-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button color="red" type="submit" loading={loading} data-testid="reverse-submit">
            {t('spending.reverse')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
