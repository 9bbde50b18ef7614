import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAudit, recordAuditBatch } from '../audit/audit.service.js';
import { todayInVietnam } from '../calendar.js';
import { requireClub } from '../clubs/club-scope.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { countOf, decodeCursor, pageOf, type Page } from '../graphql/pagination.js';
import { once } from '../idempotency/client-request.js';
import { likeTerm, normalizeText, optionalText } from '../text.js';
import type {
  CreateMemberInput,
  MemberFieldsInput,
  MemberLeftInput,
  MembersArgs,
  MergeMemberInput,
  RemoveMemberInput,
  UpdateMemberInput,
} from './member.inputs.js';
import {
  DuplicateCandidate,
  DuplicateStatus,
  Member,
  MemberRemoval,
  MemberStanding,
  OLDER_AGE,
  REMOVAL_WINDOW_HOURS,
  type BoardRole,
  type Sex,
} from './member.types.js';

export interface MemberRow {
  tenant_id: string;
  id: string;
  club_id: string;
  full_name: string;
  search_name: string;
  sex: string;
  birth_year: number;
  citizen_id: string | null;
  phone: string | null;
  hamlet_id: string | null;
  joined_on: string;
  left_on: string | null;
  leave_reason: string | null;
  poor_household: boolean;
  near_poor_household: boolean;
  ethnic_minority: string | null;
  disability: boolean;
  lives_alone: boolean;
  needs_home_care: boolean;
  board_role: string | null;
  home_care_volunteer: boolean;
  duplicate_status: string;
  version: number;
  created_at: Date;
}

const MEMBER_COLUMNS = `tenant_id, id, club_id, full_name, search_name, sex, birth_year, citizen_id, phone, hamlet_id,
  joined_on::text as joined_on, left_on::text as left_on, leave_reason, poor_household, near_poor_household,
  ethnic_minority, disability, lives_alone, needs_home_care, board_role, home_care_volunteer, duplicate_status, version, created_at`;

function memberOf(row: MemberRow): Member {
  return Object.assign(new Member(), {
    tenantId: row.tenant_id,
    id: row.id,
    clubId: row.club_id,
    fullName: row.full_name,
    sex: row.sex as Sex,
    birthYear: row.birth_year,
    citizenId: row.citizen_id,
    phone: row.phone,
    hamletId: row.hamlet_id,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    leaveReason: row.leave_reason,
    poorHousehold: row.poor_household,
    nearPoorHousehold: row.near_poor_household,
    ethnicMinority: row.ethnic_minority,
    disability: row.disability,
    livesAlone: row.lives_alone,
    needsHomeCare: row.needs_home_care,
    boardRole: row.board_role as BoardRole | null,
    homeCareVolunteer: row.home_care_volunteer,
    duplicateStatus: row.duplicate_status as DuplicateStatus,
    version: row.version,
    createdAt: row.created_at,
  });
}

/** Age reached during the year of `onDate`: what "60 and over on the date in question" counts. */
export function ageOn(birthYear: number, onDate: string): number {
  return Number(onDate.slice(0, 4)) - birthYear;
}

export function isOlderOn(birthYear: number, onDate: string): boolean {
  return ageOn(birthYear, onDate) >= OLDER_AGE;
}

export async function findMembersByIds(db: EntityManager, ids: readonly string[]): Promise<Member[]> {
  const rows: MemberRow[] = await db.query(`select ${MEMBER_COLUMNS} from member where id = any($1)`, [ids]);
  return rows.map(memberOf);
}

