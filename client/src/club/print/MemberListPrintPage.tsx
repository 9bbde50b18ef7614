import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { DocumentHeading } from '../../app/print/DocumentHeading';
import { PrintView } from '../../app/print/PrintView';
import { Signatures } from '../../app/print/Signatures';
import classes from '../../app/print/print.module.css';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { ClubMemberRosterDocument, type ClubMemberRosterQuery } from '../../gql/graphql';
import { todayInVietnam } from '../club-format';
import { useClubPaper } from './use-club-paper';

type RosterMember = ClubMemberRosterQuery['members']['edges'][number]['node'];

/** The most the API gives in one page: a club of 50–70 members comes in one. */
const PAGE_SIZE = 100;

/** Every current member, in roster order (by name), page after page. */
function useWholeRoster() {
  const client = useApolloClient();
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ members: RosterMember[] | null; error: unknown }>({ members: null, error: null });
  useEffect(() => {
    let current = true;
    async function load(): Promise<RosterMember[]> {
      const members: RosterMember[] = [];
      let after: string | null = null;
      for (;;) {
        const answer: { data?: ClubMemberRosterQuery; error?: unknown } = await client.query({
          query: ClubMemberRosterDocument,
          variables: { first: PAGE_SIZE, after },
          fetchPolicy: 'network-only',
        });
        if (!answer.data) throw answer.error ?? new Error('no members');
        const page: ClubMemberRosterQuery['members'] = answer.data.members;
        members.push(...page.edges.map((edge) => edge.node));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return members;
        after = page.pageInfo.endCursor;
      }
    }
    load().then(
      (members) => current && setResult({ members, error: null }),
      (error: unknown) => current && setResult({ members: null, error }),
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);
  return {
    ...result,
    retry: () => {
      setResult({ members: null, error: null });
      setAttempt((count) => count + 1);
    },
  };
}

/** The member list on paper, with the club's name and the day it was printed. */
export function MemberListPrintPage() {
  const { t } = useTranslation();
  const paper = useClubPaper();
  const roster = useWholeRoster();
  const today = todayInVietnam();
  const members = roster.members;
  const title = t('print.members.title');
  const household = (member: RosterMember) => (member.poorHousehold ? t('print.members.poor') : member.nearPoorHousehold ? t('print.members.nearPoor') : '');

  let body;
  if (roster.error || (paper.query.error && !paper.club)) {
    body = <QueryError error={roster.error ?? paper.query.error} onRetry={() => (roster.error ? roster.retry() : void paper.query.refetch().catch(() => undefined))} />;
  } else if (!members || !paper.club) {
    body = <LoadingBlock />;
  } else {
    body = (
      <>
        <DocumentHeading issuer={paper.club.name} place={paper.place} title={title} subtitle={t('print.printedOn', { date: formatDate(today) })} />
        <table className={classes.table} data-testid="print-members-table">
          <thead>
            <tr>
              <th className={classes.centre}>{t('print.members.columns.number')}</th>
              <th>{t('print.members.columns.name')}</th>
              <th>{t('print.members.columns.sex')}</th>
              <th className={classes.centre}>{t('print.members.columns.birthYear')}</th>
              <th>{t('print.members.columns.hamlet')}</th>
              <th>{t('print.members.columns.household')}</th>
              <th>{t('print.members.columns.boardRole')}</th>
              <th>{t('print.members.columns.phone')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member, index) => (
              <tr key={member.id} data-testid="print-member-row" data-member-id={member.id}>
                <td className={classes.centre}>{index + 1}</td>
                <td data-testid="print-member-name">{member.fullName}</td>
                <td>{t(`clubArea.sex.${member.sex}`)}</td>
                <td className={classes.centre}>{member.birthYear}</td>
                <td>{member.hamlet?.fullName ?? ''}</td>
                <td data-testid="print-member-household">{household(member)}</td>
                <td data-testid="print-member-board-role">{member.boardRole ? t(`clubArea.boardRole.${member.boardRole}`) : ''}</td>
                <td className={classes.number}>{member.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="print-members-total">
          {t('print.members.total', {
            count: members.length,
            women: members.filter((member) => member.sex === 'FEMALE').length,
            older: members.filter((member) => member.older).length,
          })}
        </p>
        <Signatures place={paper.town} day={today} signers={[paper.signer('HEAD')]} />
      </>
    );
  }

  return (
    <PrintView title={title} back={{ to: '/club/members', label: t('print.members.back') }} ready={Boolean(members && paper.club)} testId="print-member-list">
      {body}
    </PrintView>
  );
}
