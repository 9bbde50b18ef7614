import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTable, type ExportColumn, type ExportFormat } from '../../server/src/exports/table-writer.js';

interface Row {
  name: string;
  amount: number | string;
}

const COLUMNS: ReadonlyArray<ExportColumn<Row>> = [
  { header: 'Tên', kind: 'text', value: (row) => row.name },
  { header: 'Số tiền', kind: 'money', value: (row) => row.amount },
];

const ROWS: Row[] = [
  { name: '=HYPERLINK("http://example.com","Bấm vào")', amount: -1500 },
  { name: '+1+2', amount: '-2500' },
  { name: '-3', amount: 0 },
  { name: '@SUM(A1:A2)', amount: 1 },
  { name: '\tTab', amount: 2 },
  { name: '\rCR', amount: 3 },
  { name: 'CLB Kiên Lương', amount: 4 },
];

async function written(format: ExportFormat): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  const ended = new Promise((resolve) => stream.once('end', resolve));
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeTable(stream, format, 'Thử', COLUMNS, (async function* () {
    yield ROWS;
  })());
  await ended;
  return Buffer.concat(chunks);
}

describe('exported text that a spreadsheet would run as a formula', () => {
  it('is written to CSV behind a single quote, while negative amounts stay numbers', async () => {
    const lines = (await written('csv')).subarray(3).toString('utf8').split('\r\n');
    expect(lines.slice(1, 6)).toEqual([
      `"'=HYPERLINK(""http://example.com"",""Bấm vào"")",-1500`,
      `'+1+2,-2500`,
      `'-3,0`,
      `'@SUM(A1:A2),1`,
      `'\tTab,2`,
    ]);
    expect(lines[6]).toBe(`"'\rCR",3`);
    expect(lines[7]).toBe('CLB Kiên Lương,4');
  });

  it('is a string cell in XLSX, not a formula, and amounts are numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await written('xlsx')) as never);
    const sheet = workbook.worksheets[0];
    const name = sheet.getCell('A2');
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(ROWS[0].name);
    expect(name.formula).toBeUndefined();
    for (let row = 2; row <= ROWS.length + 1; row += 1) expect(sheet.getCell(`A${row}`).type, `row ${row}`).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B2').value).toBe(-1500);
    expect(sheet.getCell('B3').value).toBe(-2500);
  });
});
