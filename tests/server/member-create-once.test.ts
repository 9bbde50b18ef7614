import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let clubToken: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  clubToken = await server.signIn('kienluong.club');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const CREATE = `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id fullName } }`;

async function membersNamed(fullName: string): Promise<number> {
  const [row] = await database.owner.query('select count(*)::int as count from member where full_name = $1', [fullName]);
  return row.count;
}

describe('createMember sent again by a phone that kept it offline', () => {
  it('adds the member once and answers a retry with the member already added', async () => {
    const input = { fullName: 'Trần Thị Gửi Lại', sex: 'FEMALE', birthYear: 1950, joinedOn: '2024-03-01', idempotencyKey: 'member-retry-0001' };
    const first = await server.gql<{ createMember: { id: string } }>(CREATE, { input }, clubToken);
    expect(first.errors).toBeUndefined();
    const again = await server.gql<{ createMember: { id: string } }>(CREATE, { input }, clubToken);
    expect(again.errors).toBeUndefined();
    expect(again.data!.createMember.id).toBe(first.data!.createMember.id);
    expect(await membersNamed('Trần Thị Gửi Lại')).toBe(1);
    const audits = await database.owner.query(`select count(*)::int as count from audit_event where action = 'member.create' and entity_id = $1`, [first.data!.createMember.id]);
    expect(audits[0].count).toBe(1);
  });

  it('refuses the same key for another member, and adds nothing', async () => {
    const key = 'member-retry-0002';
    const first = await server.gql(CREATE, { input: { fullName: 'Lê Văn Một', sex: 'MALE', birthYear: 1948, joinedOn: '2024-03-01', idempotencyKey: key } }, clubToken);
    expect(first.errors).toBeUndefined();
    const other = await server.gql(CREATE, { input: { fullName: 'Lê Văn Hai', sex: 'MALE', birthYear: 1949, joinedOn: '2024-03-01', idempotencyKey: key } }, clubToken);
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'idempotencyKey' })]);
    expect(await membersNamed('Lê Văn Hai')).toBe(0);
  });

  it('lets a refused first attempt be sent again once corrected, under the same key', async () => {
    const key = 'member-retry-0003';
    const refused = await server.gql(CREATE, { input: { fullName: 'Phạm Thị Sửa', sex: 'FEMALE', birthYear: 1800, joinedOn: '2024-03-01', idempotencyKey: key } }, clubToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const corrected = await server.gql(CREATE, { input: { fullName: 'Phạm Thị Sửa', sex: 'FEMALE', birthYear: 1952, joinedOn: '2024-03-01', idempotencyKey: key } }, clubToken);
    expect(corrected.errors).toBeUndefined();
    expect(await membersNamed('Phạm Thị Sửa')).toBe(1);
  });

  it('still adds a member sent without a key', async () => {
    const added = await server.gql(CREATE, { input: { fullName: 'Võ Văn Không Khoá', sex: 'MALE', birthYear: 1951, joinedOn: '2024-03-01' } }, clubToken);
    expect(added.errors).toBeUndefined();
    expect(await membersNamed('Võ Văn Không Khoá')).toBe(1);
  });
});
