import { describe, expect, it } from 'vitest';
import { formatVnd } from '../../client/src/app/format.js';
import { parseDisplayDate } from '../../client/src/app/local-date.js';
import { groupDigits, moneyDigits, moneyForApi, moneyProblem, parseMoney, sumVnd, typedMoney } from '../../client/src/app/money.js';
import {
  budgetInput,
  checkTotals,
  draftProblems,
  emptyLine,
  lineAmount,
  perClubMismatches,
  type BudgetDraft,
} from '../../client/src/province/schemes/budget/budget-draft.js';

const kienGiang = (): BudgetDraft => ({
  statedTotal: '1855000000',
  lines: [
    { ...emptyLine('PROVINCE_BUDGET'), amount: '1155000000' },
    { ...emptyLine('MOBILISED'), purpose: 'SEED_CAPITAL', perClub: true, perClubAmount: '20000000', plannedClubs: '35' },
  ],
});

describe('money as typed', () => {
  it('keeps digits only, groups them with dots and never goes through a float', () => {
    expect(moneyDigits('1.855.000.000 ₫')).toBe('1855000000');
    expect(moneyDigits('00012')).toBe('12');
    expect(groupDigits('1855000000')).toBe('1.855.000.000');
    expect(parseMoney('9007199254740993')).toBe(9007199254740993n);
    expect(moneyForApi(9007199254740993n)).toBeNull();
    expect(moneyForApi(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps a typed minus so that it is refused, not silently made positive, and refuses more than one entry may be', () => {
    expect(typedMoney('-50000')).toBe('-50000');
    expect(typedMoney(' −50.000')).toBe('-50000');
    expect(typedMoney('50-000')).toBe('50000');
    expect(groupDigits('-50000')).toBe('-50.000');
    expect(moneyProblem('-50000')).toBe('negative');
    expect(moneyProblem('-')).toBe('negative');
    expect(parseMoney('-50000')).toBeNull();
    expect(moneyProblem('100000000000')).toBeNull();
    expect(moneyProblem('100000000001')).toBe('ceiling');
    expect(moneyProblem('')).toBeNull();
  });

  it('adds amounts from the API exactly, also those given as digits beyond 2^53', () => {
    expect(sumVnd([Number.MAX_SAFE_INTEGER, '9007199254740993', -2])).toBe(18014398509481982n);
    expect(formatVnd('18014398509481982')).toBe('18.014.398.509.481.982 ₫');
    expect(formatVnd(-18014398509481982n)).toBe('-18.014.398.509.481.982 ₫');
  });

  it('reads dates as dd/MM/yyyy and refuses days that do not exist', () => {
    expect(parseDisplayDate('31/08/2020')).toBe('2020-08-31');
    expect(parseDisplayDate('1/8/2025')).toBe('2025-08-01');
    expect(parseDisplayDate('')).toBeNull();
    expect(parseDisplayDate('31/02/2020')).toBeUndefined();
  });
});

describe('the budget check on the client', () => {
  it('adds the Kiên Giang lines up to the stated 1.855.000.000, 35 × 20.000.000 included', () => {
    const draft = kienGiang();
    expect(lineAmount(draft.lines[1])).toBe(700_000_000n);
    expect(checkTotals(draft)).toEqual({ linesTotal: 1_855_000_000n, statedTotal: 1_855_000_000n, difference: 0n, balanced: true });
  });

  it('says how much is missing or too much', () => {
    const draft = kienGiang();
    draft.statedTotal = '1910000000';
    expect(checkTotals(draft).difference).toBe(-55_000_000n);
    draft.statedTotal = '1800000000';
    expect(checkTotals(draft).difference).toBe(55_000_000n);
  });

  it('compares per-club lines with the club plan, dropped communes not counted, by year when the line has one', () => {
    const draft = kienGiang();
    const plan = [
      ...Array.from({ length: 35 }, (_, index) => ({ plannedYear: 2021 + (index % 5), status: 'PLANNED' as const })),
      { plannedYear: 2022, status: 'DROPPED' as const },
    ];
    expect(perClubMismatches(draft.lines, plan)).toEqual([]);
    expect(perClubMismatches(draft.lines, [])[0]).toMatchObject({ plannedClubs: 35, clubsInPlan: 0, year: null });
    draft.lines[1].year = '2022';
    expect(perClubMismatches(draft.lines, plan)[0]).toMatchObject({ plannedClubs: 35, clubsInPlan: 7, year: 2022 });
  });

  it('flags missing amounts before sending, and sends per-club lines without an amount of their own', () => {
    const draft = kienGiang();
    draft.lines.push(emptyLine());
    expect([...draftProblems(draft).values()]).toEqual(['amountRequired']);
    draft.lines.pop();
    const input = budgetInput(draft);
    expect(input.totalBudget).toBe(1_855_000_000);
    expect(input.lines[1]).toMatchObject({ source: 'MOBILISED', purpose: 'SEED_CAPITAL', amount: null, perClubAmount: 20_000_000, plannedClubs: 35, year: null });
  });

  it('refuses a negative amount, and more than one entry may be, also as amount per club × clubs', () => {
    const draft = kienGiang();
    draft.statedTotal = '-1855000000';
    draft.lines[0].amount = '100000000001';
    draft.lines[1].perClubAmount = '20000000000';
    draft.lines[1].plannedClubs = '6';
    expect(Object.fromEntries(draftProblems(draft))).toEqual({
      statedTotal: 'negative',
      [`${draft.lines[0].key}.amount`]: 'ceiling',
      [`${draft.lines[1].key}.perClubAmount`]: 'ceiling',
    });
  });
});
