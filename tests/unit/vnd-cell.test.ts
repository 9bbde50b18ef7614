import { describe, expect, it } from 'vitest';
import { vndOfCell } from '../../server/src/money/vnd-cell.js';

describe('an amount of đồng as a spreadsheet cell writes it', () => {
  it('reads plain digits and digits grouped as documents group them', () => {
    expect(vndOfCell('3000000')).toBe(3_000_000n);
    expect(vndOfCell('3.000.000')).toBe(3_000_000n);
    expect(vndOfCell('3,000,000')).toBe(3_000_000n);
    expect(vndOfCell('3 000 000 đ')).toBe(3_000_000n);
    expect(vndOfCell('1.855.000.000 ₫')).toBe(1_855_000_000n);
    expect(vndOfCell('500000 VND')).toBe(500_000n);
  });

  it('is empty for an empty cell and refuses fractions, mixed grouping and words', () => {
    expect(vndOfCell('')).toBeNull();
    expect(vndOfCell('3000000,5')).toBeUndefined();
    expect(vndOfCell('3.5')).toBeUndefined();
    expect(vndOfCell('3.000,000')).toBeUndefined();
    expect(vndOfCell('30.00.000')).toBeUndefined();
    expect(vndOfCell('ba triệu')).toBeUndefined();
    expect(vndOfCell('-3000')).toBeUndefined();
  });
});
