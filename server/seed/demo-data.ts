import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/passwords.js';
import { recordAudit } from '../src/audit/audit.service.js';
import { createClub } from '../src/clubs/club.service.js';
import { withDatabaseScope } from '../src/database/scoped.js';
import { mergeProvinces } from '../src/tenants/tenant-merge.service.js';
import { normalizeText } from '../src/text.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, type DemoProvinceKey } from './demo-accounts.js';
import {
  MEKONG_PEOPLE,
  NORTHERN_PEOPLE,
  planClubHistory,
  writeClubHistories,
  type ClubHistory,
  type PeopleOfArea,
  type RecordedClub,
} from './demo-club-records.js';
import { seedDemoClubPart, seedDemoClubs } from './demo-clubs.js';
import { seedReferenceFigures } from './demo-reference-figures.js';
import {
  foundPlannedClubs,
  KIEN_GIANG_SCHEME_TITLE,
  markSampleClubs,
  recordKienGiangSpending,
  sampleSchemeTitle,
  seedKienGiangScheme,
  seedSampleScheme2026,
  seedThaiNguyenScheme,
  type SampleSchemeSpec,
} from './demo-schemes.js';
import { DEMO_MERGES, DEMO_PROVINCES, NEW_AN_GIANG, REFORM_DAY, demoProvince, type DemoClub, type DemoProvince, type DemoUnit } from './demo-units.js';

const SEED_REQUEST = 'seed-demo';

/*
 * The demo as the program stands now (the 2026 map): Kiên Giang and the old An Giang merged into
 * the new An Giang, Bắc Kạn into Thái Nguyên, from 1 July 2025. The workspaces are loaded as they
 * lived it: each province's history dated before the merge in its own scope, then the merges, made
 * by the national administration through the merge service (which refuses a province with
 * activity dated from the merge day on), then what is dated from that day in the merged
 * provinces' scopes. Everything goes through the same roles and policies as the application.
 */

/** Sample clubs of the small predecessor workspaces and of Thái Nguyên's 2017–2020 scale. */
interface SampleClub {
  key: string;
  province: DemoProvinceKey;
  /** GSO code of the commune, or its name where the demo has no code for it. */
  commune: string;
  name: string;
  foundedOn: string;
  recordsFrom: string;
  rosterSize: number;
  people: PeopleOfArea;
  meetingDay: number;
}

const KHMER_AREA: PeopleOfArea = { ...MEKONG_PEOPLE, minorityShare: 0.55, minorities: MEKONG_PEOPLE.minorities.slice(0, 1) };
const TAY_AREA: PeopleOfArea = { ...NORTHERN_PEOPLE, minorityShare: 0.75 };

/**
 * The clubs' meetings, contributions and loans of the demo start in January 2024 (or at the club's
 * founding), their monthly reports in January 2025: three years of records and two of reports show
 * every state a club and a report pass through, and keep the first start quick (each report's
 * frozen figures cost a computation; every row before the merge is moved by it).
 */
const RECORDS_FROM = '2024-01';
const REPORTS_FROM = '2025-01';

/** The first month of records kept for Thái Nguyên's sample clubs: the six months before now. */
function sixMonthsAgo(today = new Date()): string {
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 6, 1));
  return month.toISOString().slice(0, 7);
}

/**
 * Thái Nguyên's 2017–2020 scheme aimed at 400 clubs or more; the demo shows a sample of 40 in the
 * wards and communes of Thái Nguyên city, founded over the scheme's years, marked as sample.
 */
