import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'xlsx';

/** How a column's values are written: amounts and percents stay numbers, in CSV and in the workbook. */
export type ColumnKind = 'text' | 'count' | 'money' | 'percent' | 'decimal' | 'month';

export interface ExportColumn<Row> {
  /** Vietnamese header, as the people who open the file read it. */
  header: string;
  kind: ColumnKind;
  value: (row: Row) => string | number | bigint | null;
}

const NUMBER_FORMAT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  month: undefined,
  count: '#,##0',
  money: '#,##0',
  percent: '0.00',
  decimal: '0.00',
};

const WIDTH: Record<ColumnKind, number> = { text: 36, month: 10, count: 12, money: 18, percent: 10, decimal: 12 };

/** What a spreadsheet program reads as the start of a formula (OWASP, "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field. Text that a spreadsheet would run as a formula (a club named `=HYPERLINK(…)`) gets
 * a leading `'`, which the program shows as text. Only text columns: numbers are written as they
 * are (amounts may come as strings from PostgreSQL), so a negative amount stays a number.
 */
function csvField(value: string | number | bigint | null, kind: ColumnKind): string {
  if (value === null) return '';
  const text = kind === 'text' && FORMULA_START.test(String(value)) ? `'${String(value)}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const MAX_EXACT_NUMBER = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A cell value for the workbook: numbers as numbers. A workbook's numbers are doubles, exact for
 * whole đồng only up to 2^53; a sum beyond that is written as its digits, as text, rather than rounded.
 * Text is written as a string cell, never a formula (exceljs makes formulas only of `{ formula }`
 * values), so `=HYPERLINK(…)` shows as the text it is.
 */
function cellOf(kind: ColumnKind, value: string | number | bigint | null): string | number | null {
  if (value === null) return null;
  if (kind === 'text' || kind === 'month') return String(value);
  if (typeof value !== 'number' && /^-?\d+$/.test(String(value))) {
    const whole = BigInt(value);
    if (whole > MAX_EXACT_NUMBER || whole < -MAX_EXACT_NUMBER) return whole.toString();
  }
  return Number(value);
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Writes a table as it is produced, batch by batch, so a large export never sits whole in memory:
 * CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the Vietnamese right), or an
 * XLSX workbook written by the streaming writer.
 */
export async function writeTable<Row>(
  stream: Writable,
  format: ExportFormat,
  sheetName: string,
  columns: ReadonlyArray<ExportColumn<Row>>,
  batches: AsyncIterable<readonly Row[]>,
): Promise<void> {
  if (format === 'csv') {
    await write(stream, `\uFEFF${columns.map((column) => csvField(column.header, 'text')).join(',')}\r\n`);
    for await (const batch of batches) {
      const lines = batch.map((row) => columns.map((column) => csvField(column.value(row), column.kind)).join(',')).join('\r\n');
      if (lines) await write(stream, `${lines}\r\n`);
    }
    stream.end();
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: WIDTH[column.kind],
    style: NUMBER_FORMAT[column.kind] ? { numFmt: NUMBER_FORMAT[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(columns.map((column) => cellOf(column.kind, column.value(row)))).commit();
  }
  sheet.commit();
  await workbook.commit();
}
