/**
 * All text is stored and compared in Unicode NFC: spreadsheets and phones send Vietnamese
 * both composed and decomposed, and "Kiên" must equal "Kiên" whichever way it was typed.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** U+0000: PostgreSQL stores no NUL in text, so argument validation refuses it everywhere. */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/** Free text (notes, summaries): NFC and trimmed, line breaks kept; nothing typed means none. */
export function optionalText(value: string | null | undefined): string | null {
  const text = (value ?? '').normalize('NFC').trim();
  return text || null;
}

/** A search term for `like '%' || term || '%'`: the pattern characters the user typed match themselves. */
export function likeTerm(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** An identifier (UUID) as written, in either case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
