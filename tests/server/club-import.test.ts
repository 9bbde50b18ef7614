import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInVietnam } from '../../server/src/calendar.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';
import { commitImport, uploadImport } from '../support/imports.js';

/*
 * Importing clubs through HTTP, as a province admin bringing the province's list of clubs in on its
 * go-live day: upload, preview, commit, and the same file again.
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

function upload(body: string, token = province) {
  return uploadImport(server, 'clubs', body, { query: '?fileName=cau-lac-bo.csv', token });
}

const PREVIEW = `query Preview($id: ID!) {
  dataImport(id: $id) { status rowCount counts { new changed unchanged problems warnings }
    rows(first: 100) { rowNumber action name targetId changes { field column from to } problems { column message } warnings { message } } }
}`;

async function preview(importId: string) {
  const response = await server.gql<{ dataImport: any }>(PREVIEW, { id: importId }, province);
  expect(response.errors).toBeUndefined();
  return response.data!.dataImport;
}

function commit(importId: string) {
  return commitImport(server, importId, province);
}

async function provinceFigures(): Promise<{ clubCount: number; runningClubs: number }> {
  const response = await server.gql<{ clubs: { totalCount: number }; provinceDashboard: { figures: { clubs: number } } }>(
    'query Figures { clubs(first: 1) { totalCount } provinceDashboard { figures { clubs } } }',
    {},
    province,
  );
  expect(response.errors).toBeUndefined();
  return { clubCount: response.data!.clubs.totalCount, runningClubs: response.data!.provinceDashboard.figures.clubs };
}

// Written with the API's field names, communes by code, by name without accents and with their kind.
const HEADER = 'name,commune,hamlet,foundedOn,status,head,treasurer';
const GOOD_ROWS = [
  'CLB Liên thế hệ tự giúp nhau ấp Ba Hòn,30790,,15/06/2019,Đang hoạt động,,',
  'CLB Liên thế hệ tự giúp nhau khu phố 2,thi tran kien luong,Khu phố 2,2020-03-01,,Nguyễn Văn Hùng,',
  'CLB Liên thế hệ tự giúp nhau phường Mỹ Bình,Phường Mỹ Bình,,01/02/2024,Tạm ngừng,,',
];

describe('importing clubs', () => {
  it('previews an unknown commune, a club twice in the file, a future founding day and a hamlet of another commune as problems, and commits nothing', async () => {
    const before = await provinceFigures();
    const tomorrow = addDays(todayInVietnam(), 1).split('-').reverse().join('/');
    const csv = [
      HEADER,
      ...GOOD_ROWS,
      'CLB Liên thế hệ tự giúp nhau xã Vĩnh Hòa,Vĩnh Hòa,,01/01/2020,,,',
      'CLB LIÊN THẾ HỆ TỰ GIÚP NHAU ẤP BA HÒN,Kiên Bình,,15/06/2019,,,',
      `CLB Liên thế hệ tự giúp nhau xã Sơn Hải,30811,,${tomorrow},,,`,
      'CLB Liên thế hệ tự giúp nhau xã Hòa Điền,30802,Khu phố 1,01/01/2021,Hoạt động tốt,,',
    ].join('\n');
    const uploaded = await upload(`\uFEFF${csv}\n`);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 7, unknownColumns: [] });
    const checked = await preview(uploaded.json.importId);
    expect(checked.counts).toEqual({ new: 3, changed: 0, unchanged: 0, problems: 4, warnings: 1 });
    expect(checked.rows.filter((row: any) => row.action === 'PROBLEM').map((row: any) => [row.rowNumber, row.problems])).toEqual([
      [5, [{ column: 'Xã, phường', message: 'không có xã, phường "Vĩnh Hòa" trong tỉnh' }]],
      [6, [{ column: 'Tên câu lạc bộ', message: 'câu lạc bộ này đã có ở dòng 2 của tệp' }]],
      [7, [{ column: 'Ngày thành lập', message: 'là ngày trong tương lai' }]],
      [
        8,
        [
          { column: 'Ấp, thôn, khu phố', message: 'không có ấp, thôn, khu phố "Khu phố 1" thuộc Xã Hòa Điền' },
          { column: 'Tình trạng', message: 'ghi "Đang hoạt động", "Tạm ngừng", "Giải thể" hoặc "Dự kiến", không phải "Hoạt động tốt"' },
        ],
      ],
    ]);
    // The head of a new club is given the seat with the members, who come in after their club.
    expect(checked.rows[1].warnings).toEqual([
      { message: 'Chủ nhiệm "Nguyễn Văn Hùng": câu lạc bộ mới chưa có thành viên; giao chức vụ Chủ nhiệm cho người này ở cột "Chức vụ trong ban chủ nhiệm" của tệp thành viên' },
    ]);

    expect(codesOf(await commit(uploaded.json.importId))).toEqual(['BAD_USER_INPUT']);
    expect(await provinceFigures()).toEqual(before);
  });

  it('asks for the code when a name is that of two communes', async () => {
    const district: Array<{ id: string }> = await database.owner.query(
      `select id from admin_unit where tenant_id = $1 and name = 'Châu Thành' and level = 2 and valid_to is null`,
      [ids.anGiang],
    );
    const added = await server.gql(
      'mutation Add($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { id } }',
      { input: { kind: 'COMMUNE', name: 'Bình An', code: '30901', parentId: district[0].id } },
      province,
    );
    expect(added.errors).toBeUndefined();
    const uploaded = await upload(`${HEADER}\nCLB Liên thế hệ tự giúp nhau xã Bình An,binh an,,01/01/2022,,,\n`);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows[0].problems).toEqual([
      {
        column: 'Xã, phường',
        message: '"binh an" là tên của 2 đơn vị: Xã Bình An (mã 30808, Huyện Kiên Lương); Xã Bình An (mã 30901, Huyện Châu Thành); ghi mã đơn vị để chọn đúng',
      },
    ]);
  });

  it('commits the corrected file: the clubs are in the province’s list and on its dashboard, and the same file again changes nothing', async () => {
    const before = await provinceFigures();
    const csv = `${HEADER}\n${GOOD_ROWS.join('\n')}\n`;
    const first = await upload(csv);
    expect((await preview(first.json.importId)).counts).toEqual({ new: 3, changed: 0, unchanged: 0, problems: 0, warnings: 1 });
    const committed = await commit(first.json.importId);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitDataImport.status).toBe('COMMITTED');

    // Two clubs run this month; the third was suspended from today, through the club's status path.
    expect(await provinceFigures()).toEqual({ clubCount: before.clubCount + 3, runningClubs: before.runningClubs + 2 });
    const listed = await server.gql<{ clubs: { edges: Array<{ node: any }> } }>(
      `query Imported { clubs(first: 10, search: "tự giúp nhau ấp Ba Hòn") { edges { node { name status foundedOn commune { code } } } }
         suspended: clubs(first: 10, search: "Mỹ Bình") { edges { node { name status foundedOn hamlet { name } statusHistory { status effectiveOn } } } }
         quarter: clubs(first: 10, search: "khu phố 2") { edges { node { foundedOn commune { name } hamlet { name } } } } }`,
      {},
      province,
    );
    expect(listed.errors).toBeUndefined();
    const data = listed.data as any;
    expect(data.clubs.edges.map((edge: any) => edge.node)).toEqual([
      { name: 'CLB Liên thế hệ tự giúp nhau ấp Ba Hòn', status: 'ACTIVE', foundedOn: '2019-06-15', commune: { code: '30790' } },
    ]);
    expect(data.suspended.edges.map((edge: any) => edge.node)).toEqual([
      {
        name: 'CLB Liên thế hệ tự giúp nhau phường Mỹ Bình',
        status: 'SUSPENDED',
        foundedOn: '2024-02-01',
        hamlet: null,
        statusHistory: [
          { status: 'ACTIVE', effectiveOn: '2024-02-01' },
          { status: 'SUSPENDED', effectiveOn: todayInVietnam() },
        ],
      },
    ]);
    expect(data.quarter.edges.map((edge: any) => edge.node)).toEqual([{ foundedOn: '2020-03-01', commune: { name: 'Kiên Lương' }, hamlet: { name: 'Khu phố 2' } }]);
    // Through the club service: each club's creation audited, and the suspension with its reason.
    const audited = await database.owner.query(
      `select audit_event.action, count(*)::int as count from audit_event join club on club.id = audit_event.entity_id
        where club.name = any($1) group by audit_event.action order by audit_event.action`,
      [GOOD_ROWS.map((row) => row.split(',')[0])],
    );
    expect(audited).toEqual([
      { action: 'club.create', count: 3 },
      { action: 'club.status', count: 1 },
    ]);

    // The same file once more: every row is a club already, as the file says.
    const second = await upload(csv);
    const again = await preview(second.json.importId);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 3, problems: 0, warnings: 1 });
    expect((await commit(second.json.importId)).errors).toBeUndefined();
    expect(await provinceFigures()).toEqual({ clubCount: before.clubCount + 3, runningClubs: before.runningClubs + 2 });
  });

  it('shows what a row changes of a club on record, from what to what, and gives the board seat it names to the club’s member', async () => {
    const [club] = await database.owner.query(`select name from club where id = $1`, [ids.kienLuongClub]);
    const board: Array<{ full_name: string; board_role: string | null }> = await database.owner.query(
      `select full_name, board_role from member where club_id = $1 and left_on is null order by full_name`,
      [ids.kienLuongClub],
    );
    const head = board.find((member) => member.board_role === 'HEAD')!;
    const treasurer = board.find((member) => member.board_role === 'TREASURER')!;
    const newHead = board.find((member) => member.board_role === null && board.filter((other) => other.full_name === member.full_name).length === 1)!;
    const csv = `${HEADER}\n${club.name.toUpperCase()},Kiên Lương,khu pho 1,20/06/2019,Đang hoạt động,${newHead.full_name},${treasurer.full_name}\n`;
    const uploaded = await upload(csv);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows).toEqual([
      {
        rowNumber: 2,
        action: 'UPDATE',
        name: club.name.toUpperCase(),
        targetId: ids.kienLuongClub,
        changes: [
          { field: 'hamlet', column: 'Ấp, thôn, khu phố', from: null, to: 'Khu phố 1' },
          { field: 'foundedOn', column: 'Ngày thành lập', from: '15/06/2019', to: '20/06/2019' },
          { field: 'head', column: 'Chủ nhiệm', from: head.full_name, to: newHead.full_name },
        ],
        problems: [],
        warnings: [],
      },
    ]);
    expect((await commit(uploaded.json.importId)).errors).toBeUndefined();
    const [after] = await database.owner.query(
      `select club.name, club.founded_on::text as founded_on, hamlet.name as hamlet from club join admin_unit hamlet on hamlet.id = club.hamlet_id where club.id = $1`,
      [ids.kienLuongClub],
    );
    // The name is how the row found its club, not a change: the club keeps the name it is written with.
    expect(after).toEqual({ name: club.name, founded_on: '2019-06-20', hamlet: 'Khu phố 1' });
    const seats = await database.owner.query(
      `select full_name, board_role from member where club_id = $1 and left_on is null and full_name = any($2) order by full_name`,
      [ids.kienLuongClub, [head.full_name, newHead.full_name]],
    );
    expect(seats).toEqual(
      [
        { full_name: head.full_name, board_role: null },
        { full_name: newHead.full_name, board_role: 'HEAD' },
      ].sort((left, right) => (left.full_name < right.full_name ? -1 : 1)),
    );

    // A club on record cannot go back to planned, nor be dissolved back into activity.
    const planned = await upload(`${HEADER}\n${club.name},30787,,,Dự kiến,,\n`);
    expect((await preview(planned.json.importId)).rows[0].problems).toEqual([
      { column: 'Tình trạng', message: 'câu lạc bộ đang ở tình trạng "Đang hoạt động", không chuyển sang "Dự kiến" được' },
    ]);
  });

  it('refuses club staff: the province imports its clubs', async () => {
    const staff = await server.signIn('kienluong.club');
    const refused = await upload(`${HEADER}\n${GOOD_ROWS[0]}\n`, staff);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'FORBIDDEN', message: 'Only the province imports clubs; a club imports its own members, fund balances and loans.' });
  });
});
