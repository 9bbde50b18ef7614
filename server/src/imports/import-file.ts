import ExcelJS from 'exceljs';
import { parseCsvRecords } from '../admin-units/admin-unit.csv.js';
import { headerMappingOf, type HeaderMapping, type ImportKind } from './import-columns.js';

/** One row of an uploaded file: its number as the user sees it (the header is row 1) and its fields. */
export interface FileRow {
  rowNumber: number;
  values: Record<string, string>;
}

export type ReadFile =
  | { ok: true; format: 'csv' | 'xlsx'; mapping: HeaderMapping; rows: FileRow[] }
  | { ok: false; problem: string };

const ZIP_SIGNATURE = 'PK\u0003\u0004';

/**
 * The rows of an uploaded file, as text by field: a CSV in UTF-8 (with or without a byte-order
 * mark) or an XLSX (its "Dữ liệu" sheet, else its first). The first non-empty row is the header;
 * rows whose first cell starts with "#" (the template's notes) and empty rows are skipped. A file
 * that cannot be read says why, in Vietnamese, for the person who uploaded it.
 */
export async function readImportFile(kind: ImportKind, body: Buffer): Promise<ReadFile> {
  let records: Array<{ rowNumber: number; cells: string[] }>;
  let format: 'csv' | 'xlsx';
  if (body.subarray(0, 4).toString('latin1') === ZIP_SIGNATURE) {
    format = 'xlsx';
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
    } catch {
      return { ok: false, problem: 'Tệp không phải là bảng tính Excel (XLSX) đọc được.' };
    }
    const sheet = workbook.getWorksheet('Dữ liệu') ?? workbook.worksheets[0];
    if (!sheet) return { ok: false, problem: 'Bảng tính không có trang nào.' };
    records = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      records.push({ rowNumber, cells: values.slice(1).map(cellText) });
    });
  } else {
    format = 'csv';
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { ok: false, problem: 'Tệp CSV phải được lưu theo bảng mã UTF-8 (trong Excel: "CSV UTF-8").' };
    }
    records = parseCsvRecords(text.replace(/^\uFEFF/, '')).map((cells, index) => ({ rowNumber: index + 1, cells }));
  }

  const content = records.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const header = content.shift();
  if (!header) return { ok: false, problem: 'Tệp không có dòng tiêu đề.' };
  const mapping = headerMappingOf(kind, header.cells);
  const rows: FileRow[] = [];
  for (const { rowNumber, cells } of content) {
    if (cells.find((cell) => cell.trim() !== '')?.trim().startsWith('#')) continue;
    const values: Record<string, string> = {};
    mapping.fields.forEach((field, index) => {
      if (field) values[field] = (cells[index] ?? '').trim().normalize('NFC');
    });
    rows.push({ rowNumber, values });
  }
  return { ok: true, format, mapping, rows };
}

/** A cell as the text a person sees: a day as dd/mm/yyyy, a number without exponent, rich text joined. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel keeps days as midnight UTC of the day written.
    const [year, month, day] = value.toISOString().slice(0, 10).split('-');
    return `${day}/${month}/${year}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: string; result?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.text !== undefined) return String(cell.text);
    if (cell.result !== undefined) return cellText(cell.result);
  }
  return String(value);
}
