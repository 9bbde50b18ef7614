import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { areaHome, areaOfRole, homeOfRole, type Area } from './areas';
import { RequestError } from './graphql-request';
import { useSession, useSignedInUser } from './session/SessionProvider';
import { LoadingBlock } from './ui/LoadingBlock';

export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();

  if (session.status === 'anonymous') {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (session.status === 'loading') {
    return (
      <Center mih="100dvh">
        <LoadingBlock label={t('session.loading')} />
      </Center>
    );
  }
  if (session.status === 'failed') {
    return (
      <Center mih="100dvh" p="md">
        <Stack maw={480} w="100%">
          {/* Not QueryError: it reads Apollo's errors, and this guard is loaded with the sign-in page, before Apollo. */}
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('session.loadFailed')} role="alert" data-testid="query-error">
            <Text size="md">{t(`errors.${session.error instanceof RequestError ? session.error.code : 'UNKNOWN'}`)}</Text>
          </Alert>
          <Button onClick={session.retry}>{t('common.retry')}</Button>
          <Button variant="default" onClick={() => session.signOut()}>
            {t('nav.signOut')}
          </Button>
        </Stack>
      </Center>
    );
  }
  return <Outlet />;
}

export function RequireArea({ area }: { area: Area }) {
  const user = useSignedInUser();
  const ownArea = areaOfRole(user.role);
  // The home says why: a link shared by someone of another role should not just silently land elsewhere.
  if (ownArea !== area) return <Navigate to={areaHome(ownArea)} replace state={{ sentHomeFrom: area }} />;
  return <Outlet />;
}

export function RedirectToOwnArea() {
  const user = useSignedInUser();
  return <Navigate to={homeOfRole(user.role)} replace />;
}
