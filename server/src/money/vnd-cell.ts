/**
 * An amount of whole đồng as a spreadsheet cell writes it: "3000000", or grouped by dots, commas or
 * spaces as Vietnamese and English documents do ("3.000.000", "3,000,000", "3 000 000"), with or
 * without "đ", "₫" or "VND". Null for an empty cell; undefined for anything else (a fraction, a
 * word), never a float.
 */
export function vndOfCell(cell: string): bigint | null | undefined {
  const text = cell.replace(/\s*(₫|đồng|đ|vnd)\s*$/iu, '').trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return BigInt(text);
  const grouped = /^\d{1,3}(?:([.,\u00A0 ])\d{3})(?:\1\d{3})*$/u.exec(text);
  return grouped ? BigInt(text.replace(/\D/g, '')) : undefined;
}
