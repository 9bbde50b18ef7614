import ExcelJS from 'exceljs';
import type { Express } from 'express';
import { formatCsv } from '../admin-units/admin-unit.csv.js';
import { attachmentNamed } from '../exports/export.routes.js';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './import-columns.js';

/** The templates' titles, used in their file names. */
export const IMPORT_TITLES: Record<ImportKind, string> = {
  clubs: 'Mẫu nhập câu lạc bộ',
  members: 'Mẫu nhập thành viên',
  'fund-balances': 'Mẫu nhập số dư quỹ đầu kỳ',
  loans: 'Mẫu nhập khoản vay đang còn dư nợ',
  'survey-visits': 'Mẫu nhập kết quả khảo sát',
};

/**
 * A CSV template: the headers, then one row of notes whose cells start with "#" (the importer skips
 * such rows), in UTF-8 with a byte-order mark so that Excel opens the Vietnamese as written.
 */
export function csvTemplate(kind: ImportKind): string {
  const columns = IMPORT_COLUMNS[kind];
  return `\uFEFF${formatCsv([columns.map((column) => column.header), columns.map((column) => `# ${column.required ? 'Bắt buộc. ' : ''}${column.note}`)])}`;
}

/** An XLSX template: a sheet to fill in, with its headers, and a guide sheet explaining each column. */
export async function xlsxTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const columns = IMPORT_COLUMNS[kind];
  const data = workbook.addWorksheet('Dữ liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((column) => ({ header: column.header, key: column.key, width: Math.max(14, column.header.length + 4) }));
  data.getRow(1).font = { bold: true };
  // Text cells, so that a citizen ID keeps its leading zero and a day is not turned into a date serial.
  for (let index = 1; index <= columns.length; index += 1) data.getColumn(index).numFmt = '@';

  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', key: 'header', width: 32 },
    { header: 'Tên trường (API)', key: 'key', width: 20 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'note', width: 80 },
    { header: 'Ví dụ', key: 'example', width: 36 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of columns) {
    guide.addRow({ header: column.header, key: column.key, required: column.required ? 'Có' : '', note: column.note, example: column.example });
  }
  guide.getColumn('note').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TEMPLATE = /^template\.(csv|xlsx)$/;

/**
 * `GET /imports/<kind>/template.<csv|xlsx>`: the file to fill in for an import. It holds no data,
 * so it is served to anyone, as a printed form would be.
 */
export function addImportTemplateRoutes(app: Express): void {
  app.get('/imports/:kind/:file', async (request, response, next) => {
    const kind = request.params.kind as ImportKind;
    const format = TEMPLATE.exec(request.params.file)?.[1];
    if (!IMPORT_KINDS.includes(kind) || !format) {
      response.status(404).json({ error: { code: 'NOT_FOUND', message: `No template here: the kinds are ${IMPORT_KINDS.join(', ')}, as template.csv or template.xlsx.` } });
      return;
    }
    try {
      response.setHeader('content-disposition', attachmentNamed(`${IMPORT_TITLES[kind]}.${format}`));
      if (format === 'csv') {
        response.type('text/csv; charset=utf-8').send(csvTemplate(kind));
      } else {
        response.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await xlsxTemplate(kind));
      }
    } catch (error) {
      next(error);
    }
  });
}