export async function listMembers(db: EntityManager, clubId: string, args: MembersArgs, options: { withTotal?: boolean } = {}): Promise<Page<Member>> {
  const conditions: string[] = ['club_id = $1'];
  const parameters: unknown[] = [clubId];
  const today = todayInVietnam();
  if (args.standing === MemberStanding.CURRENT) conditions.push('left_on is null');
  if (args.standing === MemberStanding.LEFT) conditions.push('left_on is not null');
  const search = normalizeText(args.search ?? '');
  if (search) {
    const digits = search.replace(/[\s.-]/g, '');
    if (/^\+?[0-9]{3,}$/.test(digits)) {
      conditions.push(`(citizen_id like $${parameters.push(`${digits}%`)} or replace(replace(replace(phone, ' ', ''), '.', ''), '-', '') like $${parameters.push(`%${digits}%`)})`);
    } else {
      conditions.push(`search_name like '%' || ishc.search_text($${parameters.push(likeTerm(search))}) || '%'`);
    }
  }
  if (args.sex) conditions.push(`sex = $${parameters.push(args.sex)}`);
  if (args.older != null) {
    conditions.push(`(birth_year <= $${parameters.push(Number(today.slice(0, 4)) - OLDER_AGE)}) = $${parameters.push(args.older)}`);
  }
  if (args.poorOrNearPoor != null) conditions.push(`(poor_household or near_poor_household) = $${parameters.push(args.poorOrNearPoor)}`);
  if (args.homeCareVolunteer != null) conditions.push(`home_care_volunteer = $${parameters.push(args.homeCareVolunteer)}`);
  if (args.needsHomeCare != null) conditions.push(`needs_home_care = $${parameters.push(args.needsHomeCare)}`);
  if (args.possibleDuplicate != null) {
    conditions.push(`(duplicate_status = 'POSSIBLE') = $${parameters.push(args.possibleDuplicate)}`);
  }
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (args.after) {
    const [name, id] = decodeCursor(args.after, 2);
    conditions.push(`(search_name, id) > ($${parameters.push(String(name))}, $${parameters.push(String(id))}::uuid)`);
  }
  const countSql = `select count(*)::int as count from member where ${filtered.join(' and ')}`;
  // Asked for the total, the page's statement counts too (a subquery run once): the filters'
  // parameters come first in both lists, so the count's placeholders mean the same there.
  const rows: Array<MemberRow & { total_count?: number }> = await db.query(
    `select ${MEMBER_COLUMNS}${options.withTotal ? `, (${countSql}) as total_count` : ''}
       from member where ${conditions.join(' and ')} order by search_name, id limit ${args.first + 1}`,
    parameters,
  );
  const searchNames = new Map(rows.map((row) => [row.id, row.search_name]));
  const counted = rows[0]?.total_count ?? (options.withTotal && !args.after ? 0 : undefined);
  return pageOf(
    rows,
    args,
    memberOf,
    (member) => [searchNames.get(member.id) ?? '', member.id],
    counted === undefined ? countOf(db, countSql, filteredParameters) : async () => counted,
  );
}

export async function findDuplicateCandidates(
  db: EntityManager,
  person: { fullName?: string | null; birthYear?: number | null; citizenId?: string | null; exceptMemberId?: string | null },
): Promise<DuplicateCandidate[]> {
  // Someone matches by citizen ID alone, or by name and year of birth together.
  const citizenId = optionalText(person.citizenId)?.replace(/\s/g, '') || null;
  const fullName = normalizeText(person.fullName ?? '');
  const byName = Boolean(fullName) && person.birthYear != null;
  if (!citizenId && !byName) return [];
  const rows: Array<{ member_id: string; club_id: string; club_name: string; full_name: string; birth_year: number; matched_by: string }> =
    await db.query('select * from ishc.member_duplicates($1, $2, $3, $4)', [
      citizenId,
      byName ? fullName : '',
      byName ? person.birthYear : null,
      person.exceptMemberId ?? null,
    ]);
  return rows.map((row) =>
    Object.assign(new DuplicateCandidate(), {
      memberId: row.member_id,
      clubId: row.club_id,
      clubName: row.club_name,
      fullName: row.full_name,
      birthYear: row.birth_year,
      matchedBy: row.matched_by,
    }),
  );
}

/** Flagged when someone matches, unless the staff said of every match that it is someone else. */
function duplicateStatusOf(candidates: readonly DuplicateCandidate[], distinctFrom: readonly string[] | null | undefined): DuplicateStatus {
  if (!candidates.length) return DuplicateStatus.NONE;
  const checked = new Set(distinctFrom ?? []);
  return candidates.every((candidate) => checked.has(candidate.memberId)) ? DuplicateStatus.CONFIRMED_DISTINCT : DuplicateStatus.POSSIBLE;
}

