import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LocalDateScalar, MonthScalar, VndScalar } from '../../server/src/graphql/scalars.js';

describe('VND', () => {
  it('takes whole đồng and gives them back exactly', () => {
    expect(VndScalar.parseValue(1_855_000_000)).toBe(1_855_000_000n);
    expect(VndScalar.parseValue('700000000')).toBe(700_000_000n);
    expect(VndScalar.serialize(1_155_000_000n)).toBe(1_155_000_000);
    expect(VndScalar.serialize('20000000')).toBe(20_000_000);
    expect(VndScalar.serialize(-35_000n)).toBe(-35_000);
    expect(VndScalar.parseLiteral({ kind: Kind.INT, value: '9007199254740991' })).toBe(9_007_199_254_740_991n);
  });

  it('refuses fractions, text and amounts beyond exact integers, saying the ceiling of one entry', () => {
    expect(() => VndScalar.parseValue(1.5)).toThrow(/whole number/);
    expect(() => VndScalar.parseValue('1e9')).toThrow(/whole number/);
    expect(() => VndScalar.parseValue('một tỷ')).toThrow(/whole number/);
    expect(() => VndScalar.parseValue('9007199254740992')).toThrow('An amount in VND must be at most 100.000.000.000 ₫ per entry.');
    expect(() => VndScalar.parseLiteral({ kind: Kind.FLOAT, value: '10.5' })).toThrow(/whole number/);
  });

  it('gives back any stored sum: a number while exact, beyond that its digits as a string', () => {
    expect(VndScalar.serialize(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(VndScalar.serialize(-9_007_199_254_740_991n)).toBe(-Number.MAX_SAFE_INTEGER);
    expect(VndScalar.serialize(9_007_199_254_740_992n)).toBe('9007199254740992');
    expect(VndScalar.serialize(-18_014_398_509_481_982n)).toBe('-18014398509481982');
    // A SQL sum of bigint arrives as numeric text, which may pass 64 bits.
    expect(VndScalar.serialize('123456789012345678901234567890')).toBe('123456789012345678901234567890');
    expect(() => VndScalar.serialize(1.5)).toThrow();
  });
});

describe('LocalDate', () => {
  it('takes real calendar days only', () => {
    expect(LocalDateScalar.parseValue('2025-07-01')).toBe('2025-07-01');
    expect(LocalDateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => LocalDateScalar.parseValue('2025-02-29')).toThrow(/real calendar day/);
    expect(() => LocalDateScalar.parseValue('01/07/2025')).toThrow(/YYYY-MM-DD/);
  });

  it('knows every month’s length and the leap years, as the calendar does', () => {
    for (let day = Date.UTC(1899, 0, 1); day <= Date.UTC(2101, 0, 1); day += 86_400_000) {
      expect(LocalDateScalar.parseValue(new Date(day).toISOString().slice(0, 10))).toBeTruthy();
    }
    for (const wrong of ['1900-02-29', '2100-02-29', '2023-02-29', '2025-04-31', '2025-06-31', '2025-09-31', '2025-11-31', '2025-00-10', '2025-13-01', '2025-01-00', '2025-01-32', '0099-12-31']) {
      expect(() => LocalDateScalar.parseValue(wrong), wrong).toThrow(/real calendar day/);
    }
    expect(LocalDateScalar.parseValue('2000-02-29')).toBe('2000-02-29');
  });
});

describe('Month', () => {
  it('takes YYYY-MM', () => {
    expect(MonthScalar.parseValue('2025-07')).toBe('2025-07');
    expect(() => MonthScalar.parseValue('2025-13')).toThrow(/YYYY-MM/);
  });
});
