import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { checkDay } from '../calendar.js';
import { requireClub } from '../clubs/club-scope.js';
import { rowsOf } from '../database/sql.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { countOf, decodeCursor, pageOf, type Page } from '../graphql/pagination.js';
import { once } from '../idempotency/client-request.js';
import { normalizeText, optionalText } from '../text.js';
import type {
  ActivitiesArgs,
  ActivityFieldsInput,
  CreateActivityInput,
  HomeCareVisitsArgs,
  RecordHomeCareVisitInput,
  SetAttendanceInput,
  UpdateActivityInput,
} from './activity.inputs.js';
import { Activity, HomeCareVisit, type ActivityArea, type HomeCareKind } from './activity.types.js';

interface ActivityRow {
  id: string;
  club_id: string;
  held_on: string;
  area: string;
  monthly_meeting: boolean;
  title: string;
  notes: string | null;
  attendance_count: number;
  version: number;
}

const ACTIVITY_SELECT = `
  select activity.id, activity.club_id, activity.held_on::text as held_on, activity.area, activity.monthly_meeting, activity.title,
         activity.notes, activity.version,
         (select count(*)::int from attendance where attendance.activity_id = activity.id) as attendance_count
    from activity`;

function activityOf(row: ActivityRow): Activity {
  return Object.assign(new Activity(), {
    id: row.id,
    clubId: row.club_id,
    heldOn: row.held_on,
    area: row.area as ActivityArea,
    monthlyMeeting: row.monthly_meeting,
    title: row.title,
    notes: row.notes,
    attendanceCount: row.attendance_count,
    version: row.version,
  });
}

export async function findActivitiesByIds(db: EntityManager, ids: readonly string[]): Promise<Activity[]> {
  const rows: ActivityRow[] = await db.query(`${ACTIVITY_SELECT} where activity.id = any($1)`, [ids]);
  return rows.map(activityOf);
}

export async function attendeeIdsOf(db: EntityManager, activityIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ activity_id: string; member_id: string }> = await db.query(
    'select activity_id, member_id from attendance where activity_id = any($1)',
    [activityIds],
  );
  const byActivity = new Map<string, string[]>(activityIds.map((id) => [id, []]));
  for (const row of rows) byActivity.get(row.activity_id)?.push(row.member_id);
  return byActivity;
}

export async function listActivities(db: EntityManager, clubId: string, args: ActivitiesArgs): Promise<Page<Activity>> {
  const conditions = ['activity.club_id = $1'];
  const parameters: unknown[] = [clubId];
  if (args.area) conditions.push(`activity.area = $${parameters.push(args.area)}`);
  if (args.from) conditions.push(`activity.held_on >= $${parameters.push(args.from)}`);
  if (args.to) conditions.push(`activity.held_on <= $${parameters.push(args.to)}`);
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (args.after) {
    const [heldOn, id] = decodeCursor(args.after, 2);
    conditions.push(`(activity.held_on, activity.id) < ($${parameters.push(String(heldOn))}::date, $${parameters.push(String(id))}::uuid)`);
  }
  const rows: ActivityRow[] = await db.query(
    `${ACTIVITY_SELECT} where ${conditions.join(' and ')} order by activity.held_on desc, activity.id desc limit ${args.first + 1}`,
    parameters,
  );
  return pageOf(
    rows,
    args,
    activityOf,
    (activity) => [activity.heldOn, activity.id],
    countOf(db, `select count(*)::int as count from activity where ${filtered.join(' and ')}`, filteredParameters),
  );
}

function cleanActivity(input: ActivityFieldsInput, problems: FieldProblem[], prefix = '') {
  const title = normalizeText(input.title);
  if (!title) problems.push({ field: `${prefix}title`, message: 'must not be empty' });
  checkDay(`${prefix}heldOn`, input.heldOn, problems);
  return { heldOn: input.heldOn, area: input.area, monthlyMeeting: input.monthlyMeeting, title, notes: optionalText(input.notes) };
}

/**
 * Replaces who came to an activity; everyone listed must be a member of the club on that day.
 * Returns who was marked before. Two statements whatever the number of members: the old list is
 * taken away, and the new one written from the members who qualify; one who does not is refused
 * (and the request's transaction writes nothing).
 */
export async function replaceAttendance(
  db: EntityManager,
  clubId: string,
  activityId: string,
  heldOn: string,
  memberIds: readonly string[],
  field = 'memberIds',
): Promise<string[]> {
  const unique = [...new Set(memberIds)];
  const previous = await rowsOf<{ member_id: string }>(db, 'delete from attendance where activity_id = $1 returning member_id', [activityId]);
  const present: Array<{ member_id: string }> = unique.length
    ? await db.query(
        `insert into attendance (club_id, activity_id, member_id)
         select $1, $2, member.id from member
          where member.id = any($3) and member.club_id = $1 and member.joined_on <= $4 and (member.left_on is null or member.left_on > $4)
         returning member_id`,
        [clubId, activityId, unique, heldOn],
      )
    : [];
  if (present.length !== unique.length) {
    const known = new Set(present.map((row) => row.member_id));
    const index = memberIds.findIndex((id) => !known.has(id));
    throw badInput([{ field: `${field}[${index}]`, message: 'is not a member of the club on the day of the activity' }]);
  }
  return previous.map((row) => row.member_id);
}