function thaiNguyenSampleClubs(): SampleClub[] {
  const communes = demoProvince('thai-nguyen').units[0].children!.filter((unit) => unit.code !== '05437');
  const recordsFrom = sixMonthsAgo();
  return Array.from({ length: 40 }, (_, index) => {
    const commune = communes[index % communes.length];
    const second = index >= communes.length;
    const year = 2017 + Math.floor((index * 4) / 40);
    const month = year === 2017 ? 9 + (index % 4) : 1 + ((index * 5) % 12);
    const place = `${commune.kind === 'WARD' ? 'phường' : 'xã'} ${commune.name}`;
    return {
      key: `tn-sample-${index}`,
      province: 'thai-nguyen' as const,
      commune: commune.code!,
      name: second ? `CLB Liên thế hệ tự giúp nhau số 2 ${place}` : `CLB Liên thế hệ tự giúp nhau ${place}`,
      foundedOn: `${year}-${String(month).padStart(2, '0')}-${String(5 + (index % 20)).padStart(2, '0')}`,
      recordsFrom,
      rosterSize: 35 + (index % 21),
      people: NORTHERN_PEOPLE,
      meetingDay: 6 + (index % 18),
    };
  });
}

function smallWorkspaceClubs(): SampleClub[] {
  return [
    { key: 'ag-my-long', province: 'old-an-giang', commune: 'Mỹ Long', name: 'CLB Liên thế hệ tự giúp nhau phường Mỹ Long', foundedOn: '2019-08-12', recordsFrom: RECORDS_FROM, rosterSize: 26, people: MEKONG_PEOPLE, meetingDay: 12 },
    { key: 'ag-an-hao', province: 'old-an-giang', commune: 'An Hảo', name: 'CLB Liên thế hệ tự giúp nhau xã An Hảo', foundedOn: '2022-05-20', recordsFrom: RECORDS_FROM, rosterSize: 22, people: KHMER_AREA, meetingDay: 20 },
    { key: 'bk-song-cau', province: 'bac-kan', commune: 'Sông Cầu', name: 'CLB Liên thế hệ tự giúp nhau phường Sông Cầu', foundedOn: '2020-10-15', recordsFrom: RECORDS_FROM, rosterSize: 24, people: NORTHERN_PEOPLE, meetingDay: 15 },
    { key: 'bk-nam-mau', province: 'bac-kan', commune: 'Nam Mẫu', name: 'CLB Liên thế hệ tự giúp nhau xã Nam Mẫu', foundedOn: '2021-09-10', recordsFrom: RECORDS_FROM, rosterSize: 18, people: TAY_AREA, meetingDay: 10 },
  ];
}

const SAMPLE_SCHEMES: Partial<Record<DemoProvinceKey, SampleSchemeSpec & { people: PeopleOfArea }>> = {
  'an-giang': {
    province: 'An Giang',
    managingAgency: 'Sở Y tế tỉnh An Giang',
    newClubs: 100,
    clubsMaintained: 40,
    communes2026: ['30790', '30805', 'Mỹ Xuyên', 'Tân Lập'],
    people: MEKONG_PEOPLE,
  },
  'thai-nguyen': {
    province: 'Thái Nguyên',
    managingAgency: 'Sở Y tế tỉnh Thái Nguyên',
    newClubs: 80,
    clubsMaintained: 42,
    communes2026: ['05485', '05491', 'Khang Ninh', 'Đức Xuân'],
    people: NORTHERN_PEOPLE,
  },
};

