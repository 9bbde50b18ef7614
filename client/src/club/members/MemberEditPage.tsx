import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubMemberDocument } from '../../gql/graphql';
import { MemberForm } from './MemberForm';
import { isMissingRecord, isRecordId } from '../../app/record-id';

export function MemberNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Opened again from the outbox to correct a refused member: a new location, so the form starts from it.
  const { key } = useLocation();
  return (
    <>
      <PageHeader title={t('clubArea.memberForm.createTitle')} description={t('clubArea.memberForm.intro')} />
      <MemberForm key={key} member={null} onCancel={() => void navigate('/club/members')} onSaved={(member) => void navigate(`/club/members/${member.id}`, { replace: true })} />
    </>
  );
}

export function MemberEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(ClubMemberDocument, { variables: { id }, fetchPolicy: 'network-only', skip: !isRecordId(id) });

  if (error && !data && !isMissingRecord(error)) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  const member = data?.member;
  if (!member) return <EmptyMessage>{t('clubArea.members.notFound')}</EmptyMessage>;
  return (
    <>
      <PageHeader title={t('clubArea.memberForm.editTitle', { name: member.fullName })} />
      <MemberForm
        member={member}
        onCancel={() => void navigate(`/club/members/${id}`)}
        onSaved={() => void navigate(`/club/members/${id}`, { replace: true })}
      />
    </>
  );
}
