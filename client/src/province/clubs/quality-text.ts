import type { TFunction } from 'i18next';
import { formatDecimal } from './club-format';

export interface QualityItemValues {
  code: string;
  met: boolean;
  value: string;
  expected: string;
}

const knownCodes = ['MEMBERS', 'WOMEN', 'OLDER', 'VOLUNTEERS', 'BORROWED', 'FUNDS'] as const;
type KnownCode = (typeof knownCodes)[number];

function isKnown(code: string): code is KnownCode {
  return knownCodes.includes(code as KnownCode);
}

export function qualityItemName(t: TFunction, code: string): string {
  return isKnown(code) ? t(`provinceClubs.quality.items.${code}`) : code;
}

/** The club's value: "42 người", "65,5%", "1/2 quỹ". */
export function qualityItemValue(t: TFunction, language: string | undefined, item: QualityItemValues): string {
  const value = formatDecimal(item.value, language);
  return isKnown(item.code) ? t(`provinceClubs.quality.values.${item.code}`, { value }) : value;
}

/** What the standard asks, from the server's wording ("50-70", ">=5", "60-70%"): "50–70 người", "từ 5 người". */
export function qualityItemExpected(t: TFunction, item: QualityItemValues): string {
  const range = item.expected.replace(/(\d)-(\d)/, '$1–$2');
  const atLeast = /^>=\s*(.+)$/.exec(range);
  const expected = atLeast ? t('provinceClubs.quality.atLeast', { value: atLeast[1] }) : range;
  return isKnown(item.code) ? t(`provinceClubs.quality.expected.${item.code}`, { expected }) : expected;
}
