const VND_SYMBOL = '₫';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function formatVnd(amount: number | bigint | string): string {
  const text = typeof amount === 'number' ? Math.trunc(amount).toString() : amount.toString().trim();
  if (!/^-?\d+$/.test(text)) return '';
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
  return `${negative && digits !== '0' ? '-' : ''}${groupThousands(digits)} ${VND_SYMBOL}`;
}

function twoDigits(value: number): string {
  return value.toString().padStart(2, '0');
}

export function formatDate(localDate: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(localDate ?? '');
  if (!match) return '';
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

export function formatInstantDate(isoDateTime: string | null | undefined): string {
  const date = new Date(isoDateTime ?? '');
  if (Number.isNaN(date.getTime())) return '';
  return `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;
}

export function formatDateTime(isoDateTime: string | null | undefined): string {
  const date = new Date(isoDateTime ?? '');
  if (Number.isNaN(date.getTime())) return '';
  const day = `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;
  return `${day} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

function numberLocale(language: string | undefined): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}

/** A count or a Decimal from the API ("1234.5") as the reader's language writes it: "1.234,5" in Vietnamese. */
export function formatNumber(value: number | string | null | undefined, language: string | undefined, fractionDigits = 2): string {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return new Intl.NumberFormat(numberLocale(language), { maximumFractionDigits: fractionDigits }).format(number);
}

/** "20.54" → "20,54%" in Vietnamese, "20.54%" in English. */
export function formatPercent(value: number | string | null | undefined, language: string | undefined): string {
  const number = formatNumber(value, language);
  return number ? `${number}%` : '';
}

/** A reporting month "2026-03" as documents write it: "03/2026". */
export function formatMonthNumeric(month: unknown): string {
  const match = /^(\d{4})-(\d{2})$/.exec(String(month));
  return match ? `${match[2]}/${match[1]}` : String(month ?? '');
}

/** The reporting month of today, "2026-03", on the reader's clock. */
export function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}`;
}

/** "2026-03" moved by a number of months: addMonths("2026-03", -12) → "2025-03". */
export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(index / 12)}-${twoDigits((index % 12) + 1)}`;
}