/** A member's fields as checked and normalised, as the member table holds them. */
export interface CleanMember {
  fullName: string;
  sex: Sex;
  birthYear: number;
  citizenId: string | null;
  phone: string | null;
  hamletId: string | null;
  joinedOn: string;
  poorHousehold: boolean;
  nearPoorHousehold: boolean;
  ethnicMinority: string | null;
  disability: boolean;
  livesAlone: boolean;
  needsHomeCare: boolean;
  boardRole: BoardRole | null;
  homeCareVolunteer: boolean;
}

async function cleanMember(db: EntityManager, input: MemberFieldsInput): Promise<CleanMember> {
  const problems: FieldProblem[] = [];
  const fullName = normalizeText(input.fullName);
  if (!fullName) problems.push({ field: 'fullName', message: 'must not be empty' });
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  if (input.birthYear > thisYear) problems.push({ field: 'birthYear', message: 'must not be a year in the future' });
  else if (input.birthYear < thisYear - 120) problems.push({ field: 'birthYear', message: `must be between ${thisYear - 120} and ${thisYear}` });
  if (input.joinedOn > today) problems.push({ field: 'joinedOn', message: 'must not be in the future' });
  // Against a year of birth that is itself wrong, the day joined would only repeat its problem.
  else if (input.birthYear <= thisYear && input.joinedOn < `${input.birthYear}-01-01`) {
    problems.push({ field: 'joinedOn', message: 'must be after the year of birth' });
  }
  if (input.poorHousehold && input.nearPoorHousehold) {
    problems.push({ field: 'nearPoorHousehold', message: 'a household is poor or near-poor, not both' });
  }
  if (input.hamletId) {
    const hamlets: unknown[] = await db.query('select 1 from admin_unit where id = $1 and level = 4', [input.hamletId]);
    if (!hamlets.length) problems.push({ field: 'hamletId', message: 'is not a hamlet of your province' });
  }
  if (problems.length) throw badInput(problems);
  return {
    fullName,
    sex: input.sex,
    birthYear: input.birthYear,
    citizenId: optionalText(input.citizenId)?.replace(/\s/g, '') ?? null,
    phone: optionalText(input.phone),
    hamletId: input.hamletId ?? null,
    joinedOn: input.joinedOn,
    poorHousehold: input.poorHousehold,
    nearPoorHousehold: input.nearPoorHousehold,
    ethnicMinority: optionalText(input.ethnicMinority),
    disability: input.disability,
    livesAlone: input.livesAlone,
    needsHomeCare: input.needsHomeCare,
    boardRole: input.boardRole ?? null,
    homeCareVolunteer: input.homeCareVolunteer,
  };
}

/** A board seat that only one member may hold is free, or refused naming the holder. */
async function checkBoardSeat(db: EntityManager, clubId: string, role: BoardRole | null, exceptId: string | null): Promise<void> {
  if (!role || role === 'DEPUTY') return;
  const holders: Array<{ full_name: string }> = await db.query(
    `select full_name from member where club_id = $1 and board_role = $2 and left_on is null and ($3::uuid is null or id <> $3)`,
    [clubId, role, exceptId],
  );
  if (holders.length) throw badInput([{ field: 'boardRole', message: `is already held by ${holders[0].full_name}` }]);
}

async function reload(db: EntityManager, id: string): Promise<Member> {
  const [member] = await findMembersByIds(db, [id]);
  if (!member) throw notFound('Member');
  return member;
}

async function lockMember(db: EntityManager, id: string, version: number): Promise<Member> {
  const rows: MemberRow[] = await db.query(`select ${MEMBER_COLUMNS} from member where id = $1 for update`, [id]);
  if (!rows[0]) throw notFound('Member');
  const member = memberOf(rows[0]);
  if (member.version !== version) throw conflict('The member');
  return member;
}

export async function createMember(db: EntityManager, requestId: string, clubId: string, input: CreateMemberInput): Promise<Member> {
  await requireClub(db, clubId);
  const { idempotencyKey, clubId: _club, ...fields } = input;
  if (!idempotencyKey) return reload(db, await addMember(db, requestId, clubId, fields));
  // A phone sending again what it kept while offline gets the member it added the first time.
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'member.create', input: fields }, async () => ({
    memberId: await addMember(db, requestId, clubId, fields),
  }));
  return reload(db, receipt.memberId as string);
}

