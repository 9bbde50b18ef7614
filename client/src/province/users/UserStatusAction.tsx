import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { useFieldErrors } from '../../app/ui/use-field-errors';
import { SetUserDisabledDocument, type ProvinceUserFragment } from '../../gql/graphql';

interface UserStatusActionProps {
  user: ProvinceUserFragment;
  onStale: () => void;
}

export function UserStatusAction({ user, onStale }: UserStatusActionProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useFieldErrors();
  const signedInUser = useSignedInUser();
  const [confirmOpened, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const [mutate, { loading }] = useMutation(SetUserDisabledDocument);
  const name = user.displayName;

  async function setDisabled(disabled: boolean) {
    closeConfirm();
    try {
      await mutate({ variables: { id: user.id, disabled, version: user.version } });
      notifications.show({
        color: 'teal',
        message: disabled ? t('users.disabledDone', { name }) : t('users.enabledDone', { name }),
        'data-testid': 'user-action-done',
      });
    } catch (error) {
      const conflict = errorCodeOf(error) === 'CONFLICT';
      if (conflict) onStale();
      notifications.show({
        color: conflict ? 'orange' : 'red',
        title: t('common.saveFailed'),
        message: conflict ? t('users.conflict', { name }) : (Object.values(fieldErrorsOf(error))[0] ?? errorMessage(error)),
        autoClose: conflict ? false : 8000,
        'data-testid': conflict ? 'user-conflict' : 'user-action-error',
      });
    }
  }

  if (user.id === signedInUser.id) {
    return (
      <Text size="sm" c="dimmed">
        {t('users.you')}
      </Text>
    );
  }

  return (
    <>
      {user.disabled ? (
        <Button
          variant="light"
          leftSection={<IconLockOpen size={18} />}
          loading={loading}
          onClick={() => void setDisabled(false)}
          data-testid="user-enable"
        >
          {t('users.enable')}
        </Button>
      ) : (
        <Button
          variant="light"
          color="red"
          leftSection={<IconLock size={18} />}
          loading={loading}
          onClick={openConfirm}
          data-testid="user-disable"
        >
          {t('users.disable')}
        </Button>
      )}
      <Modal
        opened={confirmOpened}
        onClose={closeConfirm}
        title={t('users.disableTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Text mb="lg">{t('users.disableBody', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={closeConfirm}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void setDisabled(true)} data-testid="user-disable-confirm">
            {t('users.disableConfirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
