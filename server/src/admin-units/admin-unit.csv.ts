import { AdminUnitKind, VIETNAMESE_KIND_PREFIX } from './admin-unit-kind.js';

/**
 * CSV of administrative units: GSO code, name, kind, parent code. RFC 4180 quoting; a UTF-8
 * byte-order mark (Excel writes one) is ignored; line ends may be CRLF or LF.
 */

/** Records of a CSV text, each a list of fields, in file order. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;

  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (quoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        field += character;
      }
      continue;
    }
    if (character === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (character === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += character;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsv(records: Array<Array<string | null | undefined>>): string {
  return records.map((record) => record.map((value) => quoteField(value ?? '')).join(',')).join('\r\n') + '\r\n';
}

/** Lower case without diacritics, so "Mã cấp trên", "MA CAP TREN" and "ma_cap_tren" compare equal. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

export type ImportColumn = 'code' | 'name' | 'kind' | 'parentCode';
/** Columns a file may leave out: the validity dates the export writes. */
export type OptionalImportColumn = 'validFrom' | 'validTo';

const HEADER_NAMES: Record<ImportColumn | OptionalImportColumn, string[]> = {
  code: ['code', 'gso code', 'ma', 'ma so', 'ma don vi', 'ma gso'],
  name: ['name', 'ten', 'ten don vi'],
  kind: ['kind', 'type', 'loai', 'cap', 'loai don vi'],
  parentCode: ['parent code', 'parent', 'parentcode', 'ma cap tren', 'ma don vi cap tren', 'ma cha'],
  validFrom: ['valid from', 'validfrom', 'hieu luc tu', 'tu ngay', 'ngay hieu luc', 'ngay bat dau'],
  validTo: ['valid to', 'validto', 'hieu luc den', 'den ngay', 'ngay het hieu luc', 'ngay ket thuc'],
};

const REQUIRED_COLUMNS: ImportColumn[] = ['code', 'name', 'kind', 'parentCode'];
const OPTIONAL_COLUMNS: OptionalImportColumn[] = ['validFrom', 'validTo'];

export const EXPORT_HEADER = ['code', 'name', 'kind', 'parent_code', 'valid_from', 'valid_to'];

type ColumnLayout = Record<ImportColumn, number> & Partial<Record<OptionalImportColumn, number>>;

/** Where each column is in a header record, or which required columns are missing. */
export function columnsOfHeader(header: string[]): { columns: ColumnLayout } | { missing: ImportColumn[] } {
  const folded = header.map(foldForMatching);
  const columns = {} as ColumnLayout;
  const missing: ImportColumn[] = [];
  for (const column of REQUIRED_COLUMNS) {
    const position = folded.findIndex((name) => HEADER_NAMES[column].includes(name));
    if (position < 0) missing.push(column);
    else columns[column] = position;
  }
  for (const column of OPTIONAL_COLUMNS) {
    const position = folded.findIndex((name) => HEADER_NAMES[column].includes(name));
    if (position >= 0) columns[column] = position;
  }
  return missing.length ? { missing } : { columns };
}

export interface RawImportRow {
  /** Row of the file as a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  code: string;
  name: string;
  kind: string;
  parentCode: string;
  /** The validity dates as written; empty when the file has no such column or the cell is blank. */
  validFrom: string;
  validTo: string;
}

const FIELD_LIMIT = { code: 100, name: 1000, kind: 100, parentCode: 100, validFrom: 100, validTo: 100 } as const;

/**
 * The data rows of one CSV piece (which starts with its own header line). Blank lines are
 * skipped; text is kept as read, only clipped, so the preview can report it.
 */
export function readImportRows(text: string, firstRowNumber: number): { rows: RawImportRow[] } | { missing: ImportColumn[] } {
  const records = parseCsvRecords(text);
  const header = records[0] ?? [];
  const layout = columnsOfHeader(header);
  if ('missing' in layout) return layout;
  const rows: RawImportRow[] = [];
  records.slice(1).forEach((record, index) => {
    if (record.every((value) => value.trim() === '')) return;
    const value = (column: ImportColumn | OptionalImportColumn) => {
      const position = layout.columns[column];
      return position === undefined ? '' : (record[position] ?? '').slice(0, FIELD_LIMIT[column]);
    };
    rows.push({
      rowNumber: firstRowNumber + index,
      code: value('code'),
      name: value('name'),
      kind: value('kind'),
      parentCode: value('parentCode'),
      validFrom: value('validFrom'),
      validTo: value('validTo'),
    });
  });
  return { rows };
}

/**
 * A date cell: "2025-07-01" as the export writes it, or "01/07/2025" as Vietnamese spreadsheets
 * do (day first). Undefined when it is neither; null when blank.
 */
export function dateOfCell(cell: string): string | null | undefined {
  const text = cell.trim();
  if (!text) return null;
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [day, month, year] = [Number(local[1]), Number(local[2]), Number(local[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (year < 1900 || year > 2100) return undefined;
  return date.toISOString().slice(0, 10);
}

const KIND_WORDS: Record<string, AdminUnitKind> = Object.fromEntries([
  ...Object.values(AdminUnitKind).map((kind) => [foldForMatching(kind), kind]),
  ...Object.entries(VIETNAMESE_KIND_PREFIX)
    .filter(([kind]) => kind !== AdminUnitKind.MUNICIPALITY)
    .map(([kind, word]) => [foldForMatching(word), kind as AdminUnitKind]),
  [foldForMatching('Thành phố trực thuộc trung ương'), AdminUnitKind.MUNICIPALITY],
  [foldForMatching('Thành phố thuộc tỉnh'), AdminUnitKind.PROVINCIAL_CITY],
  [foldForMatching('Khóm'), AdminUnitKind.QUARTER],
  [foldForMatching('Buôn'), AdminUnitKind.MOUNTAIN_VILLAGE],
  [foldForMatching('Làng'), AdminUnitKind.VILLAGE],
  [foldForMatching('Xóm'), AdminUnitKind.HAMLET],
]);

/** The kind named by a CSV cell: the API's name ("COMMUNE") or the Vietnamese word ("Xã", "Khu phố"). */
export function kindOfCell(cell: string): AdminUnitKind | undefined {
  return KIND_WORDS[foldForMatching(cell)];
}
