import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from '../../server/src/calendar.js';
import { equalInstalments, openingSchedule, positionOf, rateInThousandths, type OpeningFigures } from '../../server/src/loans/loan-schedule.js';

describe('the equal-instalment schedule', () => {
  it('splits the principal into equal months with the rounding in the last, and interest on the amount lent', () => {
    const schedule = equalInstalments(1_000_000n, 3, '2026-01-31', { monthlyRate: '0.5' });
    expect(schedule).toEqual([
      { number: 1, dueOn: '2026-01-31', principal: 333_333n, interest: 5_000n },
      { number: 2, dueOn: '2026-02-28', principal: 333_333n, interest: 5_000n },
      { number: 3, dueOn: '2026-03-31', principal: 333_334n, interest: 5_000n },
    ]);
    expect(schedule.reduce((sum, instalment) => sum + instalment.principal, 0n)).toBe(1_000_000n);
  });

  it('spreads a flat fee over the months and charges nothing at a zero rate', () => {
    expect(equalInstalments(600_000n, 4, '2026-05-10', { flatFee: 50_000n }).map((instalment) => instalment.interest)).toEqual([12_500n, 12_500n, 12_500n, 12_500n]);
    expect(equalInstalments(600_000n, 2, '2026-05-10', { monthlyRate: '0' }).map((instalment) => instalment.interest)).toEqual([0n, 0n]);
  });

  it('reads rates exactly, without floats', () => {
    expect(rateInThousandths('0.5')).toBe(500n);
    expect(rateInThousandths('1.25')).toBe(1250n);
    expect(rateInThousandths('0.333')).toBe(333n);
    // 0.333% of 1,000,000 is 3,330 đồng, not 3,329.9999.
    expect(equalInstalments(1_000_000n, 1, '2026-01-01', { monthlyRate: '0.333' })[0].interest).toBe(3_330n);
  });
});

describe('where a loan stands', () => {
  const schedule = equalInstalments(1_000_000n, 4, '2026-02-10', { monthlyRate: '1' });

  it('is up to date when every instalment due is paid', () => {
    const position = positionOf(1_000_000n, schedule, { principal: 250_000n, interest: 10_000n }, '2026-02-10');
    expect(position).toMatchObject({ outstandingPrincipal: 750_000n, arrears: 0n, daysPastDue: 0 });
    expect(position.nextDue?.number).toBe(2);
  });

  it('counts days past due from the oldest instalment not fully paid', () => {
    const position = positionOf(1_000_000n, schedule, { principal: 250_000n, interest: 10_000n }, '2026-04-20');
    // Instalment 2 (due 10/03) is unpaid: 41 days by 20/04; instalment 3 (10/04) is also due.
    expect(position.daysPastDue).toBe(daysBetween('2026-03-10', '2026-04-20'));
    expect(position.daysPastDue).toBe(41);
    expect(position.arrears).toBe(520_000n);
  });

  it('has nothing past due once repaid in full', () => {
    const position = positionOf(1_000_000n, schedule, { principal: 1_000_000n, interest: 40_000n }, '2026-12-01');
    expect(position).toMatchObject({ outstandingPrincipal: 0n, interestRemaining: 0n, daysPastDue: 0, nextDue: null });
  });

  it('keeps month ends within shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-15', 2)).toBe('2026-02-15');
  });
});

