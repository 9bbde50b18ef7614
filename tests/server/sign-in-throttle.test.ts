import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInThrottle, type ThrottleLimits } from '../../server/src/auth/sign-in-throttle.js';
import { withDatabaseScope } from '../../server/src/database/scoped.js';
import { openTestDatabase, sqlStateOf, type TestDatabase } from '../support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase({ seed: false });
});

afterAll(async () => {
  await database?.close();
});

const LIMITS: ThrottleLimits = { perLoginAndAddress: 3, perAddress: 5, perLogin: 8, windowMs: 60_000, maxLoginWindowMs: 200_000 };

function throttle(limits: Partial<ThrottleLimits> = {}): SignInThrottle {
  return new SignInThrottle(database.app, { ...LIMITS, ...limits });
}

async function takeMany(throttled: SignInThrottle, attempts: Array<[login: string, address: string]>): Promise<number[]> {
  const waits: number[] = [];
  for (const [login, address] of attempts) waits.push(await throttled.takeAttempt(login, address));
  return waits;
}

/** Moves a login's windows (and its pairs') into the past, as if they had ended. */
async function endWindowsOf(login: string): Promise<void> {
  await database.owner.query(
    `update sign_in_throttle
        set window_started_at = window_started_at - (window_ends_at - now()) - interval '1 second',
            window_ends_at = now() - interval '1 second'
      where login = $1`,
    [login],
  );
}

async function countsOf(login: string, address: string) {
  const rows: Array<{ scope: string; attempts: number; seconds: number }> = await database.owner.query(
    `select scope, attempts, extract(epoch from window_ends_at - window_started_at)::int as seconds
       from sign_in_throttle
      where (scope, login, address) in (('ADDRESS', '', $2), ('LOGIN', $1, ''), ('LOGIN_ADDRESS', $1, $2))
      order by scope`,
    [login, address],
  );
  return Object.fromEntries(rows.map((row) => [row.scope, { attempts: row.attempts, seconds: row.seconds }]));
}

