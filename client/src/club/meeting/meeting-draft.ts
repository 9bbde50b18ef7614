import { moneyForApi, parseMoney, smallerVnd, vndValue } from '../../app/money';
import type { ClubMeetingSheetQuery, SubmitMeetingSheetInput } from '../../gql/graphql';
import type { ClubProblem } from '../club-messages';

export type SheetLoan = ClubMeetingSheetQuery['meetingSheet']['loans'][number];
export type SheetMember = ClubMeetingSheetQuery['meetingSheet']['members'][number];

export interface RepaymentLine {
  paying: boolean;
  /** Digits only. */
  principal: string;
  interest: string;
}

export interface PayoutLine {
  paying: boolean;
  /** dd/mm/yyyy as typed; empty for a month after the meeting. */
  firstDueOn: string;
}

/** What the treasurer has written on the sheet so far; plain data so it can be kept on the phone. */
export interface MeetingDraft {
  heldOn: string;
  present: string[];
  repayments: Record<string, RepaymentLine>;
  contributionEach: string;
  contributions: Record<string, string>;
  payouts: Record<string, PayoutLine>;
  notes: string;
  /** The idempotency key of this sheet: the same on every retry until it is saved. */
  key: string;
}

export type SheetSection = 'attendance' | 'repayments' | 'contributions' | 'payouts';

/** The instalment to collect: the next one due, never more than is owed; the rest of the loan when none is left. */
export function suggestedRepayment(loan: SheetLoan): RepaymentLine {
  const standing = loan.standing;
  const due = standing.nextDue;
  const principal = due ? smallerVnd(due.principal, standing.outstandingPrincipal) : vndValue(standing.outstandingPrincipal);
  const interest = due ? smallerVnd(due.interest, standing.interestRemaining) : vndValue(standing.interestRemaining);
  return { paying: true, principal: String(principal > 0n ? principal : 0n), interest: String(interest > 0n ? interest : 0n) };
}

function amount(digits: string): bigint {
  return parseMoney(digits) ?? 0n;
}

export interface SheetTotals {
  repaymentCount: number;
  repaid: bigint;
  contributionCount: number;
  contributed: bigint;
  payoutCount: number;
  paidOut: bigint;
}

export function totalsOf(draft: MeetingDraft, loans: SheetLoan[]): SheetTotals {
  const paying = Object.values(draft.repayments).filter((line) => line.paying);
  const contributions = contributionEntries(draft).map(([, digits]) => amount(digits));
  const payouts = loans.filter((loan) => loan.status === 'APPROVED' && draft.payouts[loan.id]?.paying);
  return {
    repaymentCount: paying.length,
    repaid: paying.reduce((sum, line) => sum + amount(line.principal) + amount(line.interest), 0n),
    contributionCount: contributions.length,
    contributed: contributions.reduce((sum, value) => sum + value, 0n),
    payoutCount: payouts.length,
    paidOut: payouts.reduce((sum, loan) => sum + BigInt(loan.principal), 0n),
  };
}

/** Contributions with an amount, in the order they were written. */
export function contributionEntries(draft: MeetingDraft): Array<[string, string]> {
  return Object.entries(draft.contributions).filter(([, digits]) => amount(digits) > 0n);
}

/** Where each line of the submission came from, to put the server's answer back next to it. */
export interface SheetLineIndex {
  attendees: string[];
  repayments: string[];
  contributions: string[];
  disbursements: string[];
}

export function inputOf(
  draft: MeetingDraft,
  members: SheetMember[],
  loans: SheetLoan[],
  firstDueOf: (text: string) => string | null,
): { input: SubmitMeetingSheetInput; index: SheetLineIndex } {
  const present = new Set(draft.present);
  const attendees = members.filter((member) => present.has(member.id)).map((member) => member.id);
  const repaying = loans.filter((loan) => loan.status === 'DISBURSED' && draft.repayments[loan.id]?.paying);
  const contributions = contributionEntries(draft);
  const payouts = loans.filter((loan) => loan.status === 'APPROVED' && draft.payouts[loan.id]?.paying);
  return {
    input: {
      heldOn: draft.heldOn,
      attendeeIds: attendees,
      repayments: repaying.map((loan) => ({
        loanId: loan.id,
        principal: moneyForApi(amount(draft.repayments[loan.id].principal)) ?? 0,
        interest: moneyForApi(amount(draft.repayments[loan.id].interest)) ?? 0,
      })),
      contributions: contributions.map(([memberId, digits]) => ({ memberId, amount: moneyForApi(amount(digits)) ?? 0, fund: 'ACTIVITY' })),
      disbursements: payouts.map((loan) => ({ loanId: loan.id, firstDueOn: firstDueOf(draft.payouts[loan.id].firstDueOn) })),
      notes: draft.notes.trim().normalize('NFC') || null,
      idempotencyKey: draft.key,
    },
    index: {
      attendees,
      repayments: repaying.map((loan) => loan.id),
      contributions: contributions.map(([memberId]) => memberId),
      disbursements: payouts.map((loan) => loan.id),
    },
  };
}

/** The server's problems placed on the sheet: by section and line (member or loan), and the rest. */
export interface SheetProblems {
  heldOn?: string;
  notes?: string;
  attendance: Map<string, string>;
  repayments: Map<string, { principal?: string; interest?: string; line?: string }>;
  contributions: Map<string, string>;
  payouts: Map<string, { firstDueOn?: string; line?: string }>;
  general: string[];
}

export function emptyProblems(): SheetProblems {
  return { attendance: new Map(), repayments: new Map(), contributions: new Map(), payouts: new Map(), general: [] };
}

export function placeProblems(problems: ClubProblem[], index: SheetLineIndex): SheetProblems {
  const placed = emptyProblems();
  for (const problem of problems) {
    const match = /^(attendeeIds|repayments|contributions|disbursements)\[(\d+)\](?:\.(\w+))?$/.exec(problem.field);
    if (problem.field === 'heldOn') placed.heldOn = problem.message;
    else if (problem.field === 'notes' || problem.field === 'title') placed.notes = problem.message;
    else if (match) {
      const [, list, position, field] = match;
      const lineId = (list === 'attendeeIds' ? index.attendees : index[list as keyof Omit<SheetLineIndex, 'attendees'>])[Number(position)];
      if (!lineId) placed.general.push(problem.message);
      else if (list === 'attendeeIds') placed.attendance.set(lineId, problem.message);
      else if (list === 'contributions') placed.contributions.set(lineId, problem.message);
      else if (list === 'repayments') {
        const key = field === 'principal' || field === 'interest' ? field : 'line';
        placed.repayments.set(lineId, { ...placed.repayments.get(lineId), [key]: problem.message });
      } else {
        const key = field === 'firstDueOn' ? 'firstDueOn' : 'line';
        placed.payouts.set(lineId, { ...placed.payouts.get(lineId), [key]: problem.message });
      }
    } else placed.general.push(problem.message);
  }
  return placed;
}

export function sectionsWithProblems(problems: SheetProblems): SheetSection[] {
  const sections: SheetSection[] = [];
  if (problems.attendance.size) sections.push('attendance');
  if (problems.repayments.size) sections.push('repayments');
  if (problems.contributions.size) sections.push('contributions');
  if (problems.payouts.size) sections.push('payouts');
  return sections;
}
