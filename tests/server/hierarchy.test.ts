import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let kienGiang: string;
let thaiNguyen: string;
let viewer: string;
let clubStaff: string;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
  [kienGiang, thaiNguyen, viewer, clubStaff] = await Promise.all(
    ['kiengiang', 'thainguyen', 'national.viewer', 'kienluong.club'].map((login) => server.signIn(login)),
  );
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const UNIT = 'id code name kind version retired validFrom validTo parent { id code } childCount';

interface Unit {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  version: number;
  retired: boolean;
  validTo: string | null;
  parent: { id: string; code: string | null } | null;
  childCount: number;
}

async function unitOfCode(code: string): Promise<Unit> {
  const [row]: Array<{ id: string }> = await database.owner.query('select id from admin_unit where code = $1', [code]);
  const result = await server.gql<{ adminUnit: Unit }>(`query($id: ID!) { adminUnit(id: $id) { ${UNIT} } }`, { id: row.id }, kienGiang);
  return result.data!.adminUnit;
}

function fieldsOf(response: GraphQLResponse): string[] {
  return (response.errors?.[0]?.extensions?.fields ?? []).map((problem) => problem.field);
}

async function countOf(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row]: Array<{ count: number }> = await database.owner.query(`select count(*)::int as count from (${sql}) as counted`, parameters);
  return row.count;
}

const CREATE = `mutation($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { ${UNIT} } }`;
const UPDATE = `mutation($input: UpdateAdminUnitInput!) { updateAdminUnit(input: $input) { ${UNIT} } }`;
const RETIRE = `mutation($input: RetireAdminUnitInput!) { retireAdminUnit(input: $input) { ${UNIT} } }`;
const MERGE = `mutation($input: MergeAdminUnitsInput!) { mergeAdminUnits(input: $input) { ${UNIT} predecessors { kind effectiveOn predecessor { id name retired validTo successors { successor { id } } } } } }`;
const SPLIT = `mutation($input: SplitAdminUnitInput!) { splitAdminUnit(input: $input) { ${UNIT} } }`;
const DELETE = 'mutation($input: VersionedUnitInput!) { deleteAdminUnit(input: $input) }';

describe('adding, renaming and moving units', () => {
  it('adds a hamlet, renames it, moves it, and refuses a stale version', async () => {
    const town = await unitOfCode('30787');
    const quartersBefore = town.childCount;
    const created = await server.gql<{ createAdminUnit: Unit }>(CREATE, { input: { name: 'Ấp  Ngã Ba', kind: 'HAMLET', parentId: town.id } }, kienGiang);
    expect(created.errors).toBeUndefined();
    const hamlet = created.data!.createAdminUnit;
    expect(hamlet).toMatchObject({ name: 'Ấp Ngã Ba', kind: 'HAMLET', version: 1, retired: false, parent: { id: town.id } });

    // Decomposed Vietnamese (as some phones send it) is stored composed.
    const renamed = await server.gql<{ updateAdminUnit: Unit }>(UPDATE, { input: { id: hamlet.id, version: 1, name: 'Ngã Ba'.normalize('NFD') } }, kienGiang);
    expect(renamed.data?.updateAdminUnit).toMatchObject({ name: 'Ngã Ba', version: 2 });
    expect(renamed.data!.updateAdminUnit.name).toBe('Ngã Ba'.normalize('NFC'));

    const stale = await server.gql(UPDATE, { input: { id: hamlet.id, version: 1, name: 'Ngã Tư' } }, kienGiang);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect((await unitOfCode('30787')).childCount).toBe(quartersBefore + 1);
    const [stored] = await database.owner.query('select name, version from admin_unit where id = $1', [hamlet.id]);
    expect(stored).toEqual({ name: 'Ngã Ba', version: 2 });

    const kienBinh = await unitOfCode('30790');
    const moved = await server.gql<{ updateAdminUnit: Unit }>(UPDATE, { input: { id: hamlet.id, version: 2, parentId: kienBinh.id } }, kienGiang);
    expect(moved.data?.updateAdminUnit).toMatchObject({ parent: { id: kienBinh.id }, version: 3 });
    const [path] = await database.owner.query(
      'select (select path from admin_unit where id = $1) <@ (select path from admin_unit where id = $2) as under',
      [hamlet.id, kienBinh.id],
    );
    expect(path.under).toBe(true);

    const audit = await database.owner.query(
      `select action, before->>'name' as before, after->>'name' as after from audit_event where entity_id = $1 order by id`,
      [hamlet.id],
    );
    expect(audit).toEqual([
      { action: 'admin-unit.create', before: null, after: 'Ấp Ngã Ba' },
      { action: 'admin-unit.update', before: 'Ấp Ngã Ba', after: 'Ngã Ba' },
      { action: 'admin-unit.move', before: 'Ngã Ba', after: 'Ngã Ba' },
    ]);
  });

  it('names each bad field and writes nothing', async () => {
    const town = await unitOfCode('30787');
    const before = await countOf('select 1 from admin_unit');
    const bad = await server.gql(CREATE, { input: { name: '  ', code: '12x', kind: 'COMMUNE', parentId: town.id } }, kienGiang);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(bad).sort()).toEqual(['code', 'name', 'parentId']);
    const taken = await server.gql(CREATE, { input: { name: 'Trùng mã', code: '30790', kind: 'HAMLET', parentId: town.id } }, kienGiang);
    expect(fieldsOf(taken)).toEqual(['code']);
    expect(await countOf('select 1 from admin_unit')).toBe(before);
  });

  it('refuses a cycle, naming parentId', async () => {
    const district = await unitOfCode('902');
    const town = await unitOfCode('30787');
    const underItself = await server.gql(UPDATE, { input: { id: district.id, version: district.version, parentId: district.id } }, kienGiang);
    expect(codesOf(underItself)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(underItself)).toEqual(['parentId']);
    const underChild = await server.gql(UPDATE, { input: { id: district.id, version: district.version, parentId: town.id } }, kienGiang);
    expect(fieldsOf(underChild)).toEqual(['parentId']);
    expect((await unitOfCode('902')).version).toBe(district.version);
  });
});

