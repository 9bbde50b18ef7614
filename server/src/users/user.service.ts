import type { EntityManager } from 'typeorm';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/passwords.js';
import { recordAudit } from '../audit/audit.service.js';
import { rowsOf } from '../database/sql.js';
import type { Viewer } from '../database/request-scope.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { decodeCursor, type Page } from '../graphql/pagination.js';
import { normalizeText } from '../text.js';
import { Role } from './role.js';
import { User } from './user.entity.js';

const LOGIN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function normalizeLogin(login: string): string {
  return login.normalize('NFC').trim().toLowerCase();
}

export interface Credential {
  userId: string;
  passwordHash: string;
  disabled: boolean;
  tenantActive: boolean;
  role: Role;
  tenantId: string | null;
  clubId: string | null;
  tokenVersion: number;
}

/** The stored credential of a login, read through the one function allowed to see password hashes. */
export async function findCredential(db: EntityManager, login: string): Promise<Credential | undefined> {
  const rows: Array<{
    user_id: string;
    password_hash: string;
    disabled: boolean;
    tenant_active: boolean;
    role: Role;
    tenant_id: string | null;
    club_id: string | null;
    token_version: number;
  }> = await db.query('select * from ishc.credential_for_login($1)', [normalizeLogin(login)]);
  const row = rows[0];
  return (
    row && {
      userId: row.user_id,
      passwordHash: row.password_hash,
      disabled: row.disabled,
      tenantActive: row.tenant_active,
      role: row.role,
      tenantId: row.tenant_id,
      clubId: row.club_id,
      tokenVersion: row.token_version,
    }
  );
}

export async function findUserById(db: EntityManager, id: string): Promise<User | null> {
  return db.findOneBy(User, { id });
}

export interface UserFilter {
  search?: string | null;
  first: number;
  after?: string | null;
}

/** Accounts visible to the viewer (row-level security decides which), by login. */
export async function listUsers(db: EntityManager, filter: UserFilter): Promise<Page<User>> {
  const filtered = () => {
    const query = db.createQueryBuilder(User, 'account');
    if (filter.search) {
      query.andWhere(
        `(ishc.search_text(account.login) like '%' || ishc.search_text(:term) || '%'
          or ishc.search_text(account.display_name) like '%' || ishc.search_text(:term) || '%')`,
        { term: normalizeText(filter.search).replace(/[\\%_]/g, (character) => `\\${character}`) },
      );
    }
    return query;
  };
  const query = filtered();
  if (filter.after) {
    const [login] = decodeCursor(filter.after, 1);
    query.andWhere('account.login > :login', { login });
  }
  const rows = await query.orderBy('account.login', 'ASC').limit(filter.first + 1).getMany();
  return {
    nodes: rows.slice(0, filter.first),
    cursorOf: (user) => [user.login],
    hasNextPage: rows.length > filter.first,
    hasPreviousPage: Boolean(filter.after),
    countTotal: () => filtered().getCount(),
  };
}

export interface NewAccount {
  login: string;
  displayName: string;
  password: string;
}

function accountProblems(account: NewAccount): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const login = normalizeLogin(account.login);
  if (!LOGIN.test(login)) {
    problems.push({ field: 'login', message: 'must be 3 to 64 characters: letters a-z, digits, ".", "_" or "-"' });
  }
  if (!normalizeText(account.displayName)) problems.push({ field: 'displayName', message: 'must not be empty' });
  if (normalizeText(account.displayName).length > 200) problems.push({ field: 'displayName', message: 'must be at most 200 characters' });
  for (const message of passwordProblems(account.password, login)) problems.push({ field: 'password', message });
  return problems;
}

export interface NewTenantAccount extends NewAccount {
  role: Role;
  clubId?: string | null;
}

