import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;

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

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = province): Promise<T> {
  const response = await server.gql<T>(query, variables, token);
  if (response.errors) throw new Error(`unexpected errors: ${response.raw}`);
  return response.data!;
}

describe('unit names', () => {
  it('write a quarter named with its kind once: "Khu phố 1", not "Khu phố Khu phố 1"', async () => {
    const { adminUnits } = await ok<{ adminUnits: { edges: Array<{ node: { name: string; fullName: string; kind: string } }> } }>(
      'query ($parentId: ID) { adminUnits(parentId: $parentId, first: 50) { edges { node { name fullName kind } } } }',
      { parentId: ids.kienLuongTown },
    );
    const quarters = adminUnits.edges.map((edge) => edge.node).filter((unit) => unit.kind === 'QUARTER');
    expect(quarters.map((unit) => unit.fullName)).toContain('Khu phố 1');
    for (const unit of quarters) expect(unit.fullName).toBe(unit.name);
    // A unit whose name does not say its kind still gets it.
    const { adminUnit } = await ok<{ adminUnit: { fullName: string } }>('query ($id: ID!) { adminUnit(id: $id) { fullName } }', { id: ids.kienLuongTown });
    expect(adminUnit.fullName).toBe('Thị trấn Kiên Lương');
  });
});
