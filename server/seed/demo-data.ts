import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/passwords.js';
import { recordAudit } from '../src/audit/audit.service.js';
import { withDatabaseScope } from '../src/database/scoped.js';
import { normalizeText } from '../src/text.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.js';
import { seedDemoClubs } from './demo-clubs.js';
import { seedKienGiangScheme, seedThaiNguyenScheme } from './demo-schemes.js';
import { DEMO_PROVINCES, type DemoClub, type DemoProvince, type DemoUnit } from './demo-units.js';

const SEED_REQUEST = 'seed-demo';

/**
 * Loads the demo workspaces through the same roles and policies as the application:
 * provinces as national administration, each province's units, club and accounts in
 * that province's own scope. Safe to run again: what exists is left as it is.
 */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tenantIds = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    const ids = new Map<string, string>();
    for (const province of DEMO_PROVINCES) ids.set(province.code, await ensureProvince(db, province));
    for (const account of DEMO_ACCOUNTS.filter((demo) => !demo.provinceCode)) {
      await db.query(
        `insert into app_user (login, display_name, role, password_hash) values ($1, $2, $3, $4)
         on conflict (login) do nothing`,
        [account.login, account.displayName, account.role, passwordHash],
      );
    }
    return ids;
  });

  for (const province of DEMO_PROVINCES) {
    const tenantId = tenantIds.get(province.code)!;
    await withDatabaseScope(dataSource, { role: 'ishc_province', tenantId }, async (db) => {
      const rootId = await rootUnitOf(db);
      const unitIds = new Map<string, string>([[province.code, rootId]]);
      await ensureUnits(db, rootId, province.units, unitIds);
      const clubIds = new Map<string, string>();
      for (const club of province.clubs) clubIds.set(club.name, await ensureClub(db, club, unitIds));
      for (const account of DEMO_ACCOUNTS.filter((demo) => demo.provinceCode === province.code)) {
        await insertAccount(db, account, account.club ? (clubIds.get(account.club) ?? null) : null, passwordHash);
      }
      await DEMO_SCHEMES[province.code]?.(db);
      await seedDemoClubs(db);
    });
  }
}

const DEMO_SCHEMES: Record<string, (db: EntityManager) => Promise<boolean>> = {
  '91': seedKienGiangScheme,
  '19': seedThaiNguyenScheme,
};

export interface DemoSchemesResult {
  /** Provinces whose demo scheme was loaded now. */
  loaded: string[];
  /** Provinces whose demo scheme could not be loaded (their hierarchy was changed, say), and why. */
  failed: Array<{ province: string; reason: string }>;
}

/**
 * The demo schemes and clubs' records for demo workspaces that exist without them (loaded before those existed):
 * each province in its own scope and transaction, under a lock so that two servers starting
 * together load it once. A province whose data no longer fits is reported and left as it is.
 */
export async function ensureDemoSchemes(dataSource: DataSource): Promise<DemoSchemesResult> {
  const tenants = await withDatabaseScope(dataSource, { role: 'ishc_national_admin' }, async (db) => {
    const found = new Map<string, string>();
    for (const province of DEMO_PROVINCES) {
      const rows: Array<{ id: string }> = await db.query('select id from tenant where code = $1 and slug = $2', [province.code, province.slug]);
      if (rows.length) found.set(province.code, rows[0].id);
    }
    return found;
  });
  const result: DemoSchemesResult = { loaded: [], failed: [] };
  for (const province of DEMO_PROVINCES) {
    const tenantId = tenants.get(province.code);
    const seed = DEMO_SCHEMES[province.code];
    if (!tenantId || !seed) continue;
    try {
      const loaded = await withDatabaseScope(dataSource, { role: 'ishc_province', tenantId }, async (db) => {
        await db.query(`select pg_advisory_xact_lock(hashtext('seed-demo-schemes'), hashtext($1))`, [tenantId]);
        const schemeLoaded = await seed(db);
        // Demo clubs added since the workspace was loaded (the Túc Duyên club came later), with
        // their staff accounts.
        const clubsAdded = await ensureDemoClubs(db, province);
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

async function ensureProvince(db: EntityManager, province: DemoProvince): Promise<string> {
  const existing: Array<{ id: string }> = await db.query('select id from tenant where code = $1', [province.code]);
  if (existing.length) return existing[0].id;
  const [tenant]: Array<{ id: string }> = await db.query(
    'insert into tenant (code, slug, name) values ($1, $2, $3) returning id',
    [province.code, province.slug, normalizeText(province.name)],
  );
  await db.query(
    `insert into admin_unit (tenant_id, code, name, kind, valid_from) values ($1, $2, $3, 'PROVINCE', $4)`,
    [tenant.id, province.code, normalizeText(province.name), province.validFrom ?? null],
  );
  await recordAudit(db, SEED_REQUEST, { action: 'tenant.create', entityType: 'tenant', entityId: tenant.id, tenantId: tenant.id });
  return tenant.id;
}

async function rootUnitOf(db: EntityManager): Promise<string> {
  const [root]: Array<{ id: string }> = await db.query('select id from admin_unit where parent_id is null order by sort_key limit 1');
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
    clubIds.set(club.name, await createClub(db, club, commune.id));
    made = true;
  }
  let passwordHash: string | undefined;
  for (const account of DEMO_ACCOUNTS.filter((demo) => demo.provinceCode === province.code && demo.club)) {
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
  return existing.length ? existing[0].id : createClub(db, club, unitIds.get(club.communeCode)!);
}

async function createClub(db: EntityManager, club: DemoClub, communeId: string): Promise<string> {
  const name = normalizeText(club.name);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into club (commune_id, name, status, founded_on) values ($1, $2, 'ACTIVE', $3) returning id`,
    [communeId, name, club.foundedOn ?? null],
  );
  await recordAudit(db, SEED_REQUEST, { action: 'club.create', entityType: 'club', entityId: row.id, after: { name } });
  return row.id;
}