async function addMember(db: EntityManager, requestId: string, clubId: string, input: MemberFieldsInput): Promise<string> {
  const member = await cleanMember(db, input);
  await checkBoardSeat(db, clubId, member.boardRole, null);
  // Not blocked: a possible duplicate is saved and flagged for the staff to check, unless they
  // already checked every match as they typed and said it is someone else.
  const candidates = await findDuplicateCandidates(db, member);
  const duplicateStatus = duplicateStatusOf(candidates, input.distinctFrom);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into member (club_id, full_name, sex, birth_year, citizen_id, phone, hamlet_id, joined_on, poor_household,
       near_poor_household, ethnic_minority, disability, lives_alone, needs_home_care, board_role, home_care_volunteer, duplicate_status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [
      clubId, member.fullName, member.sex, member.birthYear, member.citizenId, member.phone, member.hamletId, member.joinedOn,
      member.poorHousehold, member.nearPoorHousehold, member.ethnicMinority, member.disability, member.livesAlone,
      member.needsHomeCare, member.boardRole, member.homeCareVolunteer, duplicateStatus,
    ],
  );
  await recordAudit(db, requestId, {
    action: 'member.create',
    entityType: 'member',
    entityId: row.id,
    after: { clubId, ...member, duplicateStatus, possibleDuplicates: candidates.map((candidate) => candidate.memberId) },
  });
  return row.id;
}

/** How many imported members go to the database in one statement. */
const MEMBERS_PER_INSERT = 2000;

/**
 * Adds many members at once, as an import does: the rows were checked by the import against every
 * rule `createMember` applies (and the database's own checks hold), so they go in a few statements
 * rather than one round of queries each. Each new member is flagged as a possible duplicate when
 * someone of the province (another imported row included) has their citizen ID, or their name and
 * year of birth; one audit event each, as `createMember` writes.
 */
export async function addImportedMembers(
  db: EntityManager,
  requestId: string,
  rows: ReadonlyArray<{ clubId: string; member: CleanMember }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += MEMBERS_PER_INSERT) {
    const batch = rows.slice(start, start + MEMBERS_PER_INSERT);
    const identified = batch.map((row) => ({ ...row, id: randomUUID() }));
    await db.query(
      `insert into member (id, club_id, full_name, sex, birth_year, citizen_id, phone, hamlet_id, joined_on, poor_household,
         near_poor_household, ethnic_minority, disability, lives_alone, needs_home_care, board_role, home_care_volunteer)
       select id, club_id, full_name, sex, birth_year, citizen_id, phone, hamlet_id, joined_on, poor_household,
              near_poor_household, ethnic_minority, disability, lives_alone, needs_home_care, board_role, home_care_volunteer
         from jsonb_to_recordset($1::jsonb)
           as incoming (id uuid, club_id uuid, full_name text, sex text, birth_year smallint, citizen_id text, phone text, hamlet_id uuid,
                        joined_on date, poor_household boolean, near_poor_household boolean, ethnic_minority text, disability boolean,
                        lives_alone boolean, needs_home_care boolean, board_role text, home_care_volunteer boolean)`,
      [
        JSON.stringify(
          identified.map(({ id, clubId, member }) => ({
            id, club_id: clubId, full_name: normalizeText(member.fullName), sex: member.sex, birth_year: member.birthYear,
            citizen_id: member.citizenId, phone: member.phone, hamlet_id: member.hamletId, joined_on: member.joinedOn,
            poor_household: member.poorHousehold, near_poor_household: member.nearPoorHousehold, ethnic_minority: member.ethnicMinority,
            disability: member.disability, lives_alone: member.livesAlone, needs_home_care: member.needsHomeCare,
            board_role: member.boardRole, home_care_volunteer: member.homeCareVolunteer,
          })),
        ),
      ],
    );
    ids.push(...identified.map((row) => row.id));
  }
  if (!ids.length) return ids;
  // After every row is in, so two imported namesakes find each other, as two typed ones would.
  const flagged = await rowsOf<{ id: string }>(
    db,
    `update member set duplicate_status = 'POSSIBLE'
      where id = any ($1::uuid[])
        and exists (select 1 from ishc.member_duplicates(member.citizen_id, member.full_name, member.birth_year, member.id))
      returning id`,
    [ids],
  );
  const possible = new Set(flagged.map((row) => row.id));
  await recordAuditBatch(
    db,
    requestId,
    rows.map(({ clubId, member }, index) => ({
      action: 'member.create',
      entityType: 'member',
      entityId: ids[index],
      after: { clubId, ...member, possibleDuplicate: possible.has(ids[index]), imported: true },
    })),
  );
  return ids;
}

