import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  ids = await demoIds(database);
  // The connection of a transaction adding a member named "Mất Kết Nối" ends during its COMMIT.
  await database.owner.query(`
    create function public.lose_connection_at_commit() returns trigger language plpgsql security definer as $$
    begin
      if new.full_name = 'Mất Kết Nối' then perform pg_terminate_backend(pg_backend_pid()); end if;
      return null;
    end $$;
    create constraint trigger lose_connection_at_commit after insert on member deferrable initially deferred
      for each row execute function public.lose_connection_at_commit();`);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe('a change whose connection is lost while it commits', () => {
  it('is not answered "try again": the client is told it may have been saved', async () => {
    const token = await server.signIn('kiengiang');
    const answer = await server.gql(
      `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
      { input: { clubId: ids.kienLuongClub, fullName: 'Mất Kết Nối', sex: 'MALE', birthYear: 1950, joinedOn: '2024-01-15' } },
      token,
    );
    expect(answer.status).not.toBe(503);
    expect(codesOf(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(answer.errors?.[0].message).toContain('may have been saved');
    // The server serves the next request on a sound connection.
    const next = await server.gql('{ me { login } }', {}, token);
    expect(next.data).toEqual({ me: { login: 'kiengiang' } });
  });
});
