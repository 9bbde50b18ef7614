import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../errors';

export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => t(`errors.${errorCodeOf(error) ?? 'UNKNOWN'}`);
}
