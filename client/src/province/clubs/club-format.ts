import type { TFunction } from 'i18next';

/** "2023-01" → "Tháng 01/2023" (Vietnamese) or "01/2023" (English). */
export function formatMonth(t: TFunction, month: unknown): string {
  const text = String(month);
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match ? t('provinceClubs.month', { year: match[1], month: match[2] }) : text;
}

/** A Decimal from the API ("66.67") written the way the reader's language writes numbers ("66,67"). */
export function formatDecimal(value: string, language: string | undefined): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(number);
}

/** The commune with its district: "Thị trấn Kiên Lương, Huyện Kiên Lương". */
export function communeWithDistrict(commune: { fullName: string; parent?: { fullName: string } | null }): string {
  return commune.parent ? `${commune.fullName}, ${commune.parent.fullName}` : commune.fullName;
}
