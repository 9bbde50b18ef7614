import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PeerServer {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * PostGraphile 5 over the same database, as a peer for the roster: each request runs in a
 * transaction with the same scope the API takes for club staff (role ishc_club, the tenant and
 * club as transaction-local settings), so row-level security applies to both alike.
 */
/**
 * PostGraphile 5 asks for Node 22; on Node 20 the one missing piece it reaches is
 * Promise.withResolvers (ES2024), given here for the bench process only.
 */
function provideNode22Builtins(): void {
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= () => {
    let resolve!: (value: unknown) => void;
    let reject!: (reason?: unknown) => void;
    const created = new Promise((resolveWith, rejectWith) => {
      resolve = resolveWith;
      reject = rejectWith;
    });
    return { promise: created, resolve, reject };
  };
}

export async function startPostGraphile(ownerUrl: string, scope: { tenantId: string; clubId: string }): Promise<PeerServer> {
  provideNode22Builtins();
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset],
    // Conditions and orderings on any column, as the roster filters on left_on and orders by
    // (search_name, id) while the member_club index is (tenant_id, club_id, search_name, id).
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [
      makePgService({
        connectionString: ownerUrl,
        schemas: ['public'],
        pgSettings: () => ({ role: 'ishc_club', 'app.tenant_id': scope.tenantId, 'app.club_id': scope.clubId }),
      }),
    ],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const instance = postgraphile(preset);
  const serv = instance.createServ(grafserv);
  const server = http.createServer();
  serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await instance.getSchema();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    // The client's roster columns (age and older are computed by our API; PostGraphile has no such fields).
    query: `query PeerRoster($clubId: UUID!) {
  allMembers(condition: { clubId: $clubId, leftOn: null }, first: 50, orderBy: [SEARCH_NAME_ASC, ROW_ID_ASC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { rowId fullName sex birthYear boardRole homeCareVolunteer needsHomeCare poorHousehold nearPoorHousehold duplicateStatus joinedOn leftOn } }
  }
}`,
    variables: { clubId: scope.clubId },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await instance.release();
    },
  };
}
