import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { TokenService } from '../server/src/auth/tokens.js';
import { appDatabaseUrl, createDataSource, type LoginRole } from '../server/src/database/data-source.js';
import { migrate } from '../server/src/database/migrate.js';
import { Role } from '../server/src/users/role.js';
import { recreateDatabase, withDatabase } from './database.js';
import { FAMILY_NAMES, MEN_GIVEN_NAMES, MEN_MIDDLE_NAMES, PLACE_SYLLABLES, WOMEN_GIVEN_NAMES, WOMEN_MIDDLE_NAMES } from './dataset/provinces.js';
import { Random } from './dataset/random.js';
import { BENCH_TOKEN_SECRET, round } from './harness.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** A province going live: its clubs, then their members, each file as provinces keep them. */
export const IMPORT_CLUBS = 400;
export const IMPORT_MEMBERS = 24_000;
const COMMUNES = 100;
const HAMLETS_PER_COMMUNE = 3;
export const IMPORT_BUDGETS = { previewSeconds: 15, commitSeconds: 60, serverMemoryMiB: 500 };
/**
 * The server's heap as deployed (the Dockerfile's NODE_OPTIONS): without a bound V8 collects
 * lazily and lets a process on a large machine grow far past what it holds alive.
 */
export const SERVER_HEAP_MIB = 320;

export interface ImportStep {
  file: string;
  rows: number;
  fileBytes: number;
  /** From the first byte sent to the answer with the import's id: upload, reading, checking, keeping the preview. */
  previewSeconds: number;
  commitSeconds: number | null;
  counts: { new: number; changed: number; unchanged: number; problems: number; warnings: number };
}

export type ImportMeasure =
  | {
      clubs: ImportStep;
      members: ImportStep;
      /** The members file uploaded again after its commit: every row must be unchanged. */
      membersAgain: ImportStep;
      /** The server process's peak resident memory over the whole run (VmHWM), its heap bounded as deployed. */
      serverPeakMiB: number | null;
      serverHeapMiB: number;
      membersInProvince: number;
      pass: boolean;
    }
  | { error: string };

type Log = (message: string) => void;

/**
 * The go-live day of a province the size the issue names: a clubs file of 400 rows and a members
 * file of 24.000 rows, both XLSX, uploaded as a province admin to the server in a process of its own
 * (production mode), in a database of their own (`<bench database>_import`, made afresh each run,
 * so the national dataset stays as it is). Times are seen by the client, as a province admin would.
 */
export async function measureDataImport(ownerUrl: string, login: LoginRole, log: Log): Promise<ImportMeasure> {
  const importOwnerUrl = withDatabase(ownerUrl, `${new URL(ownerUrl).pathname.slice(1)}_import`);
  let server: ServerProcess | undefined;
  try {
    await recreateDatabase(importOwnerUrl);
    const owner = createDataSource({ url: importOwnerUrl, poolSize: 1, applicationName: 'ishc-bench-import-migrate' });
    await owner.initialize();
    try {
      await migrate(owner, login);
    } finally {
      await owner.destroy();
    }
    const province = await makeProvince(importOwnerUrl);
    const files = await makeFiles(province.communes);
    server = await startServerProcess(process.execPath, [`--max-old-space-size=${SERVER_HEAP_MIB}`, '--import', 'tsx', fileURLToPath(new URL('./api-server.ts', import.meta.url))], {
      cwd: process.cwd(),
      env: { ...process.env, BENCH_API: JSON.stringify({ appUrl: appDatabaseUrl(importOwnerUrl, login) }) },
    });
    const base = server.url.replace(/\/graphql$/, '');
    const tokens = new TokenService(BENCH_TOKEN_SECRET, 3_600);
    const { token } = await tokens.issue({ userId: province.adminId, role: Role.PROVINCE_ADMIN, tenantId: province.tenantId, clubId: null, tokenVersion: 1 });
    const run = (name: string, kind: string, body: Buffer, rows: number, commit: boolean) => importFile(base, token, { name, kind, body, rows, commit });

    log(`  clubs: ${IMPORT_CLUBS} rows, ${round(files.clubs.length / 1024)} KiB XLSX`);
    const clubs = await run('cau-lac-bo.xlsx', 'clubs', files.clubs, IMPORT_CLUBS, true);
    log(`  clubs: preview ${clubs.previewSeconds} s, commit ${clubs.commitSeconds} s`);
    log(`  members: ${IMPORT_MEMBERS} rows, ${round(files.members.length / 1024)} KiB XLSX`);
    const members = await run('hoi-vien.xlsx', 'members', files.members, IMPORT_MEMBERS, true);
    log(`  members: preview ${members.previewSeconds} s, commit ${members.commitSeconds} s`);
    const membersAgain = await run('hoi-vien.xlsx', 'members', files.members, IMPORT_MEMBERS, false);
    log(`  members again: preview ${membersAgain.previewSeconds} s, ${membersAgain.counts.unchanged} unchanged`);
    const serverPeakMiB = await peakMemoryMiB(server.pid);
    const membersInProvince = await count(importOwnerUrl, 'select count(*)::int as n from member');
    const steps = [clubs, members];
    const pass =
      steps.every((step) => step.previewSeconds <= IMPORT_BUDGETS.previewSeconds && (step.commitSeconds ?? 0) <= IMPORT_BUDGETS.commitSeconds) &&
      clubs.counts.new === IMPORT_CLUBS && members.counts.new === IMPORT_MEMBERS && membersAgain.counts.unchanged === IMPORT_MEMBERS &&
      membersInProvince === IMPORT_MEMBERS && serverPeakMiB !== null && serverPeakMiB < IMPORT_BUDGETS.serverMemoryMiB;
    return { clubs, members, membersAgain, serverPeakMiB, serverHeapMiB: SERVER_HEAP_MIB, membersInProvince, pass };
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500) };
  } finally {
    await server?.stop().catch(() => undefined);
  }
}

