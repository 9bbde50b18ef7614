import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_THROTTLE_LIMITS } from '../../server/src/auth/sign-in-throttle.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { TEST_JWT_SECRET } from '../support/constants.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const ME = '{ me { login role tenant { code } club { name } } }';

describe('signing in', () => {
  it('lets every demo account in with its own role and scope', async () => {
    const expected = {
      national: ['NATIONAL_ADMIN', null],
      'national.viewer': ['NATIONAL_VIEWER', null],
      kiengiang: ['PROVINCE_ADMIN', '91'],
      thainguyen: ['PROVINCE_ADMIN', '19'],
      'kienluong.club': ['CLUB_STAFF', '91'],
    };
    for (const [login, [role, tenant]] of Object.entries(expected)) {
      const token = await server.signIn(login);
      const result = await server.gql(ME, {}, token);
      expect(result.data?.me).toMatchObject({ login, role, tenant: tenant ? { code: tenant } : null });
    }
  });

  it('gives a wrong password and an unknown login the same answer', async () => {
    const mutation = 'mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { token } }';
    const wrongPassword = await server.gql(mutation, { login: 'thainguyen', password: 'not-the-password' });
    const unknownLogin = await server.gql(mutation, { login: 'nobody.here', password: 'not-the-password' });
    expect(wrongPassword.errors?.[0]).toEqual(unknownLogin.errors?.[0]);
    expect(codesOf(wrongPassword)).toEqual(['UNAUTHENTICATED']);
  });

  it('throttles failed sign-ins of a login at an address, even when the right password follows', async () => {
    const throttled = await startTestServer(database, { throttle: { ...DEFAULT_THROTTLE_LIMITS, perLoginAndAddress: 3 } });
    onTestFinished(() => throttled.stop());
    const mutation = 'mutation($password: String!) { signIn(login: "national.viewer", password: $password) { token } }';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codesOf(await throttled.gql(mutation, { password: `wrong-${attempt}` }))).toEqual(['UNAUTHENTICATED']);
    }
    const blocked = await throttled.gql(mutation, { password: 'ishc-demo' });
    expect(codesOf(blocked)).toEqual(['TOO_MANY_REQUESTS']);
    expect(blocked.errors?.[0].message).toBe('Too many failed attempts. Try again in 15 minutes.');
    expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  describe('under a burst of guesses', () => {
    let throttled: TestServer;
    beforeAll(async () => {
      // The client address comes from X-Forwarded-For, so each case guesses from an address of its own.
      throttled = await startTestServer(database, { throttle: DEFAULT_THROTTLE_LIMITS, trustProxy: true });
    });
    afterAll(() => throttled?.stop());

    const SIGN_IN = 'mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { token } }';
    const attempt = (login: string, password: string, address: string) =>
      throttled.gql(SIGN_IN, { login, password }, undefined, { 'x-forwarded-for': address });
    // A password is checked only for an attempt that got a place: a refusal without one says TOO_MANY_REQUESTS.
    const checkedPasswords = (results: GraphQLResponse[]) => results.filter((result) => codesOf(result)[0] === 'UNAUTHENTICATED').length;

    it('checks no more passwords of one login at one address than its limit, however many arrive at once', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, index) => attempt('kiengiang', `wrong-${index}`, '203.0.113.1')));
      expect(results.flatMap(codesOf).every((code) => code === 'UNAUTHENTICATED' || code === 'TOO_MANY_REQUESTS')).toBe(true);
      expect(checkedPasswords(results)).toBe(DEFAULT_THROTTLE_LIMITS.perLoginAndAddress);
    });

    it('checks no more passwords from one address than its limit, however many logins arrive at once', async () => {
      const results = await Promise.all(Array.from({ length: 100 }, (_, index) => attempt(`guess.${index}`, 'wrong-password', '203.0.113.2')));
      expect(results.flatMap(codesOf).every((code) => code === 'UNAUTHENTICATED' || code === 'TOO_MANY_REQUESTS')).toBe(true);
      expect(checkedPasswords(results)).toBe(DEFAULT_THROTTLE_LIMITS.perAddress);
    });

    it('lets the account’s owner in from their own address while a guesser elsewhere is locked out', async () => {
      for (let guess = 0; guess < DEFAULT_THROTTLE_LIMITS.perLoginAndAddress; guess += 1) {
        expect(codesOf(await attempt('kienluong.club', `wrong-${guess}`, '198.51.100.7'))).toEqual(['UNAUTHENTICATED']);
      }
      expect(codesOf(await attempt('kienluong.club', 'ishc-demo', '198.51.100.7'))).toEqual(['TOO_MANY_REQUESTS']);
      const owner = await attempt('kienluong.club', 'ishc-demo', '203.0.113.3');
      expect(owner.errors).toBeUndefined();
      expect((await throttled.gql(ME, {}, owner.data?.signIn.token)).data?.me.login).toBe('kienluong.club');
    });

    it('refuses a second sign-in in one request at once, rather than have it wait on the first one’s locks', async () => {
      const both = await throttled.gql(
        'mutation { right: signIn(login: "tucduyen.club", password: "ishc-demo") { token } wrong: signIn(login: "tucduyen.club", password: "wrong") { token } }',
        {},
        undefined,
        { 'x-forwarded-for': '203.0.113.44' },
      );
      // The first signs in; the second is refused at once (the answer as a whole is null: signIn is never null).
      expect(codesOf(both)).toEqual(['BAD_REQUEST']);
      expect(both.errors?.[0].path).toEqual(['wrong']);
    });

    it('counts a guesser by the address the proxy saw, whatever address the guesser writes in front of it', async () => {
      for (let guess = 0; guess < DEFAULT_THROTTLE_LIMITS.perLoginAndAddress; guess += 1) {
        const forged = `192.0.2.${guess + 1}, 198.51.100.9`;
        expect(codesOf(await attempt('thainguyen', `wrong-${guess}`, forged))).toEqual(['UNAUTHENTICATED']);
      }
      expect(codesOf(await attempt('thainguyen', 'ishc-demo', '192.0.2.99, 198.51.100.9'))).toEqual(['TOO_MANY_REQUESTS']);
    });
  });

  it('accepts the login in any case and with surrounding spaces', async () => {
    const token = await server.signIn('  KienGiang ');
    expect((await server.gql(ME, {}, token)).data?.me.login).toBe('kiengiang');
  });
});

