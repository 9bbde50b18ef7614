import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

/*
 * An upload that asks for progress (Accept: application/x-ndjson) hears each step of the preview
 * as it happens, then the answer; one that does not gets the answer alone, as before.
 */

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
  province = await server.signIn('angiang');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

async function uploadWithProgress(body: string, query: string): Promise<{ status: number; type: string | null; encoding: string | null; text: string }> {
  const response = await fetch(`${server.url}/imports/members${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${province}`, accept: 'application/x-ndjson', 'accept-encoding': 'gzip', 'content-type': 'text/csv' },
    body,
  });
  return { status: response.status, type: response.headers.get('content-type'), encoding: response.headers.get('content-encoding'), text: await response.text() };
}

/** 2.500 members, each with a citizen ID of their own: three batches of saved rows. */
function membersCsv(count: number): string {
  const lines = ['fullName,sex,birthYear,citizenId,joinedOn'];
  for (let index = 0; index < count; index += 1) {
    lines.push(`Hội viên Số ${index + 1},${index % 2 ? 'Nam' : 'Nữ'},1950,0911500${String(index).padStart(5, '0')},01/03/2026`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the progress of an upload', () => {
  it('streams each step, then the answer, and keeps the preview', async () => {
    const uploaded = await uploadWithProgress(membersCsv(2500), `?clubId=${ids.kienLuongClub}`);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.type).toMatch(/^application\/x-ndjson/);
    // Compressed, the lines would wait in the compressor until the end.
    expect(uploaded.encoding).toBeNull();
    expect(uploaded.text.endsWith('\n')).toBe(true);
    const lines = uploaded.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    const answer = lines.pop();
    expect(lines).toEqual([
      { phase: 'reading', done: 2500, total: 2500 },
      { phase: 'checking', done: 0, total: 2500 },
      { phase: 'checking', done: 2500, total: 2500 },
      { phase: 'saving', done: 1000, total: 2500 },
      { phase: 'saving', done: 2000, total: 2500 },
      { phase: 'saving', done: 2500, total: 2500 },
    ]);
    expect(answer).toMatchObject({ rows: 2500, unknownColumns: [] });
    const preview = await server.gql<{ dataImport: { rowCount: number; counts: { new: number; problems: number } } }>(
      'query Preview($id: ID!) { dataImport(id: $id) { rowCount counts { new problems } } }',
      { id: answer.importId },
      province,
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.dataImport).toEqual({ rowCount: 2500, counts: { new: 2500, problems: 0 } });
  });

  it('refuses before the first step with the plain JSON answer', async () => {
    const missing = await uploadWithProgress('fullName,birthYear\nAi Đó,1950\n', `?clubId=${ids.kienLuongClub}`);
    expect(missing.status).toBe(400);
    expect(missing.type).toMatch(/^application\/json/);
    expect(JSON.parse(missing.text).error.fields.map((field: { message: string }) => field.message)).toEqual([
      'thiếu cột "Giới tính" (sex)',
      'thiếu cột "Ngày vào câu lạc bộ" (joinedOn)',
    ]);

    const noSuchClub = await uploadWithProgress(membersCsv(1), '?clubId=00000000-0000-4000-8000-000000000000');
    expect(noSuchClub.status).toBe(404);
    expect(JSON.parse(noSuchClub.text).error.code).toBe('NOT_FOUND');
  });
});