export async function updateMember(db: EntityManager, requestId: string, input: UpdateMemberInput): Promise<Member> {
  const before = await lockMember(db, input.id, input.version);
  const member = await cleanMember(db, input);
  if (before.leftOn && member.joinedOn > before.leftOn) throw badInput([{ field: 'joinedOn', message: 'must be before the day they left' }]);
  await checkBoardSeat(db, before.clubId, before.leftOn ? null : member.boardRole, before.id);
  const identityChanged =
    member.fullName !== before.fullName || member.birthYear !== before.birthYear || member.citizenId !== before.citizenId;
  let duplicateStatus = before.duplicateStatus;
  if (identityChanged) {
    const candidates = await findDuplicateCandidates(db, { ...member, exceptMemberId: before.id });
    duplicateStatus = duplicateStatusOf(candidates, input.distinctFrom);
  }
  await db.query(
    `update member set full_name = $2, sex = $3, birth_year = $4, citizen_id = $5, phone = $6, hamlet_id = $7, joined_on = $8,
       poor_household = $9, near_poor_household = $10, ethnic_minority = $11, disability = $12, lives_alone = $13,
       needs_home_care = $14, board_role = $15, home_care_volunteer = $16, duplicate_status = $17,
       version = version + 1, updated_at = now()
     where id = $1`,
    [
      before.id, member.fullName, member.sex, member.birthYear, member.citizenId, member.phone, member.hamletId, member.joinedOn,
      member.poorHousehold, member.nearPoorHousehold, member.ethnicMinority, member.disability, member.livesAlone,
      member.needsHomeCare, member.boardRole, member.homeCareVolunteer, duplicateStatus,
    ],
  );
  const after = await reload(db, before.id);
  await recordAudit(db, requestId, { action: 'member.update', entityType: 'member', entityId: before.id, before, after });
  return after;
}

/**
 * Gives a member a seat on the board, as a club's list of its board names them. A seat one member
 * holds at a time (head, treasurer, secretary) passes from its holder, who stays a member; the
 * member leaves any seat they held before.
 */
export async function assignBoardSeat(db: EntityManager, requestId: string, memberId: string, role: BoardRole): Promise<Member> {
  const rows: MemberRow[] = await db.query(`select ${MEMBER_COLUMNS} from member where id = $1 for update`, [memberId]);
  if (!rows[0]) throw notFound('Member');
  const before = memberOf(rows[0]);
  if (before.leftOn) throw badInput([{ field: 'boardRole', message: 'the member has left the club' }]);
  if (before.boardRole === role) return before;
  if (role !== 'DEPUTY') {
    const holders: MemberRow[] = await db.query(
      `select ${MEMBER_COLUMNS} from member where club_id = $1 and board_role = $2 and left_on is null and id <> $3 for update`,
      [before.clubId, role, memberId],
    );
    for (const holder of holders.map(memberOf)) {
      await db.query('update member set board_role = null, version = version + 1, updated_at = now() where id = $1', [holder.id]);
      await recordAudit(db, requestId, { action: 'member.update', entityType: 'member', entityId: holder.id, before: holder, after: await reload(db, holder.id) });
    }
  }
  await db.query('update member set board_role = $2, version = version + 1, updated_at = now() where id = $1', [memberId, role]);
  const after = await reload(db, memberId);
  await recordAudit(db, requestId, { action: 'member.update', entityType: 'member', entityId: memberId, before, after });
  return after;
}

