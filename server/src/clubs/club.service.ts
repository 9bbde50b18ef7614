import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { todayInVietnam } from '../calendar.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { countOf, decodeCursor, pageOf, type Page } from '../graphql/pagination.js';
import { likeTerm, normalizeText } from '../text.js';
import { Club, ClubStatus, ClubStatusChange } from './club.entity.js';
import type { ChangeClubStatusInput, ClubFieldsInput, ClubsArgs, CreateClubInput, UpdateClubInput } from './club.inputs.js';

export async function findClubsByIds(db: EntityManager, ids: readonly string[]): Promise<Club[]> {
  // A plain statement, not the query builder: loaders ask for clubs on most pages, and building and
  // mapping through the ORM cost more than the statement itself.
  const rows: Array<Record<string, unknown>> = await db.query(`select ${CLUB_COLUMNS} from club where club.id = any($1::uuid[])`, [ids]);
  return rows.map(clubOf);
}

/** Clubs of each unit, whether the unit is their commune or their hamlet (retired units keep their clubs). */
export async function countClubsInUnits(db: EntityManager, unitIds: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ unit_id: string; count: string }> = await db.query(
    `select unit_id, count(*) as count
       from (select commune_id as unit_id from club where commune_id = any($1)
             union all
             select hamlet_id from club where hamlet_id = any($1)) as placed
      group by unit_id`,
    [unitIds],
  );
  return new Map(rows.map((row) => [row.unit_id, Number(row.count)]));
}

const CLUB_COLUMNS = `club.tenant_id as "tenantId", club.id, club.commune_id as "communeId", club.hamlet_id as "hamletId", club.name,
  club.status, club.founded_on::text as "foundedOn", club.scheme_id as "schemeId", club.status_since::text as "statusSince",
  club.max_active_loans_per_member as "maxActiveLoansPerMember", club.sample, club.version`;

function clubOf(row: Record<string, unknown>): Club {
  return Object.assign(new Club(), row);
}

/** Clubs of the province (the national office: of every province), by name. */
export async function listClubs(db: EntityManager, args: ClubsArgs): Promise<Page<Club>> {
  const conditions: string[] = ['true'];
  const parameters: unknown[] = [];
  if (args.unitId) {
    conditions.push(`commune.path <@ (select path from admin_unit where id = $${parameters.push(args.unitId)})`);
  }
  if (args.statuses?.length) conditions.push(`club.status = any($${parameters.push(args.statuses)})`);
  if (args.tenantId) conditions.push(`club.tenant_id = $${parameters.push(args.tenantId)}`);
  const search = normalizeText(args.search ?? '');
  if (search) conditions.push(`ishc.search_text(club.name) like '%' || ishc.search_text($${parameters.push(likeTerm(search))}) || '%'`);
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (args.after) {
    const [name, id] = decodeCursor(args.after, 2);
    conditions.push(`(club.name, club.id) > ($${parameters.push(String(name))}, $${parameters.push(String(id))}::uuid)`);
  }
  const from = 'from club join admin_unit commune on commune.id = club.commune_id';
  const rows: Array<Record<string, unknown>> = await db.query(
    `select ${CLUB_COLUMNS} ${from} where ${conditions.join(' and ')} order by club.name, club.id limit ${args.first + 1}`,
    parameters,
  );
  return pageOf(
    rows,
    args,
    clubOf,
    (club) => [club.name, club.id],
    countOf(db, `select count(*)::int as count ${from} where ${filtered.join(' and ')}`, filteredParameters),
  );
}

async function lockClub(db: EntityManager, id: string, version: number): Promise<Club> {
  const rows: Array<Record<string, unknown>> = await db.query(`select ${CLUB_COLUMNS} from club where club.id = $1 for update`, [id]);
  if (!rows[0]) throw notFound('Club');
  const club = clubOf(rows[0]);
  if (club.version !== version) throw conflict('The club');
  return club;
}

