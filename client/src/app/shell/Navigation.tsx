import { AppShell, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { areaOfRole } from '../areas';
import { useSignedInUser } from '../session/SessionProvider';
import { areaLabelKey, navigationByArea } from './navigation-items';

function matches(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The one item a path belongs to: the longest match, so an area's home is not lit on its inner pages. */
function activeItemOf(pathname: string, targets: string[]): string | undefined {
  return targets.filter((to) => matches(pathname, to)).sort((a, b) => b.length - a.length)[0];
}

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const user = useSignedInUser();
  const area = areaOfRole(user.role);
  const workspaceName = user.club?.name ?? user.tenant?.name;
  const activeTo = activeItemOf(pathname, navigationByArea[area].map((item) => item.to));

  return (
    <>
      <AppShell.Section p="md" pb="xs">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t(areaLabelKey[area])}
          </Text>
          {workspaceName && (
            <Text fw={600} data-testid="workspace-name">
              {workspaceName}
            </Text>
          )}
        </Stack>
      </AppShell.Section>
      <AppShell.Section grow px="xs" component="nav" aria-label={t('nav.main')}>
        {navigationByArea[area].map((item) => (
          <NavLink
            key={item.key}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            leftSection={<item.icon size={22} stroke={1.6} />}
            active={item.to === activeTo}
            onClick={onNavigate}
            data-testid={`nav-${item.key}`}
          />
        ))}
      </AppShell.Section>
      <AppShell.Section p="md">
        <Text size="xs" c="dimmed">
          {t('app.partner')}
        </Text>
      </AppShell.Section>
    </>
  );
}
