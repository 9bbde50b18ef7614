import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

const MIN_REASON_LENGTH = 3;

interface RevisionReasonModalProps {
  opened: boolean;
  loading: boolean;
  /** A problem the server found with the reason, shown under the field. */
  serverError: string | null;
  testIdPrefix: string;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}

/** An approved scheme changes only through a revision with a reason; what was typed stays if saving fails. */
export function RevisionReasonModal({ opened, loading, serverError, testIdPrefix, onClose, onSubmit }: RevisionReasonModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  return (
    <Modal opened={opened} onClose={onClose} title={t('schemes.reasonTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
      <form
        noValidate
        onSubmit={submitShowingFirstErrorOf(() => {
          const text = reason.trim().normalize('NFC');
          if (text.length < MIN_REASON_LENGTH) setError(t('schemes.messages.needsReason'));
          else onSubmit(text);
        })}
      >
        <Stack gap="md">
          <Text size="sm">{t('schemes.reasonIntro')}</Text>
          <Textarea
            label={t('schemes.reason')}
            description={t('schemes.reasonHint')}
            required
            autosize
            minRows={3}
            value={reason}
            error={error ?? serverError}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setError(null);
            }}
            data-testid={`${testIdPrefix}-reason`}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid={`${testIdPrefix}-reason-submit`}>
              {t('schemes.saveRevision')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
