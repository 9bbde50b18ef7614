import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../server/src/database/migrate.js';
import { TEST_APP_PASSWORD } from '../support/constants.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase({ seed: false });
});

afterAll(async () => {
  await database?.close();
});

async function storedPassword(role: string): Promise<string | null> {
  const [row] = await database.owner.query('select rolpassword from pg_authid where rolname = $1', [role]);
  return row ? row.rolpassword : null;
}

describe('the login role of a test run', () => {
  it('is the run’s own: migrating as a run does leaves the password of ishc_app, a server’s role, untouched', async () => {
    const server = await storedPassword('ishc_app');
    const ownBefore = await storedPassword(inject('appLoginRole'));
    expect(inject('appLoginRole')).not.toBe('ishc_app');

    await migrate(database.owner, { role: inject('appLoginRole'), password: TEST_APP_PASSWORD });

    expect(await storedPassword('ishc_app')).toBe(server);
    // The run's own role did get its password again (SCRAM salts it anew each time it is set).
    const ownAfter = await storedPassword(inject('appLoginRole'));
    expect(ownAfter).toMatch(/^SCRAM-SHA-256\$/);
    expect(ownAfter).not.toBe(ownBefore);
  });

  it('is never a role of someone else: an existing role that is not one of ours keeps its password', async () => {
    const stranger = `ishc_review_${Date.now()}`;
    await database.owner.query(`create role ${stranger} login password 'their-own-password'`);
    try {
      const before = await storedPassword(stranger);
      for (const role of [stranger, 'postgres']) {
        await expect(migrate(database.owner, { role, password: TEST_APP_PASSWORD })).rejects.toThrow(/is not a login role of this platform/);
      }
      expect(await storedPassword(stranger)).toBe(before);
    } finally {
      await database.owner.query(`drop role ${stranger}`);
    }
  });

  it('has the per-role timeouts of ishc_app, which roles do not inherit', async () => {
    const [row] = await database.app.query(
      `select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle,
              current_setting('lock_timeout') as lock`,
    );
    expect(row).toEqual({ statement: '30s', idle: '1min', lock: '10s' });
  });
});
