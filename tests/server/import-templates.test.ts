import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../server/src/admin-units/admin-unit.csv.js';
import { headerMappingOf, IMPORT_COLUMNS, IMPORT_KINDS } from '../../server/src/imports/import-columns.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase({ seed: false });
  server = await startTestServer(database);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

async function download(path: string): Promise<{ status: number; type: string; disposition: string; body: Buffer }> {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('the import templates', () => {
  it.each(IMPORT_KINDS)('of %s download as a real XLSX: a sheet to fill in with the Vietnamese headers, and a guide to every column', async (kind) => {
    const file = await download(`/imports/${kind}/template.xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.disposition).toMatch(/^attachment; filename="Mau nhap .+\.xlsx"; filename\*=UTF-8''M%E1%BA%ABu%20nh%E1%BA%ADp/);
    // A ZIP archive, as every XLSX is, read back by a spreadsheet library.
    expect(file.body.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Dữ liệu', 'Hướng dẫn']);
    const columns = IMPORT_COLUMNS[kind];
    const headers = (workbook.getWorksheet('Dữ liệu')!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(columns.map((column) => column.header));
    expect(workbook.getWorksheet('Dữ liệu')!.rowCount).toBe(1);
    const guide = workbook.getWorksheet('Hướng dẫn')!;
    expect(guide.rowCount).toBe(columns.length + 1);
    expect((guide.getRow(2).values as unknown[]).slice(1, 4)).toEqual([columns[0].header, columns[0].key, columns[0].required ? 'Có' : '']);
    // The headers read back name every field.
    const mapping = headerMappingOf(kind, headers as string[]);
    expect(mapping).toEqual({ fields: columns.map((column) => column.key), unknown: [], missing: [], repeated: [] });
  });

  it.each(IMPORT_KINDS)('of %s download as CSV in UTF-8 with a byte-order mark, the headers and a row of notes', async (kind) => {
    const file = await download(`/imports/${kind}/template.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsvRecords(file.body.toString('utf8').replace(/^\uFEFF/, ''));
    const columns = IMPORT_COLUMNS[kind];
    expect(records[0]).toEqual(columns.map((column) => column.header));
    expect(records[1].every((cell) => cell.startsWith('# '))).toBe(true);
    expect(records[1][columns.findIndex((column) => column.required)]).toMatch(/^# Bắt buộc\. /);
    expect(records).toHaveLength(2);
  });

  it('call a club’s member “thành viên”, in their names, headers, notes and guides, never “hội viên”', async () => {
    const members = await download('/imports/members/template.csv');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(members.disposition)![1])).toBe('Mẫu nhập thành viên.csv');
    const loans = (await download('/imports/loans/template.csv')).body.toString('utf8');
    expect(loans).toContain('# Bắt buộc. Họ tên thành viên vay, như trong danh sách thành viên (nhập thành viên trước).');
    for (const kind of IMPORT_KINDS) {
      const csv = await download(`/imports/${kind}/template.csv`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(`/imports/${kind}/template.xlsx`)).body as unknown as ArrayBuffer);
      const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
      for (const text of [decodeURIComponent(csv.disposition), csv.body.toString('utf8'), ...cells]) expect(text, kind).not.toMatch(/hội viên/i);
    }
  });

  it('are not found for a kind or a format that does not exist', async () => {
    expect((await download('/imports/payments/template.csv')).status).toBe(404);
    expect((await download('/imports/members/template.ods')).status).toBe(404);
  });
});

describe('a file’s header row', () => {
  it('names its fields by the template’s headers or the API’s field names, in any order, accents and case aside', () => {
    const mapping = headerMappingOf('members', ['birthYear', 'HO VA TEN', 'citizen_id', 'Giới tính', '', 'Ghi chú riêng', 'Ngày vào câu lạc bộ']);
    expect(mapping).toEqual({
      fields: ['birthYear', 'fullName', 'citizenId', 'sex', null, null, 'joinedOn'],
      unknown: ['Ghi chú riêng'],
      missing: [],
      repeated: [],
    });
  });

  it('says which required fields no column holds, and which fields two columns claim', () => {
    const mapping = headerMappingOf('members', ['Họ và tên', 'fullName', 'Năm sinh']);
    expect(mapping.missing.map((column) => column.key)).toEqual(['sex', 'joinedOn']);
    expect(mapping.repeated.map((column) => column.key)).toEqual(['fullName']);
  });
});
