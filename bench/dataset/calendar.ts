/** Day arithmetic on day numbers (days since 1970-01-01, UTC), with ISO text cached: millions of rows name a date. */
const MILLISECONDS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MILLISECONDS_PER_DAY);
}

export function isoOf(day: number): string {
  let text = isoCache.get(day);
  if (!text) {
    text = new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

/** Month numbers count months since year 0 (year * 12 + month - 1). */
export function monthOfDay(day: number): number {
  const date = new Date(day * MILLISECONDS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function firstDayOfMonth(month: number): number {
  return Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / MILLISECONDS_PER_DAY);
}

export function dayInMonth(month: number, dayOfMonth: number): number {
  return firstDayOfMonth(month) + dayOfMonth - 1;
}

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** Same day of month, `months` later; callers keep days of month at 28 or less. */
export function addMonthsToDay(day: number, months: number): number {
  const date = new Date(day * MILLISECONDS_PER_DAY);
  return dayInMonth(date.getUTCFullYear() * 12 + date.getUTCMonth() + months, date.getUTCDate());
}

export function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
