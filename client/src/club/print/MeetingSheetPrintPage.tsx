import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate, formatVnd } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { DocumentHeading } from '../../app/print/DocumentHeading';
import { PrintView } from '../../app/print/PrintView';
import { Signatures } from '../../app/print/Signatures';
import classes from '../../app/print/print.module.css';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { ClubMeetingSheetDocument } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { suggestedRepayment, type SheetLoan } from '../meeting/meeting-draft';
import { DayInput } from '../ui/DayInput';
import { useClubPaper } from './use-club-paper';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What a borrower is asked for at the meeting: the instalment the sheet fills in, and what is overdue. */
function DueCell({ loans }: { loans: SheetLoan[] }) {
  const { t } = useTranslation();
  return (
    <>
      {loans.map((loan) => {
        const due = suggestedRepayment(loan);
        const next = loan.standing.nextDue;
        return (
          <div key={loan.id} data-testid="print-due" data-loan-id={loan.id}>
            {next && <div className={classes.small}>{t('print.meeting.instalment', { number: next.number, date: formatDate(next.dueOn) })}</div>}
            <div data-testid="print-due-amounts">{t('print.meeting.amounts', { principal: formatVnd(due.principal), interest: formatVnd(due.interest) })}</div>
            {BigInt(loan.standing.arrears) > 0n && (
              <div className={classes.small} data-testid="print-arrears">
                {t('print.meeting.arrears', { amount: formatVnd(loan.standing.arrears) })}
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * The meeting sheet on paper, for a hall without a screen: every member of the club on the day in
 * roster order with what each owes, and empty columns to tick and write in, then signed. What is
 * written is typed into the meeting sheet page afterwards.
 */
export function MeetingSheetPrintPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('day');
  const day = asked && DAY_PATTERN.test(asked) && parseDisplayDate(displayDay(asked)) ? asked : todayInVietnam();
  const [dayText, setDayText] = useState(displayDay(day));
  const dayError = dayText.length >= 10 && !parseDisplayDate(dayText) ? t('clubArea.common.dayInvalid') : null;
  const paper = useClubPaper();
  const sheetQuery = useQuery(ClubMeetingSheetDocument, { variables: { heldOn: day }, fetchPolicy: 'cache-and-network' });
  const sheet = sheetQuery.data?.meetingSheet;
  const ready = Boolean(sheet && paper.club) && !sheetQuery.loading;

  function changeDay(text: string) {
    setDayText(text);
    // A sheet may be printed ahead of the meeting: any real day will do.
    const typed = parseDisplayDate(text);
    if (typed) setSearchParams({ day: typed }, { replace: true });
  }

  const title = t('print.meeting.title');
  let body;
  if ((sheetQuery.error && !sheet) || (paper.query.error && !paper.club)) {
    body = <QueryError error={sheetQuery.error ?? paper.query.error} onRetry={() => void Promise.all([sheetQuery.refetch(), paper.query.refetch()]).catch(() => undefined)} />;
  } else if (!sheet || !paper.club) {
    body = <LoadingBlock />;
  } else {
    const running = sheet.loans.filter((loan) => loan.status === 'DISBURSED');
    const approved = sheet.loans.filter((loan) => loan.status === 'APPROVED');
    const loansOf = new Map<string, SheetLoan[]>();
    for (const loan of running) loansOf.set(loan.member.id, [...(loansOf.get(loan.member.id) ?? []), loan]);
    const dueTotal = running.reduce((sum, loan) => {
      const due = suggestedRepayment(loan);
      return sum + BigInt(due.principal) + BigInt(due.interest);
    }, 0n);
    body = (
      <>
        <DocumentHeading issuer={paper.club.name} place={paper.place} title={title} subtitle={t('print.meeting.day', { date: formatDate(day) })} />
        <p className={classes.small}>{t('print.meeting.intro')}</p>
        <table className={classes.table} data-testid="print-meeting-table">
          <thead>
            <tr>
              <th className={classes.centre}>{t('print.meeting.columns.number')}</th>
              <th>{t('print.meeting.columns.name')}</th>
              <th className={classes.centre}>{t('print.meeting.columns.birthYear')}</th>
              <th className={`${classes.tick} ${classes.centre}`}>{t('print.meeting.columns.present')}</th>
              <th>{t('print.meeting.columns.due')}</th>
              <th className={classes.blank}>{t('print.meeting.columns.principalPaid')}</th>
              <th className={classes.blank}>{t('print.meeting.columns.interestPaid')}</th>
              <th className={classes.blank}>{t('print.meeting.columns.contributed')}</th>
              <th className={classes.signatureColumn}>{t('print.meeting.columns.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.members.length === 0 && (
              <tr>
                <td colSpan={9}>{t('print.meeting.empty')}</td>
              </tr>
            )}
            {sheet.members.map((member, index) => (
              <tr key={member.id} className={classes.writeRow} data-testid="print-member-row" data-member-id={member.id}>
                <td className={classes.centre}>{index + 1}</td>
                <td data-testid="print-member-name">{member.fullName}</td>
                <td className={classes.centre}>{member.birthYear}</td>
                <td />
                <td>
                  <DueCell loans={loansOf.get(member.id) ?? []} />
                </td>
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className={classes.writeRow}>
              <td colSpan={3}>
                <strong>{t('print.total')}</strong>
              </td>
              <td />
              <td className={classes.number} data-testid="print-due-total">
                <strong>{formatVnd(dueTotal)}</strong>
              </td>
              <td />
              <td />
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
        <p data-testid="print-present">{t('print.meeting.present', { total: sheet.members.length })}</p>

        {approved.length > 0 && (
          <>
            <h2 className={classes.section}>{t('print.meeting.payouts.title')}</h2>
            <table className={classes.table} data-testid="print-payouts-table">
              <thead>
                <tr>
                  <th className={classes.centre}>{t('print.meeting.columns.number')}</th>
                  <th>{t('print.meeting.columns.name')}</th>
                  <th className={classes.number}>{t('print.meeting.payouts.amount')}</th>
                  <th>{t('print.meeting.payouts.term')}</th>
                  <th className={classes.blank}>{t('print.meeting.payouts.firstDue')}</th>
                  <th className={classes.signatureColumn}>{t('print.meeting.payouts.received')}</th>
                </tr>
              </thead>
              <tbody>
                {approved.map((loan, index) => (
                  <tr key={loan.id} className={classes.writeRow} data-testid="print-payout-row">
                    <td className={classes.centre}>{index + 1}</td>
                    <td>{loan.member.fullName}</td>
                    <td className={classes.number}>{formatVnd(loan.principal)}</td>
                    <td>{t('print.meeting.payouts.termMonths', { count: loan.termMonths })}</td>
                    <td />
                    <td />
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}

        <h2 className={classes.section}>{t('print.meeting.notes')}</h2>
        <div className={classes.notes} />
        <Signatures
          place={paper.town}
          day={day}
          signers={[paper.signer('SECRETARY'), paper.signer('TREASURER'), paper.signer('HEAD')]}
        />
      </>
    );
  }

  return (
    <PrintView
      title={`${title} ${formatDate(day)}`}
      back={{ to: '/club/meeting', label: t('print.meeting.back') }}
      ready={ready}
      wide
      controls={<DayInput label={t('clubArea.meeting.heldOn')} value={dayText} error={dayError} onChange={changeDay} maw={260} data-testid="print-day" />}
      testId="print-meeting-sheet"
    >
      {body}
    </PrintView>
  );
}