export async function recordMemberLeft(db: EntityManager, requestId: string, input: MemberLeftInput): Promise<Member> {
  const before = await lockMember(db, input.id, input.version);
  const problems: FieldProblem[] = [];
  const reason = normalizeText(input.reason);
  if (!reason) problems.push({ field: 'reason', message: 'give the reason for leaving' });
  if (before.leftOn) problems.push({ field: 'id', message: 'has already left the club' });
  if (input.leftOn < before.joinedOn) problems.push({ field: 'leftOn', message: 'must not be before the day they joined' });
  if (input.leftOn > todayInVietnam()) problems.push({ field: 'leftOn', message: 'must not be in the future' });
  if (problems.length) throw badInput(problems);
  const open: Array<{ count: number }> = await db.query(
    `select count(*)::int as count from loan where member_id = $1 and status in ('APPROVED', 'DISBURSED')`,
    [before.id],
  );
  if (open[0].count > 0) {
    throw badInput([{ field: 'id', message: 'still has a loan that is approved or not repaid; close or write it off first' }]);
  }
  await db.query(
    `update member set left_on = $2, leave_reason = $3, board_role = null, home_care_volunteer = false,
       version = version + 1, updated_at = now() where id = $1`,
    [before.id, input.leftOn, reason],
  );
  const after = await reload(db, before.id);
  await recordAudit(db, requestId, { action: 'member.leave', entityType: 'member', entityId: before.id, before, after });
  return after;
}

export async function confirmMemberDistinct(db: EntityManager, requestId: string, id: string, version: number): Promise<Member> {
  const before = await lockMember(db, id, version);
  if (before.duplicateStatus !== DuplicateStatus.POSSIBLE) throw badInput([{ field: 'id', message: 'is not flagged as a possible duplicate' }]);
  await db.query(
    `update member set duplicate_status = 'CONFIRMED_DISTINCT', version = version + 1, updated_at = now() where id = $1`,
    [id],
  );
  const after = await reload(db, id);
  await recordAudit(db, requestId, { action: 'member.confirm-distinct', entityType: 'member', entityId: id, before, after });
  return after;
}

/** What is recorded for a member in their club: each keeps the member on record. */
interface MemberRecords {
  attendance: number;
  visits: number;
  loans: number;
  fundEntries: number;
}

async function recordsOf(db: EntityManager, member: Member): Promise<MemberRecords> {
  const [row]: MemberRecords[] = await db.query(
    `select (select count(*)::int from attendance where member_id = $1) as attendance,
            (select count(*)::int from home_care_visit where club_id = $2 and $1 in (member_id, volunteer_id)) as visits,
            (select count(*)::int from loan where member_id = $1) as loans,
            (select count(*)::int from ledger_entry where club_id = $2 and member_id = $1) as "fundEntries"`,
    [member.id, member.clubId],
  );
  return row;
}

function withinRemovalWindow(member: Member, now = Date.now()): boolean {
  return member.createdAt.getTime() + REMOVAL_WINDOW_HOURS * 3600_000 > now;
}

/**
 * Until when a member can still be taken out as entered by mistake: a day after being added, while
 * nothing is recorded for them. Null once that is past.
 */
export async function removableUntil(db: EntityManager, member: Member): Promise<Date | null> {
  if (!withinRemovalWindow(member)) return null;
  const held = await recordsOf(db, member);
  if (held.attendance + held.visits + held.loans + held.fundEntries > 0) return null;
  return new Date(member.createdAt.getTime() + REMOVAL_WINDOW_HOURS * 3600_000);
}

/**
 * Deletes a member entered by mistake. The database's policy allows it within the window or while
 * flagged; a row it does not allow is simply not deleted, so the count is checked.
 */
async function deleteMember(db: EntityManager, member: Member): Promise<void> {
  const deleted = await rowsOf<{ id: string }>(db, 'delete from member where id = $1 returning id', [member.id]);
  if (!deleted.length) {
    throw badInput([{ field: 'id', message: `can be taken out only within ${REMOVAL_WINDOW_HOURS} hours of being added, or while flagged as a possible duplicate` }]);
  }
}

/**
 * Members flagged as possible duplicates whom nobody matches any more (the person they matched was
 * just taken out) are no longer flagged: within what the scope sees (a club's staff, their club).
 */