/**
 * Loads the demo workspaces into an installation that has none. Says whether it loaded them: an
 * installation with any workspace is left as it is (ensureDemoSchemes completes a demo loaded by an
 * older version).
 */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tenantIds = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    // One loader at a time; a second finds the workspaces and leaves them.
    await db.query(`select pg_advisory_xact_lock(hashtext('seed-demo'))`);
    const [existing]: Array<{ count: number }> = await db.query('select count(*)::int as count from tenant');
    if (existing.count) return null;
    const ids = new Map<DemoProvinceKey, string>();
    for (const province of DEMO_PROVINCES) ids.set(province.key, await createProvince(db, province));
    for (const account of DEMO_ACCOUNTS.filter((demo) => !demo.province)) {
      await db.query(
        `insert into app_user (login, display_name, role, password_hash) values ($1, $2, $3, $4) on conflict (login) do nothing`,
        [account.login, account.displayName, account.role, passwordHash],
      );
    }
    return ids;
  });
  if (!tenantIds) return false;

  // Before the merges: each province's own history, in its own scope.
  const histories = new Map<DemoProvinceKey, ClubHistory[]>();
  for (const province of DEMO_PROVINCES) {
    const tenantId = tenantIds.get(province.key)!;
    await withDatabaseScope(dataSource, { role: 'ishc_province', tenantId }, async (db) => {
      const rootId = await rootUnitOf(db);
      const unitIds = new Map<string, string>([[province.code, rootId]]);
      await ensureUnits(db, rootId, province.units, unitIds);
      const clubIds = new Map<string, string>();
      for (const club of province.clubs) clubIds.set(club.name, await ensureClub(db, club, unitIds));
      for (const account of DEMO_ACCOUNTS.filter((demo) => demo.province === province.key)) {
        await insertAccount(db, account, account.club ? (clubIds.get(account.club) ?? null) : null, passwordHash);
      }
      await seedReferenceFigures(db, province.key);

      const clubs: RecordedClub[] = [];
      if (province.key === 'kien-giang') {
        await seedKienGiangScheme(db);
        clubs.push(...(await foundPlannedClubs(db, KIEN_GIANG_SCHEME_TITLE, { people: MEKONG_PEOPLE, keyPrefix: 'kg', sample: false, recordsFrom: RECORDS_FROM, reportsFrom: REPORTS_FROM })));
        await recordKienGiangSpending(db, { before: REFORM_DAY });
      }
      if (province.key === 'thai-nguyen') await seedThaiNguyenScheme(db);
      const samples = [...smallWorkspaceClubs(), ...thaiNguyenSampleClubs()].filter((club) => club.province === province.key);
      clubs.push(...(await foundSampleClubs(db, samples)));

      const planned = clubs.map((club) => planClubHistory(club));
      histories.set(province.key, planned);
      // Thái Nguyên is not merged away: its whole history is written now.
      const window = isMergedAway(province.key) ? { before: REFORM_DAY } : {};
      await writeClubHistories(db, planned, window, await reportPeople(db));
      for (const club of province.clubs) await seedDemoClubPart(db, club.name, window);
    });
  }

  // The merges, as the national administration makes them.
  const successorIds = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    const ids = new Map<DemoProvinceKey, string>(tenantIds);
    for (const merge of DEMO_MERGES) {
      const { successorId } = await mergeProvinces(db, SEED_REQUEST, {
        predecessorIds: merge.predecessors.map((key) => tenantIds.get(key)!),
        successorId: typeof merge.successor === 'string' ? tenantIds.get(merge.successor)! : null,
        successor: typeof merge.successor === 'string' ? null : { code: merge.successor.code, name: merge.successor.name, slug: merge.successor.slug },
        effectiveOn: merge.effectiveOn,
        reason: merge.reason,
        predecessorAdmins: 'MOVE',
      });
      ids.set(typeof merge.successor === 'string' ? merge.successor : merge.successor.key, successorId);
    }
    return ids;
  });

  // From the merge day on, in the merged provinces' scopes.
  for (const merge of DEMO_MERGES) {
    const successorKey = typeof merge.successor === 'string' ? merge.successor : merge.successor.key;
    const tenantId = successorIds.get(successorKey)!;
    await withDatabaseScope(dataSource, { role: 'ishc_province', tenantId }, async (db) => {
      for (const account of DEMO_ACCOUNTS.filter((demo) => demo.province === successorKey && successorKey === NEW_AN_GIANG.key)) {
        await insertAccount(db, account, null, passwordHash);
      }
      if (successorKey === NEW_AN_GIANG.key) await seedReferenceFigures(db, successorKey);
      const inherited = merge.predecessors.flatMap((key) => histories.get(key) ?? []);
      const people = await reportPeople(db);
      await writeClubHistories(db, inherited, { from: REFORM_DAY }, people);
      for (const key of merge.predecessors) {
        for (const club of demoProvince(key).clubs) await seedDemoClubPart(db, club.name, { from: REFORM_DAY });
      }
      if (merge.predecessors.includes('kien-giang')) await recordKienGiangSpending(db, { from: REFORM_DAY });

      // The current phase: a 2026–2030 scheme under 1648/QĐ-TTg with this year's clubs (samples).
      const scheme = SAMPLE_SCHEMES[successorKey];
      if (scheme && (await seedSampleScheme2026(db, scheme))) {
        const clubs = await foundPlannedClubs(db, sampleSchemeTitle(scheme.province), { people: scheme.people, keyPrefix: `${successorKey}-2026`, sample: true });
        await writeClubHistories(db, clubs.map((club) => planClubHistory(club)), {}, people);
      }
    });
  }
  return true;
}