/** A province admin adds an account to its own province (the tenant comes from the scope). */
export async function createTenantUser(db: EntityManager, requestId: string, input: NewTenantAccount): Promise<User> {
  const problems = accountProblems(input);
  if (input.role !== Role.PROVINCE_ADMIN && input.role !== Role.CLUB_STAFF) {
    problems.push({ field: 'role', message: 'must be PROVINCE_ADMIN or CLUB_STAFF' });
  }
  if (input.role === Role.CLUB_STAFF && !input.clubId) problems.push({ field: 'clubId', message: 'is required for club staff' });
  if (input.role === Role.PROVINCE_ADMIN && input.clubId) problems.push({ field: 'clubId', message: 'must be empty for a province admin' });
  if (input.clubId) {
    const clubs: unknown[] = await db.query('select 1 from club where id = $1', [input.clubId]);
    if (!clubs.length) problems.push({ field: 'clubId', message: 'is not a club of your province' });
  }
  if (problems.length) throw badInput(problems);

  const rows: Array<{ id: string }> = await db.query(
    `insert into app_user (login, display_name, role, club_id, password_hash)
     values ($1, $2, $3, $4, $5) on conflict (login) do nothing returning id`,
    [normalizeLogin(input.login), normalizeText(input.displayName), input.role, input.clubId ?? null, await hashPassword(input.password)],
  );
  if (!rows.length) throw badInput([{ field: 'login', message: 'is already taken' }]);
  const user = await db.findOneByOrFail(User, { id: rows[0].id });
  await recordAudit(db, requestId, { action: 'user.create', entityType: 'user', entityId: user.id, after: auditView(user) });
  return user;
}

/** National administration provisions the first admin of a new province. */
export async function createFirstProvinceAdmin(
  db: EntityManager,
  requestId: string,
  input: NewAccount & { tenantId: string },
): Promise<User> {
  const problems = accountProblems(input).map((problem) => ({ ...problem, field: `admin${capitalize(problem.field)}` }));
  if (problems.length) throw badInput(problems);
  const rows: Array<{ id: string }> = await db.query(
    `insert into app_user (tenant_id, login, display_name, role, password_hash)
     values ($1, $2, $3, 'PROVINCE_ADMIN', $4) on conflict (login) do nothing returning id`,
    [input.tenantId, normalizeLogin(input.login), normalizeText(input.displayName), await hashPassword(input.password)],
  );
  if (!rows.length) throw badInput([{ field: 'adminLogin', message: 'is already taken' }]);
  const user = await db.findOneByOrFail(User, { id: rows[0].id });
  await recordAudit(db, requestId, {
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    after: auditView(user),
    tenantId: input.tenantId,
  });
  return user;
}

/** Disables or re-enables an account of the province; a stale version changes nothing. */
export async function setUserDisabled(
  db: EntityManager,
  requestId: string,
  viewer: Viewer,
  input: { id: string; disabled: boolean; version: number },
): Promise<User> {
  if (input.id === viewer.userId && input.disabled) {
    throw badInput([{ field: 'id', message: 'you cannot disable your own account' }]);
  }
  const before = await db.findOneBy(User, { id: input.id });
  if (!before) throw notFound('Account');
  const rows = await rowsOf<{ id: string }>(
    db,
    `update app_user
        set disabled_at = case when $2 then coalesce(disabled_at, now()) end, updated_at = now(), version = version + 1
      where id = $1 and version = $3
      returning id`,
    [input.id, input.disabled, input.version],
  );
  if (!rows.length) throw conflict('This account');
  const after = await db.findOneByOrFail(User, { id: input.id });
  await recordAudit(db, requestId, {
    action: input.disabled ? 'user.disable' : 'user.enable',
    entityType: 'user',
    entityId: input.id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

export async function changeOwnPassword(
  db: EntityManager,
  requestId: string,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
): Promise<User> {
  const user = await db.findOneBy(User, { id: viewer.userId });
  if (!user) throw notFound('Account');
  const rows: Array<{ hash: string | null }> = await db.query('select ishc.own_password_hash() as hash');
  if (!(await verifyPassword(rows[0]?.hash ?? undefined, input.currentPassword))) {
    throw badInput([{ field: 'currentPassword', message: 'is not your current password' }]);
  }
  const problems = passwordProblems(input.newPassword, user.login).map((message) => ({ field: 'newPassword', message }));
  if (input.newPassword === input.currentPassword) problems.push({ field: 'newPassword', message: 'must differ from the current password' });
  if (problems.length) throw badInput(problems);
  await db.query('select ishc.set_own_password($1)', [await hashPassword(input.newPassword)]);
  await recordAudit(db, requestId, { action: 'user.change-password', entityType: 'user', entityId: user.id });
  return db.findOneByOrFail(User, { id: user.id });
}

/** What the audit trail keeps of an account: never its password hash. */
function auditView(user: User) {
  return {
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    tenantId: user.tenantId,
    clubId: user.clubId,
    disabled: user.disabledAt !== null,
    version: user.version,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
