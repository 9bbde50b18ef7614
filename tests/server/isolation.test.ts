import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asClub, asNational, asOwner, asTenant, demoIds, openTestDatabase, sqlStateOf, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let ids: DemoIds;
let otherClubId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  const [club]: Array<{ id: string }> = await database.owner.query(
    `insert into club (tenant_id, commune_id, name) values ($1, (select id from admin_unit where code = '30790'), 'CLB xã Kiên Bình')
     returning id`,
    [ids.anGiang],
  );
  otherClubId = club.id;
});

afterAll(async () => {
  await database?.close();
});

describe('a province scope', () => {
  it('sees none of another province’s rows with a raw SELECT', async () => {
    const tenants = await asTenant(database, ids.anGiang, (db) => db.query('select distinct tenant_id from admin_unit'));
    expect(tenants).toEqual([{ tenant_id: ids.anGiang }]);
    // Its own workspace and those merged into it (history), nothing else.
    const visibleTenants = await asTenant(database, ids.anGiang, (db) => db.query('select code, name, status from tenant order by code, status'));
    expect(visibleTenants).toEqual([
      { code: '89', name: 'An Giang', status: 'RETIRED' },
      { code: '91', name: 'An Giang', status: 'ACTIVE' },
      { code: '91', name: 'Kiên Giang', status: 'RETIRED' },
    ]);
    const tucDuyen = await asTenant(database, ids.anGiang, (db) => db.query('select * from admin_unit where id = $1', [ids.tucDuyen]));
    expect(tucDuyen).toEqual([]);
  });

  it('cannot insert a row carrying another province’s tenant_id', async () => {
    const state = await sqlStateOf(
      asTenant(database, ids.anGiang, (db) =>
        db.query(`insert into admin_unit (tenant_id, name, kind) values ($1, 'Tỉnh lạ', 'PROVINCE')`, [ids.thaiNguyen]),
      ),
    );
    expect(state).toBe('42501');
    const user = await sqlStateOf(
      asTenant(database, ids.anGiang, (db) =>
        db.query(`insert into audit_event (tenant_id, action, entity_type) values ($1, 'x', 'y')`, [ids.thaiNguyen]),
      ),
    );
    expect(user).toBe('42501');
  });

  it('cannot update or delete another province’s rows (they are invisible)', async () => {
    const result = await asTenant(database, ids.anGiang, async (db) => {
      const updated: [unknown[], number] = await db.query(`update admin_unit set name = 'X' where id = $1`, [ids.tucDuyen]);
      const deleted: [unknown[], number] = await db.query(`delete from club where tenant_id = $1`, [ids.thaiNguyen]);
      return [updated[1], deleted[1]];
    });
    expect(result).toEqual([0, 0]);
    const [unit] = await database.owner.query('select name from admin_unit where id = $1', [ids.tucDuyen]);
    expect(unit.name).toBe('Túc Duyên');
  });

  it('gets its own tenant_id by default on insert', async () => {
    const [row] = await asTenant(database, ids.anGiang, (db) =>
      db.query(`insert into admin_unit (parent_id, name, kind) values ($1, 'Khu phố 1', 'QUARTER') returning tenant_id, level`, [
        ids.kienLuongTown,
      ]),
    );
    expect(row).toEqual({ tenant_id: ids.anGiang, level: 4 });
  });

  it('cannot point a row at another province’s row (composite foreign keys)', async () => {
    const inScope = await sqlStateOf(
      asTenant(database, ids.anGiang, (db) =>
        db.query(`insert into club (commune_id, name) values ($1, 'CLB lạc tỉnh')`, [ids.tucDuyen]),
      ),
    );
    expect(inScope).toBe('23503');
    // Even the owner, past every policy, cannot make the cross-province reference.
    const asTheOwner = await sqlStateOf(
      asOwner(database, (db) =>
        db.query(`insert into club (tenant_id, commune_id, name) values ($1, $2, 'CLB lạc tỉnh')`, [ids.anGiang, ids.tucDuyen]),
      ),
    );
    expect(asTheOwner).toBe('23503');
  });

  it('cannot read password hashes', async () => {
    const state = await sqlStateOf(asTenant(database, ids.anGiang, (db) => db.query('select password_hash from app_user')));
    expect(state).toBe('42501');
  });

  it('cannot rewrite or erase the audit trail', async () => {
    const update = await sqlStateOf(asTenant(database, ids.anGiang, (db) => db.query(`update audit_event set action = 'x'`)));
    const erase = await sqlStateOf(asTenant(database, ids.anGiang, (db) => db.query('delete from audit_event')));
    expect([update, erase]).toEqual(['42501', '42501']);
  });

  it('with no tenant set sees nothing and can insert nothing', async () => {
    const rows = await asTenant(database, '', (db) => db.query('select * from admin_unit'));
    expect(rows).toEqual([]);
    const state = await sqlStateOf(
      asTenant(database, '', (db) => db.query(`insert into admin_unit (name, kind) values ('Tỉnh ma', 'PROVINCE')`)),
    );
    expect(state).toBe('42501');
  });
});

