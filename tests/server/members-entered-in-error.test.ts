import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../server/src/calendar.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { asClub, demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;
let sequence = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  province = await server.signIn('kiengiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = todayInVietnam();
const thisMonth = today.slice(0, 7);
const key = () => `test-key-${Date.now()}-${(sequence += 1)}`;

function fieldsOf(response: GraphQLResponse): Array<{ field: string; message: string }> {
  return (response.errors ?? []).flatMap((error) => error.extensions?.fields ?? []);
}

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = province): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw}`);
  return response.data!;
}

async function owner<T = Record<string, any>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return database.owner.query(sql, parameters);
}

async function freshClub(name: string, foundedOn = '2024-01-15'): Promise<string> {
  const data = await ok<{ createClub: { id: string } }>(
    `mutation ($input: CreateClubInput!) { createClub(input: $input) { id } }`,
    { input: { communeId: ids.kienLuongTown, name, foundedOn, maxActiveLoansPerMember: 1 } },
  );
  return data.createClub.id;
}

interface Added {
  id: string;
  version: number;
  duplicateStatus: string;
}

const CREATE = `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id version duplicateStatus removableUntil } }`;

async function addMember(clubId: string, fullName: string, extra: Record<string, unknown> = {}): Promise<Added> {
  const data = await ok<{ createMember: Added }>(CREATE, { input: { clubId, fullName, sex: 'FEMALE', birthYear: 1955, joinedOn: '2024-01-15', ...extra } });
  return data.createMember;
}

const REMOVE = `mutation ($input: RemoveMemberInput!) { removeMember(input: $input) { removedMemberId mergedInto { memberId } attendanceMoved visitsMoved } }`;
const MERGE = `mutation ($input: MergeMemberInput!) {
  mergeMember(input: $input) { removedMemberId mergedInto { memberId clubId fullName } attendanceMoved visitsMoved } }`;

/** The club's figures now, and the province's totals over every month: what dashboards read. */
async function liveFigures(clubId: string): Promise<{ members: number; joined: number; left: number; provinceMembers: number; provinceLeft: number }> {
  const [club] = await owner(
    `select members, joined_total as joined, left_total as "left" from club_month_figure where club_id = $1 order by month desc limit 1`,
    [clubId],
  );
  const [total] = await owner(
    `select coalesce(sum(members), 0)::int as "provinceMembers", coalesce(sum(left_total), 0)::int as "provinceLeft"
       from province_month_figure where tenant_id = $1`,
    [ids.anGiang],
  );
  return { ...(club ?? { members: 0, joined: 0, left: 0 }), ...total } as never;
}

async function meetingWith(clubId: string, attendeeIds: string[], heldOn = today): Promise<string> {
  const data = await ok<{ createActivity: { id: string } }>(
    `mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
    { input: { clubId, heldOn, area: 'LIVELIHOOD', monthlyMeeting: true, title: 'Sinh hoạt định kỳ', attendeeIds, idempotencyKey: key() } },
  );
  return data.createActivity.id;
}

