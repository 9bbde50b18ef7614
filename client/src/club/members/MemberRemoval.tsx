import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowMerge, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasErrorCode } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { MergeMemberDocument, RemoveMemberDocument, type ClubMemberDetailFragment } from '../../gql/graphql';
import { useClubProblems } from '../club-messages';
import { FormError } from '../ui/FormError';
import type { DuplicateCandidate } from './DuplicateWarning';

/** A member taken out is gone: the cache forgets them, and the lists ask the server again. */
function useForgetMember() {
  const client = useApolloClient();
  return (memberId: string) => {
    client.cache.evict({ id: client.cache.identify({ __typename: 'Member', id: memberId }) });
    client.cache.evict({ fieldName: 'members' });
    client.cache.gc();
  };
}

function useFailureMessage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  return (error: unknown) => (hasErrorCode(error, 'CONFLICT') ? t('clubArea.common.conflict') : (clubProblems(error)[0]?.message ?? errorMessage(error)));
}

function ConfirmModal({ opened, onClose, title, children }: { opened: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {children}
    </Modal>
  );
}

/**
 * "Xoá (nhập nhầm)": within a day of being added, while nothing is recorded for them, a member
 * entered by mistake is taken out and never counts as someone who left.
 */
export function RemoveMemberButton({ member }: { member: ClubMemberDetailFragment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forgetMember = useForgetMember();
  const failureOf = useFailureMessage();
  const [remove, { loading }] = useMutation(RemoveMemberDocument);
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  if (!member.removableUntil) return null;

  async function confirm() {
    setFailure(null);
    try {
      await remove({ variables: { input: { id: member.id, version: member.version, reason: reason.trim().normalize('NFC') || null } } });
      notifications.show({ color: 'teal', message: t('clubArea.removal.removed', { name: member.fullName }) });
      forgetMember(member.id);
      void navigate('/club/members', { replace: true });
    } catch (error) {
      setFailure(failureOf(error));
    }
  }

  return (
    <>
      <Button leftSection={<IconTrash size={18} />} variant="subtle" color="red" onClick={() => setOpened(true)} data-testid="member-remove">
        {t('clubArea.removal.open')}
      </Button>
      <ConfirmModal opened={opened} onClose={() => setOpened(false)} title={t('clubArea.removal.title', { name: member.fullName })}>
        <Stack gap="md">
          <FormError message={failure} testId="member-remove-error" />
          <Text>{t('clubArea.removal.intro')}</Text>
          <Text size="sm" c="dimmed">
            {t('clubArea.removal.until', { time: formatDateTime(String(member.removableUntil)) })}
          </Text>
          <Textarea label={t('clubArea.removal.reason')} autosize minRows={2} size="md" value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={loading} onClick={() => void confirm()} data-testid="member-remove-confirm">
              {t('clubArea.removal.confirm')}
            </Button>
          </Group>
        </Stack>
      </ConfirmModal>
    </>
  );
}

/**
 * "Gộp vào người này", from the duplicate warning of a flagged member: the entry is taken out and the
 * person already on record kept; attendance and visits move to them when in the same club.
 */
export function MergeIntoButton({ member, into }: { member: ClubMemberDetailFragment; into: DuplicateCandidate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forgetMember = useForgetMember();
  const failureOf = useFailureMessage();
  const [merge, { loading }] = useMutation(MergeMemberDocument);
  const [opened, setOpened] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function confirm() {
    setFailure(null);
    try {
      const result = (await merge({ variables: { input: { id: member.id, version: member.version, intoMemberId: into.memberId } } })).data?.mergeMember;
      const kept = result?.mergedInto;
      notifications.show({ color: 'teal', message: t('clubArea.duplicates.merged', { name: member.fullName, into: kept?.fullName ?? into.fullName }) });
      forgetMember(member.id);
      // The person kept opens when in this club; another club's member is not for this club to see.
      void navigate(kept && kept.clubId === member.club.id ? `/club/members/${kept.memberId}` : '/club/members', { replace: true });
    } catch (error) {
      setFailure(failureOf(error));
    }
  }

  return (
    <>
      <Button leftSection={<IconArrowMerge size={18} />} variant="light" color="orange" onClick={() => setOpened(true)} data-testid="member-merge">
        {t('clubArea.duplicates.merge')}
      </Button>
      <ConfirmModal opened={opened} onClose={() => setOpened(false)} title={t('clubArea.duplicates.mergeTitle', { name: member.fullName })}>
        <Stack gap="md">
          <FormError message={failure} testId="member-merge-error" />
          <Text>{t('clubArea.duplicates.mergeIntro', { name: member.fullName, into: `${into.fullName} (${into.birthYear}, ${into.clubName})` })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={loading} onClick={() => void confirm()} data-testid="member-merge-confirm">
              {t('clubArea.duplicates.mergeConfirm')}
            </Button>
          </Group>
        </Stack>
      </ConfirmModal>
    </>
  );
}
