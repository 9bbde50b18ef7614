import type { DataSource } from 'typeorm';
import { APP_LOGIN_ROLE } from './data-source.js';

/** Runs pending migrations as the owner, then gives the login role the password this installation uses. */
export async function migrate(owner: DataSource, appPassword: string): Promise<string[]> {
  const applied = await owner.runMigrations({ transaction: 'each' });
  await owner.query(`alter role ${APP_LOGIN_ROLE} with login password '${escapeLiteral(appPassword)}'`);
  return applied.map((migration) => migration.name);
}

function escapeLiteral(value: string): string {
  return value.replace(/'/g, "''");
}
