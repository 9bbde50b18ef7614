import { addMonths, daysBetween } from '../calendar.js';

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
      : Array.from({ length: termMonths }, () => (principal * rateInThousandths(charge.monthlyRate) + 50_000n) / 100_000n);
  return principals.map((part, index) => ({
    number: index + 1,
    dueOn: addMonths(firstDueOn, index),
    principal: part,
    interest: interests[index],
  }));
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
