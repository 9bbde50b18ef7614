import type { DataSource } from 'typeorm';
import { APP_LOGIN_ROLE, type LoginRole } from './data-source.js';

/**
 * Runs pending migrations as the owner, then makes sure of the login role this installation's
 * server uses (see `ensureLoginRole`).
 */
export async function migrate(owner: DataSource, login: LoginRole): Promise<string[]> {
  const applied = await owner.runMigrations({ transaction: 'each' });
  await ensureLoginRole(owner, login);
  return applied.map((migration) => migration.name);
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Login roles are cluster-wide, so the password is set on the one role this installation (or test
 * run) logs in as, never on another's: a test run against the cluster of a running server leaves
 * that server's password alone. `ishc_app` itself is made by the migrations and holds every grant
 * the migrations give the server; any other login role is made a member of it that inherits those
 * grants — and no more, since `ishc_app` is NOINHERIT: the scope roles stay reachable only by
 * `SET ROLE`. Per-role settings (timeouts) are not inherited, so they are copied from `ishc_app`.
 */
export async function ensureLoginRole(owner: DataSource, login: LoginRole): Promise<void> {
  if (!ROLE_NAME.test(login.role)) throw new Error(`The login role name "${login.role}" must be lower-case letters, digits and _.`);
  const password = `'${escapeLiteral(login.password)}'`;
  if (login.role === APP_LOGIN_ROLE) {
    await owner.query(`alter role ${APP_LOGIN_ROLE} with login password ${password}`);
    return;
  }
  await owner.transaction(async (db) => {
    const [existing]: Array<{ member: boolean; privileged: boolean }> = await db.query(
      `select pg_has_role(role.oid, $2::name, 'member') as member, role.rolsuper or role.rolbypassrls or role.rolcreaterole as privileged
         from pg_roles role where role.rolname = $1`,
      [login.role, APP_LOGIN_ROLE],
    );
    // An existing role is taken only if it is one of ours: a member of the server's role with no
    // privilege of its own. Any other (postgres, the owner, another application's) keeps its password.
    if (existing && (!existing.member || existing.privileged)) {
      throw new Error(`The login role "${login.role}" exists and is not a login role of this platform (a member of ${APP_LOGIN_ROLE} without superuser, bypassrls or createrole); choose another APP_DATABASE_ROLE.`);
    }
    if (!existing) {
      await db.query(
        `create role ${login.role} login inherit nosuperuser nocreatedb nocreaterole nobypassrls in role ${APP_LOGIN_ROLE}`,
      );
    }
    await db.query(`alter role ${login.role} with login password ${password}`);
    const settings: Array<{ setting: string }> = await db.query(
      `select unnest(setconfig) as setting from pg_db_role_setting
        where setrole = (select oid from pg_roles where rolname = $1) and setdatabase = 0`,
      [APP_LOGIN_ROLE],
    );
    for (const { setting } of settings) {
      const [name, ...value] = setting.split('=');
      await db.query(`alter role ${login.role} set ${name} = '${escapeLiteral(value.join('='))}'`);
    }
  });
}

function escapeLiteral(value: string): string {
  return value.replace(/'/g, "''");
}
