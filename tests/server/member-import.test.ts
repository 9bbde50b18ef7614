import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';
import { commitImport, uploadImport } from '../support/imports.js';

/*
 * Importing members through HTTP, as a province admin bringing a club's roster in: upload, preview,
 * commit, and the same file again.
 */

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
  province = await server.signIn('angiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

function upload(body: string | Buffer, query: string, token = province) {
  return uploadImport(server, 'members', body, { query, token });
}

const PREVIEW = `query Preview($id: ID!) {
  dataImport(id: $id) { status rowCount counts { new changed unchanged problems warnings }
    rows(first: 100) { rowNumber action name changes { field column from to } problems { column message } warnings { message } } }
}`;

async function preview(importId: string) {
  const response = await server.gql<{ dataImport: any }>(PREVIEW, { id: importId }, province);
  expect(response.errors).toBeUndefined();
  return response.data!.dataImport;
}

async function memberCount(): Promise<number> {
  const response = await server.gql<{ members: { totalCount: number } }>(
    'query Count($clubId: ID!) { members(clubId: $clubId, first: 1) { totalCount } }',
    { clubId: ids.kienLuongClub },
    province,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.members.totalCount;
}

// Written with the API's field names, in an order of the file's own.
const HEADER = 'fullName,sex,birthYear,citizenId,joinedOn,householdCategory,livesAlone';
const GOOD_ROWS = [
  'Lâm Thị Hồng,Nữ,1951,091151009901,01/03/2026,Hộ cận nghèo,Có',
  'Danh Văn Sang,Nam,1949,091149009902,01/03/2026,,',
  'Thạch Thị Sen,Nữ,1958,,2026-03-01,Hộ nghèo,',
];

describe('importing members', () => {
  it('previews a file with a 9-digit citizen ID and a repeated one as exactly those problems, and commits nothing', async () => {
    const before = await memberCount();
    const csv = `\uFEFF${HEADER}\r\n${GOOD_ROWS.join('\r\n')}\r\nSơn Văn Tư,Nam,1955,091155009,01/03/2026,,\r\nLý Thị Mai,Nữ,1960,091151009901,01/03/2026,,\r\n`;
    const uploaded = await upload(csv, `?clubId=${ids.kienLuongClub}&fileName=hoi-vien.csv`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 5, unknownColumns: [] });
    const checked = await preview(uploaded.json.importId);
    expect(checked).toMatchObject({ status: 'PREVIEW', rowCount: 5, counts: { new: 3, changed: 0, unchanged: 0, problems: 2 } });
    const problems = checked.rows.filter((row: any) => row.action === 'PROBLEM').map((row: any) => [row.rowNumber, row.problems]);
    expect(problems).toEqual([
      [5, [{ column: 'Số CCCD', message: 'số CCCD phải gồm đúng 12 chữ số ("091155009" có 9)' }]],
      [6, [{ column: 'Số CCCD', message: 'trùng số CCCD với dòng 2 của tệp' }]],
    ]);

    const commit = await commitImport(server, uploaded.json.importId, province);
    expect(codesOf(commit)).toEqual(['BAD_USER_INPUT']);
    expect(await memberCount()).toBe(before);
  });

  it('commits the corrected file, adding its rows, and the same file again adds none', async () => {
    const before = await memberCount();
    const csv = `${HEADER}\n${GOOD_ROWS.join('\n')}\n`;
    const first = await upload(csv, `?clubId=${ids.kienLuongClub}`);
    expect((await preview(first.json.importId)).counts).toEqual({ new: 3, changed: 0, unchanged: 0, problems: 0, warnings: 0 });
    const committed = await server.gql<{ commitDataImport: { status: string } }>(
      'mutation Commit($id: ID!) { commitDataImport(id: $id) { status counts { new } } }',
      { id: first.json.importId },
      province,
    );
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitDataImport.status).toBe('COMMITTED');
    expect(await memberCount()).toBe(before + 3);
    const [member] = await database.owner.query(
      `select near_poor_household, lives_alone, joined_on::text from member where citizen_id = '091151009901'`,
    );
    expect(member).toEqual({ near_poor_household: true, lives_alone: true, joined_on: '2026-03-01' });

    // A commit is made once.
    const again = await commitImport(server, first.json.importId, province);
    expect(codesOf(again)).toEqual(['CONFLICT']);

    // The same file once more: every row is a member already, matched by citizen ID or by name and birth year.
    const second = await upload(csv, `?clubId=${ids.kienLuongClub}`);
    expect((await preview(second.json.importId)).counts).toEqual({ new: 0, changed: 0, unchanged: 3, problems: 0, warnings: 0 });
    const recommitted = await commitImport(server, second.json.importId, province);
    expect(recommitted.errors).toBeUndefined();
    expect(await memberCount()).toBe(before + 3);
  });

  it('shows what a row changes, from what to what, and reads the template’s XLSX with Vietnamese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD', 'Ngày vào câu lạc bộ', 'Hộ nghèo, cận nghèo', 'Sống một mình']);
    sheet.addRow(['Lâm Thị Hồng', 'Nữ', '1951', '091151009901', '01/03/2026', 'Hộ nghèo', 'Có']);
    const uploaded = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), `?clubId=${ids.kienLuongClub}`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows).toEqual([
      {
        rowNumber: 2,
        action: 'UPDATE',
        name: 'Lâm Thị Hồng',
        changes: [{ field: 'householdCategory', column: 'Hộ nghèo, cận nghèo', from: 'Hộ cận nghèo', to: 'Hộ nghèo' }],
        problems: [],
        warnings: [],
      },
    ]);
  });

  it('imports a file filled in from the template of before members were called “thành viên”, its row of notes and all', async () => {
    // That template's headers, as a file made from it carries them: none spoke of "hội viên", so
    // every one still names its field.
    const headers = [
      'Câu lạc bộ', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD', 'Ấp, thôn, khu phố', 'Ngày vào câu lạc bộ', 'Hộ nghèo, cận nghèo',
      'Dân tộc thiểu số', 'Khuyết tật', 'Sống một mình', 'Cần chăm sóc tại nhà', 'Tình nguyện viên chăm sóc tại nhà', 'Chức vụ trong ban chủ nhiệm', 'Số điện thoại',
    ];
    const notes = headers.map((header) => `"# Cách ghi cột ${header}"`);
    const rows = [
      ',Kim Thị Mẫu Cũ,Nữ,1953,091153008801,,01/03/2026,Hộ nghèo,Khmer,,Có,,,,',
      ',Danh Văn Mẫu Cũ,Nam,1950,,,01/03/2026,,,,,,Có,,0912000222',
    ];
    const before = await memberCount();
    const uploaded = await upload(`\uFEFF${headers.map((header) => `"${header}"`).join(',')}\r\n${notes.join(',')}\r\n${rows.join('\r\n')}\r\n`, `?clubId=${ids.kienLuongClub}`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 2, unknownColumns: [] });
    expect((await preview(uploaded.json.importId)).counts).toEqual({ new: 2, changed: 0, unchanged: 0, problems: 0, warnings: 0 });
    expect((await commitImport(server, uploaded.json.importId, province)).errors).toBeUndefined();
    expect(await memberCount()).toBe(before + 2);
    const imported = await database.owner.query(
      `select full_name, citizen_id, poor_household, ethnic_minority, lives_alone, home_care_volunteer, phone from member
        where club_id = $1 and full_name like '% Mẫu Cũ' order by full_name`,
      [ids.kienLuongClub],
    );
    expect(imported).toEqual([
      { full_name: 'Danh Văn Mẫu Cũ', citizen_id: null, poor_household: false, ethnic_minority: null, lives_alone: false, home_care_volunteer: true, phone: '0912000222' },
      { full_name: 'Kim Thị Mẫu Cũ', citizen_id: '091153008801', poor_household: true, ethnic_minority: 'Khmer', lives_alone: true, home_care_volunteer: false, phone: null },
    ]);
  });

  it('refuses a citizen ID held by another club’s member, and a file missing a required column', async () => {
    const [other] = await database.owner.query(
      `select member.full_name, club.name as club_name from member join club on club.id = member.club_id
        where member.citizen_id = '091151009901'`,
    );
    const [anotherClub] = await database.owner.query(
      `select club.id from club join tenant on tenant.id = club.tenant_id where tenant.code = '91' and tenant.status = 'ACTIVE' and club.id <> $1 limit 1`,
      [ids.kienLuongClub],
    );
    const uploaded = await upload(`${HEADER}\n${GOOD_ROWS[0]}\n`, `?clubId=${anotherClub.id}`);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows[0].problems).toEqual([
      { column: 'Số CCCD', message: `số CCCD đã thuộc thành viên ${other.full_name} của ${other.club_name}` },
    ]);

    const missing = await upload('fullName,birthYear\nAi Đó,1950\n', `?clubId=${ids.kienLuongClub}`);
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields.map((field: { message: string }) => field.message)).toEqual([
      'thiếu cột "Giới tính" (sex)',
      'thiếu cột "Ngày vào câu lạc bộ" (joinedOn)',
    ]);
  });

  it('keeps a province’s imports from another province, and an anonymous upload out', async () => {
    const uploaded = await upload(`${HEADER}\n${GOOD_ROWS[1]}\n`, `?clubId=${ids.kienLuongClub}`);
    const outsider = await server.signIn('thainguyen');
    const seen = await server.gql<{ dataImport: unknown }>('query Seen($id: ID!) { dataImport(id: $id) { id } }', { id: uploaded.json.importId }, outsider);
    expect(seen.data?.dataImport).toBeNull();
    expect(codesOf(await commitImport(server, uploaded.json.importId, outsider))).toEqual([
      'NOT_FOUND',
    ]);
    const anonymous = await fetch(`${server.url}/imports/members`, { method: 'POST', body: 'fullName\nX\n' });
    expect(anonymous.status).toBe(401);
  });

  it('lets club staff import for their own club only', async () => {
    const staff = await server.signIn('kienluong.club');
    const own = await upload(`${HEADER}\nHuỳnh Thị Út,Nữ,1952,,01/03/2026,,\n`, '', staff);
    expect(own.status, JSON.stringify(own.json)).toBe(201);
    const checked = await server.gql<{ dataImport: { clubId: string; counts: { new: number } } }>(
      'query Own($id: ID!) { dataImport(id: $id) { clubId counts { new } } }',
      { id: own.json.importId },
      staff,
    );
    expect(checked.data!.dataImport).toEqual({ clubId: ids.kienLuongClub, counts: { new: 1 } });
    const elsewhere = await upload(`${HEADER}\nHuỳnh Thị Út,Nữ,1952,,01/03/2026,,\n`, `?clubId=${ids.tucDuyenClub}`, staff);
    expect(elsewhere.status).toBe(403);
  });

  it('checks for club staff what only the province sees, one seat of the board a club, and a member changed since the preview', async () => {
    const staff = await server.signIn('kienluong.club');
    // A citizen ID and a name with birth year held in another club, which club staff cannot list.
    const [other] = await database.owner.query(
      `select member.full_name, member.birth_year, member.citizen_id, club.name as club_name from member join club on club.id = member.club_id
        where member.club_id <> $1 and club.tenant_id = (select tenant_id from club where id = $1) and member.left_on is null
          and member.citizen_id is not null
          -- a name and birth year no one else in the province has, so the one possible duplicate is this member
          and not exists (select 1 from member namesake join club namesake_club on namesake_club.id = namesake.club_id
                where namesake_club.tenant_id = club.tenant_id and namesake.id <> member.id
                  and namesake.full_name = member.full_name and namesake.birth_year = member.birth_year)
        order by member.id limit 1`,
      [ids.kienLuongClub],
    );
    const [head] = await database.owner.query(
      `select full_name from member where club_id = $1 and board_role = 'HEAD' and left_on is null`,
      [ids.kienLuongClub],
    );
    const header = 'fullName,sex,birthYear,citizenId,joinedOn,boardRole';
    const rows = [
      `Người Thứ Nhất,Nữ,1950,${other.citizen_id},01/03/2026,`,
      `${other.full_name},Nữ,${other.birth_year},,01/03/2026,`,
      'Người Thứ Ba,Nam,1949,,01/03/2026,Thủ quỹ',
      'Người Thứ Tư,Nam,1948,,01/03/2026,Thủ quỹ',
      'Người Thứ Năm,Nam,1947,,01/03/2026,Chủ nhiệm',
      'Người Thứ Sáu,Nữ,1960,,01/01/1959,',
    ];
    const uploaded = await upload(`${header}\n${rows.join('\n')}\n`, '', staff);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = (await server.gql<{ dataImport: any }>(PREVIEW, { id: uploaded.json.importId }, staff)).data!.dataImport;
    const treasurerHeld: unknown[] = await database.owner.query(`select 1 from member where club_id = $1 and board_role = 'TREASURER' and left_on is null`, [ids.kienLuongClub]);
    expect(checked.rows.map((row: any) => [row.rowNumber, row.problems.map((problem: any) => `${problem.column}: ${problem.message}`), row.warnings.map((warning: any) => warning.message)])).toEqual([
      [2, [`Số CCCD: số CCCD đã thuộc thành viên ${other.full_name} của ${other.club_name}`], []],
      [3, [], [`có thể trùng với thành viên ${other.full_name} (${other.birth_year}) của ${other.club_name}`]],
      [4, treasurerHeld.length ? [expect.stringMatching(/^Chức vụ trong ban chủ nhiệm: Thủ quỹ của câu lạc bộ là /)] : [], []],
      [5, ['Chức vụ trong ban chủ nhiệm: Thủ quỹ đã ghi ở dòng 4 cho cùng câu lạc bộ'], []],
      [6, head ? [`Chức vụ trong ban chủ nhiệm: Chủ nhiệm của câu lạc bộ là ${head.full_name}; ghi chức vụ khác hoặc để trống`] : [], []],
      [7, ['Ngày vào câu lạc bộ: là ngày trước năm sinh'], []],
    ]);

    // Two namesakes imported together are each marked as a possible duplicate, as typed ones would be.
    const pair = await upload(`${header}\nTrần Văn Trùng,Nam,1951,,01/03/2026,\n`, '', staff);
    const pairCommitted = await commitImport(server, pair.json.importId, staff);
    expect(pairCommitted.errors).toBeUndefined();
    const [anotherClub] = await database.owner.query(
      `select id from club where tenant_id = (select tenant_id from club where id = $1) and id <> $1 order by name limit 1`,
      [ids.kienLuongClub],
    );
    const again = await upload(`${header}\nTrần Văn Trùng,Nam,1951,,01/03/2026,\n`, `?clubId=${anotherClub.id}`);
    const warned = await preview(again.json.importId);
    expect(warned.counts).toMatchObject({ new: 1, warnings: 1 });
    expect((await commitImport(server, again.json.importId, province)).errors).toBeUndefined();
    const flags = await database.owner.query(`select duplicate_status from member where full_name = 'Trần Văn Trùng' order by created_at`);
    expect(flags.map((row: { duplicate_status: string }) => row.duplicate_status)).toEqual(['NONE', 'POSSIBLE']);

    // A member changed between the preview and the commit is not overwritten: the commit is a conflict.
    const changed = await upload(`${header}\nTrần Văn Trùng,Nam,1951,,02/03/2026,\n`, '', staff);
    expect((await server.gql<{ dataImport: any }>(PREVIEW, { id: changed.json.importId }, staff)).data!.dataImport.counts.changed).toBe(1);
    await database.owner.query(`update member set phone = '0912000111', version = version + 1 where full_name = 'Trần Văn Trùng' and club_id = $1`, [ids.kienLuongClub]);
    expect(codesOf(await commitImport(server, changed.json.importId, staff))).toEqual(['CONFLICT']);
  });

  it('shows namesakes in the file’s other clubs as possible duplicates, unless their citizen IDs tell them apart, and keeps a citizen ID the file leaves blank', async () => {
    const [club] = await database.owner.query('select name from club where id = $1', [ids.kienLuongClub]);
    const [other] = await database.owner.query(
      `select name from club where tenant_id = (select tenant_id from club where id = $1) and id <> $1 order by name limit 1`,
      [ids.kienLuongClub],
    );
    const header = 'club,fullName,sex,birthYear,citizenId,joinedOn';
    const uploaded = await upload(
      `${header}\n"${club.name}",Lê Thị Giống,Nữ,1950,,01/03/2026\n"${other.name}",Lê Thị Giống,Nữ,1950,,01/03/2026\n` +
        `"${club.name}",Lê Văn Khác,Nam,1950,091150007701,01/03/2026\n"${other.name}",Lê Văn Khác,Nam,1950,091150007702,01/03/2026\n`,
      '',
    );
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows.map((row: any) => [row.rowNumber, row.action, row.warnings.map((warning: any) => warning.message)])).toEqual([
      [2, 'NEW', []],
      [3, 'NEW', ['có thể trùng với người ở dòng 2 của tệp (cùng họ tên, năm sinh, khác câu lạc bộ)']],
      [4, 'NEW', []],
      [5, 'NEW', []],
    ]);
    expect((await commitImport(server, uploaded.json.importId, province)).errors).toBeUndefined();

    // The same people again, one without the citizen ID the province holds: nothing changes.
    const again = await upload(`${header}\n"${club.name}",Lê Văn Khác,Nam,1950,,01/03/2026\n`, '');
    const rechecked = await preview(again.json.importId);
    expect(rechecked.rows.map((row: any) => [row.action, row.changes])).toEqual([['UNCHANGED', []]]);
  });

  it('keeps who imported what and when, newest first, within the province', async () => {
    const uploaded = await upload(`${HEADER}\nPhan Thị Lịch,Nữ,1944,,01/03/2026,,\n`, `?clubId=${ids.kienLuongClub}`);
    await commitImport(server, uploaded.json.importId, province);
    const listed = await server.gql<{ dataImports: any[] }>(
      'query Imports { dataImports(kind: "members", first: 5) { id kind status fileName createdByName committedByName committedAt counts { new } } }',
      {},
      province,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.dataImports[0]).toMatchObject({ id: uploaded.json.importId, kind: 'members', status: 'COMMITTED', createdByName: expect.any(String), committedByName: expect.any(String) });
    expect(listed.data!.dataImports[0].createdByName).toBe(listed.data!.dataImports[0].committedByName);
    const outsider = await server.signIn('thainguyen');
    const theirs = await server.gql<{ dataImports: any[] }>('query Imports { dataImports { id } }', {}, outsider);
    expect(theirs.data!.dataImports.map((item) => item.id)).not.toContain(uploaded.json.importId);
    expect(codesOf(await server.gql('query Imports { dataImports(kind: "people") { id } }', {}, province))).toEqual(['BAD_USER_INPUT']);
  });
});

