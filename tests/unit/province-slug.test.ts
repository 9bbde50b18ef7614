import { describe, expect, it } from 'vitest';
import { slugOf } from '../../client/src/national/provinces/province-slug.js';

describe('the slug a province’s name suggests', () => {
  it('drops the marks and đ of Vietnamese names and joins the words with hyphens', () => {
    expect(slugOf('An Giang')).toBe('an-giang');
    expect(slugOf('Bà Rịa – Vũng Tàu')).toBe('ba-ria-vung-tau');
    expect(slugOf('Đắk Lắk')).toBe('dak-lak');
    expect(slugOf('  Thừa Thiên Huế ')).toBe('thua-thien-hue');
  });

  it('gives the same slug for a name typed in decomposed form', () => {
    expect(slugOf('Cà Mau'.normalize('NFD'))).toBe('ca-mau');
    expect(slugOf('Hồ Chí Minh'.normalize('NFD'))).toBe(slugOf('Hồ Chí Minh'));
  });
});
