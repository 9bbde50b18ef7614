import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';
import { commitImport, uploadImport } from '../support/imports.js';

/*
 * Importing a field survey's visits through HTTP, as a province admin bringing in what the survey
 * teams kept in Excel or collected with KoboToolbox: upload, preview, commit, the same file again,
 * and a changed one.
 */

let database: TestDatabase;
let server: TestServer;
let province: string;
let surveyId: string;

const SAVE_SURVEY = `mutation Save($input: SaveSurveyInput!) { saveSurvey(input: $input) { id } }`;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  province = await server.signIn('angiang');
  const saved = await server.gql<{ saveSurvey: { id: string } }>(
    SAVE_SURVEY,
    { input: { title: 'Khảo sát nhân rộng câu lạc bộ huyện Kiên Lương', startedOn: '2026-11-02', endedOn: '2026-11-27' } },
    province,
  );
  expect(saved.errors).toBeUndefined();
  surveyId = saved.data!.saveSurvey.id;
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

function upload(body: string | Buffer, query: string, token = province) {
  return uploadImport(server, 'survey-visits', body, { query, token });
}

const PREVIEW = `query Preview($id: ID!) {
  dataImport(id: $id) { status surveyId counts { new changed unchanged problems warnings }
    rows(first: 100) { rowNumber action name changes { field column from to } problems { column message } } }
}`;

async function preview(importId: string) {
  const response = await server.gql<{ dataImport: any }>(PREVIEW, { id: importId }, province);
  expect(response.errors).toBeUndefined();
  return response.data!.dataImport;
}

function commit(importId: string) {
  return commitImport(server, importId, province);
}

interface Visit {
  id: string;
  version: number;
  unit: { code: string };
  visitedOn: string;
  participants: string | null;
  clubsFound: number | null;
  clubActivity: string | null;
  difficulties: string | null;
  proposals: string | null;
  readyForClub: boolean | null;
}