/** Writes an activity and who came; the caller has claimed the idempotency key. */
export async function addActivity(
  db: EntityManager,
  requestId: string,
  clubId: string,
  input: Omit<CreateActivityInput, 'clubId' | 'idempotencyKey'>,
  prefix = '',
): Promise<string> {
  const problems: FieldProblem[] = [];
  const activity = cleanActivity(input, problems, prefix);
  if (problems.length) throw badInput(problems);
  const [row]: Array<{ id: string }> = await db.query(
    `insert into activity (club_id, held_on, area, monthly_meeting, title, notes) values ($1, $2, $3, $4, $5, $6) returning id`,
    [clubId, activity.heldOn, activity.area, activity.monthlyMeeting, activity.title, activity.notes],
  );
  await replaceAttendance(db, clubId, row.id, activity.heldOn, input.attendeeIds, `${prefix}attendeeIds`);
  await recordAudit(db, requestId, {
    action: 'activity.create',
    entityType: 'activity',
    entityId: row.id,
    after: { clubId, ...activity, attendeeIds: input.attendeeIds },
  });
  return row.id;
}

export async function createActivity(db: EntityManager, requestId: string, clubId: string, input: CreateActivityInput): Promise<Activity> {
  await requireClub(db, clubId);
  const { idempotencyKey, clubId: _club, ...activity } = input;
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'activity.create', input: activity }, async () => ({
    activityId: await addActivity(db, requestId, clubId, activity),
  }));
  const [saved] = await findActivitiesByIds(db, [receipt.activityId as string]);
  return saved;
}

async function lockActivity(db: EntityManager, id: string, version?: number): Promise<Activity> {
  const rows: ActivityRow[] = await db.query(`${ACTIVITY_SELECT} where activity.id = $1 for update of activity`, [id]);
  if (!rows[0]) throw notFound('Activity');
  const activity = activityOf(rows[0]);
  if (version !== undefined && activity.version !== version) throw conflict('The activity');
  return activity;
}

export async function updateActivity(db: EntityManager, requestId: string, input: UpdateActivityInput): Promise<Activity> {
  const before = await lockActivity(db, input.id, input.version);
  const problems: FieldProblem[] = [];
  const activity = cleanActivity(input, problems);
  if (problems.length) throw badInput(problems);
  if (activity.heldOn !== before.heldOn) {
    const outside: Array<{ count: number }> = await db.query(
      `select count(*)::int as count from attendance join member on member.id = attendance.member_id
        where attendance.activity_id = $1 and not (member.joined_on <= $2 and (member.left_on is null or member.left_on > $2))`,
      [before.id, activity.heldOn],
    );
    if (outside[0].count) throw badInput([{ field: 'heldOn', message: `${outside[0].count} of those who came were not members on that day` }]);
  }
  await db.query(
    `update activity set held_on = $2, area = $3, monthly_meeting = $4, title = $5, notes = $6, version = version + 1, updated_at = now()
      where id = $1`,
    [before.id, activity.heldOn, activity.area, activity.monthlyMeeting, activity.title, activity.notes],
  );
  const [after] = await findActivitiesByIds(db, [before.id]);
  await recordAudit(db, requestId, { action: 'activity.update', entityType: 'activity', entityId: before.id, before, after });
  return after;
}

export async function setAttendance(db: EntityManager, requestId: string, input: SetAttendanceInput): Promise<Activity> {
  // The activity, locked, with its club's status: one statement for what three would read.
  const [activity]: Array<{ id: string; club_id: string; held_on: string; club_status: string }> = await db.query(
    `select activity.id, activity.club_id, activity.held_on::text as held_on, club.status as club_status
       from activity join club on club.tenant_id = activity.tenant_id and club.id = activity.club_id
      where activity.id = $1 for update of activity`,
    [input.activityId],
  );
  if (!activity) throw notFound('Activity');
  if (activity.club_status === 'DISSOLVED') throw badInput([{ field: 'clubId', message: 'the club is dissolved; its records are closed' }]);
  const clubId = activity.club_id;
  let saved: Activity | undefined;
  const receipt = await once(
    db,
    { clubId, key: input.idempotencyKey, operation: 'activity.attendance', input: { activityId: input.activityId, memberIds: input.memberIds } },
    async () => {
      const previous = await replaceAttendance(db, clubId, activity.id, activity.held_on, input.memberIds);
      const [row] = await rowsOf<ActivityRow>(
        db,
        `update activity set version = version + 1, updated_at = now() where id = $1
         returning id, club_id, held_on::text as held_on, area, monthly_meeting, title, notes, version,
                   (select count(*)::int from attendance where attendance.activity_id = activity.id) as attendance_count`,
        [activity.id],
      );
      saved = activityOf(row);
      await recordAudit(db, requestId, {
        action: 'activity.attendance',
        entityType: 'activity',
        entityId: activity.id,
        before: { memberIds: previous },
        after: { memberIds: [...new Set(input.memberIds)] },
      });
      return { activityId: activity.id };
    },
  );
  return saved ?? (await findActivitiesByIds(db, [receipt.activityId as string]))[0];
}

