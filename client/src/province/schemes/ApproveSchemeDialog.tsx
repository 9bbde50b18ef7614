import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ApproveSchemeDocument, type SchemeDetailFragment } from '../../gql/graphql';
import { useSchemeProblems } from './scheme-messages';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface ApproveValues {
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
}

const dialogFields = new Set(['decisionNumber', 'decisionDate', 'decisionBody']);

interface ApproveSchemeDialogProps {
  scheme: SchemeDetailFragment;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

export function ApproveSchemeDialog({ scheme, onClose, onReload }: ApproveSchemeDialogProps) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [approve, { loading }] = useMutation(ApproveSchemeDocument);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<ApproveValues>({
    initialValues: {
      decisionNumber: scheme.decisionNumber ?? '',
      decisionDate: formatDate(scheme.decisionDate),
      decisionBody: scheme.decisionBody ?? '',
    },
    validate: {
      decisionBody: (value) => (value.trim() ? null : t('schemes.messages.needsBody')),
      decisionDate: (value) => (parseDisplayDate(value) === undefined ? t('schemes.form.dateInvalid') : null),
    },
  });

  async function submit(values: ApproveValues) {
    setProblems([]);
    setConflict(false);
    try {
      await approve({
        variables: {
          input: {
            id: scheme.id,
            version: scheme.version,
            decisionNumber: values.decisionNumber.trim().normalize('NFC') || null,
            decisionDate: parseDisplayDate(values.decisionDate) ?? null,
            decisionBody: values.decisionBody.trim().normalize('NFC'),
          },
        },
      });
      notifications.show({ color: 'teal', message: t('schemes.approve.done') });
      onClose();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const found = schemeProblems(error);
      const onFields: Record<string, string> = {};
      const others: string[] = [];
      for (const problem of found) {
        if (dialogFields.has(problem.field)) onFields[problem.field] = problem.message;
        else others.push(problem.message);
      }
      form.setErrors(onFields);
      setProblems(found.length ? others : [errorMessage(error)]);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('schemes.approve.title')} fullScreen={isPhone} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('schemes.approve.intro')}</Text>
          {conflict && (
            <Alert color="orange" icon={<IconAlertCircle />} role="alert" data-testid="approve-conflict">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('schemes.conflict')}</Text>
                <Button variant="white" color="orange" leftSection={<IconRefresh size={18} />} onClick={() => void onReload().then(() => setConflict(false), () => undefined)}>
                  {t('schemes.reload')}
                </Button>
              </Stack>
            </Alert>
          )}
          {problems.length > 0 && (
            <Alert color="red" icon={<IconAlertCircle />} title={t('schemes.approve.problems')} role="alert" data-testid="approve-problems">
              <Stack gap={4}>
                {problems.map((problem) => (
                  <Text key={problem} size="sm">
                    {problem}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <TextInput label={t('schemes.form.decisionNumber')} description={t('schemes.form.decisionNumberHint')} data-testid="approve-decision-number" {...form.getInputProps('decisionNumber')} />
          <TextInput
            label={t('schemes.form.decisionDate')}
            placeholder={t('schemes.form.datePlaceholder')}
            inputMode="numeric"
            data-testid="approve-decision-date"
            {...form.getInputProps('decisionDate')}
          />
          <TextInput
            label={t('schemes.form.decisionBody')}
            description={t('schemes.form.decisionBodyHint')}
            required
            data-testid="approve-decision-body"
            {...form.getInputProps('decisionBody')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid="approve-submit">
              {t('schemes.approve.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
