import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { homeOfRole, isPathAllowedForRole } from '../../app/areas';
import { useSession } from '../../app/session/SessionProvider';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { useDocumentTitle } from '../../app/ui/use-document-title';
import { SignInForm } from './SignInForm';

function requestedPath(state: unknown): string | null {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/sign-in') ? from : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { status, user } = useSession();
  useDocumentTitle(t('signIn.title'));

  if (status === 'ready' && user) {
    const from = requestedPath(location.state);
    const target = from && from !== '/' && isPathAllowedForRole(from, user.role) ? from : homeOfRole(user.role);
    return <Navigate to={target} replace />;
  }

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={440} gap="lg">
        <Group justify="flex-end">
          <LanguageSwitch />
        </Group>
        <Stack gap="xs" align="center" ta="center">
          <ThemeIcon size={64} radius="xl">
            <IconUsersGroup size={36} />
          </ThemeIcon>
          <Title order={1} fz={24}>
            {t('app.name')}
          </Title>
          <Text c="dimmed">{t('app.tagline')}</Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p="lg">
          <Stack gap="md">
            <Title order={2} fz={22}>
              {t('signIn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signIn.intro')}
            </Text>
            <SignInForm />
          </Stack>
        </Paper>
        <Text size="sm" c="dimmed" ta="center">
          {t('signIn.help')}
        </Text>
      </Stack>
    </Center>
  );
}
