import { useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ClubLookupDocument } from '../../gql/graphql';

/** Until there is a clubs list to choose from, naming the club confirms that the typed ID is the intended one. */
export function useClubIdHint(clubId: string): string {
  const { t } = useTranslation();
  const [debouncedId] = useDebouncedValue(clubId.trim(), 400);
  const { data, loading, error } = useQuery(ClubLookupDocument, {
    variables: { id: debouncedId },
    skip: !debouncedId,
  });

  if (!clubId.trim()) return t('createUser.clubIdHint');
  if (loading || debouncedId !== clubId.trim()) return t('createUser.clubChecking');
  if (data?.club) return t('createUser.clubFound', { name: `${data.club.name} (${data.club.commune.fullName})` });
  if (error || data) return t('createUser.clubNotFound');
  return t('createUser.clubIdHint');
}