function isMergedAway(key: DemoProvinceKey): boolean {
  return DEMO_MERGES.some((merge) => merge.predecessors.includes(key));
}

/** The province's administrator decides its clubs' reports; club staff accounts send their club's. */
async function reportPeople(db: EntityManager) {
  const accounts: Array<{ id: string; login: string; club_id: string | null; role: string }> = await db.query(
    `select id, login, club_id, role from app_user order by login`,
  );
  const admins = accounts.filter((account) => account.role === 'PROVINCE_ADMIN');
  // The province's own administrator first: in An Giang the new account rather than Kiên Giang's.
  const decider = admins.find((account) => DEMO_ACCOUNTS.some((demo) => demo.login === account.login && demo.province === NEW_AN_GIANG.key)) ?? admins[0];
  return {
    deciderId: decider?.id ?? null,
    submitterIds: new Map(accounts.filter((account) => account.club_id).map((account) => [account.club_id!, account.id])),
  };
}

/** Sample clubs, founded in their commune and marked as sample. */
async function foundSampleClubs(db: EntityManager, samples: SampleClub[]): Promise<RecordedClub[]> {
  const clubs: RecordedClub[] = [];
  for (const sample of samples) {
    const [commune]: Array<{ id: string }> = await db.query(
      'select id from admin_unit where level = 3 and valid_to is null and (code = $1 or (code is null and name = $1)) order by sort_key limit 1',
      [sample.commune],
    );
    if (!commune) throw new Error(`demo data: no commune ${sample.commune} for ${sample.name}`);
    const club = await createClub(db, SEED_REQUEST, {
      communeId: commune.id,
      name: sample.name,
      foundedOn: sample.foundedOn,
      maxActiveLoansPerMember: 1,
    } as Parameters<typeof createClub>[2]);
    clubs.push({
      key: sample.key,
      clubId: club.id,
      foundedOn: sample.foundedOn,
      recordsFrom: sample.recordsFrom > sample.foundedOn.slice(0, 7) ? sample.recordsFrom : sample.foundedOn.slice(0, 7),
      reportsFrom: REPORTS_FROM,
      rosterSize: sample.rosterSize,
      people: sample.people,
      hamletIds: [],
      seedCapital: { amount: 15_000_000n, description: 'Vốn ban đầu do Hội Người cao tuổi tỉnh vận động (dữ liệu mẫu)' },
      contribution: 10_000n,
      meetingDay: sample.meetingDay,
    });
  }
  await markSampleClubs(db, clubs.map((club) => club.clubId));
  return clubs;
}

export interface DemoSchemesResult {
  /** Provinces whose demo scheme was loaded now. */
  loaded: string[];
  /** Provinces whose demo scheme could not be loaded (their hierarchy was changed, say), and why. */
  failed: Array<{ province: string; reason: string }>;
}

