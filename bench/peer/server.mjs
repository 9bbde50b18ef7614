// PostGraphile 5 over the bench database, as a peer for the roster: each request runs in a
// transaction with the scope the API takes for club staff (role ishc_club, the tenant and club as
// transaction-local settings), so row-level security applies to both alike.
//
// Started by ../postgraphile-peer.ts on Node.js 22 (what PostGraphile 5 asks for) with
// BENCH_PEER = {"ownerUrl", "tenantId", "clubId"}; prints {"url"} on one line once the schema is
// built, and stops on SIGTERM.
import http from 'node:http';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { postgraphile } from 'postgraphile';

const { ownerUrl, tenantId, clubId } = JSON.parse(process.env.BENCH_PEER ?? '{}');
if (!ownerUrl || !tenantId || !clubId) throw new Error('BENCH_PEER must give ownerUrl, tenantId and clubId');

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  // Conditions and orderings on any column, as the roster filters on left_on and orders by
  // (search_name, id) while the member_club index is (tenant_id, club_id, search_name, id).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: ownerUrl,
      schemas: ['public'],
      pgSettings: () => ({ role: 'ishc_club', 'app.tenant_id': tenantId, 'app.club_id': clubId }),
    }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const instance = postgraphile(preset);
const server = http.createServer();
instance.createServ(grafserv).addTo(server);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
await instance.getSchema();
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/graphql` })}\n`);

process.once('SIGTERM', () => {
  server.close(() => {
    instance.release().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  // The bench's client keeps its connections alive; close() alone would wait for them.
  server.closeAllConnections();
});