describe('a club scope', () => {
  it('reads its own club and not another club of the same province', async () => {
    const clubs = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select id from club'));
    expect(clubs).toEqual([{ id: ids.kienLuongClub }]);
    const other = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select id from club where id = $1', [otherClubId]));
    expect(other).toEqual([]);
  });

  it('cannot write another club’s row, nor create clubs', async () => {
    const [, updated]: [unknown[], number] = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) =>
      db.query(`update club set name = 'Đổi tên' where id = $1`, [otherClubId]),
    );
    expect(updated).toBe(0);
    const insert = await sqlStateOf(
      asClub(database, ids.anGiang, ids.kienLuongClub, (db) =>
        db.query(`insert into club (commune_id, name) values ($1, 'CLB mới')`, [ids.kienLuongTown]),
      ),
    );
    expect(insert).toBe('42501');
  });

  it('reads its province’s hierarchy, not another province’s', async () => {
    const tenants = await asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select distinct tenant_id from admin_unit'));
    expect(tenants).toEqual([{ tenant_id: ids.anGiang }]);
  });
});

describe('a national viewer scope', () => {
  it('reads every province', async () => {
    const codes = await asNational(database, (db) => db.query('select code from tenant order by code'));
    expect(codes).toEqual([{ code: '06' }, { code: '19' }, { code: '89' }, { code: '91' }, { code: '91' }]);
    const units = await asNational(database, (db) => db.query('select count(distinct tenant_id)::int as provinces from admin_unit'));
    expect(units).toEqual([{ provinces: 2 }]);
  });

  it('cannot write tenant data', async () => {
    const insert = await sqlStateOf(
      asNational(database, (db) =>
        db.query(`insert into admin_unit (tenant_id, name, kind) values ($1, 'Tỉnh mới', 'PROVINCE')`, [ids.anGiang]),
      ),
    );
    const update = await sqlStateOf(asNational(database, (db) => db.query(`update club set name = 'x'`)));
    const remove = await sqlStateOf(asNational(database, (db) => db.query('delete from admin_unit')));
    const tenant = await sqlStateOf(asNational(database, (db) => db.query(`insert into tenant (code, slug, name) values ('01', 'ha-noi', 'Hà Nội')`)));
    expect([insert, update, remove, tenant]).toEqual(['42501', '42501', '42501', '42501']);
  });
});