describe('retiring, merging and splitting', () => {
  it('does not let a unit with clubs vanish', async () => {
    const town = await unitOfCode('30787');
    expect(await countOf('select 1 from club where commune_id = $1', [town.id])).toBeGreaterThan(0);
    const retired = await server.gql(RETIRE, { input: { id: town.id, version: town.version, effectiveOn: '2025-07-01' } }, kienGiang);
    expect(codesOf(retired)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(retired)).toContain('successorIds');
    const deleted = await server.gql(DELETE, { input: { id: town.id, version: town.version } }, kienGiang);
    expect(codesOf(deleted)).toEqual(['BAD_USER_INPUT']);
    const after = await unitOfCode('30787');
    expect(after).toMatchObject({ retired: false, version: town.version });
  });

  it('deletes a unit entered by mistake, but not one with units under it', async () => {
    const kienBinh = await unitOfCode('30790');
    const created = await server.gql<{ createAdminUnit: Unit }>(CREATE, { input: { name: 'Nhập nhầm', kind: 'HAMLET', parentId: kienBinh.id } }, kienGiang);
    const mistake = created.data!.createAdminUnit;
    const deleted = await server.gql(DELETE, { input: { id: mistake.id, version: mistake.version } }, kienGiang);
    expect(deleted.data).toEqual({ deleteAdminUnit: mistake.id });
    const district = await unitOfCode('903');
    const withCommunes = await unitOfCode('902');
    expect(codesOf(await server.gql(DELETE, { input: { id: withCommunes.id, version: withCommunes.version } }, kienGiang))).toEqual(['BAD_USER_INPUT']);
    expect(district.retired).toBe(false);
  });

  it('merges many units into a new one, keeping the old ones and their history', async () => {
    const binhAn = await unitOfCode('30808');
    const binhTri = await unitOfCode('30809');
    const hamlet = await server.gql<{ createAdminUnit: Unit }>(CREATE, { input: { name: 'Ba Hòn', kind: 'HAMLET', parentId: binhAn.id } }, kienGiang);
    const hamletId = hamlet.data!.createAdminUnit.id;
    const auditBefore = await countOf('select 1 from audit_event');

    // One stale predecessor refuses the whole merge: no new unit, no retirement, no audit event.
    const stale = await server.gql(
      MERGE,
      {
        input: {
          predecessors: [{ id: binhAn.id, version: binhAn.version }, { id: binhTri.id, version: binhTri.version - 1 }],
          successor: { code: '30995', name: 'Bình An', kind: 'COMMUNE' },
          effectiveOn: '2025-07-01',
        },
      },
      kienGiang,
    );
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect(await countOf(`select 1 from admin_unit where code = '30995'`)).toBe(0);
    expect(await countOf('select 1 from audit_event')).toBe(auditBefore);

    const merged = await server.gql<{ mergeAdminUnits: Unit & { predecessors: Array<{ kind: string; effectiveOn: string; predecessor: { id: string; retired: boolean; validTo: string; successors: Array<{ successor: { id: string } }> } }> } }>(
      MERGE,
      {
        input: {
          predecessors: [{ id: binhAn.id, version: binhAn.version }, { id: binhTri.id, version: binhTri.version }],
          successor: { code: '30995', name: 'Bình An', kind: 'COMMUNE' },
          effectiveOn: '2025-07-01',
        },
      },
      kienGiang,
    );
    expect(merged.errors).toBeUndefined();
    const successor = merged.data!.mergeAdminUnits;
    expect(successor).toMatchObject({ code: '30995', name: 'Bình An', retired: false, validFrom: '2025-07-01', parent: { code: '902' }, childCount: 1 });
    expect(successor.predecessors.map((link) => link.predecessor.id).sort()).toEqual([binhAn.id, binhTri.id].sort());
    for (const link of successor.predecessors) {
      expect(link).toMatchObject({ kind: 'MERGE', effectiveOn: '2025-07-01', predecessor: { retired: true, validTo: '2025-06-30', successors: [{ successor: { id: successor.id } }] } });
    }
    // The predecessors are still there for history, and their hamlet moved to the merged commune.
    expect(await unitOfCode('30808')).toMatchObject({ retired: true, name: 'Bình An' });
    const [movedHamlet] = await database.owner.query('select parent_id from admin_unit where id = $1', [hamletId]);
    expect(movedHamlet.parent_id).toBe(successor.id);
    const actions = await database.owner.query(
      `select action, count(*)::int as count from audit_event where request_id = (select request_id from audit_event order by id desc limit 1) group by action order by action`,
    );
    expect(actions).toEqual([
      { action: 'admin-unit.create', count: 1 },
      { action: 'admin-unit.merge', count: 2 },
      { action: 'admin-unit.move', count: 1 },
    ]);

    // A retired unit keeps its last form.
    const renameRetired = await server.gql(UPDATE, { input: { id: binhTri.id, version: binhTri.version + 1, name: 'Khác' } }, kienGiang);
    expect(codesOf(renameRetired)).toEqual(['BAD_USER_INPUT']);
  });

  it('splits one unit into several, each taking the hamlets given to it', async () => {
    const sonHai = await unitOfCode('30811');
    const hamlets: string[] = [];
    for (const name of ['Hòn Heo', 'Bãi Giếng']) {
      const created = await server.gql<{ createAdminUnit: Unit }>(CREATE, { input: { name, kind: 'HAMLET', parentId: sonHai.id } }, kienGiang);
      hamlets.push(created.data!.createAdminUnit.id);
    }
    const current = await unitOfCode('30811');

    const unassigned = await server.gql(
      SPLIT,
      {
        input: {
          id: current.id,
          version: current.version,
          effectiveOn: '2025-07-01',
          successors: [{ unit: { code: '30996', name: 'Sơn Hải A', kind: 'COMMUNE' }, childIds: [hamlets[0]] }, { unit: { code: '30997', name: 'Sơn Hải B', kind: 'COMMUNE' } }],
        },
      },
      kienGiang,
    );
    expect(fieldsOf(unassigned)).toEqual(['successors']);
    expect(await countOf(`select 1 from admin_unit where code = '30996'`)).toBe(0);

    const split = await server.gql<{ splitAdminUnit: Unit[] }>(
      SPLIT,
      {
        input: {
          id: current.id,
          version: current.version,
          effectiveOn: '2025-07-01',
          successors: [
            { unit: { code: '30996', name: 'Sơn Hải A', kind: 'COMMUNE' }, childIds: [hamlets[0]] },
            { unit: { code: '30997', name: 'Sơn Hải B', kind: 'COMMUNE' }, childIds: [hamlets[1]] },
          ],
        },
      },
      kienGiang,
    );
    expect(split.errors).toBeUndefined();
    expect(split.data!.splitAdminUnit.map((unit) => [unit.name, unit.childCount])).toEqual([
      ['Sơn Hải A', 1],
      ['Sơn Hải B', 1],
    ]);
    const history = await server.gql<{ adminUnit: { retired: boolean; successors: Array<{ kind: string; successor: { name: string } }> } }>(
      'query($id: ID!) { adminUnit(id: $id) { retired successors { kind successor { name } } } }',
      { id: current.id },
      kienGiang,
    );
    expect(history.data?.adminUnit.retired).toBe(true);
    expect(history.data?.adminUnit.successors.map((link) => `${link.kind} ${link.successor.name}`).sort()).toEqual(['SPLIT Sơn Hải A', 'SPLIT Sơn Hải B']);
    expect(await countOf(`select 1 from audit_event where action = 'admin-unit.split' and entity_id = $1`, [current.id])).toBe(1);
  });

  it('retires a unit with nothing under it and merges a unit with clubs into another', async () => {
    // Giang Thành district: in the demo, nothing under it and no club (every commune of the demo has a club).
    const giangThanh = await unitOfCode('914');
    const retired = await server.gql<{ retireAdminUnit: Unit }>(RETIRE, { input: { id: giangThanh.id, version: giangThanh.version, effectiveOn: '2025-07-01' } }, kienGiang);
    expect(retired.data?.retireAdminUnit).toMatchObject({ retired: true, validTo: '2025-06-30' });

    const town = await unitOfCode('30787');
    const kienBinh = await unitOfCode('30790');
    const intoRetired = await server.gql(RETIRE, { input: { id: town.id, version: town.version, effectiveOn: '2025-07-01', successorIds: [giangThanh.id] } }, kienGiang);
    expect(fieldsOf(intoRetired)).toEqual(['successorIds']);
    const merged = await server.gql<{ retireAdminUnit: Unit }>(
      RETIRE,
      { input: { id: town.id, version: town.version, effectiveOn: '2025-07-01', successorIds: [kienBinh.id] } },
      kienGiang,
    );
    expect(merged.data?.retireAdminUnit).toMatchObject({ retired: true });
    // The club keeps its commune (history) and is reachable through the succession.
    expect(await countOf('select 1 from club where commune_id = $1', [town.id])).toBeGreaterThan(0);
    expect(await countOf(`select 1 from admin_unit_succession where predecessor_id = $1 and successor_id = $2 and kind = 'MERGE'`, [town.id, kienBinh.id])).toBe(1);
  });
});

