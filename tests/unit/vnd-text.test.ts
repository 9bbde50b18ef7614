import { describe, expect, it } from 'vitest';
import { vndOfText, vndText } from '../../server/src/money/vnd-text.js';

describe('an amount in a spreadsheet cell', () => {
  it.each([
    ['35000000', 35_000_000n],
    ['35.000.000', 35_000_000n],
    ['35 000 000', 35_000_000n],
    ['35\u00a0000\u00a0000', 35_000_000n],
    ['2.500.000 ₫', 2_500_000n],
    ['1.200.000 đồng', 1_200_000n],
    ['0', 0n],
    ['100.000.000.000', 100_000_000_000n],
  ])('reads "%s" as whole đồng', (cell, amount) => {
    expect(vndOfText(cell)).toEqual({ amount });
  });

  it.each([
    ['35000000,5', 'ghi số đồng chẵn, không có phần lẻ ("35000000,5")'],
    ['35.5', 'ghi số đồng chẵn, không có phần lẻ ("35.5")'],
    ['35.000.000,50', 'ghi số đồng chẵn, không có phần lẻ ("35.000.000,50")'],
    ['-200000', 'số tiền không được âm ("-200000")'],
    ['ba triệu', '"ba triệu" không phải số tiền; ghi số đồng, ví dụ 35000000 hoặc 35.000.000'],
    ['35.00.000', '"35.00.000" không phải số tiền; ghi số đồng, ví dụ 35000000 hoặc 35.000.000'],
    ['100.000.000.001', 'vượt quá 100.000.000.000 ₫ cho một khoản'],
  ])('refuses "%s", saying why', (cell, problem) => {
    expect(vndOfText(cell)).toEqual({ problem });
  });

  it('is written back as Vietnamese documents write amounts', () => {
    expect(vndText(1_855_000_000n)).toBe('1.855.000.000 ₫');
    expect(vndText(0n)).toBe('0 ₫');
  });
});