describe('the database catalogue', () => {
  it('gives every table with a tenant_id column enabled and forced row-level security and a policy', async () => {
    const tables: Array<{ table: string; enabled: boolean; forced: boolean; policies: number }> = await database.owner.query(`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p')
         and n.nspname not in ('pg_catalog', 'information_schema')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
       order by 1`);
    expect(tables.map((table) => table.table)).toEqual(expect.arrayContaining(['admin_unit', 'app_user', 'audit_event', 'club']));
    const unprotected = tables.filter((table) => !table.enabled || !table.forced || table.policies === 0);
    expect(unprotected).toEqual([]);
  });

  it('leads an index of every tenant table with tenant_id', async () => {
    const missing: Array<{ table: string }> = await database.owner.query(`
      select c.relname as table
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname = 'public'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
         and not exists (
           select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = c.oid and a.attname = 'tenant_id')`);
    expect(missing).toEqual([]);
  });

  it('keys every province-owned table by (tenant_id, …), so composite foreign keys can hold', async () => {
    // Accounts are global (national accounts have no tenant); every other table is the province's.
    const unkeyed: Array<{ table: string }> = await database.owner.query(`
      select c.relname as table
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname = 'public' and c.relname <> 'app_user'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
         and not exists (
           select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = c.oid and i.indisprimary and a.attname = 'tenant_id')
       order by 1`);
    expect(unkeyed).toEqual([]);
  });

  it('shows a province none of another province’s rows in any tenant table', async () => {
    const tables: Array<{ table: string }> = await database.owner.query(`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname = 'public'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
       order by 1`);
    // The demo data gives Thái Nguyên rows in these, so seeing none of them means something.
    for (const table of ['admin_unit', 'scheme', 'scheme_target', 'survey', 'survey_visit']) {
      const [row] = await database.owner.query(`select count(*)::int as count from ${table} where tenant_id = $1`, [ids.thaiNguyen]);
      expect(row.count, table).toBeGreaterThan(0);
    }
    // An Giang reads what stays with the provinces merged into it (their reference figures): nothing else's.
    const [{ lineage }] = await database.owner.query('select ishc.lineage_of($1) as lineage', [ids.anGiang]);
    expect([...lineage].sort()).toEqual([ids.anGiang, ids.kienGiang, (await database.owner.query(`select id from tenant where code = '89'`))[0].id].sort());
    const leaks = await asTenant(database, ids.anGiang, async (db) => {
      const found: Array<{ table: string; count: number }> = [];
      for (const { table } of tables) {
        const [row] = await db.query(`select count(*)::int as count from ${table} where tenant_id is null or not (tenant_id = any($1::uuid[]))`, [lineage]);
        if (row.count > 0) found.push({ table, count: row.count });
      }
      return found;
    });
    expect(leaks).toEqual([]);
  });

  it('lets the server log in only as a role that owns nothing and bypasses nothing', async () => {
    const [role] = await database.owner.query(
      `select rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb from pg_roles where rolname = 'ishc_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolinherit: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await database.owner.query(`
      select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
       where r.rolname like 'ishc\\_%' and r.rolname <> 'ishc_credentials'
      union all
      select p.proname from pg_proc p join pg_roles r on r.oid = p.proowner
       where r.rolname like 'ishc\\_%' and r.rolname <> 'ishc_credentials'`);
    expect(owned).toEqual([]);
    const scopeRoles = await database.owner.query(`
      select rolname from pg_roles where rolname like 'ishc\\_%' and (rolsuper or rolbypassrls) order by 1`);
    expect(scopeRoles).toEqual([]);
    // Tests log in as their run's own role: a member of ishc_app with ishc_app's grants and nothing more.
    const [login] = await database.app.query('select current_user as name, session_user as session');
    expect(login).toEqual({ name: inject('appLoginRole'), session: inject('appLoginRole') });
    const [testRole] = await database.owner.query(
      `select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              array(select b.rolname from pg_auth_members m join pg_roles b on b.oid = m.roleid where m.member = r.oid)::text[] as "memberOf"
         from pg_roles r where rolname = $1`,
      [inject('appLoginRole')],
    );
    expect(testRole).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, memberOf: ['ishc_app'] });
  });

  it('gives the login role, outside a request scope, no access to any table', async () => {
    const state = await sqlStateOf(database.app.query('select * from admin_unit'));
    expect(state).toBe('42501');
  });
});
