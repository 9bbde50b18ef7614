import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { MIN_PASSWORD_LENGTH } from '../../app/password-rules';
import { useSession } from '../../app/session/SessionProvider';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { useFieldErrors } from '../../app/ui/use-field-errors';
import { ChangePasswordDocument } from '../../gql/graphql';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

const emptyValues: ChangePasswordValues = { currentPassword: '', newPassword: '', confirmation: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useFieldErrors();
  const [mutate, { loading }] = useMutation(ChangePasswordDocument);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChangePasswordValues>({
    mode: 'uncontrolled',
    initialValues: emptyValues,
    validate: {
      currentPassword: (value) => (value ? null : t('common.required')),
      newPassword: (value, values) => {
        if (!value) return t('common.required');
        if (value.length < MIN_PASSWORD_LENGTH) return t('common.minLength', { min: MIN_PASSWORD_LENGTH });
        return value === values.currentPassword ? t('password.sameAsCurrent') : null;
      },
      confirmation: (value, values) => (value === values.newPassword ? null : t('password.mismatch')),
    },
  });

  async function submit({ currentPassword, newPassword }: ChangePasswordValues) {
    setFormError(null);
    try {
      await mutate({ variables: { currentPassword, newPassword } });
      signOut('password-changed');
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      form.setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0 || errorCodeOf(error) !== 'BAD_USER_INPUT') {
        setFormError(errorMessage(error));
      }
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="change-password-error">
            {formError}
          </Alert>
        )}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          data-testid="current-password"
          key={form.key('currentPassword')}
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('password.next')}
          description={t('password.nextHint')}
          autoComplete="new-password"
          required
          data-testid="new-password"
          key={form.key('newPassword')}
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          data-testid="confirm-password"
          key={form.key('confirmation')}
          {...form.getInputProps('confirmation')}
        />
        <Button type="submit" loading={loading} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
