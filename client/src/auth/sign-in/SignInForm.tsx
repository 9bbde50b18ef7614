import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle, IconLogin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError, requestGraphQL } from '../../app/graphql-request';
import { useSession } from '../../app/session/SessionProvider';
import { sessionStore, type SessionEndReason } from '../../app/session/session-store';
import { SignInDocumentHash } from '../../gql/document-hashes';
import type { SignInMutation, SignInMutationVariables } from '../../gql/graphql';
import { signInErrorKey, type SignInErrorKey } from './sign-in-errors';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface SignInFailure {
  key: SignInErrorKey;
  minutes: number | null;
}

interface SignInValues {
  login: string;
  password: string;
}

const noticeKeys = {
  expired: 'session.expired',
  'password-changed': 'password.changed',
} as const satisfies Partial<Record<SessionEndReason, string>>;

function initialNotice() {
  const reason = sessionStore.lastEndReason();
  return reason === 'expired' || reason === 'password-changed' ? noticeKeys[reason] : null;
}

export function SignInForm() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState(initialNotice);
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const form = useForm<SignInValues>({
    mode: 'uncontrolled',
    initialValues: { login: '', password: '' },
    validate: {
      login: (value) => (value.trim() ? null : t('signIn.loginRequired')),
      password: (value) => (value ? null : t('signIn.passwordRequired')),
    },
  });

  async function submit(values: SignInValues) {
    setNotice(null);
    setFailure(null);
    setLoading(true);
    try {
      const variables: SignInMutationVariables = { login: values.login.trim().normalize('NFC'), password: values.password };
      const data = await requestGraphQL<SignInMutation, SignInMutationVariables>(SignInDocumentHash, variables);
      signIn(data.signIn);
    } catch (error) {
      const failed = error instanceof RequestError ? error : new RequestError('UNKNOWN');
      setFailure({ key: signInErrorKey(failed.code), minutes: failed.retryAfterSeconds ? Math.ceil(failed.retryAfterSeconds / 60) : null });
      setLoading(false);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {notice && (
          <Alert color={notice === 'password.changed' ? 'teal' : 'yellow'} icon={<IconInfoCircle />} role="status" data-testid="sign-in-notice">
            {t(notice)}
          </Alert>
        )}
        {failure && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('signIn.failedTitle')} role="alert" data-testid="sign-in-error">
            {failure.key === 'signIn.throttled' && failure.minutes
              ? t('signIn.throttledFor', { minutes: failure.minutes })
              : t(failure.key)}
          </Alert>
        )}
        <TextInput
          label={t('signIn.login')}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          data-testid="sign-in-login"
          key={form.key('login')}
          {...form.getInputProps('login')}
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          data-testid="sign-in-password"
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" size="lg" loading={loading} leftSection={<IconLogin size={20} />} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
