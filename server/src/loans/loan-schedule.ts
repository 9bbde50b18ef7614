import { addDays, addMonths, daysBetween } from '../calendar.js';

export interface Instalment {
  number: number;
  dueOn: string;
  principal: bigint;
  interest: bigint;
}

export type LoanCharge = { monthlyRate: string } | { flatFee: bigint };

/** A rate such as "0.5" (percent per month) in thousandths of a percent: exact, never a float. */
export function rateInThousandths(rate: string): bigint {
  const match = /^(\d{1,2})(?:\.(\d{1,3}))?$/.exec(rate.trim());
  if (!match) throw new Error(`not a monthly rate: ${rate}`);
  return BigInt(match[1]) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

/** Interest of one month on the amount lent, at a monthly rate: rounded half up to the đồng. */
function monthlyInterest(principal: bigint, monthlyRate: string): bigint {
  return (principal * rateInThousandths(monthlyRate) + 50_000n) / 100_000n;
}

/** Splits `total` into `parts` whole-đồng shares; the last share takes the remainder. */
function split(total: bigint, parts: number): bigint[] {
  const share = total / BigInt(parts);
  return Array.from({ length: parts }, (_, index) => (index === parts - 1 ? total - share * BigInt(parts - 1) : share));
}

/**
 * The equal-instalment schedule clubs keep in their books: the principal in equal monthly parts,
 * and interest each month on the amount lent (or a flat fee spread over the months), so every
 * instalment is the same sum a treasurer can check by hand. Rounding goes to the last month.
 */
export function equalInstalments(principal: bigint, termMonths: number, firstDueOn: string, charge: LoanCharge): Instalment[] {
  const principals = split(principal, termMonths);
  const interests =
    'flatFee' in charge
      ? split(charge.flatFee, termMonths)
      : Array.from({ length: termMonths }, () => monthlyInterest(principal, charge.monthlyRate));
  return principals.map((part, index) => ({
    number: index + 1,
    dueOn: addMonths(firstDueOn, index),
    principal: part,
    interest: interests[index],
  }));
}

/** What a club's own books say of a running loan on the day the club begins to record it here. */
export interface OpeningFigures {
  principal: bigint;
  /** Principal still owed on the opening day. */
  outstanding: bigint;
  termMonths: number;
  charge: LoanCharge;
  disbursedOn: string;
  /** The go-live day: the books' figures are as they stood when it began. */
  openingOn: string;
  /** Days past due on the opening day; 0 when up to date. */
  daysPastDue: number;
  /**
   * The next instalment after the opening day; or the oldest unpaid one, due on or before it (then
   * the days past due are counted from it); null once every instalment of the term has fallen due.
   */
  nextDueOn: string | null;
}

/** Why opening figures make no schedule, by the field at fault. */
export type OpeningProblem =
  | { field: 'nextDueOn'; reason: 'NOT_AFTER_PAYOUT' }
  | { field: 'nextDueOn'; reason: 'AFTER_TERM'; lastDueOn: string }
  | { field: 'nextDueOn'; reason: 'MISSING'; lastDueOn: string }
  | { field: 'daysPastDue'; reason: 'DISAGREES_WITH_NEXT_DUE'; expected: number }
  | { field: 'daysPastDue'; reason: 'BEFORE_PAYOUT'; most: number }
  | { field: 'daysPastDue'; reason: 'TERM_OVER'; lastDueOn: string };

function monthNumberOf(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
}

/**
 * The schedule of a loan brought in at its opening day, in force from that day (nothing before it
 * is recorded here), such that on the opening day the loan stands exactly as the books say: the
 * principal owed, the days past due, the next instalment.
 *
 * The term's monthly due days fall on the day of the month of the next instalment, counted from
 * the payout (the first a month after it). Instalment 0, due on the opening day, stands for the
 * principal repaid before it (an opening repayment covers it). When the loan is past due, one
 * instalment due that many days before the opening day holds what is overdue: the principal of the
 * instalments that fell due since then (at least one), and more when what is left exceeds what the
 * instalments still to come ask; with its interest or fee. The principal left is spread evenly over
 * the instalments of the term still to come, each with its month's interest or fee. Interest or
 * fees unpaid before the overdue day are not in the books' figures, so they are not asked for.
 */
export function openingSchedule(figures: OpeningFigures): { firstDueOn: string; instalments: Instalment[] } | { problems: OpeningProblem[] } {
  const { principal, outstanding, termMonths, charge, disbursedOn, openingOn, daysPastDue, nextDueOn } = figures;
  const problems: OpeningProblem[] = [];
  const anchor = nextDueOn ?? addMonths(disbursedOn, 1);
  const anchorNumber = Math.max(1, monthNumberOf(anchor) - monthNumberOf(disbursedOn));
  const dueOf = (number: number) => addMonths(anchor, number - anchorNumber);
  const lastDueOn = dueOf(termMonths);
  if (nextDueOn !== null && nextDueOn <= disbursedOn) problems.push({ field: 'nextDueOn', reason: 'NOT_AFTER_PAYOUT' });
  else if (anchorNumber > termMonths) problems.push({ field: 'nextDueOn', reason: 'AFTER_TERM', lastDueOn });
  if (problems.length) return { problems };

  // The instalments of the term still to come: from the next one named, else from the opening day
  // on (one due that very day is still to be paid that day).
  let firstToCome = anchorNumber;
  if (nextDueOn === null || nextDueOn <= openingOn) {
    if (nextDueOn !== null && daysPastDue !== daysBetween(nextDueOn, openingOn)) {
      problems.push({ field: 'daysPastDue', reason: 'DISAGREES_WITH_NEXT_DUE', expected: daysBetween(nextDueOn, openingOn) });
    }
    firstToCome = 1;
    while (firstToCome <= termMonths && dueOf(firstToCome) < openingOn) firstToCome += 1;
    if (nextDueOn === null && firstToCome <= termMonths) problems.push({ field: 'nextDueOn', reason: 'MISSING', lastDueOn });
  }
  const toCome = Math.max(0, termMonths - firstToCome + 1);
  const overdueSince = addDays(openingOn, -daysPastDue);
  if (toCome === 0 && daysPastDue === 0) problems.push({ field: 'daysPastDue', reason: 'TERM_OVER', lastDueOn });
  if (daysPastDue > 0 && overdueSince <= disbursedOn) problems.push({ field: 'daysPastDue', reason: 'BEFORE_PAYOUT', most: daysBetween(disbursedOn, openingOn) - 1 });
  if (problems.length) return { problems };

  const monthly =
    'flatFee' in charge ? split(charge.flatFee, termMonths) : Array.from({ length: termMonths }, () => monthlyInterest(principal, charge.monthlyRate));
  const share = principal / BigInt(termMonths) > 0n ? principal / BigInt(termMonths) : 1n;
  const missed = daysPastDue > 0
    ? Array.from({ length: termMonths }, (_, index) => index + 1).filter((number) => dueOf(number) >= overdueSince && dueOf(number) < openingOn)
    : [];
  const least = (a: bigint, b: bigint) => (a < b ? a : b);
  const most = (a: bigint, b: bigint) => (a > b ? a : b);
  const overdue =
    daysPastDue === 0 ? 0n
    : toCome === 0 ? outstanding
    : most(least(outstanding, BigInt(Math.max(1, missed.length)) * share), outstanding - BigInt(toCome) * share);

  const instalments: Instalment[] = [{ number: 0, dueOn: openingOn, principal: principal - outstanding, interest: 0n }];
  if (daysPastDue > 0) {
    const interest = missed.length ? missed.reduce((sum, number) => sum + monthly[number - 1], 0n) : monthly[0];
    instalments.push({ number: 1, dueOn: overdueSince, principal: overdue, interest });
  }
  if (toCome > 0) {
    split(outstanding - overdue, toCome).forEach((part, index) => {
      const number = firstToCome + index;
      instalments.push({ number: instalments.length, dueOn: dueOf(number), principal: part, interest: monthly[number - 1] });
    });
  }
  return { firstDueOn: dueOf(1), instalments };
}

export interface LoanPosition {
  outstandingPrincipal: bigint;
  /** Interest of the whole schedule not yet paid. */
  interestRemaining: bigint;
  /** What the schedule asked for by the day and is not yet paid. */
  arrears: bigint;
  daysPastDue: number;
  nextDue: Instalment | null;
}

/**
 * Where a loan stands on a day, from its schedule and what was paid: payments cover instalments
 * in order, and the oldest instalment not fully covered gives the days past due.
 */
export function positionOf(
  principal: bigint,
  schedule: readonly Instalment[],
  paid: { principal: bigint; interest: bigint },
  asOf: string,
): LoanPosition {
  const totalInterest = schedule.reduce((sum, instalment) => sum + instalment.interest, 0n);
  const paidTotal = paid.principal + paid.interest;
  let cumulative = 0n;
  let dueByNow = 0n;
  let daysPastDue = 0;
  let nextDue: Instalment | null = null;
  for (const instalment of schedule) {
    cumulative += instalment.principal + instalment.interest;
    if (instalment.dueOn <= asOf) {
      dueByNow = cumulative;
      if (cumulative > paidTotal && daysPastDue === 0) daysPastDue = daysBetween(instalment.dueOn, asOf);
    } else if (!nextDue && cumulative > paidTotal) {
      nextDue = instalment;
    }
  }
  const outstandingPrincipal = principal - paid.principal;
  return {
    outstandingPrincipal,
    interestRemaining: totalInterest - paid.interest > 0n ? totalInterest - paid.interest : 0n,
    arrears: dueByNow > paidTotal ? dueByNow - paidTotal : 0n,
    daysPastDue: outstandingPrincipal > 0n ? daysPastDue : 0,
    nextDue: outstandingPrincipal > 0n ? nextDue : null,
  };
}
