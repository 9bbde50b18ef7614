import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../app/format';
import { BackLink } from '../../app/ui/BackLink';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ProvinceMemberDocument } from '../../gql/graphql';
import { isMissingRecord, isRecordId } from '../../app/record-id';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Stack>
  );
}

/**
 * A member of any club of the province, read only: who a possible duplicate in an import is, and
 * in which club. The club's own staff keep the roster.
 */
export function ProvinceMemberPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(ProvinceMemberDocument, { variables: { id }, skip: !isRecordId(id) });
  if (error && !data && !isMissingRecord(error)) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  const member = data?.member;
  if (!member) return <EmptyMessage>{t('provinceClubs.member.notFound')}</EmptyMessage>;
  const household = member.poorHousehold ? t('provinceClubs.member.poor') : member.nearPoorHousehold ? t('provinceClubs.member.nearPoor') : t('provinceClubs.member.none');
  return (
    <>
      <BackLink to={`/province/clubs/${member.club.id}`} testId="member-back">
        {t('provinceClubs.member.back', { club: member.club.name })}
      </BackLink>
      <PageHeader title={member.fullName} />
      <Stack maw={760} gap="md">
        {member.leftOn && <Alert color="gray">{t('provinceClubs.member.leftOn', { date: formatDate(member.leftOn) })}</Alert>}
        <Paper withBorder radius="md" p="md" data-testid="province-member">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Fact label={t('provinceClubs.member.club')}>
              <Anchor component={Link} to={`/province/clubs/${member.club.id}`} inherit>
                {member.club.name}
              </Anchor>
            </Fact>
            <Fact label={t('provinceClubs.member.sex')}>{t(`clubArea.sex.${member.sex}`)}</Fact>
            <Fact label={t('provinceClubs.member.birthYear')}>{member.birthYear}</Fact>
            <Fact label={t('provinceClubs.member.citizenId')}>{member.citizenId ?? t('common.notProvided')}</Fact>
            <Fact label={t('provinceClubs.member.joinedOn')}>{formatDate(member.joinedOn)}</Fact>
            <Fact label={t('provinceClubs.member.hamlet')}>{member.hamlet?.fullName ?? t('common.notProvided')}</Fact>
            <Fact label={t('provinceClubs.member.household')}>{household}</Fact>
            <Fact label={t('provinceClubs.member.phone')}>{member.phone ?? t('common.notProvided')}</Fact>
          </SimpleGrid>
        </Paper>
      </Stack>
    </>
  );
}