async function reloadClub(db: EntityManager, id: string): Promise<Club> {
  const rows: Array<Record<string, unknown>> = await db.query(`select ${CLUB_COLUMNS} from club where club.id = $1`, [id]);
  return clubOf(rows[0]);
}

async function checkClubFields(db: EntityManager, input: ClubFieldsInput, communeId: string, problems: FieldProblem[]) {
  const name = normalizeText(input.name);
  if (!name) problems.push({ field: 'name', message: 'must not be empty' });
  if (input.foundedOn && input.foundedOn > todayInVietnam()) problems.push({ field: 'foundedOn', message: 'must not be in the future' });
  if (input.hamletId) {
    const rows: unknown[] = await db.query(
      `select 1 from admin_unit hamlet join admin_unit commune on commune.id = $2
        where hamlet.id = $1 and hamlet.level = 4 and hamlet.path <@ commune.path`,
      [input.hamletId, communeId],
    );
    if (!rows.length) problems.push({ field: 'hamletId', message: 'is not a hamlet of this commune' });
  }
  if (input.schemeId) {
    const rows: unknown[] = await db.query('select 1 from scheme where id = $1', [input.schemeId]);
    if (!rows.length) problems.push({ field: 'schemeId', message: 'is not a scheme of your province' });
  }
  return name;
}

