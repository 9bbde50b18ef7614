import { AppShell, Burger, Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { IconUsersGroup } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { areaOfRole, homeOfRole } from '../areas';
import { useSignedInUser } from '../session/SessionProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { Navigation } from './Navigation';
import { SentHomeNotice } from './SentHomeNotice';
import { UserMenu } from './UserMenu';

// Offline capture (IndexedDB, the outbox) is the club area's alone: fetched only there.
const ClubOutboxButton = lazy(() => import('../../club/offline/ClubOffline').then((module) => ({ default: module.ClubOutboxButton })));
const OfflineCopiesNote = lazy(() => import('../../club/offline/ClubOffline').then((module) => ({ default: module.OfflineCopiesNote })));

export function AppLayout() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const area = areaOfRole(user.role);
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
      data-testid={`area-${area}`}
      data-area={area}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={navbarOpened}
              onClick={toggleNavbar}
              hiddenFrom="sm"
              size="md"
              p={10}
              miw={44}
              mih={44}
              aria-label={navbarOpened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={navbarOpened}
              data-testid="nav-burger"
            />
            <UnstyledButton component={Link} to={homeOfRole(user.role)} aria-label={t('app.name')} miw={0}>
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon size={36} radius="md" visibleFrom="xs">
                  <IconUsersGroup size={22} />
                </ThemeIcon>
                <Text fw={700} visibleFrom="lg" truncate>
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {area === 'club' && (
              <Suspense>
                <ClubOutboxButton />
              </Suspense>
            )}
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <Navigation onNavigate={closeNavbar} />
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Toasts come only from signed-in pages, so the sign-in page loads none of their code. In the
            bottom corner they leave the header, its menu and every page's back link clear (at the top
            one covered the back link after a report's return). */}
        <Notifications position="bottom-right" limit={3} />
        <SentHomeNotice />
        {area === 'club' && (
          <Suspense>
            <OfflineCopiesNote />
          </Suspense>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