describe('a member entered by mistake', () => {
  it('is removed within the day without counting as someone who left, in the club’s figures or the province’s', async () => {
    const clubId = await freshClub('CLB thử gõ nhầm');
    await addMember(clubId, 'Đặng Thị Ở Lại');
    const before = await liveFigures(clubId);
    const mistaken = await addMember(clubId, 'Đặng Thị Gõ Nhầm', { joinedOn: today });
    expect(await liveFigures(clubId)).toMatchObject({ members: before.members + 1, provinceMembers: before.provinceMembers + 1 });

    const removed = await ok<{ removeMember: Record<string, unknown> }>(REMOVE, { input: { id: mistaken.id, version: mistaken.version, reason: 'Gõ trùng' } });
    expect(removed.removeMember).toEqual({ removedMemberId: mistaken.id, mergedInto: null, attendanceMoved: 0, visitsMoved: 0 });
    expect(await liveFigures(clubId)).toEqual(before);
    const { club } = await ok<{ club: { memberCount: number } }>('query ($id: ID!) { club(id: $id) { memberCount } }', { id: clubId });
    expect(club.memberCount).toBe(1);
    const { member } = await ok<{ member: null }>('query ($id: ID!) { member(id: $id) { id } }', { id: mistaken.id });
    expect(member).toBeNull();

    // What it held stays in the audit, with the reason.
    const [event] = await owner(`select action, before->>'fullName' as name, after->>'reason' as reason from audit_event where entity_id = $1 and action = 'member.remove'`, [mistaken.id]);
    expect(event).toEqual({ action: 'member.remove', name: 'Đặng Thị Gõ Nhầm', reason: 'Gõ trùng' });
  });

  it('says until when it can be removed, and is refused once anything is recorded for them, naming what', async () => {
    const clubId = await freshClub('CLB thử đã điểm danh');
    const present = await addMember(clubId, 'Lý Thị Có Mặt', { joinedOn: today });
    const { member } = await ok<{ member: { removableUntil: string } }>('query ($id: ID!) { member(id: $id) { removableUntil } }', { id: present.id });
    const window = new Date(member.removableUntil).getTime() - Date.now();
    expect(window).toBeGreaterThan(23 * 3600_000);
    expect(window).toBeLessThanOrEqual(24 * 3600_000);

    await meetingWith(clubId, [present.id]);
    const after = await ok<{ member: { removableUntil: string | null } }>('query ($id: ID!) { member(id: $id) { removableUntil } }', { id: present.id });
    expect(after.member.removableUntil).toBeNull();
    const refused = await server.gql(REMOVE, { input: { id: present.id, version: present.version } }, province);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(refused)).toEqual([{ field: 'id', message: 'already has records (1 attendance); it can no longer be removed' }]);
    const [still] = await owner('select count(*)::int as count from member where id = $1', [present.id]);
    expect(still.count).toBe(1);
  });

  it('is refused after the window, by the service and by the database’s own policy; leaving is the way then', async () => {
    const clubId = await freshClub('CLB thử quá hạn xoá');
    const old = await addMember(clubId, 'Võ Thị Hôm Qua');
    await owner(`update member set created_at = now() - interval '25 hours' where id = $1`, [old.id]);
    const { member } = await ok<{ member: { version: number; removableUntil: string | null } }>('query ($id: ID!) { member(id: $id) { version removableUntil } }', { id: old.id });
    expect(member.removableUntil).toBeNull();
    const refused = await server.gql(REMOVE, { input: { id: old.id, version: member.version } }, province);
    expect(fieldsOf(refused)).toEqual([{ field: 'id', message: 'can be removed only within 24 hours of being added; record that they left instead' }]);

    // Straight to the database as the club's staff: the row is not theirs to delete any more.
    const deleted = await asClub(database, ids.anGiang, clubId, async (db) => {
      const result = await db.queryRunner!.query('delete from member where id = $1', [old.id], true);
      return result.affected;
    });
    expect(deleted).toBe(0);
    const [still] = await owner('select count(*)::int as count from member where id = $1', [old.id]);
    expect(still.count).toBe(1);
  });

  it('refuses a stale version with CONFLICT, and another club’s member as not found', async () => {
    const clubId = await freshClub('CLB thử phiên bản');
    const added = await addMember(clubId, 'Trương Thị Phiên Bản', { joinedOn: today });
    const stale = await server.gql(REMOVE, { input: { id: added.id, version: added.version + 1 } }, province);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const staff = await server.signIn('kienluong.club');
    const elsewhere = await server.gql(REMOVE, { input: { id: added.id, version: added.version } }, staff);
    expect(codesOf(elsewhere)).toEqual(['NOT_FOUND']);
  });
});