describe('sign-in throttling in PostgreSQL', () => {
  it('refuses a login at an address past its limit for the rest of the window, and not the same login elsewhere', async () => {
    const throttled = throttle();
    expect(await takeMany(throttled, [['pair.one', '10.0.0.1'], ['pair.one', '10.0.0.1'], ['pair.one', '10.0.0.1']])).toEqual([0, 0, 0]);
    const wait = await throttled.takeAttempt('pair.one', '10.0.0.1');
    expect(wait).toBeGreaterThan(58);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await throttled.takeAttempt('pair.one', '10.0.0.2')).toBe(0);

    await endWindowsOf('pair.one');
    expect(await throttled.takeAttempt('pair.one', '10.0.0.1')).toBe(0);
  });

  it('gives places to no more attempts than the limit when they all arrive at once', async () => {
    const throttled = throttle();
    const waits = await Promise.all(Array.from({ length: 40 }, () => throttled.takeAttempt('burst.one', '10.0.7.1')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(LIMITS.perLoginAndAddress);
    expect((await countsOf('burst.one', '10.0.7.1')).LOGIN_ADDRESS.attempts).toBe(LIMITS.perLoginAndAddress);
  });

  it('refuses an address that tries many logins, and not another address', async () => {
    const throttled = throttle();
    const logins = ['a1', 'a2', 'a3', 'a4', 'a5'].map((login): [string, string] => [`address.${login}`, '10.0.1.9']);
    expect(await takeMany(throttled, logins)).toEqual([0, 0, 0, 0, 0]);
    expect(await throttled.takeAttempt('address.someone', '10.0.1.9')).toBeGreaterThan(0);
    expect(await throttled.takeAttempt('address.someone', '10.0.1.8')).toBe(0);
  });

  it('refuses a login tried from many addresses past its own limit, and makes its next window twice as long, up to the maximum', async () => {
    const throttled = throttle({ perLoginAndAddress: 100, perAddress: 100 });
    const fromEight = Array.from({ length: 8 }, (_, index): [string, string] => ['login.spread', `10.0.2.${index}`]);
    expect(await takeMany(throttled, fromEight)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await throttled.takeAttempt('login.spread', '10.0.2.100')).toBeGreaterThan(58);

    await endWindowsOf('login.spread');
    expect(await takeMany(throttled, fromEight)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const longer = await throttled.takeAttempt('login.spread', '10.0.2.100');
    expect(longer).toBeGreaterThan(118);
    expect(longer).toBeLessThanOrEqual(120);

    await endWindowsOf('login.spread');
    expect(await takeMany(throttled, fromEight)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await throttled.takeAttempt('login.spread', '10.0.2.100')).toBeLessThanOrEqual(200);
    expect((await countsOf('login.spread', '10.0.2.100')).LOGIN.seconds).toBe(200);
  });

  it('lets a login in from an address it signed in from before, however many guessers elsewhere have filled its count', async () => {
    const throttled = throttle();
    expect(await throttled.takeAttempt('owner.one', '10.0.7.1')).toBe(0);
    await withDatabaseScope(database.app, { role: 'ishc_anonymous' }, (db) => throttled.recordSuccess(db, 'owner.one', '10.0.7.1'));
    const guesses = Array.from({ length: LIMITS.perLogin }, (_, index): [string, string] => ['owner.one', `10.0.8.${index + 1}`]);
    expect(await takeMany(throttled, guesses)).toEqual(guesses.map(() => 0));
    expect(await throttled.takeAttempt('owner.one', '10.0.8.200')).toBeGreaterThan(0);
    expect(await throttled.takeAttempt('owner.one', '10.0.7.1')).toBe(0);
  });

  it('gives a login whose last window was not refused the usual window', async () => {
    const throttled = throttle({ perLoginAndAddress: 100, perAddress: 100 });
    expect(await throttled.takeAttempt('login.calm', '10.0.3.1')).toBe(0);
    await endWindowsOf('login.calm');
    expect(await throttled.takeAttempt('login.calm', '10.0.3.1')).toBe(0);
    expect((await countsOf('login.calm', '10.0.3.1')).LOGIN).toEqual({ attempts: 1, seconds: 60 });
  });

  it('counts a refused attempt nowhere, so a full address cannot fill a login’s count', async () => {
    const throttled = throttle();
    const logins = ['b1', 'b2', 'b3', 'b4', 'b5'].map((login): [string, string] => [`full.${login}`, '10.0.4.1']);
    await takeMany(throttled, logins);
    for (let attempt = 0; attempt < 10; attempt += 1) expect(await throttled.takeAttempt('full.victim', '10.0.4.1')).toBeGreaterThan(0);
    const counts = await countsOf('full.victim', '10.0.4.1');
    expect(counts.LOGIN.attempts).toBe(0);
    expect(counts.LOGIN_ADDRESS.attempts).toBe(0);
    expect(counts.ADDRESS.attempts).toBe(5);
  });

  it('gives back the place of a sign-in that succeeds and forgets its login’s failures at that address', async () => {
    const throttled = throttle();
    await takeMany(throttled, [['success.one', '10.0.5.1'], ['success.one', '10.0.5.1'], ['success.one', '10.0.5.1']]);
    await withDatabaseScope(database.app, { role: 'ishc_anonymous' }, (db) => throttled.recordSuccess(db, 'success.one', '10.0.5.1'));
    const counts = await countsOf('success.one', '10.0.5.1');
    expect(counts.LOGIN_ADDRESS).toBeUndefined();
    expect(counts.LOGIN.attempts).toBe(2);
    expect(counts.ADDRESS.attempts).toBe(2);
    expect(await throttled.takeAttempt('success.one', '10.0.5.1')).toBe(0);
  });

  it('forgets windows that ended more than a day ago', async () => {
    await database.owner.query(
      `insert into sign_in_throttle (scope, login, address, window_started_at, window_ends_at, attempts, refused)
       values ('LOGIN', 'long.gone', '', now() - interval '3 days', now() - interval '2 days', 50, true),
              ('LOGIN', 'recent', '', now() - interval '2 hours', now() - interval '1 hour', 50, true)`,
    );
    await throttle().takeAttempt('cleaner', '10.0.6.1');
    const left: Array<{ login: string }> = await database.owner.query(`select login from sign_in_throttle where login in ('long.gone', 'recent')`);
    expect(left).toEqual([{ login: 'recent' }]);
  });

  it('lets the server reach the counts only through the two functions', async () => {
    expect(await sqlStateOf(database.app.query('select * from sign_in_throttle'))).toBe('42501');
    const asAnonymous = withDatabaseScope(database.app, { role: 'ishc_anonymous' }, (db) => db.query(`delete from sign_in_throttle`));
    expect(await sqlStateOf(asAnonymous)).toBe('42501');
    const taking = withDatabaseScope(database.app, { role: 'ishc_province' }, (db) => db.query(`select ishc.take_sign_in_attempt('x', 'y', 1, 1, 1, 60, 60)`));
    expect(await sqlStateOf(taking)).toBe('42501');
  });
});
