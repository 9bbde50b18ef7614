/** Decimal text → hundredths as a bigint, so target sums compare exactly. */
export function hundredthsOf(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

export function decimalOf(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const fraction = hundredths % 100n;
  return fraction === 0n ? whole.toString() : `${whole}.${fraction.toString().padStart(2, '0').replace(/0$/, '')}`;
}
