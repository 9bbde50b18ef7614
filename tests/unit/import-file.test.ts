import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../server/src/imports/import-file.js';
import { csvTemplate, xlsxTemplate } from '../../server/src/imports/import-templates.js';

describe('reading an uploaded file', () => {
  it('reads a CSV with a byte-order mark and the API’s field names in its own order, skipping notes and empty rows', async () => {
    const csv = '\uFEFFbirthYear,fullName,citizenId,sex,joinedOn\r\n# năm sinh,# họ tên,,,\r\n1956,Nguyễn Thị Lan,091156001234,Nữ,15/06/2019\r\n,,,,\r\n1950," Trần Văn Hùng ",,Nam,2019-06-15\r\n';
    const read = await readImportFile('members', Buffer.from(csv, 'utf8'));
    expect(read).toEqual({
      ok: true,
      format: 'csv',
      mapping: { fields: ['birthYear', 'fullName', 'citizenId', 'sex', 'joinedOn'], unknown: [], missing: [], repeated: [] },
      rows: [
        { rowNumber: 3, values: { birthYear: '1956', fullName: 'Nguyễn Thị Lan', citizenId: '091156001234', sex: 'Nữ', joinedOn: '15/06/2019' } },
        { rowNumber: 5, values: { birthYear: '1950', fullName: 'Trần Văn Hùng', citizenId: '', sex: 'Nam', joinedOn: '2019-06-15' } },
      ],
    });
  });

  it('composes Vietnamese written in decomposed form, as some phones and spreadsheets send it', async () => {
    const decomposed = 'Nguyễn Thị Lan'.normalize('NFD');
    const read = await readImportFile('members', Buffer.from(`Họ và tên,Giới tính,Năm sinh,Ngày vào câu lạc bộ\n${decomposed},Nữ,1956,15/06/2019\n`, 'utf8'));
    expect(read.ok && read.rows[0].values.fullName).toBe('Nguyễn Thị Lan'.normalize('NFC'));
  });

  it('refuses a CSV that is not UTF-8, saying how to save it', async () => {
    const latin1 = Buffer.from('Họ và tên\nNguyễn\n', 'latin1');
    expect(await readImportFile('members', latin1)).toEqual({ ok: false, problem: 'Tệp CSV phải được lưu theo bảng mã UTF-8 (trong Excel: "CSV UTF-8").' });
  });

  it('reads the template it serves back as an empty file with every field', async () => {
    const csv = await readImportFile('loans', Buffer.from(csvTemplate('loans'), 'utf8'));
    expect(csv.ok && csv.rows).toEqual([]);
    expect(csv.ok && csv.mapping.missing).toEqual([]);
    const xlsx = await readImportFile('loans', await xlsxTemplate('loans'));
    expect(xlsx.ok && xlsx.format).toBe('xlsx');
    expect(xlsx.ok && xlsx.rows).toEqual([]);
    expect(xlsx.ok && xlsx.mapping.missing).toEqual([]);
  });

  it('reads an XLSX’s data sheet as a person sees it: days as dd/mm/yyyy, whole numbers in full, rich text joined', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Ghi chú').addRow(['Trang này không được đọc']);
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow([]);
    sheet.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD', 'Ngày vào câu lạc bộ']);
    sheet.addRow([{ richText: [{ text: 'Danh ' }, { text: 'Thị Sen' }] }, 'Nữ', 1948, 91148001234, new Date(Date.UTC(2019, 5, 15))]);
    sheet.addRow(['# ghi chú của người lập bảng']);
    const read = await readImportFile('members', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read).toEqual({
      ok: true,
      format: 'xlsx',
      mapping: { fields: ['fullName', 'sex', 'birthYear', 'citizenId', 'joinedOn'], unknown: [], missing: [], repeated: [] },
      rows: [{ rowNumber: 3, values: { fullName: 'Danh Thị Sen', sex: 'Nữ', birthYear: '1948', citizenId: '91148001234', joinedOn: '15/06/2019' } }],
    });
  });

  it('reads a field form’s export: question names behind their groups, snake_case and unaccented names, the form server’s columns left out', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Khảo sát CLB');
    sheet.addRow([
      'start', '_id', 'group_abc/unit_code', 'visit/ngay_khao_sat', 'visit/clubs_found', 'visit/ghi_chu', 'ready_for_club', 'meta/instanceID',
      '_submission_time', '__version__', 'username',
    ]);
    sheet.addRow(['2017-07-24T08:00:00.000+07:00', 101, 30790, '2017-07-24T09:15:00.000+07:00', 1, 'Trời mưa', 'yes', 'uuid:5f0c', '2017-07-25T10:00:00', 'vAbc', 'khaosat']);
    const read = await readImportFile('survey-visits', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read).toEqual({
      ok: true,
      format: 'xlsx',
      mapping: {
        fields: [null, null, 'unit', 'visitedOn', 'clubsFound', null, 'readyForClub', null, null, null, null],
        unknown: ['visit/ghi_chu'],
        missing: [],
        repeated: [],
      },
      rows: [{ rowNumber: 2, values: { unit: '30790', visitedOn: '2017-07-24T09:15:00.000+07:00', clubsFound: '1', readyForClub: 'yes' } }],
    });
  });

  it('reads a header as written before its groups, and reports a form server’s columns for the kinds that do not come from forms', async () => {
    const loans = await readImportFile('loans', Buffer.from('Họ và tên người vay,Số tiền vay,Dư nợ gốc còn lại,Lãi suất (%/tháng),Thời hạn (tháng),Ngày giải ngân,Kỳ trả tiếp theo\n', 'utf8'));
    expect(loans.ok && loans.mapping.fields).toEqual(['borrowerName', 'principal', 'outstanding', 'monthlyRate', 'termMonths', 'disbursedOn', 'nextDueOn']);
    const members = await readImportFile('members', Buffer.from('thong_tin/full_name,sex,birth_year,joined_on,_id\n', 'utf8'));
    expect(members.ok && members.mapping).toEqual({ fields: ['fullName', 'sex', 'birthYear', 'joinedOn', null], unknown: ['_id'], missing: [], repeated: [] });
  });

  it('says a damaged XLSX cannot be read', async () => {
    const damaged = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(64, 7)]);
    expect(await readImportFile('members', damaged)).toEqual({ ok: false, problem: 'Tệp không phải là bảng tính Excel (XLSX) đọc được.' });
  });
});
