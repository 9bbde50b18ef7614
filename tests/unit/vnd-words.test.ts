import { describe, expect, it } from 'vitest';
import { vndInWords } from '../../server/src/money/vnd-words.js';

describe('amounts in Vietnamese words', () => {
  it.each([
    [1_855_000_000n, 'Một tỷ tám trăm năm mươi lăm triệu đồng'],
    [1_155_000_000n, 'Một tỷ một trăm năm mươi lăm triệu đồng'],
    [700_000_000n, 'Bảy trăm triệu đồng'],
    [20_000_000n, 'Hai mươi triệu đồng'],
    [2_000_000_000n, 'Hai tỷ đồng'],
    [0n, 'Không đồng'],
    [15n, 'Mười lăm đồng'],
    [21n, 'Hai mươi mốt đồng'],
    [24n, 'Hai mươi tư đồng'],
    [105n, 'Một trăm linh năm đồng'],
    [1_005_000n, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_000_001n, 'Một triệu không trăm linh một đồng'],
    [2_010_050_000n, 'Hai tỷ không trăm mười triệu không trăm năm mươi nghìn đồng'],
    [1_000_000_000_000n, 'Một nghìn tỷ đồng'],
    [-3_500_000n, 'Âm ba triệu năm trăm nghìn đồng'],
  ])('reads %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });
});