async function clearUnmatchedFlags(db: EntityManager, requestId: string): Promise<void> {
  const cleared = await rowsOf<{ id: string }>(
    db,
    `update member set duplicate_status = 'NONE', version = version + 1, updated_at = now()
      where duplicate_status = 'POSSIBLE'
        and not exists (select 1 from ishc.member_duplicates(member.citizen_id, member.full_name, member.birth_year, member.id))
      returning id`,
  );
  for (const { id } of cleared) {
    await recordAudit(db, requestId, {
      action: 'member.update',
      entityType: 'member',
      entityId: id,
      before: { duplicateStatus: DuplicateStatus.POSSIBLE },
      after: { duplicateStatus: DuplicateStatus.NONE, reason: 'the member it matched was taken out' },
    });
  }
}

/**
 * Takes out a member entered by mistake, within a day of being added and while nothing is recorded
 * for them. Unlike a member who left, they never count: not in the members who left, not in any
 * month's figures (the member triggers recompute the club's figures on delete).
 */
export async function removeMemberEnteredInError(db: EntityManager, requestId: string, input: RemoveMemberInput): Promise<MemberRemoval> {
  const before = await lockMember(db, input.id, input.version);
  if (!withinRemovalWindow(before)) {
    throw badInput([{ field: 'id', message: `can be removed only within ${REMOVAL_WINDOW_HOURS} hours of being added; record that they left instead` }]);
  }
  const held = await recordsOf(db, before);
  if (held.attendance + held.visits + held.loans + held.fundEntries > 0) {
    throw badInput([{ field: 'id', message: `already has records (${recordsText(held)}); it can no longer be removed` }]);
  }
  await deleteMember(db, before);
  await recordAudit(db, requestId, {
    action: 'member.remove',
    entityType: 'member',
    entityId: before.id,
    before,
    after: { enteredInError: true, reason: optionalText(input.reason) },
  });
  await clearUnmatchedFlags(db, requestId);
  return Object.assign(new MemberRemoval(), { removedMemberId: before.id, mergedInto: null, attendanceMoved: 0, visitsMoved: 0 });
}

