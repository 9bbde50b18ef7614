import { Avatar, Button, Group, Menu, Modal, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession, useSignedInUser } from '../session/SessionProvider';
import { signOutSteps } from '../session/sign-out-steps';

function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[words.length - 2], words[words.length - 1]] : words;
  return letters.map((word) => word.charAt(0).toLocaleUpperCase('vi')).join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const { signOut } = useSession();
  const roleLabel = t(`roles.${user.role}`);
  const [unsent, setUnsent] = useState(0);

  /** What the phone keeps is cleared first; with changes not yet sent, only after a warning. */
  async function leave(confirmed: boolean) {
    const waiting = signOutSteps.unsent();
    if (waiting > 0 && !confirmed) {
      setUnsent(waiting);
      return;
    }
    setUnsent(0);
    await signOutSteps.clear();
    signOut();
  }

  return (
    <>
      <Modal opened={unsent > 0} onClose={() => setUnsent(0)} title={t('offline.signOutTitle')} centered>
        <Stack>
          <Text>{t('offline.signOutBody', { count: unsent })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnsent(0)}>
              {t('offline.signOutStay')}
            </Button>
            <Button color="red" onClick={() => void leave(true)} data-testid="sign-out-confirm">
              {t('offline.signOutConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Menu position="bottom-end" width={260} shadow="md">
        <Menu.Target>
          {/* Named by its text, not an aria-label, so that the name shown on wide screens is part of it
              (WCAG 2.5.3); the initials are left out, a screen reader would spell them. */}
          <UnstyledButton data-testid="user-menu" p={4} style={{ borderRadius: 8 }}>
            <VisuallyHidden>{t('nav.userMenu')}</VisuallyHidden>
            <Group gap="xs" wrap="nowrap">
              <Avatar color="teal" variant="filled" radius="xl" aria-hidden>
                {initialsOf(user.displayName)}
              </Avatar>
              <Stack gap={0} visibleFrom="md" maw={200}>
                <Text fw={600} size="sm" truncate data-testid="user-name">
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" truncate data-testid="user-role">
                  {roleLabel}
                </Text>
              </Stack>
              <IconChevronDown size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text fw={600} c="var(--mantine-color-text)">
              {user.displayName}
            </Text>
            <Text size="sm">{roleLabel}</Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item
            component={Link}
            to="/account/password"
            leftSection={<IconKey size={20} />}
            data-testid="change-password-link"
          >
            {t('nav.changePassword')}
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconLogout size={20} />} onClick={() => void leave(false)} data-testid="sign-out">
            {t('nav.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
