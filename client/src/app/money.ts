/*
 * Money typed by people: whole đồng, kept as a string of digits while typing and as a bigint
 * when computed, so that no amount ever passes through a float.
 */

const MAX_SAFE_VND = BigInt(Number.MAX_SAFE_INTEGER);

/** What is left of typed text once everything but digits is dropped, without leading zeros. */
export function moneyDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.replace(/^0+(?=\d)/, '');
}

/** "1855000000" → "1.855.000.000", as Vietnamese documents group figures. */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function parseMoney(digits: string): bigint | null {
  return /^\d+$/.test(digits) ? BigInt(digits) : null;
}

/** The API's VND is a JSON integer: exact only up to Number.MAX_SAFE_INTEGER, so larger sums are refused here. */
export function moneyForApi(amount: bigint): number | null {
  return amount >= -MAX_SAFE_VND && amount <= MAX_SAFE_VND ? Number(amount) : null;
}

export function moneyFromApi(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '' : BigInt(amount).toString();
}
