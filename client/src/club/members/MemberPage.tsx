import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDoorExit, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasErrorCode } from '../../app/errors';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ClubMemberDocument, ConfirmMemberDistinctDocument, type ClubMemberDetailFragment } from '../../gql/graphql';
import { useClubProblems } from '../club-messages';
import { LoanStatusBadge } from '../loans/LoanStatusBadge';
import { InfoRows } from '../ui/InfoRows';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { DuplicateWarning } from './DuplicateWarning';
import { MemberBadges } from './MemberBadges';
import { MemberLeftForm } from './MemberLeftForm';
import { MergeIntoButton, RemoveMemberButton } from './MemberRemoval';
import { BackLink } from '../../app/ui/BackLink';
import { isMissingRecord, isRecordId } from '../../app/record-id';

function yesNo(t: (key: 'clubArea.common.yes' | 'clubArea.common.no') => string, value: boolean): string {
  return value ? t('clubArea.common.yes') : t('clubArea.common.no');
}

function ConfirmDistinct({ member }: { member: ClubMemberDetailFragment }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [confirm, { loading }] = useMutation(ConfirmMemberDistinctDocument);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <DuplicateWarning candidates={member.possibleDuplicates} saved candidateAction={(candidate) => <MergeIntoButton member={member} into={candidate} />} />
      {failure && (
        <Text c="red.8" role="alert">
          {failure}
        </Text>
      )}
      <Group>
        <Button
          leftSection={<IconCheck size={20} />}
          variant="light"
          color="orange"
          loading={loading}
          data-testid="member-confirm-distinct"
          onClick={async () => {
            setFailure(null);
            try {
              await confirm({ variables: { input: { id: member.id, version: member.version } } });
              notifications.show({ color: 'teal', message: t('clubArea.duplicates.confirmed', { name: member.fullName }) });
            } catch (error) {
              if (hasErrorCode(error, 'CONFLICT')) return setFailure(t('clubArea.common.conflict'));
              setFailure(clubProblems(error)[0]?.message ?? errorMessage(error));
            }
          }}
        >
          {t('clubArea.duplicates.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}

export function MemberPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [leaving, setLeaving] = useState(false);
  const { data, error, refetch } = useQuery(ClubMemberDocument, { variables: { id }, fetchPolicy: 'cache-and-network', skip: !isRecordId(id) });
  const member = data?.member;
  const back = (
    <BackLink to="/club/members" testId="member-back" large>{t('clubArea.members.back')}</BackLink>
  );

  if (error && !data && !isMissingRecord(error)) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  if (!member) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('clubArea.members.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  const household = member.poorHousehold ? t('clubArea.members.badges.poor') : member.nearPoorHousehold ? t('clubArea.members.badges.nearPoor') : t('clubArea.memberForm.householdNone');
  const loans = data.loans.edges.map((edge) => edge.node);

  return (
    <>
      {back}
      <PageHeader
        title={member.fullName}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/club/members/${member.id}/edit`} leftSection={<IconPencil size={18} />} variant="light" data-testid="member-edit">
              {t('clubArea.members.edit')}
            </Button>
            <RemoveMemberButton member={member} />
            {!member.leftOn && (
              <Button leftSection={<IconDoorExit size={18} />} variant="subtle" color="red" onClick={() => setLeaving(true)} data-testid="member-leave">
                {t('clubArea.memberLeft.open')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="md" maw={760}>
        <MemberBadges member={member} />
        {member.duplicateStatus === 'POSSIBLE' && <ConfirmDistinct member={member} />}
        {member.leftOn && (
          <Alert color="gray" title={t('clubArea.members.leftOn', { date: formatDate(member.leftOn) })} data-testid="member-left">
            {member.leaveReason}
          </Alert>
        )}
        <Card withBorder radius="lg" padding="md">
          <InfoRows
            testId="member-details"
            rows={[
              { key: 'sex', label: t('clubArea.memberForm.sex'), value: t(`clubArea.sex.${member.sex}`) },
              { key: 'born', label: t('clubArea.memberForm.birthYear'), value: t('clubArea.members.bornAge', { year: member.birthYear, age: member.age }) },
              { key: 'joined', label: t('clubArea.memberForm.joinedOn'), value: formatDate(member.joinedOn) },
              { key: 'hamlet', label: t('clubArea.memberForm.hamlet'), value: member.hamlet?.fullName ?? t('common.notProvided') },
              { key: 'phone', label: t('clubArea.memberForm.phone'), value: member.phone ?? t('common.notProvided') },
              { key: 'citizenId', label: t('clubArea.memberForm.citizenId'), value: member.citizenId ?? t('common.notProvided') },
              { key: 'household', label: t('clubArea.memberForm.household'), value: household },
              { key: 'ethnic', label: t('clubArea.memberForm.ethnicMinority'), value: member.ethnicMinority ?? t('clubArea.common.no') },
              { key: 'disability', label: t('clubArea.memberForm.disability'), value: yesNo(t, member.disability) },
              { key: 'alone', label: t('clubArea.memberForm.livesAlone'), value: yesNo(t, member.livesAlone) },
              { key: 'care', label: t('clubArea.memberForm.needsHomeCare'), value: yesNo(t, member.needsHomeCare) },
              { key: 'volunteer', label: t('clubArea.memberForm.homeCareVolunteer'), value: yesNo(t, member.homeCareVolunteer) },
              { key: 'board', label: t('clubArea.memberForm.boardRole'), value: member.boardRole ? t(`clubArea.boardRole.${member.boardRole}`) : t('clubArea.memberForm.boardRoleNone') },
            ]}
          />
        </Card>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} fz="lg">
              {t('clubArea.members.loans')}
            </Title>
            {!member.leftOn && (
              <Button component={Link} to={`/club/loans/new?member=${member.id}`} variant="light" data-testid="member-request-loan">
                {t('clubArea.loans.request')}
              </Button>
            )}
          </Group>
          {loans.length === 0 ? (
            <Text c="dimmed">{t('clubArea.members.noLoans')}</Text>
          ) : (
            loans.map((loan) => (
              <Link key={loan.id} to={`/club/loans/${loan.id}`} className={classes.listCard} data-testid="member-loan">
                <Group justify="space-between" gap="xs">
                  <Text fw={600}>
                    <Money amount={loan.principal} />
                  </Text>
                  <LoanStatusBadge status={loan.status} />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('clubArea.loans.requestedOn', { date: formatDate(loan.requestedOn) })}
                  {loan.status === 'DISBURSED' && (
                    <>
                      {' · '}
                      {t('clubArea.loans.outstandingLabel')} <Money amount={loan.standing.outstandingPrincipal} />
                    </>
                  )}
                </Text>
                {loan.standing.daysPastDue > 0 && (
                  <Badge color="red" variant="light" tt="none" mt={4}>
                    {t('clubArea.loans.daysPastDue', { count: loan.standing.daysPastDue })}
                  </Badge>
                )}
              </Link>
            ))
          )}
        </Stack>
      </Stack>
      <Modal opened={leaving} onClose={() => setLeaving(false)} title={t('clubArea.memberLeft.title')} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {leaving && <MemberLeftForm member={member} onCancel={() => setLeaving(false)} onDone={() => setLeaving(false)} />}
      </Modal>
    </>
  );
}