function recordsText(held: MemberRecords): string {
  return (Object.entries(held) as Array<[keyof MemberRecords, number]>)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${{ attendance: 'attendance', visits: 'home-care visits', loans: 'loans', fundEntries: 'fund entries' }[kind]}`)
    .join(', ');
}

/**
 * A member entered twice: the entry is taken out and the person already on record is kept. The
 * person kept must be one of the entry's possible duplicates (it may be in another club of the
 * province). What little is recorded for the entry moves with it when the person kept is in the
 * same club: attendance (on days they were a member; a day both were marked present counts once)
 * and home-care visits. Money is never moved: loans and fund entries (an append-only ledger, where
 * even a reversal names the member) keep the entry on record.
 */
export async function mergeMemberInto(db: EntityManager, requestId: string, input: MergeMemberInput): Promise<MemberRemoval> {
  const before = await lockMember(db, input.id, input.version);
  if (before.duplicateStatus !== DuplicateStatus.POSSIBLE && !withinRemovalWindow(before)) {
    throw badInput([{ field: 'id', message: `can be merged only while flagged as a possible duplicate, or within ${REMOVAL_WINDOW_HOURS} hours of being added` }]);
  }
  const candidates = await findDuplicateCandidates(db, { ...before, exceptMemberId: before.id });
  const kept = candidates.find((candidate) => candidate.memberId === input.intoMemberId);
  if (!kept) throw badInput([{ field: 'intoMemberId', message: 'is not one of the member’s possible duplicates' }]);
  const held = await recordsOf(db, before);
  if (held.loans + held.fundEntries > 0) {
    throw badInput([{ field: 'id', message: `has loans or fund entries (${recordsText(held)}); money records are never moved or deleted, so the entry stays on record` }]);
  }
  let attendanceMoved = 0;
  let visitsMoved = 0;
  if (held.attendance + held.visits > 0) {
    if (kept.clubId !== before.clubId) {
      throw badInput([{ field: 'intoMemberId', message: `is in another club; what is recorded here (${recordsText(held)}) cannot move there` }]);
    }
    ({ attendanceMoved, visitsMoved } = await moveRecords(db, before, kept));
  }
  await deleteMember(db, before);
  await recordAudit(db, requestId, {
    action: 'member.merge',
    entityType: 'member',
    entityId: before.id,
    before,
    after: { mergedInto: kept.memberId, attendanceMoved, visitsMoved },
  });
  await clearUnmatchedFlags(db, requestId);
  return Object.assign(new MemberRemoval(), { removedMemberId: before.id, mergedInto: kept, attendanceMoved, visitsMoved });
}

/** Moves a club's attendance and home-care visits from one member to another of the same club. */
async function moveRecords(db: EntityManager, from: Member, into: DuplicateCandidate): Promise<{ attendanceMoved: number; visitsMoved: number }> {
  const [keeper] = await membersWhere(db, 'id = $1', 'id', [into.memberId]);
  const [outside]: Array<{ held_on: string } | undefined> = await db.query(
    `select activity.held_on::text as held_on
       from attendance join activity on activity.id = attendance.activity_id
      where attendance.member_id = $1 and not (activity.held_on >= $2 and ($3::date is null or activity.held_on < $3))
        and not exists (select 1 from attendance present where present.activity_id = attendance.activity_id and present.member_id = $4)
      order by activity.held_on limit 1`,
    [from.id, keeper.joinedOn, keeper.leftOn, keeper.id],
  );
  if (outside) {
    throw badInput([{ field: 'intoMemberId', message: `was not a member of the club on ${outside.held_on}, when the entry was marked present` }]);
  }
  const [visitToSelf]: unknown[] = await db.query(
    `select 1 from home_care_visit where club_id = $3 and ((member_id = $1 and volunteer_id = $2) or (member_id = $2 and volunteer_id = $1)) limit 1`,
    [from.id, keeper.id, from.clubId],
  );
  if (visitToSelf) throw badInput([{ field: 'intoMemberId', message: 'a volunteer does not visit themself: a visit is between the two entries' }]);

  // A day both entries were marked present is one person present once.
  await db.query(
    `delete from attendance where member_id = $1
        and exists (select 1 from attendance present where present.activity_id = attendance.activity_id and present.member_id = $2)`,
    [from.id, keeper.id],
  );
  const movedAttendance = await rowsOf<{ activity_id: string }>(
    db,
    'update attendance set member_id = $2 where member_id = $1 returning activity_id',
    [from.id, keeper.id],
  );
  const movedVisits = await rowsOf<{ id: string }>(
    db,
    `update home_care_visit
        set member_id = case when member_id = $1 then $2 else member_id end,
            volunteer_id = case when volunteer_id = $1 then $2 else volunteer_id end
      where club_id = $3 and $1 in (member_id, volunteer_id)
      returning id`,
    [from.id, keeper.id, from.clubId],
  );
  return { attendanceMoved: movedAttendance.length, visitsMoved: movedVisits.length };
}

async function membersWhere(db: EntityManager, condition: string, order: string, parameters: unknown[]): Promise<Member[]> {
  const rows: MemberRow[] = await db.query(`select ${MEMBER_COLUMNS} from member where ${condition} order by ${order}`, parameters);
  return rows.map(memberOf);
}

/** Members of a club on a day (joined by then, not yet left), by name: the meeting sheet's roster. */
export function membersOnDay(db: EntityManager, clubId: string, day: string): Promise<Member[]> {
  return membersWhere(db, 'club_id = $1 and joined_on <= $2 and (left_on is null or left_on > $2)', 'search_name, id', [clubId, day]);
}

/** The management board now: head, deputies, treasurer, secretary, in that order. */
export function boardOf(db: EntityManager, clubId: string): Promise<Member[]> {
  return membersWhere(
    db,
    'club_id = $1 and board_role is not null and left_on is null',
    `array_position(array['HEAD', 'DEPUTY', 'TREASURER', 'SECRETARY'], board_role), search_name`,
    [clubId],
  );
}

/** The home-care volunteers now, by name. */
export function volunteersOf(db: EntityManager, clubId: string): Promise<Member[]> {
  return membersWhere(db, 'club_id = $1 and home_care_volunteer and left_on is null', 'search_name', [clubId]);
}