describe('the schedule of a loan brought in on its go-live day', () => {
  // Lent 10/03/2026 for 12 months, due on the 10th; on 01/01/2027 the books say 900.000 ₫ is owed,
  // nothing late, next instalment 10/01/2027 (the 10th of 12).
  const current: OpeningFigures = {
    principal: 3_000_000n, outstanding: 900_000n, termMonths: 12, charge: { monthlyRate: '0.5' },
    disbursedOn: '2026-03-10', openingOn: '2027-01-01', daysPastDue: 0, nextDueOn: '2027-01-10',
  };
  const scheduleOf = (figures: OpeningFigures) => {
    const schedule = openingSchedule(figures);
    if ('problems' in schedule) throw new Error(JSON.stringify(schedule.problems));
    return schedule;
  };
  const repaidBefore = (figures: OpeningFigures) => ({ principal: figures.principal - figures.outstanding, interest: 0n });

  it('stands on the go-live day exactly as the books say: owed, not late, the next instalment named', () => {
    const { firstDueOn, instalments } = scheduleOf(current);
    expect(firstDueOn).toBe('2026-04-10');
    expect(instalments).toEqual([
      { number: 0, dueOn: '2027-01-01', principal: 2_100_000n, interest: 0n },
      { number: 1, dueOn: '2027-01-10', principal: 300_000n, interest: 15_000n },
      { number: 2, dueOn: '2027-02-10', principal: 300_000n, interest: 15_000n },
      { number: 3, dueOn: '2027-03-10', principal: 300_000n, interest: 15_000n },
    ]);
    const position = positionOf(current.principal, instalments, repaidBefore(current), current.openingOn);
    expect(position).toMatchObject({ outstandingPrincipal: 900_000n, daysPastDue: 0, arrears: 0n });
    expect(position.nextDue?.dueOn).toBe('2027-01-10');
  });

  // Lent 20/05/2026 for 10 months with a 500.000 ₫ fee, due on the 17th; on 01/12/2026 the books say
  // 3.000.000 ₫ is owed, 45 days late (since 17/10), next instalment 17/12/2026.
  const late: OpeningFigures = {
    principal: 5_000_000n, outstanding: 3_000_000n, termMonths: 10, charge: { flatFee: 500_000n },
    disbursedOn: '2026-05-20', openingOn: '2026-12-01', daysPastDue: 45, nextDueOn: '2026-12-17',
  };

  it('holds what is overdue in one instalment due the days past due before the go-live day', () => {
    const { instalments } = scheduleOf(late);
    // Instalments 17/10 and 17/11 fell due unpaid: their principal and fee are overdue since 17/10;
    // the four still to come share the rest.
    expect(instalments).toEqual([
      { number: 0, dueOn: '2026-12-01', principal: 2_000_000n, interest: 0n },
      { number: 1, dueOn: '2026-10-17', principal: 1_000_000n, interest: 100_000n },
      { number: 2, dueOn: '2026-12-17', principal: 500_000n, interest: 50_000n },
      { number: 3, dueOn: '2027-01-17', principal: 500_000n, interest: 50_000n },
      { number: 4, dueOn: '2027-02-17', principal: 500_000n, interest: 50_000n },
      { number: 5, dueOn: '2027-03-17', principal: 500_000n, interest: 50_000n },
    ]);
    const onTheDay = positionOf(late.principal, instalments, repaidBefore(late), late.openingOn);
    expect(onTheDay).toMatchObject({ outstandingPrincipal: 3_000_000n, daysPastDue: 45, arrears: 1_100_000n });
    expect(onTheDay.nextDue?.dueOn).toBe('2026-12-17');
    expect(positionOf(late.principal, instalments, repaidBefore(late), '2026-12-20').daysPastDue).toBe(64);
    // Paying what is overdue brings it up to date.
    const caughtUp = positionOf(late.principal, instalments, { principal: 3_000_000n, interest: 100_000n }, '2026-12-05');
    expect(caughtUp).toMatchObject({ outstandingPrincipal: 2_000_000n, daysPastDue: 0, arrears: 0n });
  });

  it('reads a next instalment on or before the go-live day as the oldest unpaid one, whose days past due must agree', () => {
    expect(scheduleOf({ ...late, nextDueOn: '2026-10-17' })).toEqual(scheduleOf(late));
    expect(openingSchedule({ ...late, nextDueOn: '2026-10-17', daysPastDue: 40 })).toEqual({
      problems: [{ field: 'daysPastDue', reason: 'DISAGREES_WITH_NEXT_DUE', expected: 45 }],
    });
  });

  it('puts all that is owed past due once the term is over, and needs no next instalment then', () => {
    const over: OpeningFigures = {
      principal: 2_000_000n, outstanding: 500_000n, termMonths: 4, charge: { monthlyRate: '0' },
      disbursedOn: '2026-01-15', openingOn: '2026-12-01', daysPastDue: 200, nextDueOn: null,
    };
    const { instalments } = scheduleOf(over);
    expect(instalments).toEqual([
      { number: 0, dueOn: '2026-12-01', principal: 1_500_000n, interest: 0n },
      { number: 1, dueOn: '2026-05-15', principal: 500_000n, interest: 0n },
    ]);
    expect(positionOf(over.principal, instalments, repaidBefore(over), over.openingOn)).toMatchObject({ daysPastDue: 200, nextDue: null });
    expect(openingSchedule({ ...over, daysPastDue: 0 })).toEqual({ problems: [{ field: 'daysPastDue', reason: 'TERM_OVER', lastDueOn: '2026-05-15' }] });
  });

  it('names what cannot be: a next instalment past the term or missing while it runs, more days late than since the payout', () => {
    expect(openingSchedule({ ...current, nextDueOn: '2027-06-10' })).toEqual({ problems: [{ field: 'nextDueOn', reason: 'AFTER_TERM', lastDueOn: '2027-03-10' }] });
    expect(openingSchedule({ ...current, nextDueOn: null })).toEqual({ problems: [{ field: 'nextDueOn', reason: 'MISSING', lastDueOn: '2027-03-10' }] });
    expect(openingSchedule({ ...current, nextDueOn: '2026-03-01' })).toMatchObject({ problems: [{ field: 'nextDueOn', reason: 'NOT_AFTER_PAYOUT' }] });
    expect(openingSchedule({ ...current, daysPastDue: 400 })).toEqual({ problems: [{ field: 'daysPastDue', reason: 'BEFORE_PAYOUT', most: 296 }] });
  });
});
