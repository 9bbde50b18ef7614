import { Button, Modal, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/ui/PageHeader';
import { CreateUserForm } from './CreateUserForm';
import { UsersList } from './UsersList';

export function UsersPage() {
  const { t } = useTranslation();
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.normalize('NFC').trim(), 300);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.intro')}
        actions={
          <Button leftSection={<IconUserPlus size={20} />} onClick={openCreate} data-testid="create-user-open">
            {t('users.create')}
          </Button>
        }
      />
      <Stack gap="md">
        <TextInput
          type="search"
          label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          leftSection={<IconSearch size={18} />}
          maw={420}
          autoComplete="off"
          data-testid="users-search"
        />
        <UsersList search={debouncedSearch} />
      </Stack>
      <Modal
        opened={createOpened}
        onClose={closeCreate}
        title={t('createUser.title')}
        fullScreen={isPhone}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <CreateUserForm onCreated={closeCreate} onCancel={closeCreate} />
      </Modal>
    </>
  );
}
