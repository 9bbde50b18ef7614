import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { MIN_PASSWORD_LENGTH } from '../../app/password-rules';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { useFieldErrors } from '../../app/ui/use-field-errors';
import { CreateUserDocument, UsersDocument, type Role } from '../../gql/graphql';
import { useClubIdHint } from './use-club-id-hint';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

type CreatableRole = Extract<Role, 'CLUB_STAFF' | 'PROVINCE_ADMIN'>;

interface CreateUserValues {
  login: string;
  displayName: string;
  password: string;
  role: CreatableRole;
  clubId: string;
}

const formFields: ReadonlyArray<keyof CreateUserValues> = ['login', 'displayName', 'password', 'role', 'clubId'];
const creatableRoles: CreatableRole[] = ['CLUB_STAFF', 'PROVINCE_ADMIN'];

interface CreateUserFormProps {
  onCreated: () => void;
  onCancel: () => void;
}

export function CreateUserForm({ onCreated, onCancel }: CreateUserFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useFieldErrors();
  const [mutate, { loading }] = useMutation(CreateUserDocument, { refetchQueries: [UsersDocument] });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateUserValues>({
    initialValues: { login: '', displayName: '', password: '', role: 'CLUB_STAFF', clubId: '' },
    validate: {
      login: (value) => (value.trim() ? null : t('common.required')),
      displayName: (value) => (value.trim() ? null : t('common.required')),
      password: (value) =>
        !value ? t('common.required') : value.length < MIN_PASSWORD_LENGTH ? t('common.minLength', { min: MIN_PASSWORD_LENGTH }) : null,
      clubId: (value, values) => (values.role === 'CLUB_STAFF' && !value.trim() ? t('createUser.clubRequired') : null),
    },
  });
  const clubHint = useClubIdHint(form.values.role === 'CLUB_STAFF' ? form.values.clubId : '');

  function showServerErrors(error: unknown) {
    const fieldErrors = fieldErrorsOf(error);
    const isFormField = (field: string) => formFields.includes(field as keyof CreateUserValues);
    const known = Object.fromEntries(Object.entries(fieldErrors).filter(([field]) => isFormField(field)));
    const others = Object.entries(fieldErrors).filter(([field]) => !isFormField(field));
    if (errorCodeOf(error) === 'CONFLICT') known.login ??= t('createUser.loginTaken');
    form.setErrors(known);
    if (others.length > 0) setFormError(others.map(([, message]) => message).join(' '));
    else if (Object.keys(known).length === 0) setFormError(errorMessage(error));
  }

  async function submit(values: CreateUserValues) {
    setFormError(null);
    try {
      const { data } = await mutate({
        variables: {
          input: {
            login: values.login.trim().normalize('NFC'),
            displayName: values.displayName.trim().normalize('NFC'),
            password: values.password,
            role: values.role,
            clubId: values.role === 'CLUB_STAFF' ? values.clubId.trim() : null,
          },
        },
      });
      notifications.show({ color: 'teal', message: t('createUser.created', { login: data?.createUser.login ?? values.login }) });
      onCreated();
    } catch (error) {
      showServerErrors(error);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="create-user-error">
            {formError}
          </Alert>
        )}
        <Radio.Group label={t('createUser.role')} required {...form.getInputProps('role')} data-testid="create-user-role">
          <Stack gap="sm" mt="xs">
            {creatableRoles.map((role) => (
              <Radio key={role} value={role} label={t(`roles.${role}`)} size="md" data-testid={`create-user-role-${role}`} />
            ))}
          </Stack>
        </Radio.Group>
        {form.values.role === 'CLUB_STAFF' && (
          <TextInput
            label={t('createUser.clubId')}
            description={clubHint}
            required
            autoComplete="off"
            spellCheck={false}
            data-testid="create-user-club-id"
            {...form.getInputProps('clubId')}
          />
        )}
        <TextInput
          label={t('createUser.displayName')}
          required
          autoComplete="off"
          data-testid="create-user-display-name"
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={t('createUser.login')}
          description={t('createUser.loginHint')}
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          data-testid="create-user-login"
          {...form.getInputProps('login')}
        />
        <PasswordInput
          label={t('createUser.password')}
          description={t('createUser.passwordHint')}
          required
          autoComplete="new-password"
          data-testid="create-user-password"
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="create-user-submit">
            {t('createUser.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
