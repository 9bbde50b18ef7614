export interface CsvPiece {
  /** File row of the piece's first data line (the header is row 1). */
  firstRowNumber: number;
  /** The header line followed by the piece's lines, as written in the file. */
  csv: string;
  rows: number;
}

/**
 * A piece stays well under the server's 100 KB request limit even when JSON escaping grows it;
 * about 700 rows of Vietnamese names. Smaller pieces also let the progress bar move on a slow line.
 */
const PIECE_BYTES = 48 * 1024;

/** Records of a CSV text as written, split at line ends outside quoted fields (RFC 4180). */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) {
      records.push(text.slice(start, index));
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      start = index + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

/** The file cut into pieces the server reads one at a time, each with the header line. */
export function csvPieces(text: string): { pieces: CsvPiece[]; rowCount: number } {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const [header = '', ...lines] = records;
  const encoder = new TextEncoder();
  const headerBytes = encoder.encode(header).length + 1;
  const pieces: CsvPiece[] = [];
  let current: string[] = [];
  let currentBytes = headerBytes;
  let firstRowNumber = 2;
  let rowCount = 0;

  const flush = (nextRowNumber: number) => {
    const rows = current.filter((line) => line.trim() !== '').length;
    if (current.length) pieces.push({ firstRowNumber, csv: [header, ...current].join('\n'), rows });
    current = [];
    currentBytes = headerBytes;
    firstRowNumber = nextRowNumber;
  };

  lines.forEach((line, index) => {
    const bytes = encoder.encode(line).length + 1;
    if (current.length && currentBytes + bytes > PIECE_BYTES) flush(index + 2);
    current.push(line);
    currentBytes += bytes;
    if (line.trim() !== '') rowCount += 1;
  });
  flush(lines.length + 2);
  return { pieces, rowCount };
}
