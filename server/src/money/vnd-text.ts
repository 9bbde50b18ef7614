import { VND_ENTRY_CEILING, VND_ENTRY_CEILING_TEXT } from './vnd-entry.js';

/** An amount as Vietnamese documents write it: 35000000 → "35.000.000 ₫". */
export function vndText(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/**
 * An amount of whole đồng as a spreadsheet cell holds it: "35000000", "35.000.000" or "35 000 000",
 * with or without "₫" or "đồng" after it; or why it is not one, in Vietnamese. A comma or a lone dot
 * is a decimal mark in Vietnamese, and đồng have no fractions.
 */
export function vndOfText(text: string): { amount: bigint } | { problem: string } {
  const compact = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*(₫|đ|đồng|vnd|vnđ)$/i, '');
  const shown = text.trim();
  let digits: string | null = null;
  if (/^\d+$/.test(compact)) digits = compact;
  else if (/^\d{1,3}(\.\d{3})+$/.test(compact)) digits = compact.replaceAll('.', '');
  else if (/^\d{1,3}( \d{3})+$/.test(compact)) digits = compact.replaceAll(' ', '');
  if (digits === null) {
    if (/^-\s*\d/.test(compact)) return { problem: `số tiền không được âm ("${shown}")` };
    const decimal = /^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}( \d{3})+),\d+$/.test(compact) || /^\d+\.\d+$/.test(compact);
    if (decimal) return { problem: `ghi số đồng chẵn, không có phần lẻ ("${shown}")` };
    return { problem: `"${shown}" không phải số tiền; ghi số đồng, ví dụ 35000000 hoặc 35.000.000` };
  }
  const amount = BigInt(digits);
  if (amount > VND_ENTRY_CEILING) return { problem: `vượt quá ${VND_ENTRY_CEILING_TEXT} cho một khoản` };
  return { amount };
}