describe('tokens', () => {
  it('refuses a request with no token', async () => {
    expect(codesOf(await server.gql(ME))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: 'PROVINCE_ADMIN', tid: ids.anGiang, cid: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(await userId('kiengiang'))
      .setIssuer('ishc')
      .setAudience('ishc-api')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const result = await server.gql(ME, {}, expired);
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0].message).toMatch(/expired/);
  });

  it('refuses a forged token: another key, or a tenant the account does not belong to', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { role: 'PROVINCE_ADMIN', tid: ids.thaiNguyen, cid: null };
    const build = () =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(ids.anGiang)
        .setIssuer('ishc')
        .setAudience('ishc-api')
        .setIssuedAt(now)
        .setExpirationTime(now + 600);
    const otherKey = await build().sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expect(codesOf(await server.gql(ME, {}, otherKey))).toEqual(['UNAUTHENTICATED']);

    // Signed with the right key, but naming Thái Nguyên for Kiên Giang's admin: the account is re-checked.
    const wrongTenant = await server.tokens.issue({
      userId: await userId('kiengiang'),
      role: 'PROVINCE_ADMIN' as never,
      tenantId: ids.thaiNguyen,
      clubId: null,
      tokenVersion: 1,
    });
    const result = await server.gql('{ adminUnits { edges { node { name } } } }', {}, wrongTenant.token);
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();

    expect(codesOf(await server.gql(ME, {}, 'not.a.token'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('roles', () => {
  it('forbids operations of another role', async () => {
    const club = await server.signIn('kienluong.club');
    expect(codesOf(await server.gql('{ users { totalCount } }', {}, club))).toEqual(['FORBIDDEN']);
    const province = await server.signIn('kiengiang');
    const createTenant = `mutation { createTenant(input: { code: "01", slug: "ha-noi", name: "Hà Nội",
      adminLogin: "hanoi", adminDisplayName: "Hà Nội", adminPassword: "mat-khau-du-dai" }) { tenant { id } } }`;
    expect(codesOf(await server.gql(createTenant, {}, province))).toEqual(['FORBIDDEN']);
    const viewer = await server.signIn('national.viewer');
    const createUser = `mutation { createUser(input: { login: "x.user", displayName: "X", password: "mat-khau-du-dai", role: PROVINCE_ADMIN }) { id } }`;
    expect(codesOf(await server.gql(createUser, {}, viewer))).toEqual(['FORBIDDEN']);
  });
});

describe('accounts', () => {
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id login role version club { name } tenant { code } } }`;
  const DISABLE = `mutation($id: ID!, $disabled: Boolean!, $version: Int!) { setUserDisabled(id: $id, disabled: $disabled, version: $version) { disabled version } }`;

  it('lets a province admin add club staff, reports each bad field, and writes nothing on error', async () => {
    const admin = await server.signIn('kiengiang');
    const bad = await server.gql(CREATE, { input: { login: 'A', displayName: '  ', password: 'short', role: 'CLUB_STAFF' } }, admin);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.fields?.map((problem) => problem.field).sort()).toEqual(['clubId', 'displayName', 'login', 'password']);

    const created = await server.gql(
      CREATE,
      { input: { login: 'thu.quy', displayName: 'Nguyễn Thị Thu', password: 'mat-khau-moi-1', role: 'CLUB_STAFF', clubId: ids.kienLuongClub } },
      admin,
    );
    expect(created.data?.createUser).toMatchObject({ login: 'thu.quy', role: 'CLUB_STAFF', tenant: { code: '91' }, version: 1 });
    const [audit] = await database.owner.query(`select action, tenant_id from audit_event where entity_id = $1`, [created.data?.createUser.id]);
    expect(audit).toEqual({ action: 'user.create', tenant_id: ids.anGiang });

    const duplicate = await server.gql(
      CREATE,
      { input: { login: 'thu.quy', displayName: 'Khác', password: 'mat-khau-moi-1', role: 'PROVINCE_ADMIN' } },
      admin,
    );
    expect(duplicate.errors?.[0].extensions?.fields).toEqual([{ field: 'login', message: 'is already taken' }]);
  });

  it('refuses a club of another province', async () => {
    const admin = await server.signIn('thainguyen');
    const result = await server.gql(
      CREATE,
      { input: { login: 'lac.tinh', displayName: 'Lạc tỉnh', password: 'mat-khau-moi-1', role: 'CLUB_STAFF', clubId: ids.kienLuongClub } },
      admin,
    );
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'clubId', message: 'is not a club of your province' }]);
    const rows = await database.owner.query(`select 1 from app_user where login = 'lac.tinh'`);
    expect(rows).toEqual([]);
  });

  it('disables an account: it cannot sign in, its tokens stop working, and a stale version gets CONFLICT', async () => {
    const admin = await server.signIn('kiengiang');
    const staffToken = await server.signIn('kienluong.club');
    const id = await userId('kienluong.club');
    const [{ version }] = await database.owner.query('select version from app_user where id = $1', [id]);

    const disabled = await server.gql(DISABLE, { id, disabled: true, version }, admin);
    expect(disabled.data?.setUserDisabled).toEqual({ disabled: true, version: version + 1 });
    const stale = await server.gql(DISABLE, { id, disabled: false, version }, admin);
    expect(codesOf(stale), stale.raw).toEqual(['CONFLICT']);

    const signIn = await server.gql('mutation { signIn(login: "kienluong.club", password: "ishc-demo") { token } }');
    expect(codesOf(signIn)).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await server.gql(ME, {}, staffToken))).toEqual(['UNAUTHENTICATED']);

    const enabled = await server.gql(DISABLE, { id, disabled: false, version: version + 1 }, admin);
    expect(enabled.data?.setUserDisabled.disabled).toBe(false);
    await server.signIn('kienluong.club');
  });

  it('does not let a province admin touch another province’s account', async () => {
    const admin = await server.signIn('thainguyen');
    const result = await server.gql(DISABLE, { id: await userId('kiengiang'), disabled: true, version: 1 }, admin);
    expect(codesOf(result)).toEqual(['NOT_FOUND']);
  });

  it('changes a password: the old one and the old tokens stop working, even one issued the same second', async () => {
    const token = await server.signIn('thainguyen');
    const change = 'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { login } }';
    const wrong = await server.gql(change, { current: 'not-it', next: 'mat-khau-moi-2' }, token);
    expect(wrong.errors?.[0].extensions?.fields).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
    const changed = await server.gql(change, { current: 'ishc-demo', next: 'mat-khau-moi-2' }, token);
    expect(changed.data?.changePassword).toEqual({ login: 'thainguyen' });
    // The change is dated to the second the token was issued in, as when both happen within one
    // second: a token compared by time cannot tell it was issued before the change.
    await database.owner.query(`update app_user set password_changed_at = to_timestamp($2) where login = $1`, ['thainguyen', issuedAtOf(token)]);
    expect(codesOf(await server.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    // The refused request's transaction is ended (a read answers before its rollback, so it is waited for).
    const leftOpen = async () =>
      (await database.owner.query(
        `select count(*)::int as count from pg_stat_activity
          where datname = current_database() and application_name = 'ishc-test-app' and state like 'idle in transaction%'`,
      ))[0].count;
    await expect.poll(leftOpen).toBe(0);
    const fresh = await server.signIn('thainguyen', 'mat-khau-moi-2');
    expect((await server.gql(ME, {}, fresh)).data?.me.login).toBe('thainguyen');
  });

  it('ends the sessions of an account whose role changes, even once it is changed back', async () => {
    const token = await server.signIn('kienluong.club');
    expect((await server.gql(ME, {}, token)).data?.me.login).toBe('kienluong.club');
    const id = await userId('kienluong.club');
    await database.owner.query(`update app_user set role = 'PROVINCE_ADMIN', club_id = null where id = $1`, [id]);
    await database.owner.query(`update app_user set role = 'CLUB_STAFF', club_id = $2 where id = $1`, [id, ids.kienLuongClub]);
    expect(codesOf(await server.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    const fresh = await server.signIn('kienluong.club');
    expect((await server.gql(ME, {}, fresh)).data?.me.login).toBe('kienluong.club');
  });

  it('keeps the sessions of an account whose name alone changes', async () => {
    const token = await server.signIn('kiengiang');
    await database.owner.query(`update app_user set display_name = 'Sở Y tế Kiên Giang (mới)' where login = 'kiengiang'`);
    expect((await server.gql(ME, {}, token)).data?.me.login).toBe('kiengiang');
  });
});

describe('provinces', () => {
  const CREATE_TENANT = `mutation($input: CreateTenantInput!) { createTenant(input: $input) {
    tenant { code slug name rootUnits { fullName code } } admin { login role tenant { code } } } }`;

  it('lets the national admin create a province with its root unit and first admin', async () => {
    const national = await server.signIn('national');
    const result = await server.gql(
      CREATE_TENANT,
      { input: { code: '96', slug: 'ca-mau', name: 'Cà Mau', adminLogin: 'camau', adminDisplayName: 'Sở Y tế Cà Mau', adminPassword: 'mat-khau-ca-mau' } },
      national,
    );
    expect(result.data?.createTenant).toEqual({
      tenant: { code: '96', slug: 'ca-mau', name: 'Cà Mau', rootUnits: [{ fullName: 'Tỉnh Cà Mau', code: '96' }] },
      admin: { login: 'camau', role: 'PROVINCE_ADMIN', tenant: { code: '96' } },
    });
    const admin = await server.signIn('camau', 'mat-khau-ca-mau');
    const units = await server.gql<{ adminUnits: { totalCount: number } }>('{ adminUnits { totalCount } }', {}, admin);
    expect(units.data?.adminUnits.totalCount).toBe(1);
  });

  it('writes nothing when any part is refused', async () => {
    const national = await server.signIn('national');
    const result = await server.gql(
      CREATE_TENANT,
      { input: { code: '01', slug: 'ha-noi', name: 'Hà Nội', adminLogin: 'kiengiang', adminDisplayName: 'Trùng', adminPassword: 'mat-khau-ha-noi' } },
      national,
    );
    expect(result.errors?.[0].extensions?.fields).toEqual([{ field: 'adminLogin', message: 'is already taken' }]);
    expect(await database.owner.query(`select 1 from tenant where code = '01'`)).toEqual([]);
    expect(await database.owner.query(`select 1 from admin_unit where code = '01'`)).toEqual([]);
  });
});

async function userId(login: string): Promise<string> {
  const [row] = await database.owner.query('select id from app_user where login = $1', [login]);
  return row.id;
}

/** The second a token was issued in, from its own claims. */
function issuedAtOf(token: string): number {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).iat;
}