/** The workspaces a later start completes, found by code and slug among those in use. */
const ENSURED: Array<{ key: DemoProvinceKey; code: string; slug: string; name: string; seed: (db: EntityManager) => Promise<boolean> }> = [
  // A Kiên Giang still in use was loaded by a version before the 2026 map.
  { key: 'kien-giang', code: '91', slug: 'kien-giang', name: 'Kiên Giang', seed: seedKienGiangScheme },
  { key: 'an-giang', code: '91', slug: 'an-giang', name: 'An Giang', seed: (db) => seedSampleScheme2026(db, SAMPLE_SCHEMES['an-giang']!) },
  { key: 'thai-nguyen', code: '19', slug: 'thai-nguyen', name: 'Thái Nguyên', seed: seedThaiNguyenSchemes },
];

/** Thái Nguyên's 2017–2020 scheme, and its 2026–2030 one once it holds Bắc Kạn (whose communes that plan names). */
async function seedThaiNguyenSchemes(db: EntityManager): Promise<boolean> {
  const historical = await seedThaiNguyenScheme(db);
  const absorbed: unknown[] = await db.query('select 1 from tenant_lineage where successor_id = ishc.current_tenant_id()');
  const current = absorbed.length ? await seedSampleScheme2026(db, SAMPLE_SCHEMES['thai-nguyen']!) : false;
  return historical || current;
}

/**
 * The demo schemes and clubs' records for demo workspaces that exist without them (loaded before those existed):
 * each province in its own scope and transaction, under a lock so that two servers starting
 * together load it once. A province whose data no longer fits is reported and left as it is.
 * A retired workspace takes nothing: its history is its successor's now.
 */
