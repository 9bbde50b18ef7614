import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDuplicateCandidatesQuery } from '../../gql/graphql';

export type DuplicateCandidate = MemberDuplicateCandidatesQuery['memberDuplicateCandidates'][number];

interface DuplicateWarningProps {
  candidates: DuplicateCandidate[];
  /** On the member's page, once saved and flagged; in the form otherwise. */
  saved?: boolean;
  /** What can be done about one candidate (open their record, merge into them). */
  candidateAction?: (candidate: DuplicateCandidate) => ReactNode;
  /** The answer to "same person?" for all of them (save as a different person, confirm distinct). */
  children?: ReactNode;
}

/**
 * Who in the province may be the same person, and in which club: their name, year of birth and
 * club only, whichever club they are in. Saving stays allowed.
 */
export function DuplicateWarning({ candidates, saved, candidateAction, children }: DuplicateWarningProps) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconUsers />} title={t('clubArea.duplicates.title')} data-testid="duplicate-warning">
      <Stack gap="xs">
        <List spacing={4} size="md">
          {candidates.map((candidate) => (
            <List.Item key={candidate.memberId} data-testid="duplicate-candidate" data-member-id={candidate.memberId}>
              <Text span fw={600}>
                {candidate.fullName}
              </Text>
              {t('clubArea.duplicates.candidate', {
                year: candidate.birthYear,
                club: candidate.clubName,
                matched: candidate.matchedBy === 'CITIZEN_ID' ? t('clubArea.duplicates.byCitizenId') : t('clubArea.duplicates.byNameAndYear'),
              })}
              {candidateAction && <Group mt={4}>{candidateAction(candidate)}</Group>}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{saved ? t('clubArea.duplicates.savedNote') : t('clubArea.duplicates.sameQuestion')}</Text>
        {children}
      </Stack>
    </Alert>
  );
}
