import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../server/src/graphql/pagination.js';
import { normalizeText } from '../../server/src/text.js';
import { idsOnPath } from '../../server/src/admin-units/admin-unit.service.js';

describe('normalizeText', () => {
  it('stores decomposed Vietnamese as composed (NFC) and trims spaces', () => {
    const decomposed = 'Kie\u0302n Lu\u031Bo\u031Bng';
    expect(normalizeText(`  ${decomposed}  `)).toBe('Kiên Lương');
    expect(normalizeText('Túc   Duyên')).toBe('Túc Duyên');
  });
});

describe('cursors', () => {
  it('round-trip their sort values and refuse anything else, naming the field', () => {
    const cursor = encodeCursor(['00030787', '6f1c0d1e-0000-4000-8000-000000000000']);
    expect(decodeCursor(cursor, 2)).toEqual(['00030787', '6f1c0d1e-0000-4000-8000-000000000000']);
    expect(() => decodeCursor(cursor, 3)).toThrow(/after: is not a cursor of this list/);
    expect(() => decodeCursor('%%%', 2)).toThrow(/after/);
  });
});

describe('idsOnPath', () => {
  it('reads unit identifiers from an ltree path', () => {
    expect(idsOnPath('6f1c0d1e_0000_4000_8000_000000000000.0a1b2c3d_0000_4000_8000_000000000001')).toEqual([
      '6f1c0d1e-0000-4000-8000-000000000000',
      '0a1b2c3d-0000-4000-8000-000000000001',
    ]);
  });
});
