import type { FieldProblem } from './graphql/errors.js';

// Vietnam keeps UTC+07:00 all year (no daylight saving time since 1975): its day is UTC's seven
// hours on, and lasts from 17:00 UTC to 17:00 UTC.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// Today, and the span of UTC milliseconds it covers: a roster asks for it twice per member.
let today = { day: '', from: 0, until: 0 };

/** Days in Vietnam's calendar, seven hours ahead of UTC: what "today" means to a club. */
export function todayInVietnam(now?: Date): string {
  const moment = now ? now.getTime() : Date.now();
  if (moment >= today.from && moment < today.until) return today.day;
  const local = moment + VIETNAM_OFFSET_MS;
  const day = new Date(local).toISOString().slice(0, 10);
  const from = Math.floor(local / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
  if (!now) today = { day, from, until: from + DAY_MS };
  return day;
}

function partsOf(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return iso(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = partsOf(from);
  const [y2, m2, d2] = partsOf(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** First day of a `YYYY-MM` month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** Last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return iso(year, monthNumber, daysInMonth(year, monthNumber));
}

/** The `YYYY-MM` month after this one. */
/** The day a month's figures are taken at: its last day, or today while it still runs. */
export function monthEndSoFar(month: string): string {
  const last = lastDayOf(month);
  const today = todayInVietnam();
  return last < today ? last : today;
}

export function nextMonth(month: string): string {
  return addMonths(firstDayOf(month), 1).slice(0, 7);
}

/** A recorded day is not in the future, nor before the day it follows (joining, approval, payout). */
export function checkDay(field: string, day: string, problems: FieldProblem[], notBefore?: string | null): void {
  if (day > todayInVietnam()) problems.push({ field, message: 'must not be in the future' });
  if (notBefore && day < notBefore) problems.push({ field, message: `must not be before ${notBefore}` });
}