export async function createClub(db: EntityManager, requestId: string, input: CreateClubInput): Promise<Club> {
  const problems: FieldProblem[] = [];
  const communes: unknown[] = await db.query('select 1 from admin_unit where id = $1 and level = 3 and valid_to is null', [input.communeId]);
  if (!communes.length) problems.push({ field: 'communeId', message: 'is not a current commune, ward or town of your province' });
  const name = await checkClubFields(db, input, input.communeId, problems);
  let planEntry: { id: string; scheme_id: string; club_id: string | null; commune_id: string } | undefined;
  if (input.clubPlanEntryId) {
    [planEntry] = await db.query('select id, scheme_id, club_id, commune_id from club_plan_entry where id = $1 for update', [input.clubPlanEntryId]);
    if (!planEntry) problems.push({ field: 'clubPlanEntryId', message: 'is not an entry of your club plan' });
    else if (planEntry.club_id) problems.push({ field: 'clubPlanEntryId', message: 'already has its club' });
    else if (planEntry.commune_id !== input.communeId) problems.push({ field: 'clubPlanEntryId', message: 'is planned for another commune' });
  }
  if (problems.length) throw badInput(problems);
  const status = input.foundedOn ? 'ACTIVE' : 'PLANNED';
  const [row]: Array<{ id: string }> = await db.query(
    `insert into club (commune_id, hamlet_id, name, status, founded_on, scheme_id, status_since, max_active_loans_per_member)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [input.communeId, input.hamletId ?? null, name, status, input.foundedOn ?? null, input.schemeId ?? planEntry?.scheme_id ?? null,
      input.foundedOn ?? todayInVietnam(), input.maxActiveLoansPerMember],
  );
  await db.query('insert into club_status_change (club_id, status, effective_on) values ($1, $2, $3)', [row.id, status, input.foundedOn ?? todayInVietnam()]);
  if (planEntry) {
    await db.query(`update club_plan_entry set club_id = $2, status = 'FOUNDED', version = version + 1, updated_at = now() where id = $1`, [planEntry.id, row.id]);
  }
  const club = await reloadClub(db, row.id);
  await recordAudit(db, requestId, { action: 'club.create', entityType: 'club', entityId: row.id, after: { ...club, clubPlanEntryId: planEntry?.id ?? null } });
  return club;
}

export async function updateClub(db: EntityManager, requestId: string, input: UpdateClubInput): Promise<Club> {
  const before = await lockClub(db, input.id, input.version);
  const problems: FieldProblem[] = [];
  const name = await checkClubFields(db, input, before.communeId, problems);
  if (problems.length) throw badInput(problems);
  await db.query(
    `update club set name = $2, hamlet_id = $3, founded_on = $4, scheme_id = $5, max_active_loans_per_member = $6,
       version = version + 1, updated_at = now() where id = $1`,
    [before.id, name, input.hamletId ?? null, input.foundedOn ?? null, input.schemeId ?? null, input.maxActiveLoansPerMember],
  );
  const after = await reloadClub(db, before.id);
  await recordAudit(db, requestId, { action: 'club.update', entityType: 'club', entityId: before.id, before, after });
  return after;
}

/** Where a club may go from each status: a dissolved club stays dissolved, a founded one is never planned again. */
export const ALLOWED_MOVES: Record<ClubStatus, ClubStatus[]> = {
  PLANNED: [ClubStatus.ACTIVE, ClubStatus.DISSOLVED],
  ACTIVE: [ClubStatus.SUSPENDED, ClubStatus.DISSOLVED],
  SUSPENDED: [ClubStatus.ACTIVE, ClubStatus.DISSOLVED],
  DISSOLVED: [],
};

export async function changeClubStatus(db: EntityManager, requestId: string, input: ChangeClubStatusInput): Promise<Club> {
  const before = await lockClub(db, input.id, input.version);
  const problems: FieldProblem[] = [];
  if (!ALLOWED_MOVES[before.status].includes(input.status)) {
    problems.push({ field: 'status', message: `a ${before.status.toLowerCase()} club cannot become ${input.status.toLowerCase()}` });
  }
  const reason = normalizeText(input.reason ?? '') || null;
  if ((input.status === 'SUSPENDED' || input.status === 'DISSOLVED') && (!reason || reason.length < 3)) {
    problems.push({ field: 'reason', message: 'give the reason' });
  }
  if (input.effectiveOn > todayInVietnam()) problems.push({ field: 'effectiveOn', message: 'must not be in the future' });
  if (before.statusSince && input.effectiveOn < before.statusSince) problems.push({ field: 'effectiveOn', message: `must not be before ${before.statusSince}` });
  if (input.status === 'DISSOLVED') {
    const [open]: Array<{ count: number }> = await db.query(`select count(*)::int as count from loan where club_id = $1 and status in ('APPROVED', 'DISBURSED')`, [before.id]);
    if (open.count) problems.push({ field: 'status', message: `the club still has ${open.count} loans not repaid` });
  }
  if (problems.length) throw badInput(problems);
  const founding = before.status === 'PLANNED' && input.status === 'ACTIVE';
  await db.query(
    `update club set status = $2, status_since = $3, founded_on = case when $4 then coalesce(founded_on, $3) else founded_on end,
       version = version + 1, updated_at = now() where id = $1`,
    [before.id, input.status, input.effectiveOn, founding],
  );
  await db.query('insert into club_status_change (club_id, status, effective_on, reason) values ($1, $2, $3, $4)', [
    before.id, input.status, input.effectiveOn, reason,
  ]);
  const after = await reloadClub(db, before.id);
  await recordAudit(db, requestId, { action: 'club.status', entityType: 'club', entityId: before.id, before, after: { ...after, reason } });
  return after;
}

/** Every status a club has had, oldest first, with the reasons given. */
export async function statusHistoryOf(db: EntityManager, clubId: string): Promise<ClubStatusChange[]> {
  const rows: Array<{ status: ClubStatus; effective_on: string; reason: string | null; recorded_at: Date }> = await db.query(
    `select status, effective_on::text as effective_on, reason, recorded_at from club_status_change where club_id = $1 order by effective_on, recorded_at`,
    [clubId],
  );
  return rows.map((row) =>
    Object.assign(new ClubStatusChange(), { status: row.status, effectiveOn: row.effective_on, reason: row.reason, recordedAt: row.recorded_at }),
  );
}
