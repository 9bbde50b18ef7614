import { Alert, List, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MemberDuplicateCandidatesQuery } from '../../gql/graphql';

type Candidate = Omit<MemberDuplicateCandidatesQuery['memberDuplicateCandidates'][number], 'clubId'>;

/** Who in the province may be the same person, and in which club; saving stays allowed. */
export function DuplicateWarning({ candidates, saved }: { candidates: Candidate[]; saved?: boolean }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconUsers />} title={t('clubArea.duplicates.title')} data-testid="duplicate-warning">
      <List spacing={4} size="md">
        {candidates.map((candidate) => (
          <List.Item key={candidate.memberId} data-testid="duplicate-candidate">
            <Text span fw={600}>
              {candidate.fullName}
            </Text>
            {t('clubArea.duplicates.candidate', {
              year: candidate.birthYear,
              club: candidate.clubName,
              matched: candidate.matchedBy === 'CITIZEN_ID' ? t('clubArea.duplicates.byCitizenId') : t('clubArea.duplicates.byNameAndYear'),
            })}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        {saved ? t('clubArea.duplicates.savedNote') : t('clubArea.duplicates.formNote')}
      </Text>
    </Alert>
  );
}
