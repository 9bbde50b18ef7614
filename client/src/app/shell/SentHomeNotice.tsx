import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Area } from '../areas';
import { useSignedInUser } from '../session/SessionProvider';

/** Why the home page is shown instead of the page opened: it was another role's area (RequireArea). */
export function SentHomeNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const user = useSignedInUser();
  const from = (location.state as { sentHomeFrom?: Area } | null)?.sentHomeFrom;
  if (!from) return null;
  return (
    <Alert
      color="blue"
      mb="md"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={() => void navigate(`${location.pathname}${location.search}`, { replace: true, state: null })}
      data-testid="sent-home-notice"
    >
      {t('nav.sentHome', { area: t(`nav.areaNames.${from}`), role: t(`roles.${user.role}`) })}
    </Alert>
  );
}
