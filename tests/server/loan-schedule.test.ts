import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from '../../server/src/calendar.js';
import { equalInstalments, positionOf, rateInThousandths } from '../../server/src/loans/loan-schedule.js';

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