describe('a member entered twice', () => {
  it('is merged into the person on record: attendance moves (once a day), the entry goes, nobody counts as having left', async () => {
    const clubId = await freshClub('CLB thử gộp');
    const kept = await addMember(clubId, 'Huỳnh Thị Gộp', { birthYear: 1950, joinedOn: '2024-02-01' });
    const other = await addMember(clubId, 'Huỳnh Thị Khác', { birthYear: 1951 });
    const twice = await addMember(clubId, 'Huỳnh Thị Gộp', { birthYear: 1950, joinedOn: today });
    expect(twice.duplicateStatus).toBe('POSSIBLE');
    // One meeting with only the entry typed twice present, one with both present.
    const first = await meetingWith(clubId, [twice.id, other.id]);
    const second = await meetingWith(clubId, [twice.id, kept.id, other.id]);
    const before = await liveFigures(clubId);

    const merged = await ok<{ mergeMember: any }>(MERGE, { input: { id: twice.id, version: twice.version, intoMemberId: kept.id } });
    expect(merged.mergeMember).toEqual({
      removedMemberId: twice.id,
      mergedInto: { memberId: kept.id, clubId, fullName: 'Huỳnh Thị Gộp' },
      attendanceMoved: 1,
      visitsMoved: 0,
    });
    const attendance = await owner<{ activity_id: string; member_id: string }>(
      'select activity_id, member_id from attendance where club_id = $1 order by activity_id, member_id',
      [clubId],
    );
    expect(attendance).toEqual(
      [
        { activity_id: first, member_id: kept.id },
        { activity_id: first, member_id: other.id },
        { activity_id: second, member_id: kept.id },
        { activity_id: second, member_id: other.id },
      ].sort((left, right) => `${left.activity_id}${left.member_id}`.localeCompare(`${right.activity_id}${right.member_id}`)),
    );
    // The month's attendance counts the person once at the second meeting.
    const [month] = await owner<{ meeting_attendance: number }>(
      'select meeting_attendance from club_month_activity where club_id = $1 and month = $2::date',
      [clubId, `${thisMonth}-01`],
    );
    expect(month.meeting_attendance).toBe(4);
    expect(await liveFigures(clubId)).toEqual({ ...before, members: before.members - 1, joined: before.joined - 1, provinceMembers: before.provinceMembers - 1 });
    const [event] = await owner(`select after->>'mergedInto' as into from audit_event where entity_id = $1 and action = 'member.merge'`, [twice.id]);
    expect(event.into).toBe(kept.id);
  });

  it('merges only into one of its possible duplicates, never moves money, and keeps what is recorded in its own club', async () => {
    const clubId = await freshClub('CLB thử gộp bị từ chối');
    const otherClub = await freshClub('CLB thử nơi có người thật');
    const someoneElse = await addMember(clubId, 'Ngô Thị Không Liên Quan', { birthYear: 1949 });
    const onRecord = await addMember(otherClub, 'Ngô Thị Hai Nơi', { birthYear: 1948 });
    const entry = await addMember(clubId, 'Ngô Thị Hai Nơi', { birthYear: 1948, joinedOn: today });
    expect(entry.duplicateStatus).toBe('POSSIBLE');

    const notCandidate = await server.gql(MERGE, { input: { id: entry.id, version: entry.version, intoMemberId: someoneElse.id } }, province);
    expect(fieldsOf(notCandidate)).toEqual([{ field: 'intoMemberId', message: 'is not one of the member’s possible duplicates' }]);

    await meetingWith(clubId, [entry.id]);
    const elsewhere = await server.gql(MERGE, { input: { id: entry.id, version: entry.version, intoMemberId: onRecord.id } }, province);
    expect(fieldsOf(elsewhere)).toEqual([{ field: 'intoMemberId', message: 'is in another club; what is recorded here (1 attendance) cannot move there' }]);

    await ok(`mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`, {
      input: { clubId, fund: 'ACTIVITY', kind: 'CONTRIBUTION', entryOn: today, amount: 10_000, memberId: entry.id, idempotencyKey: key() },
    });
    const money = await server.gql(MERGE, { input: { id: entry.id, version: entry.version, intoMemberId: onRecord.id } }, province);
    expect(fieldsOf(money)).toEqual([
      { field: 'id', message: 'has loans or fund entries (1 attendance, 1 fund entries); money records are never moved or deleted, so the entry stays on record' },
    ]);
    const [still] = await owner('select count(*)::int as count from member where id = $1', [entry.id]);
    expect(still.count).toBe(1);
  });

  it('merges into someone of another club when nothing is recorded, and their flag clears when the match is gone', async () => {
    const clubId = await freshClub('CLB thử gộp khác câu lạc bộ');
    const otherClub = await freshClub('CLB thử người đã có');
    const onRecord = await addMember(otherClub, 'Phan Thị Chuyển', { citizenId: '091155000123' });
    const entry = await addMember(clubId, 'Phan Thị Chuyển Đến', { citizenId: '091155000123', joinedOn: today });
    const merged = await ok<{ mergeMember: any }>(MERGE, { input: { id: entry.id, version: entry.version, intoMemberId: onRecord.id } });
    expect(merged.mergeMember.mergedInto).toEqual({ memberId: onRecord.id, clubId: otherClub, fullName: 'Phan Thị Chuyển' });

    // A namesake added after, flagged against someone then removed, is flagged no more.
    const first = await addMember(clubId, 'Châu Thị Một Lần', { joinedOn: today });
    const second = await addMember(clubId, 'Châu Thị Một Lần', { joinedOn: today });
    expect(second.duplicateStatus).toBe('POSSIBLE');
    await ok(REMOVE, { input: { id: first.id, version: first.version } });
    const { member } = await ok<{ member: { duplicateStatus: string; possibleDuplicates: unknown[] } }>(
      'query ($id: ID!) { member(id: $id) { duplicateStatus possibleDuplicates { memberId } } }',
      { id: second.id },
    );
    expect(member).toEqual({ duplicateStatus: 'NONE', possibleDuplicates: [] });
  });
});

describe('saving a possible duplicate as a different person', () => {
  it('records the member as confirmed distinct when every match shown was checked, and flags them otherwise', async () => {
    const clubId = await freshClub('CLB thử khác người');
    const first = await addMember(clubId, 'Tô Thị Trùng Tên', { birthYear: 1960 });
    const checked = await addMember(clubId, 'Tô Thị Trùng Tên', { birthYear: 1960, distinctFrom: [first.id] });
    expect(checked.duplicateStatus).toBe('CONFIRMED_DISTINCT');
    // Now two match; the staff checked only one of them.
    const unchecked = await addMember(clubId, 'Tô Thị Trùng Tên', { birthYear: 1960, distinctFrom: [first.id] });
    expect(unchecked.duplicateStatus).toBe('POSSIBLE');
    const [event] = await owner(`select after->>'duplicateStatus' as status from audit_event where entity_id = $1 and action = 'member.create'`, [checked.id]);
    expect(event.status).toBe('CONFIRMED_DISTINCT');
  });

  it('says a birth year in the future is in the future', async () => {
    const clubId = await freshClub('CLB thử năm sinh');
    const response = await server.gql(CREATE, {
      input: { clubId, fullName: 'Bùi Thị Tương Lai', sex: 'FEMALE', birthYear: Number(thisMonth.slice(0, 4)) + 1, joinedOn: today },
    }, province);
    expect(fieldsOf(response)).toEqual([{ field: 'birthYear', message: 'must not be a year in the future' }]);
  });
});

