import type { EntityManager } from 'typeorm';
import { addActivity, findActivitiesByIds } from '../activities/activity.service.js';
import { requireClub } from '../clubs/club-scope.js';
import { addFundEntry, findLedgerEntriesByIds } from '../funds/ledger.service.js';
import { LedgerKind } from '../funds/ledger.types.js';
import { badInput } from '../graphql/errors.js';
import { once } from '../idempotency/client-request.js';
import { findLoansByIds, findRepaymentsByIds, payOutLoan, takeRepayment } from '../loans/loan.service.js';
import { membersOnDay } from '../members/member.service.js';
import { optionalText } from '../text.js';
import { MeetingSheet, MeetingSheetResult, type SubmitMeetingSheetInput } from './meeting-sheet.types.js';

export async function meetingSheetOf(db: EntityManager, clubId: string, heldOn: string): Promise<MeetingSheet> {
  await requireClub(db, clubId, false);
  const loans: Array<{ id: string }> = await db.query(
    `select id from loan where club_id = $1 and status in ('DISBURSED', 'APPROVED') order by status desc, requested_on`,
    [clubId],
  );
  const meetings: Array<{ id: string }> = await db.query(
    `select id from activity where club_id = $1 and monthly_meeting and date_trunc('month', held_on) = date_trunc('month', $2::date)
      order by held_on desc limit 1`,
    [clubId, heldOn],
  );
  const loanById = new Map((await findLoansByIds(db, loans.map((row) => row.id))).map((loan) => [loan.id, loan]));
  return Object.assign(new MeetingSheet(), {
    heldOn,
    members: await membersOnDay(db, clubId, heldOn),
    loans: loans.map((row) => loanById.get(row.id)!),
    recordedMeeting: meetings[0] ? (await findActivitiesByIds(db, [meetings[0].id]))[0] : null,
  });
}

function defaultTitle(heldOn: string): string {
  const [year, month] = heldOn.split('-').map(Number);
  return `Sinh hoạt định kỳ tháng ${month}/${year}`;
}

/**
 * The treasurer's paper book in one submission: the meeting and who came, then every repayment
 * and contribution, then the payouts, each checked as if recorded alone. Any refusal rolls all of it back,
 * naming the line (e.g. `repayments[2].principal`), so the treasurer fixes it and submits again.
 */
export async function submitMeetingSheet(db: EntityManager, requestId: string, clubId: string, input: SubmitMeetingSheetInput): Promise<MeetingSheetResult> {
  await requireClub(db, clubId);
  const { idempotencyKey, clubId: _club, ...sheet } = input;
  const duplicates = sheet.repayments.map((repayment) => repayment.loanId).filter((id, index, all) => all.indexOf(id) !== index);
  if (duplicates.length) {
    const index = sheet.repayments.findIndex((repayment, at) => sheet.repayments.findIndex((other) => other.loanId === repayment.loanId) !== at);
    throw badInput([{ field: `repayments[${index}].loanId`, message: 'appears twice on the sheet' }]);
  }
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'meeting-sheet', input: sheet }, async () => {
    const activityId = await addActivity(db, requestId, clubId, {
      heldOn: sheet.heldOn,
      area: sheet.area,
      monthlyMeeting: true,
      title: optionalText(sheet.title) ?? defaultTitle(sheet.heldOn),
      notes: sheet.notes,
      attendeeIds: sheet.attendeeIds,
    });
    // Money comes in before it goes out: what members repay at the meeting can be lent at it.
    const repayments: string[] = [];
    for (const [index, repayment] of sheet.repayments.entries()) {
      repayments.push((await takeRepayment(db, requestId, clubId, { ...repayment, paidOn: sheet.heldOn }, `repayments[${index}].`)).id);
    }
    const contributions: string[] = [];
    for (const [index, contribution] of sheet.contributions.entries()) {
      contributions.push(
        await addFundEntry(
          db,
          requestId,
          clubId,
          { fund: contribution.fund, kind: LedgerKind.CONTRIBUTION, entryOn: sheet.heldOn, amount: contribution.amount, memberId: contribution.memberId },
          `contributions[${index}].`,
        ),
      );
    }
    const disbursed: string[] = [];
    for (const [index, payout] of sheet.disbursements.entries()) {
      disbursed.push(await payOutLoan(db, requestId, clubId, { ...payout, disbursedOn: sheet.heldOn }, `disbursements[${index}].`));
    }
    return { activityId, repaymentIds: repayments, contributionIds: contributions, loanIds: disbursed };
  });
  return Object.assign(new MeetingSheetResult(), {
    activity: (await findActivitiesByIds(db, [receipt.activityId as string]))[0],
    repayments: await findRepaymentsByIds(db, receipt.repaymentIds as string[]),
    contributions: await findLedgerEntriesByIds(db, receipt.contributionIds as string[]),
    disbursedLoans: await findLoansByIds(db, receipt.loanIds as string[]),
  });
}