async function visits(): Promise<Visit[]> {
  const response = await server.gql<{ survey: { visits: Visit[] } }>(
    `query Visits($id: ID!) { survey(id: $id) { visits { id version unit { code } visitedOn participants clubsFound clubActivity difficulties proposals readyForClub } } }`,
    { id: surveyId },
    province,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.survey.visits;
}

const HEADER = 'Đơn vị khảo sát,Ngày khảo sát,Thành phần tham dự,Số câu lạc bộ hiện có,Tình hình hoạt động,Khó khăn,Đề xuất,Sẵn sàng thành lập CLB';
const GOOD_ROWS = [
  '30790,02/11/2026,"Hội Người cao tuổi xã, cán bộ văn hóa xã hội",1,Sinh hoạt định kỳ hằng tháng,Thiếu vốn cho vay,Hỗ trợ vốn ban đầu,Có',
  'xa hoa dien,03/11/2026,Hội Người cao tuổi xã,0,,Người cao tuổi ở xa,,Không',
];

describe('importing a survey’s visits', () => {
  it('previews a file with the template’s headers, naming each problem’s row and column, and commits nothing', async () => {
    const csv = [
      HEADER,
      ...GOOD_ROWS,
      'Kiên Lương,04/11/2026,,,,,,',
      '30790,05/11/2026,,,,,,',
      'Dương Hòa,01/10/2026,,-1,,,,có lẽ',
      'Xã Vĩnh Hằng,15/12/2026,,,,,,',
      'Sơn Hải,05/11/2026,,,,,,',
    ].join('\r\n');
    // A commune formed during the survey was not there to visit before.
    await database.owner.query(`update admin_unit set valid_from = '2026-11-20' where code = '30811'`);
    const uploaded = await upload(`\uFEFF${csv}\r\n`, `?surveyId=${surveyId}&fileName=khao-sat.csv`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 7, unknownColumns: [] });
    const checked = await preview(uploaded.json.importId);
    expect(checked).toMatchObject({ status: 'PREVIEW', surveyId, counts: { new: 2, changed: 0, unchanged: 0, problems: 5 } });
    expect(checked.rows.slice(0, 2).map((row: any) => [row.action, row.name])).toEqual([
      ['NEW', 'Xã Kiên Bình'],
      ['NEW', 'Xã Hòa Điền'],
    ]);
    expect(checked.rows.slice(2).map((row: any) => [row.rowNumber, row.problems])).toEqual([
      [
        4,
        [
          {
            column: 'Đơn vị khảo sát',
            message: 'có 2 đơn vị tên "Kiên Lương" (Huyện Kiên Lương, mã 902; Thị trấn Kiên Lương, mã 30787): ghi mã đơn vị',
          },
        ],
      ],
      [5, [{ column: 'Đơn vị khảo sát', message: 'Xã Kiên Bình đã có ở dòng 2 của tệp (mỗi đơn vị một dòng)' }]],
      [
        6,
        [
          { column: 'Ngày khảo sát', message: 'ngày 01/10/2026 ở ngoài thời gian của đợt khảo sát (từ 02/11/2026 đến 27/11/2026)' },
          { column: 'Số câu lạc bộ hiện có', message: 'ghi một số nguyên từ 0 trở lên, không phải "-1"' },
          { column: 'Sẵn sàng thành lập CLB', message: 'ghi "Có", "Không" hoặc để trống, không phải "có lẽ"' },
        ],
      ],
      [
        7,
        [
          { column: 'Đơn vị khảo sát', message: 'không có đơn vị "Xã Vĩnh Hằng" trong tỉnh' },
          { column: 'Ngày khảo sát', message: 'là ngày trong tương lai' },
        ],
      ],
      [8, [{ column: 'Đơn vị khảo sát', message: 'Xã Sơn Hải (mã 30811) có từ ngày 20/11/2026, sau ngày khảo sát 05/11/2026' }]],
    ]);

    expect(codesOf(await commit(uploaded.json.importId))).toEqual(['BAD_USER_INPUT']);
    expect(await visits()).toEqual([]);
  });

  it('commits the corrected file, with the visits read back as written, and the same file again changes nothing', async () => {
    const first = await upload(`${HEADER}\n${GOOD_ROWS.join('\n')}\n`, `?surveyId=${surveyId}`);
    expect((await preview(first.json.importId)).counts).toEqual({ new: 2, changed: 0, unchanged: 0, problems: 0, warnings: 0 });
    const committed = await commit(first.json.importId);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitDataImport.status).toBe('COMMITTED');
    expect((await visits()).map(({ id, version, ...visit }) => visit)).toEqual([
      {
        unit: { code: '30790' }, visitedOn: '2026-11-02', participants: 'Hội Người cao tuổi xã, cán bộ văn hóa xã hội', clubsFound: 1,
        clubActivity: 'Sinh hoạt định kỳ hằng tháng', difficulties: 'Thiếu vốn cho vay', proposals: 'Hỗ trợ vốn ban đầu', readyForClub: true,
      },
      {
        unit: { code: '30802' }, visitedOn: '2026-11-03', participants: 'Hội Người cao tuổi xã', clubsFound: 0,
        clubActivity: null, difficulties: 'Người cao tuổi ở xa', proposals: null, readyForClub: false,
      },
    ]);
    const [audited] = await database.owner.query(
      `select count(*)::int as count from audit_event where action = 'survey.visit.add' and entity_id = $1`,
      [surveyId],
    );
    expect(audited.count).toBe(2);

    const second = await upload(`${HEADER}\n${GOOD_ROWS.join('\n')}\n`, `?surveyId=${surveyId}`);
    expect((await preview(second.json.importId)).counts).toEqual({ new: 0, changed: 0, unchanged: 2, problems: 0, warnings: 0 });
    expect((await commit(second.json.importId)).errors).toBeUndefined();
    expect((await visits()).map((visit) => visit.version)).toEqual([1, 1]);
  });

  it('reads a KoboToolbox export: group paths, the form’s own columns, yes/no choices, moments with their time zone', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Khảo sát CLB');
    // The form asks no "participants" question: the visits keep what they have.
    sheet.addRow([
      'start', 'end', 'today', 'deviceid', 'username', 'visit/unit_code', 'visit/visited_on', 'group_tinh_hinh/clubs_found',
      'group_tinh_hinh/club_activity', 'group_tinh_hinh/difficulties', 'group_tinh_hinh/proposals', 'group_tinh_hinh/ready_for_club',
      'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '__version__', '_tags', '_index',
    ]);
    const metadata = (index: number) => [
      'uuid:0b1f6c4e-0000-4000-8000-00000000000' + index, index, `0b1f6c4e-0000-4000-8000-00000000000${index}`, '2026-11-10T02:00:00', '',
      '[]', 'submitted_via_web', 'khaosat_kienluong', 'vQ8kA2ZXsd', '[]', index,
    ];
    const started = ['2026-11-04T08:00:00.000+07:00', '2026-11-04T09:30:00.000+07:00', '2026-11-04', 'collect:A1b2C3', 'khaosat_kienluong'];
    // Kiên Bình, a code as a number: the day and the club count change, "yes" is what it was.
    sheet.addRow([...started, 30790, '2026-11-04T09:15:00.000+07:00', 2, 'Sinh hoạt định kỳ hằng tháng', 'Thiếu vốn cho vay', 'Hỗ trợ vốn ban đầu', 'yes', ...metadata(1)]);
    // Hòa Điền by the form's choice name: now ready.
    sheet.addRow([...started, 'hoa_dien', '2026-11-03', 0, '', 'Người cao tuổi ở xa', '', '1', ...metadata(2)]);
    // Bình An, new: the moment is in UTC, the evening of the 5th, which in Vietnam is the 6th.
    sheet.addRow([...started, '30808', '2026-11-05T18:30:00.000Z', 0, '', 'Chưa có câu lạc bộ', 'Thành lập câu lạc bộ năm 2027', 'no', ...metadata(3)]);
    const uploaded = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), `?surveyId=${surveyId}&fileName=kobo.xlsx`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 3, unknownColumns: [] });
    const checked = await preview(uploaded.json.importId);
    expect(checked.counts).toEqual({ new: 1, changed: 2, unchanged: 0, problems: 0, warnings: 0 });
    expect(checked.rows.map((row: any) => [row.action, row.name, row.changes])).toEqual([
      [
        'UPDATE',
        'Xã Kiên Bình',
        [
          { field: 'visitedOn', column: 'Ngày khảo sát', from: '02/11/2026', to: '04/11/2026' },
          { field: 'clubsFound', column: 'Số câu lạc bộ hiện có', from: '1', to: '2' },
        ],
      ],
      ['UPDATE', 'Xã Hòa Điền', [{ field: 'readyForClub', column: 'Sẵn sàng thành lập CLB', from: 'Không', to: 'Có' }]],
      ['NEW', 'Xã Bình An', []],
    ]);

    expect((await commit(uploaded.json.importId)).errors).toBeUndefined();
    expect((await visits()).map((visit) => [visit.unit.code, visit.visitedOn, visit.participants, visit.clubsFound, visit.readyForClub, visit.version])).toEqual([
      ['30790', '2026-11-04', 'Hội Người cao tuổi xã, cán bộ văn hóa xã hội', 2, true, 2],
      ['30802', '2026-11-03', 'Hội Người cao tuổi xã', 0, true, 2],
      ['30808', '2026-11-06', null, 0, false, 1],
    ]);
  });

  it('refuses the commit of a preview whose visit was changed since, writing nothing', async () => {
    const uploaded = await upload(`${HEADER}\n30808,06/11/2026,Hội Người cao tuổi xã Bình An,1,,,,Có\n`, `?surveyId=${surveyId}`);
    expect((await preview(uploaded.json.importId)).counts).toMatchObject({ changed: 1 });
    const binhAn = (await visits()).find((visit) => visit.unit.code === '30808')!;
    const changed = await server.gql(
      `mutation Visit($input: SaveSurveyVisitInput!) { saveSurveyVisit(input: $input) { version } }`,
      { input: { id: binhAn.id, version: binhAn.version, surveyId, unitId: (await unitId('30808')), visitedOn: '2026-11-06', proposals: 'Ghi thêm' } },
      province,
    );
    expect(changed.errors).toBeUndefined();
    expect(codesOf(await commit(uploaded.json.importId))).toEqual(['CONFLICT']);
    expect((await visits()).find((visit) => visit.unit.code === '30808')).toMatchObject({ participants: null, proposals: 'Ghi thêm', version: 2 });
  });

  it('needs the survey named, and is for the province’s admins, not club staff', async () => {
    const unnamed = await upload(`${HEADER}\n${GOOD_ROWS[0]}\n`, '');
    expect(unnamed.status).toBe(400);
    expect(unnamed.json.error.fields).toEqual([{ field: 'surveyId', message: 'name the survey the visits belong to' }]);

    const staff = await server.signIn('kienluong.club');
    const refused = await upload(`${HEADER}\n${GOOD_ROWS[0]}\n`, `?surveyId=${surveyId}`, staff);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'FORBIDDEN', message: 'Only the province imports survey-visits; a club imports its own members, fund balances and loans.' });
  });
});

async function unitId(code: string): Promise<string> {
  const [unit] = await database.owner.query('select id from admin_unit where code = $1', [code]);
  return unit.id;
}