export async function ensureDemoSchemes(dataSource: DataSource): Promise<DemoSchemesResult> {
  const tenants = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    const found = new Map<DemoProvinceKey, string>();
    for (const province of ENSURED) {
      const rows: Array<{ id: string }> = await db.query(`select id from tenant where code = $1 and slug = $2 and status <> 'RETIRED'`, [province.code, province.slug]);
      if (rows.length) found.set(province.key, rows[0].id);
    }
    return found;
  });
  const result: DemoSchemesResult = { loaded: [], failed: [] };
  for (const province of ENSURED) {
    const tenantId = tenants.get(province.key);
    if (!tenantId) continue;
    try {
      const loaded = await withDatabaseScope(dataSource, { role: 'ishc_province', tenantId }, async (db) => {
        await db.query(`select pg_advisory_xact_lock(hashtext('seed-demo-schemes'), hashtext($1))`, [tenantId]);
        const schemeLoaded = await province.seed(db);
        // Demo clubs added since the workspace was loaded (the Túc Duyên club came later), with
        // their staff accounts.
        const demo = DEMO_PROVINCES.find((candidate) => candidate.key === province.key);
        const clubsAdded = demo ? await ensureDemoClubs(db, demo) : false;
        // Workspaces loaded before clubs kept their records get the demo clubs' months too.
        const clubsLoaded = await seedDemoClubs(db);
        return schemeLoaded || clubsAdded || clubsLoaded;
      });
      if (loaded) result.loaded.push(province.name);
    } catch (error) {
      result.failed.push({ province: province.name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

/** A province workspace with its root unit, as it stood before the reform. */
async function createProvince(db: EntityManager, province: DemoProvince): Promise<string> {
  const [tenant]: Array<{ id: string }> = await db.query(
    'insert into tenant (code, slug, name) values ($1, $2, $3) returning id',
    [province.code, province.slug, normalizeText(province.name)],
  );
  await db.query(
    `insert into admin_unit (tenant_id, code, name, kind, valid_from) values ($1, $2, $3, 'PROVINCE', $4)`,
    [tenant.id, province.code, normalizeText(province.name), province.validFrom ?? null],
  );
  if (province.sample) await db.query('update tenant set sample = true where id = $1', [tenant.id]);
  await recordAudit(db, SEED_REQUEST, { action: 'tenant.create', entityType: 'tenant', entityId: tenant.id, tenantId: tenant.id });
  return tenant.id;
}

async function rootUnitOf(db: EntityManager): Promise<string> {
  const [root]: Array<{ id: string }> = await db.query('select id from admin_unit where parent_id is null and valid_to is null order by sort_key limit 1');
  return root.id;
}

async function ensureUnits(db: EntityManager, parentId: string, units: DemoUnit[], unitIds: Map<string, string>): Promise<void> {
  for (const unit of units) {
    const name = normalizeText(unit.name);
    // Units without a GSO code are found again by parent and name, so a second run adds nothing.
    const existing: Array<{ id: string }> = unit.code
      ? await db.query('select id from admin_unit where code = $1', [unit.code])
      : await db.query('select id from admin_unit where parent_id = $1 and name = $2', [parentId, name]);
    const [row]: Array<{ id: string }> = existing.length
      ? existing
      : await db.query(
          `insert into admin_unit (parent_id, code, name, kind, valid_from) values ($1, $2, $3, $4, $5) returning id`,
          [parentId, unit.code ?? null, name, unit.kind, unit.validFrom ?? null],
        );
    if (unit.code) unitIds.set(unit.code, row.id);
    await ensureUnits(db, row.id, unit.children ?? [], unitIds);
  }
}

/**
 * The province's demo clubs that are missing, made in their commune when it is still there, and
 * the missing staff accounts of its demo clubs. Says whether it made any.
 */
async function ensureDemoClubs(db: EntityManager, province: DemoProvince): Promise<boolean> {
  let made = false;
  const clubIds = new Map<string, string>();
  for (const club of province.clubs) {
    const [existing]: Array<{ id: string }> = await db.query('select id from club where name = $1', [normalizeText(club.name)]);
    if (existing) {
      clubIds.set(club.name, existing.id);
      continue;
    }
    const [commune]: Array<{ id: string }> = await db.query('select id from admin_unit where code = $1 and valid_to is null', [club.communeCode]);
    if (!commune) continue;
    clubIds.set(club.name, await insertClub(db, club, commune.id));
    made = true;
  }
  let passwordHash: string | undefined;
  for (const account of DEMO_ACCOUNTS.filter((demo) => demo.province === province.key && demo.club)) {
    const clubId = clubIds.get(account.club!);
    const known: unknown[] = await db.query('select 1 from app_user where login = $1', [account.login]);
    if (!clubId || known.length) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    made = (await insertAccount(db, account, clubId, passwordHash)) || made;
  }
  return made;
}

/** A demo account of a province or club; says whether it was made (a login taken is left as it is). */
async function insertAccount(db: EntityManager, account: DemoAccount, clubId: string | null, passwordHash: string): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `insert into app_user (login, display_name, role, club_id, password_hash) values ($1, $2, $3, $4, $5)
     on conflict (login) do nothing returning id`,
    [account.login, account.displayName, account.role, clubId, passwordHash],
  );
  return inserted.length > 0;
}

async function ensureClub(db: EntityManager, club: DemoClub, unitIds: Map<string, string>): Promise<string> {
  const existing: Array<{ id: string }> = await db.query('select id from club where name = $1', [normalizeText(club.name)]);
  return existing.length ? existing[0].id : insertClub(db, club, unitIds.get(club.communeCode)!);
}

async function insertClub(db: EntityManager, club: DemoClub, communeId: string): Promise<string> {
  const name = normalizeText(club.name);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into club (commune_id, name, status, founded_on) values ($1, $2, 'ACTIVE', $3) returning id`,
    [communeId, name, club.foundedOn ?? null],
  );
  await recordAudit(db, SEED_REQUEST, { action: 'club.create', entityType: 'club', entityId: row.id, after: { name } });
  return row.id;
}
