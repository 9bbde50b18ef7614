import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { Signer } from '../../app/print/Signatures';
import { ClubPaperDocument, type BoardRole } from '../../gql/graphql';

/**
 * What every paper of the club names: the club, where it is (the commune, then the units above it),
 * and the board members who sign.
 */
export function useClubPaper() {
  const { t } = useTranslation();
  const query = useQuery(ClubPaperDocument, { fetchPolicy: 'cache-and-network' });
  const club = query.data?.myClub ?? null;
  const commune = club?.commune;
  const above = [...(commune?.ancestors ?? [])].sort((left, right) => right.level - left.level).map((unit) => unit.fullName);
  const signer = (role: BoardRole): Signer => ({
    role: t(`clubArea.boardRole.${role}`),
    name: club?.board.find((member) => member.boardRole === role)?.fullName ?? null,
  });
  return {
    query,
    club,
    place: commune ? [commune.fullName, ...above].join(', ') : '',
    /** The commune's own name, as a paper writes where it was signed ("Kiên Lương, ngày …"). */
    town: commune?.name ?? '',
    signer,
  };
}
