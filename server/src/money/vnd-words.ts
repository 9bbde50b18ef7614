/**
 * Amounts in Vietnamese words, as official documents write them next to the figures:
 * 1855000000 → "Một tỷ tám trăm năm mươi lăm triệu đồng". Pure, so the client uses it too.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUP_NAMES = ['', 'nghìn', 'triệu'];

/** Three digits, e.g. 855 → "tám trăm năm mươi lăm"; `full` reads leading zeros ("không trăm linh năm"). */
function readTriple(value: number, full: boolean): string[] {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(DIGITS[hundreds], 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[tens], 'mươi');
  }
  if (units === 0) return words;
  if (units === 1 && tens >= 2) words.push('mốt');
  else if (units === 5 && tens >= 1) words.push('lăm');
  else if (units === 4 && tens >= 2) words.push('tư');
  else words.push(DIGITS[units]);
  return words;
}

/** Below a billion: groups of thousands and millions. */
function readBelowBillion(value: number, leading: boolean): string[] {
  const words: string[] = [];
  const groups = [Math.floor(value / 1_000_000), Math.floor((value % 1_000_000) / 1000), value % 1000];
  let started = !leading;
  groups.forEach((group, index) => {
    if (group === 0) return;
    words.push(...readTriple(group, started), ...(GROUP_NAMES[2 - index] ? [GROUP_NAMES[2 - index]] : []));
    started = true;
  });
  return words;
}

/** Billions repeat: 1.000 tỷ is "một nghìn tỷ", and above that "… tỷ tỷ" is read the same way. */
function readWhole(value: bigint, leading: boolean): string[] {
  const billion = 1_000_000_000n;
  if (value < billion) return readBelowBillion(Number(value), leading);
  const upper = value / billion;
  const lower = Number(value % billion);
  const words = [...readWhole(upper, leading), 'tỷ'];
  if (lower > 0) words.push(...readBelowBillion(lower, false));
  return words;
}

export function vndInWords(amount: bigint | number): string {
  const value = BigInt(amount);
  if (value === 0n) return 'Không đồng';
  const negative = value < 0n;
  const words = readWhole(negative ? -value : value, true);
  const sentence = `${negative ? 'âm ' : ''}${words.join(' ')} đồng`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