async function importFile(
  base: string,
  token: string,
  file: { name: string; kind: string; body: Buffer; rows: number; commit: boolean },
): Promise<ImportStep> {
  const started = performance.now();
  const uploaded = await fetch(`${base}/imports/${file.kind}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file.body),
  });
  const answer = (await uploaded.json()) as { importId?: string; error?: { message: string; fields?: Array<{ message: string }> } };
  if (!answer.importId) throw new Error(`${file.kind}: ${uploaded.status} ${answer.error?.message ?? ''} ${(answer.error?.fields ?? []).map((field) => field.message).join('; ')}`);
  const previewSeconds = round((performance.now() - started) / 1000, 1);
  const graphql = async <T>(query: string): Promise<T> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { id: answer.importId } }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(`${file.kind}: ${body.errors?.map((error) => error.message).join('; ')}`);
    return body.data;
  };
  const { dataImport } = await graphql<{ dataImport: { counts: ImportStep['counts']; rows: Array<{ rowNumber: number; problems: Array<{ column: string; message: string }> }> } }>(
    'query Preview($id: ID!) { dataImport(id: $id) { counts { new changed unchanged problems warnings } rows(first: 3, onlyProblems: true) { rowNumber problems { column message } } } }',
  );
  if (dataImport.counts.problems) throw new Error(`${file.kind}: ${dataImport.counts.problems} rows with problems, e.g. ${JSON.stringify(dataImport.rows)}`);
  let commitSeconds: number | null = null;
  if (file.commit) {
    const committing = performance.now();
    await graphql('mutation Commit($id: ID!) { commitDataImport(id: $id) { status } }');
    commitSeconds = round((performance.now() - committing) / 1000, 1);
  }
  return { file: file.name, rows: file.rows, fileBytes: file.body.length, previewSeconds, commitSeconds, counts: dataImport.counts };
}

interface ProvinceMade {
  tenantId: string;
  adminId: string;
  communes: Array<{ code: string; name: string; hamlets: string[] }>;
}

/** A province with its communes and hamlets and one province admin, as the hierarchy import leaves it. */
async function makeProvince(ownerUrl: string): Promise<ProvinceMade> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ishc-bench-import' });
  await client.connect();
  try {
    await client.query('begin');
    const { rows: [tenant] } = await client.query<{ id: string }>(`insert into tenant (code, slug, name) values ('99', 'nhap-lieu', 'Tỉnh Nhập Liệu') returning id`);
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
    const { rows: [root] } = await client.query<{ id: string }>(`insert into admin_unit (code, name, kind) values ('99', 'Tỉnh Nhập Liệu', 'PROVINCE') returning id`);
    const random = new Random(13, 2026);
    const communes: ProvinceMade['communes'] = [];
    for (let index = 0; index < COMMUNES; index += 1) {
      const code = String(99_001 + index);
      const name = `Xã ${placeName(random)} ${index + 1}`;
      const { rows: [commune] } = await client.query<{ id: string }>(
        `insert into admin_unit (parent_id, code, name, kind) values ($1, $2, $3, 'COMMUNE') returning id`,
        [root.id, code, name],
      );
      const hamlets = Array.from({ length: HAMLETS_PER_COMMUNE }, (_, hamlet) => `Ấp ${placeName(random)} ${hamlet + 1}`);
      await client.query(
        `insert into admin_unit (parent_id, name, kind) select $1, name, 'HAMLET' from unnest($2::text[]) as name`,
        [commune.id, hamlets],
      );
      communes.push({ code, name, hamlets });
    }
    const { rows: [admin] } = await client.query<{ id: string }>(
      `insert into app_user (login, display_name, role, password_hash) values ('bench.import', 'Cán bộ nhập liệu', 'PROVINCE_ADMIN', 'not-for-sign-in') returning id`,
    );
    await client.query('commit');
    return { tenantId: tenant.id, adminId: admin.id, communes };
  } finally {
    await client.end();
  }
}

function placeName(random: Random): string {
  const first = random.pick(PLACE_SYLLABLES);
  const second = random.pick(PLACE_SYLLABLES);
  return `${first} ${second.toLowerCase()}`.normalize('NFC');
}

/**
 * The two files as a province would fill the templates: Vietnamese headers, 4 clubs a commune,
 * 60 members a club with their hamlet, household, board and home-care columns; one member in ten
 * without a citizen ID (found again by name and birth year).
 */
async function makeFiles(communes: ProvinceMade['communes']): Promise<{ clubs: Buffer; members: Buffer }> {
  const random = new Random(24_000, 400);
  const clubsBook = new ExcelJS.Workbook();
  const clubSheet = clubsBook.addWorksheet('Dữ liệu');
  clubSheet.addRow(['Tên câu lạc bộ', 'Xã, phường', 'Ấp, thôn, khu phố', 'Ngày thành lập', 'Tình trạng']);
  const clubs: Array<{ name: string; commune: ProvinceMade['communes'][number] }> = [];
  for (let index = 0; index < IMPORT_CLUBS; index += 1) {
    const commune = communes[index % communes.length];
    const name = `CLB Liên thế hệ tự giúp nhau ${commune.name} số ${Math.floor(index / communes.length) + 1}`;
    clubs.push({ name, commune });
    clubSheet.addRow([name, commune.code, random.pick(commune.hamlets), `${String(random.int(1, 28)).padStart(2, '0')}/${String(random.int(1, 12)).padStart(2, '0')}/${random.int(2017, 2025)}`, 'Đang hoạt động']);
  }
  const membersBook = new ExcelJS.Workbook();
  const memberSheet = membersBook.addWorksheet('Dữ liệu');
  memberSheet.addRow([
    'Câu lạc bộ', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Số CCCD', 'Ấp, thôn, khu phố', 'Ngày vào câu lạc bộ', 'Hộ nghèo, cận nghèo',
    'Dân tộc thiểu số', 'Khuyết tật', 'Sống một mình', 'Cần chăm sóc tại nhà', 'Tình nguyện viên chăm sóc tại nhà', 'Chức vụ trong ban chủ nhiệm', 'Số điện thoại',
  ]);
  const perClub = IMPORT_MEMBERS / IMPORT_CLUBS;
  let citizen = 0;
  for (const club of clubs) {
    for (let index = 0; index < perClub; index += 1) {
      const female = random.next() < 0.65;
      const birthYear = random.next() < 0.65 ? random.int(1935, 1966) : random.int(1967, 2000);
      const fullName = `${random.pick(FAMILY_NAMES)} ${random.pick(female ? WOMEN_MIDDLE_NAMES : MEN_MIDDLE_NAMES)} ${random.pick(female ? WOMEN_GIVEN_NAMES : MEN_GIVEN_NAMES)}`.normalize('NFC');
      citizen += 1;
      const citizenId = random.next() < 0.9 ? `0990${String(birthYear % 100).padStart(2, '0')}${String(citizen).padStart(6, '0')}` : '';
      const household = random.next();
      memberSheet.addRow([
        club.name, fullName, female ? 'Nữ' : 'Nam', birthYear, citizenId, random.pick(club.commune.hamlets),
        `${String(random.int(1, 28)).padStart(2, '0')}/${String(random.int(1, 12)).padStart(2, '0')}/${random.int(2017, 2025)}`,
        household < 0.15 ? 'Hộ nghèo' : household < 0.25 ? 'Hộ cận nghèo' : '', random.next() < 0.1 ? 'Khmer' : '',
        random.next() < 0.05 ? 'Có' : '', random.next() < 0.1 ? 'Có' : '', random.next() < 0.08 ? 'Có' : '', index >= 4 && index < 10 ? 'Có' : '',
        ['Chủ nhiệm', 'Phó chủ nhiệm', 'Thủ quỹ', 'Thư ký'][index] ?? '', random.next() < 0.5 ? `09${String(random.int(10_000_000, 99_999_999))}` : '',
      ]);
    }
  }
  return {
    clubs: Buffer.from(await clubsBook.xlsx.writeBuffer()),
    members: Buffer.from(await membersBook.xlsx.writeBuffer()),
  };
}

/** The peak resident memory of a process (Linux), in MiB. */
async function peakMemoryMiB(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const peak = /VmHWM:\s+(\d+) kB/.exec(status);
  return peak ? round(Number(peak[1]) / 1024, 0) : null;
}

async function count(ownerUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows[0].n;
  } finally {
    await client.end();
  }
}
