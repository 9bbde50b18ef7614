/**
 * All text is stored and compared in Unicode NFC: spreadsheets and phones send Vietnamese
 * both composed and decomposed, and "Kiên" must equal "Kiên" whichever way it was typed.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