interface VisitRow {
  id: string;
  club_id: string;
  volunteer_id: string;
  member_id: string;
  visited_on: string;
  kinds: string[];
  notes: string | null;
  recorded_at: Date;
}

const VISIT_COLUMNS = 'id, club_id, volunteer_id, member_id, visited_on::text as visited_on, kinds, notes, recorded_at';

function visitOf(row: VisitRow): HomeCareVisit {
  return Object.assign(new HomeCareVisit(), {
    id: row.id,
    clubId: row.club_id,
    volunteerId: row.volunteer_id,
    memberId: row.member_id,
    visitedOn: row.visited_on,
    kinds: row.kinds as HomeCareKind[],
    notes: row.notes,
    recordedAt: row.recorded_at,
  });
}

export async function listHomeCareVisits(db: EntityManager, clubId: string, args: HomeCareVisitsArgs): Promise<Page<HomeCareVisit>> {
  const conditions = ['club_id = $1'];
  const parameters: unknown[] = [clubId];
  if (args.memberId) conditions.push(`member_id = $${parameters.push(args.memberId)}`);
  if (args.volunteerId) conditions.push(`volunteer_id = $${parameters.push(args.volunteerId)}`);
  const filtered = [...conditions];
  const filteredParameters = [...parameters];
  if (args.after) {
    const [visitedOn, id] = decodeCursor(args.after, 2);
    conditions.push(`(visited_on, id) < ($${parameters.push(String(visitedOn))}::date, $${parameters.push(String(id))}::uuid)`);
  }
  const rows: VisitRow[] = await db.query(
    `select ${VISIT_COLUMNS} from home_care_visit where ${conditions.join(' and ')} order by visited_on desc, id desc limit ${args.first + 1}`,
    parameters,
  );
  return pageOf(
    rows,
    args,
    visitOf,
    (visit) => [visit.visitedOn, visit.id],
    countOf(db, `select count(*)::int as count from home_care_visit where ${filtered.join(' and ')}`, filteredParameters),
  );
}

export async function recordHomeCareVisit(db: EntityManager, requestId: string, clubId: string, input: RecordHomeCareVisitInput): Promise<HomeCareVisit> {
  await requireClub(db, clubId);
  const { idempotencyKey, clubId: _club, ...visit } = input;
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'home-care.visit', input: visit }, async () => {
    const problems: FieldProblem[] = [];
    checkDay('visitedOn', visit.visitedOn, problems);
    const people: Array<{ id: string; home_care_volunteer: boolean; on_day: boolean }> = await db.query(
      `select id, home_care_volunteer, (joined_on <= $3 and (left_on is null or left_on > $3)) as on_day
         from member where id = any($1) and club_id = $2`,
      [[visit.volunteerId, visit.memberId], clubId, visit.visitedOn],
    );
    const volunteer = people.find((person) => person.id === visit.volunteerId);
    const member = people.find((person) => person.id === visit.memberId);
    if (!volunteer || !volunteer.on_day) problems.push({ field: 'volunteerId', message: 'is not a member of the club on that day' });
    else if (!volunteer.home_care_volunteer) problems.push({ field: 'volunteerId', message: 'is not a home-care volunteer' });
    if (!member || !member.on_day) problems.push({ field: 'memberId', message: 'is not a member of the club on that day' });
    if (visit.volunteerId === visit.memberId) problems.push({ field: 'memberId', message: 'a volunteer does not visit themself' });
    if (problems.length) throw badInput(problems);
    const [row]: Array<{ id: string }> = await db.query(
      `insert into home_care_visit (club_id, volunteer_id, member_id, visited_on, kinds, notes) values ($1, $2, $3, $4, $5, $6) returning id`,
      [clubId, visit.volunteerId, visit.memberId, visit.visitedOn, [...new Set(visit.kinds)], optionalText(visit.notes)],
    );
    await recordAudit(db, requestId, { action: 'home-care.visit', entityType: 'home_care_visit', entityId: row.id, after: { clubId, ...visit } });
    return { visitId: row.id };
  });
  const rows: VisitRow[] = await db.query(`select ${VISIT_COLUMNS} from home_care_visit where id = $1`, [receipt.visitId]);
  return visitOf(rows[0]);
}
