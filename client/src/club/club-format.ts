import type { TFunction } from 'i18next';

/** "2026-10" → "Tháng 10/2026" (Vietnamese) or "10/2026" (English). */
export function formatMonth(t: TFunction, month: unknown): string {
  const match = /^(\d{4})-(\d{2})$/.exec(String(month));
  return match ? t('clubArea.month', { year: match[1], month: match[2] }) : String(month);
}

/** "2026-10" → "10/2026", for text that already says "tháng". */
export function monthNumber(month: unknown): string {
  const match = /^(\d{4})-(\d{2})$/.exec(String(month));
  return match ? `${match[2]}/${match[1]}` : String(month);
}

/** A Decimal from the API ("68.85") as the reader's language writes numbers ("68,85"). */
export function formatDecimal(value: string | number, language: string | undefined): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(number);
}

/** Today in Vietnam (UTC+7) as "YYYY-MM-DD", the day the server checks "not in the future" against. */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** "YYYY-MM" of a day, moved by whole months. */
export function monthOf(day: string, offset = 0): string {
  const [year, month] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026-11-23" → "23/11/2026", for a date field's starting text. */
export function displayDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** The same day a month later, kept within the month ("2026-01-31" → "2026-02-28"). */
export function addOneMonth(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const next = new Date(Date.UTC(year, month, 1));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(date, lastDay));
  return next.toISOString().slice(0, 10);
}

/** Letters without their marks, lower case, for matching names typed with or without accents. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}