describe('who may change the hierarchy', () => {
  it('refuses a Kiên Giang admin every write to Thái Nguyên units', async () => {
    const tucDuyen = ids.tucDuyen;
    const [row] = await database.owner.query('select version, parent_id from admin_unit where id = $1', [tucDuyen]);
    const rename = await server.gql(UPDATE, { input: { id: tucDuyen, version: row.version, name: 'Chiếm' } }, kienGiang);
    expect(codesOf(rename)).toEqual(['NOT_FOUND']);
    const addUnder = await server.gql(CREATE, { input: { name: 'Lạc tỉnh', kind: 'HAMLET', parentId: tucDuyen } }, kienGiang);
    expect(fieldsOf(addUnder)).toEqual(['parentId']);
    const retire = await server.gql(RETIRE, { input: { id: tucDuyen, version: row.version, effectiveOn: '2025-07-01' } }, kienGiang);
    expect(codesOf(retire)).toEqual(['NOT_FOUND']);
    const kienBinh = await unitOfCode('30790');
    const mergeAcross = await server.gql(MERGE, { input: { predecessors: [{ id: kienBinh.id, version: kienBinh.version }], successorId: tucDuyen, effectiveOn: '2025-07-01' } }, kienGiang);
    expect(fieldsOf(mergeAcross)).toEqual(['successorId']);
    const [after] = await database.owner.query('select name, version, valid_to from admin_unit where id = $1', [tucDuyen]);
    expect(after).toEqual({ name: 'Túc Duyên', version: row.version, valid_to: null });
    expect((await unitOfCode('30790')).retired).toBe(false);
  });

  it('lets national users and club staff read but not write', async () => {
    const kienBinh = await unitOfCode('30790');
    for (const token of [viewer, clubStaff, thaiNguyen]) {
      const read = await server.gql<{ adminUnit: { name: string } | null }>('query($id: ID!) { adminUnit(id: $id) { name successors { kind } } }', { id: kienBinh.id }, token);
      expect(read.errors).toBeUndefined();
    }
    for (const token of [viewer, clubStaff]) {
      expect(codesOf(await server.gql(UPDATE, { input: { id: kienBinh.id, version: kienBinh.version, name: 'X' } }, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await server.gql(CREATE, { input: { name: 'X', kind: 'HAMLET', parentId: kienBinh.id } }, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await server.gql('mutation { startAdminUnitImport(fileName: "x.csv") { id } }', {}, token))).toEqual(['FORBIDDEN']);
    }
    const exported = await server.gql<{ adminUnitsCsv: string }>('query($tenantId: ID) { adminUnitsCsv(tenantId: $tenantId) }', { tenantId: ids.thaiNguyen }, viewer);
    expect(exported.data?.adminUnitsCsv).toContain('Túc Duyên');
    expect(exported.data?.adminUnitsCsv).not.toContain('Kiên Lương');
  });
});

async function uploadImport(token: string, csv: string, rowsPerPiece = 1000): Promise<string> {
  const started = await server.gql<{ startAdminUnitImport: { id: string } }>('mutation { startAdminUnitImport(fileName: "don-vi.csv") { id } }', {}, token);
  const importId = started.data!.startAdminUnitImport.id;
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
  for (let start = 0; start < lines.length; start += rowsPerPiece) {
    const piece = [header, ...lines.slice(start, start + rowsPerPiece)].join('\n');
    const added = await server.gql(
      'mutation($importId: ID!, $first: Int!, $csv: String!) { addAdminUnitImportRows(importId: $importId, firstRowNumber: $first, csv: $csv) { rowCount } }',
      { importId, first: start + 2, csv: piece },
      token,
    );
    expect(added.errors).toBeUndefined();
  }
  return importId;
}

interface Preview {
  rowCount: number;
  createCount: number;
  updateCount: number;
  unchangedCount: number;
  problemRowCount: number;
  rows: Array<{ rowNumber: number; code: string; action: string; validFrom: string; validTo: string; problems: Array<{ field: string; message: string }> }>;
}

const PREVIEW = `query($importId: ID!, $only: Boolean) { adminUnitImportPreview(importId: $importId) {
  rowCount createCount updateCount unchangedCount problemRowCount
  rows(onlyProblems: $only, first: 500) { rowNumber code action validFrom validTo problems { field message } } } }`;

async function previewOf(importId: string, onlyProblems = false): Promise<Preview> {
  const result = await server.gql<{ adminUnitImportPreview: Preview }>(PREVIEW, { importId, only: onlyProblems }, kienGiang);
  expect(result.errors).toBeUndefined();
  return result.data!.adminUnitImportPreview;
}

const COMMIT = 'mutation($importId: ID!, $rowCount: Int!) { commitAdminUnitImport(importId: $importId, rowCount: $rowCount) { createCount updateCount import { committedAt } } }';

describe('importing and exporting CSV', () => {
  it('reports every bad row in the preview and writes nothing', async () => {
    const csv = [
      '\uFEFFMã,Tên,Loại,Mã cấp trên',
      '40001,Ấp Mới,Ấp,30790', // fine
      '40002,Ấp Lạc,Ấp,99999', // unknown parent
      '40001,"Ấp Trùng, mã",Ấp,30790', // duplicate code
      '40003,Vòng A,Xã,40004', // cycle
      '40004,Vòng B,Xã,40003', // cycle
      '40005,Ấp Lạ,Làng xóm,30790', // bad kind
      '40006,Xã dưới ấp,Xã,40001', // a commune under a hamlet
      '4x,,Ấp,30790', // bad code, empty name
    ].join('\r\n');
    const before = await countOf('select 1 from admin_unit');
    const auditBefore = await countOf('select 1 from audit_event');
    const importId = await uploadImport(kienGiang, csv);
    const preview = await previewOf(importId);
    expect(preview).toMatchObject({ rowCount: 8, createCount: 1, problemRowCount: 7 });
    const problemsOf = (rowNumber: number) => preview.rows.find((row) => row.rowNumber === rowNumber)!.problems.map((p) => `${p.field}: ${p.message}`);
    expect(problemsOf(2)).toEqual([]);
    expect(problemsOf(3)).toEqual([expect.stringMatching(/^parentCode: unknown parent/)]);
    expect(problemsOf(4)).toEqual(['code: duplicate code: also on row 2']);
    expect(problemsOf(5)).toEqual([expect.stringMatching(/^parentCode: cycle: Vòng A → Vòng B → Vòng A/)]);
    expect(problemsOf(6)).toEqual([expect.stringMatching(/^parentCode: cycle/)]);
    expect(problemsOf(7)).toEqual([expect.stringMatching(/^kind: "Làng xóm" is not a kind/)]);
    expect(problemsOf(8)).toEqual([expect.stringMatching(/^kind: a COMMUNE cannot be under a HAMLET/)]);
    expect(problemsOf(9).map((problem) => problem.split(':')[0]).sort()).toEqual(['code', 'name']);
    expect((await previewOf(importId, true)).rows.map((row) => row.rowNumber)).toEqual([3, 4, 5, 6, 7, 8, 9]);

    expect(await countOf('select 1 from admin_unit')).toBe(before);
    expect(await countOf('select 1 from audit_event')).toBe(auditBefore);

    const refused = await server.gql(COMMIT, { importId, rowCount: 8 }, kienGiang);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await countOf('select 1 from admin_unit')).toBe(before);
    expect(await countOf(`select 1 from admin_unit where code like '4000%'`)).toBe(0);
  });

  it('commits all rows of a good file in one go, in pieces, with new parents before their children', async () => {
    const lines = ['code,name,kind,parent_code', '41000,Tân Thạnh,COMMUNE,903'];
    for (let hamlet = 1; hamlet <= 1200; hamlet += 1) lines.push(`${41000 + hamlet},Ấp Số ${hamlet},HAMLET,41000`);
    lines.push('30790,Kiên Bình Mới,Xã,902');
    const importId = await uploadImport(kienGiang, lines.join('\n'), 400);
    const preview = await previewOf(importId);
    expect(preview).toMatchObject({ rowCount: 1202, createCount: 1201, updateCount: 1, problemRowCount: 0 });
    expect(await countOf(`select 1 from admin_unit where code = '41000'`)).toBe(0);

    const stale = await server.gql(COMMIT, { importId, rowCount: 1000 }, kienGiang);
    expect(fieldsOf(stale)).toEqual(['rowCount']);
    const committed = await server.gql<{ commitAdminUnitImport: { createCount: number; updateCount: number; import: { committedAt: string } } }>(COMMIT, { importId, rowCount: 1202 }, kienGiang);
    expect(committed.errors).toBeUndefined();
    expect(committed.data?.commitAdminUnitImport).toMatchObject({ createCount: 1201, updateCount: 1 });
    expect(await countOf(`select 1 from admin_unit where parent_id = (select id from admin_unit where code = '41000')`)).toBe(1200);
    expect((await unitOfCode('30790')).name).toBe('Kiên Bình Mới');
    expect(await countOf(`select 1 from audit_event where action = 'admin-unit.create' and after->>'importId' = $1`, [importId])).toBe(1201);
    expect(codesOf(await server.gql(COMMIT, { importId, rowCount: 1202 }, kienGiang))).toEqual(['CONFLICT']);
  });

  it('commits nothing when the hierarchy changed since the preview', async () => {
    const tanHiep = await unitOfCode('904');
    const created = await server.gql<{ createAdminUnit: Unit }>(CREATE, { input: { code: '45003', name: 'Xã Ba', kind: 'COMMUNE', parentId: tanHiep.id } }, kienGiang);
    expect(created.errors).toBeUndefined();
    const importId = await uploadImport(kienGiang, ['code,name,kind,parent_code', '45000,Xã Một,Xã,904', '45001,Ấp Một,Ấp,45000', '45002,Ấp Hai,Ấp,45003'].join('\n'));
    expect((await previewOf(importId, true)).rows).toEqual([]);
    // The parent of row 4 is retired after the preview: the commit checks again and refuses every row.
    const xaBa = created.data!.createAdminUnit;
    const retired = await server.gql(RETIRE, { input: { id: xaBa.id, version: xaBa.version, effectiveOn: '2025-07-01' } }, kienGiang);
    expect(retired.errors).toBeUndefined();
    const before = await countOf('select 1 from admin_unit');
    const refused = await server.gql(COMMIT, { importId, rowCount: 3 }, kienGiang);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].message).toMatch(/1 rows have problems \(first on row 4\)/);
    expect(await countOf('select 1 from admin_unit')).toBe(before);
    expect(await countOf(`select 1 from admin_unit where code in ('45000', '45001', '45002')`)).toBe(0);
    expect((await previewOf(importId, true)).rows.map((row) => row.problems[0].message)).toEqual(['the parent Xã Ba is retired']);
  });

  it('exports CSV that reads back unchanged, Vietnamese diacritics included', async () => {
    const exported = await server.gql<{ adminUnitsCsv: string }>('{ adminUnitsCsv }', {}, kienGiang);
    const csv = exported.data!.adminUnitsCsv;
    expect(csv.split('\r\n')[0]).toBe('code,name,kind,parent_code,valid_from,valid_to');
    expect(csv).toContain('30787,Kiên Lương,TOWNSHIP,902');
    expect(csv).toContain('Hòa Điền');
    expect(csv).not.toContain('Túc Duyên');
    const units = await countOf('select 1 from admin_unit where tenant_id = $1', [ids.anGiang]);
    expect(csv.trim().split('\r\n')).toHaveLength(units + 1);

    const importId = await uploadImport(kienGiang, csv);
    const preview = await previewOf(importId);
    expect(preview).toMatchObject({ rowCount: units, problemRowCount: 0, createCount: 0, updateCount: 0, unchangedCount: units });

    const decomposed = await uploadImport(kienGiang, `code,name,kind,parent_code\n30802,${'Hòa Điền'.normalize('NFD')},Xã,902\n`);
    expect(await previewOf(decomposed)).toMatchObject({ unchangedCount: 1, updateCount: 0 });
  });

  it('honours the validity dates of the file: new units take them, a unit the file says was retired arrives retired', async () => {
    const csv = [
      'code,name,kind,parent_code,valid_from,valid_to',
      '46000,Hòn Đất Cũ,Xã,904,2010-01-01,2025-06-30', // history: arrives retired
      '46001,Ấp Cũ,Ấp,46000,01/01/2010,30/06/2025', // retired under a retired parent, dates day first
      '46002,Ấp Mới Lập,Ấp,46000,2025-07-01,', // in force under a retired parent
      '46003,Ấp Sai Ngày,Ấp,30790,2025-13-01,', // not a date
      '46004,Ấp Ngược,Ấp,30790,2025-07-01,2025-01-01', // ends before it begins
      '30802,Hòa Điền,Xã,902,,2025-06-30', // a unit in force is not retired by import
      '30763,Phi Thông,Xã,899,1998-05-01,', // its first day, stated: an update
    ].join('\n');
    const before = await countOf('select 1 from admin_unit');
    const preview = await previewOf(await uploadImport(kienGiang, csv));
    expect(preview).toMatchObject({ rowCount: 7, createCount: 2, updateCount: 1, problemRowCount: 4 });
    const rowOf = (rowNumber: number) => preview.rows.find((row) => row.rowNumber === rowNumber)!;
    const problemsOf = (rowNumber: number) => rowOf(rowNumber).problems.map((problem) => `${problem.field}: ${problem.message}`);
    expect(rowOf(3)).toMatchObject({ action: 'CREATE', validFrom: '01/01/2010', validTo: '30/06/2025', problems: [] });
    expect(problemsOf(4)).toEqual(['parentCode: the parent Hòn Đất Cũ is retired']);
    expect(problemsOf(5)).toEqual(['validFrom: "2025-13-01" is not a date (YYYY-MM-DD or dd/mm/yyyy)']);
    expect(problemsOf(6)).toEqual(['validTo: must be after valid_from']);
    expect(problemsOf(7)).toEqual(['validTo: a unit in force is retired on the hierarchy screen (retire, merge or split), not by import']);
    expect(rowOf(8)).toMatchObject({ action: 'UPDATE', problems: [] });
    expect(await countOf('select 1 from admin_unit')).toBe(before);

    const good = [csv.split('\n')[0], ...csv.split('\n').slice(1).filter((_, index) => [0, 1, 6].includes(index))].join('\n');
    const importId = await uploadImport(kienGiang, good);
    const committed = await server.gql(COMMIT, { importId, rowCount: 3 }, kienGiang);
    expect(committed.errors).toBeUndefined();
    const rows: Array<{ code: string; valid_from: string | null; valid_to: string | null }> = await database.owner.query(
      `select code, valid_from::text, valid_to::text from admin_unit where code in ('46000', '46001', '30763') order by code`,
    );
    expect(rows).toEqual([
      { code: '30763', valid_from: '1998-05-01', valid_to: null },
      { code: '46000', valid_from: '2010-01-01', valid_to: '2025-06-30' },
      { code: '46001', valid_from: '2010-01-01', valid_to: '2025-06-30' },
    ]);
    expect((await unitOfCode('46000')).retired).toBe(true);

    // The export writes the dates back, and reading it again changes nothing.
    const exported = (await server.gql<{ adminUnitsCsv: string }>('{ adminUnitsCsv }', {}, kienGiang)).data!.adminUnitsCsv;
    expect(exported).toContain('46001,Ấp Cũ,HAMLET,46000,2010-01-01,2025-06-30');
    expect(await previewOf(await uploadImport(kienGiang, exported))).toMatchObject({ problemRowCount: 0, createCount: 0, updateCount: 0 });
  });

  it('shows what an updated unit changes, before and after', async () => {
    const importId = await uploadImport(kienGiang, ['code,name,kind,parent_code,valid_from', '30802,Hòa Điền Mới,Phường,904,2025-07-01', '30787,Kiên Lương,Thị trấn,902,'].join('\n'));
    const result = await server.gql<{ adminUnitImportPreview: { rows: Array<{ rowNumber: number; action: string; changes: unknown[] }> } }>(
      `query($importId: ID!) { adminUnitImportPreview(importId: $importId) { rows(first: 10) { rowNumber action changes { field from to } } } }`,
      { importId },
      kienGiang,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.adminUnitImportPreview.rows).toEqual([
      {
        rowNumber: 2,
        action: 'UPDATE',
        changes: [
          { field: 'name', from: 'Hòa Điền', to: 'Hòa Điền Mới' },
          { field: 'kind', from: 'COMMUNE', to: 'WARD' },
          { field: 'parent', from: 'Huyện Kiên Lương', to: 'Huyện Tân Hiệp' },
          { field: 'validFrom', from: null, to: '2025-07-01' },
        ],
      },
      { rowNumber: 3, action: 'UNCHANGED', changes: [] },
    ]);
  });

  it('refuses a piece without the columns and a piece sent twice', async () => {
    const started = await server.gql<{ startAdminUnitImport: { id: string } }>('mutation { startAdminUnitImport { id } }', {}, kienGiang);
    const importId = started.data!.startAdminUnitImport.id;
    const add = 'mutation($importId: ID!, $first: Int!, $csv: String!) { addAdminUnitImportRows(importId: $importId, firstRowNumber: $first, csv: $csv) { rowCount } }';
    expect(fieldsOf(await server.gql(add, { importId, first: 2, csv: 'a,b\n1,2' }, kienGiang))).toEqual(['csv']);
    expect((await server.gql(add, { importId, first: 2, csv: 'code,name,kind,parent_code\n43000,A,Ấp,30790' }, kienGiang)).errors).toBeUndefined();
    expect(fieldsOf(await server.gql(add, { importId, first: 2, csv: 'code,name,kind,parent_code\n43000,A,Ấp,30790' }, kienGiang))).toEqual(['firstRowNumber']);
    // Another province cannot see the import at all.
    expect(codesOf(await server.gql(PREVIEW, { importId }, thaiNguyen))).toEqual(['NOT_FOUND']);
  });
});
