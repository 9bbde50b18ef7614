import { describe, expect, it } from 'vitest';
import { AdminUnitKind, fullNameOf } from '../../server/src/admin-units/admin-unit-kind.js';

describe('a unit’s full name', () => {
  it('puts the kind before the name, once', () => {
    expect(fullNameOf(AdminUnitKind.TOWNSHIP, 'Kiên Lương')).toBe('Thị trấn Kiên Lương');
    expect(fullNameOf(AdminUnitKind.QUARTER, 'Khu phố 1')).toBe('Khu phố 1');
    expect(fullNameOf(AdminUnitKind.QUARTER, 'khu pho 3')).toBe('khu pho 3');
    expect(fullNameOf(AdminUnitKind.RESIDENTIAL_GROUP, 'Tổ dân phố 12')).toBe('Tổ dân phố 12');
    expect(fullNameOf(AdminUnitKind.HAMLET, 'Ấp Đông')).toBe('Ấp Đông');
  });

  it('does not take a name that only starts like the kind for it', () => {
    expect(fullNameOf(AdminUnitKind.HAMLET, 'Ấpthành')).toBe('Ấp Ấpthành');
    expect(fullNameOf(AdminUnitKind.COMMUNE, 'Xuân Phương')).toBe('Xã Xuân Phương');
    expect(fullNameOf(AdminUnitKind.WARD, '3')).toBe('Phường 3');
  });
});
