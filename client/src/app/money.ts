/*
 * Money typed by people: whole đồng, kept as a string of digits while typing and as a bigint
 * when computed, so that no amount ever passes through a float.
 */

const MAX_SAFE_VND = BigInt(Number.MAX_SAFE_INTEGER);

/** The most one entry may be, as the server holds it (server/src/money/vnd-entry.ts). */
export const VND_ENTRY_CEILING = 100_000_000_000n;

/** An amount from the API: a JSON integer, or a string of digits for a sum beyond 2^53 (see the VND scalar). */
export type Vnd = number | string;

export function vndValue(amount: Vnd): bigint {
  return BigInt(amount);
}

export function smallerVnd(first: Vnd, second: Vnd): bigint {
  const [a, b] = [BigInt(first), BigInt(second)];
  return a < b ? a : b;
}

/** The sum of amounts from the API, exact however large. */
export function sumVnd(amounts: Iterable<Vnd>): bigint {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
}

/** What is left of typed text once everything but digits is dropped, without leading zeros. */
export function moneyDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.replace(/^0+(?=\d)/, '');
}

/**
 * Typed money as digits, keeping a minus sign typed before them ("-50.000" → "-50000") so that a
 * negative amount is refused with a message instead of silently recorded as positive.
 */
export function typedMoney(text: string): string {
  const digits = moneyDigits(text);
  return /^\s*[-−]/.test(text) ? `-${digits}` : digits;
}

/** "1855000000" → "1.855.000.000", as Vietnamese documents group figures. */
export function groupDigits(digits: string): string {
  const negative = digits.startsWith('-');
  const grouped = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** Why a typed amount cannot be recorded, if it cannot: negative, or more than one entry may be. */
export type MoneyProblem = 'negative' | 'ceiling';

export function moneyProblem(typed: string): MoneyProblem | null {
  if (typed.startsWith('-')) return 'negative';
  const amount = parseMoney(typed);
  return amount !== null && amount > VND_ENTRY_CEILING ? 'ceiling' : null;
}

/** The server's words for an amount over the ceiling, translated like the client's own. */
export const CEILING_MESSAGE = /must be at most 100\.000\.000\.000 ₫ per entry/;

/** Digits only; a negative or other text is not an amount. */
export function parseMoney(digits: string): bigint | null {
  return /^\d+$/.test(digits) ? BigInt(digits) : null;
}

/** The API's VND is a JSON integer: exact only up to Number.MAX_SAFE_INTEGER, so larger sums are refused here. */
export function moneyForApi(amount: bigint): number | null {
  return amount >= -MAX_SAFE_VND && amount <= MAX_SAFE_VND ? Number(amount) : null;
}

export function moneyFromApi(amount: Vnd | null | undefined): string {
  return amount === null || amount === undefined ? '' : BigInt(amount).toString();
}
