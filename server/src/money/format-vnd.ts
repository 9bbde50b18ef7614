/** Amounts in error messages: grouped digits, so an admin sees at once how far off a sum is. */
export function formatVnd(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} VND`;
}
