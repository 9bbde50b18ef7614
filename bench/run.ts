import './production-mode.js';
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SignInThrottle } from '../server/src/auth/sign-in-throttle.js';
import { appDatabaseUrl, createDataSource } from '../server/src/database/data-source.js';
import { buildApiSchema } from '../server/src/graphql/schema.js';
import { TEST_APP_PASSWORD } from '../tests/support/constants.js';
import { ROSTER_QUERY, runApiMeasures } from './api-measures.js';
import { clientOperation } from './client-operations.js';
import { handwrittenComparisonSchema } from './handwritten-schema.js';
import { openBenchDatabase } from './database.js';
import { AS_OF } from './dataset/generate.js';
import { prepareDataset } from './dataset/load.js';
import { readFixtures } from './fixtures.js';
import { BENCH_THROTTLE_LIMITS, explainSlowReads, round, spreadOf, startBenchServer, type ThroughputResult } from './harness.js';
import { measureDataImport } from './data-import.js';
import { measureLoad } from './load.js';
import { compareLayers, type LayerComparison } from './layer-comparison.js';
import { startPostGraphile } from './postgraphile-peer.js';
import { measureProvinceMerge, provincesToMerge } from './province-merge.js';
import { PEER_RATIO_BUDGET, printTable, writeResults, type BenchResults, type PeerComparison } from './report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import type { ThroughputJob } from './throughput-generator.js';
import { compareLiveWithRaw, compareRls, rlsCases } from './sql-comparisons.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
// The load phase's server processes: as deployed (one a core) unless --workers=N says otherwise.
const workersArg = process.argv.find((arg) => arg.startsWith('--workers='));
const loadWorkers = workersArg ? Number(workersArg.slice('--workers='.length)) : undefined;
// The load phase's steps (users in the month-end mix), 10, 50 and 200 unless --steps=10,200 says otherwise.
const stepsArg = process.argv.find((arg) => arg.startsWith('--steps='));
const loadSteps = stepsArg ? stepsArg.slice('--steps='.length).split(',').map(Number) : undefined;
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((value) => round(value, 2));
  const database = await openBenchDatabase();
  log(`database: ${database.where}`);
  // Login roles are cluster-wide: the bench logs in as a role of its own, so it never changes the
  // password of a server's (or a test run's) role on the same PostgreSQL.
  const login = { role: 'ishc_bench_app', password: process.env.APP_DATABASE_PASSWORD ?? TEST_APP_PASSWORD };
  const appUrl = appDatabaseUrl(database.ownerUrl, login);
  const app = createDataSource({ url: appUrl, poolSize: 10, applicationName: 'ishc-bench-app' });
  try {
    if (args.has('--import-only')) {
      // Its own database: the national dataset is not needed.
      log('a province-sized import (clubs, then members), in a database of its own');
      log(`data import: ${JSON.stringify(await measureDataImport(database.ownerUrl, login, log))}`);
      return;
    }
    const prepareStarted = performance.now();
    const prepared = await prepareDataset(database.ownerUrl, login, { regenerate: args.has('--regenerate'), log });
    const prepareSeconds = round((performance.now() - prepareStarted) / 1000, 1);
    log(`dataset ${prepared.marker.version} ready (${prepared.generatedNow ? 'generated now' : 'already loaded'}, ${prepareSeconds} s)`);
    if (args.has('--load-only')) return;

    if (args.has('--under-load')) {
      log('under load: the month-end mix at 10, 50 and 200 users, then 50 users on one operation');
      const fixtures = await readFixtures(database.ownerUrl);
      const leaveAlone = await provincesToMerge(database.ownerUrl, [fixtures.province.tenantId, fixtures.staff.tenantId]);
      const load = await measureLoad(database.ownerUrl, login, log, { seconds: quick ? 8 : 20, workers: loadWorkers, steps: loadSteps, alone: !args.has('--mix-only'), profile: args.has('--profile'), leaveAlone });
      log(`under load: ${JSON.stringify(load)}`);
      return;
    }

    await app.initialize();
    const fixtures = await readFixtures(database.ownerUrl);
    const writtenTo = [fixtures.province.tenantId, fixtures.staff.tenantId];
    if (args.has('--merge-only')) {
      const merge = await measureProvinceMerge(app, writtenTo);
      log(`province merge: ${JSON.stringify(merge)}`);
      return;
    }
    const server = await startBenchServer(app);
    const schema = await buildApiSchema();
    const samples = quick ? 30 : 100;
    const seconds = quick ? 6 : 15;

    try {
      log('API measures (one request at a time, after warm-up)');
      const api = await runApiMeasures(server, schema, fixtures, { warmUp: 20, samples, log });
      await explainSlowReads(appUrl, api.measures.filter((measure) => measure.pass === false && measure.account).map((measure) => ({ result: measure.result, account: measure.account! })));

      log('comparison 1: type-graphql schema vs hand-written graphql-js schema (roster)');
      const staffViewer = { ...fixtures.staff, tokenVersion: 1 };
      const services = { tokens: server.tokens, signInThrottle: new SignInThrottle(app, BENCH_THROTTLE_LIMITS) };
      const layers: Array<LayerComparison | { name: string; error: string }> = [];
      const comparisonQuery = await clientOperation('NationalComparison');
      const subjects = [
        { name: 'roster, 50 members', viewer: staffViewer, subject: undefined },
        {
          name: 'national comparison',
          viewer: { ...fixtures.national, tokenVersion: 1 },
          subject: comparisonQuery && schema.getQueryType()?.getFields().nationalComparison
            ? { name: 'national comparison', query: comparisonQuery, variables: { month: AS_OF.slice(0, 7) }, handwritten: handwrittenComparisonSchema(schema), memberFields: false }
            : null,
        },
      ];
      for (const { name, viewer, subject } of subjects) {
        if (subject === null) {
          layers.push({ name, error: 'the query is not in the schema or the client yet' });
          continue;
        }
        try {
          const layer = await compareLayers(schema, app, viewer, services, { concurrency: 4, seconds }, subject);
          layers.push(layer);
          log(`  ${name}: type-graphql ${layer.typeGraphql.perSecond}/s, hand-written ${layer.handwritten.perSecond}/s, ratio ${layer.ratio}`);
        } catch (error) {
          layers.push({ name, error: (error as Error).message });
          log(`  ${name} failed: ${(error as Error).message}`);
        }
      }

      log('comparison 2: row-level security vs the owner with an explicit tenant');
      const month = AS_OF.slice(0, 7);
      const cases = rlsCases(fixtures.staff.tenantId, fixtures.staff.clubId, month);
      const rlsSamples = quick ? 100 : 300;
      const rls = [
        ...(await compareRls(database.ownerUrl, { role: 'ishc_club', tenantId: fixtures.staff.tenantId, clubId: fixtures.staff.clubId }, cases.club, rlsSamples)),
        ...(await compareRls(database.ownerUrl, { role: 'ishc_province', tenantId: fixtures.staff.tenantId, clubId: null }, cases.province, rlsSamples)),
      ];
      for (const result of rls) log(`  ${result.name}: RLS ${result.rlsP50Ms} ms, owner ${result.ownerP50Ms} ms, ratio ${result.ratio}`);

      log('comparison 3: PostGraphile 5 serving the same roster');
      const peer = await comparePeer(database.ownerUrl, appUrl, server, fixtures.staff, seconds);
      log(`  ${'error' in peer ? `not measured: ${peer.error}` : `ours ${peer.ours.perSecond}/s, PostGraphile ${peer.postgraphile.perSecond}/s, ratio ${peer.ratio}`}`);

      log('comparison 4: national totals from the live figures vs aggregated from raw rows');
      const liveVersusRaw = await compareLiveWithRaw(database.ownerUrl, month, { live: quick ? 10 : 30, raw: quick ? 2 : 3 });
      log(`  live ${liveVersusRaw.liveP50Ms} ms, raw ${liveVersusRaw.rawP50Ms} ms, ${liveVersusRaw.speedup}× (same answers: ${liveVersusRaw.sameAnswers})`);

      // Last: a merge holds the tables' triggers (a short lock on writes) while it runs.
      log('a province merge on the national dataset (rolled back)');
      const provinceMerge = await measureProvinceMerge(app, writtenTo);
      log(`  ${'error' in provinceMerge ? `not measured: ${provinceMerge.error}` : `${provinceMerge.provinces.join(' + ')}: ${provinceMerge.clubs} clubs, ${provinceMerge.members} members in ${provinceMerge.seconds} s`}`);

      // Its own server process (production mode, as deployed), so this process's server is idle.
      log('under load: the month-end mix at 10, 50 and 200 users, then 50 users on one operation');
      // The provinces the merge is timed on are left alone by the load, for the next run's merge.
      const leaveAlone = await provincesToMerge(database.ownerUrl, writtenTo);
      const load = await measureLoad(database.ownerUrl, login, log, { seconds: quick ? 8 : 20, workers: loadWorkers, steps: loadSteps, alone: !args.has('--mix-only'), profile: args.has('--profile'), leaveAlone });
      if ('error' in load) log(`  not measured: ${load.error}`);

      log('a province-sized import: 400 clubs, then 24.000 members, XLSX, through HTTP to a server process of its own');
      const dataImport = await measureDataImport(database.ownerUrl, login, log);
      if ('error' in dataImport) log(`  not measured: ${dataImport.error}`);

      const results: BenchResults = {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        command: `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
        machine: { ...(await machine(database.ownerUrl, database.where)), loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((value) => round(value, 2)) },
        dataset: { ...prepared.marker, generatedNow: prepared.generatedNow, prepareSeconds },
        measures: api.measures,
        rosterGrowth: api.rosterGrowth,
        queries: api.queries,
        layers,
        rls,
        peer,
        liveVersusRaw,
        provinceMerge,
        dataImport,
        load,
      };
      const files = await writeResults(results);
      printTable(results);
      log(`results: ${files.join(', ')}`);
    } finally {
      await server.stop();
    }
  } finally {
    if (app.isInitialized) await app.destroy();
    await database.stop();
  }
}

async function comparePeer(
  ownerUrl: string,
  appUrl: string,
  server: Awaited<ReturnType<typeof startBenchServer>>,
  staff: { userId: string; role: import('../server/src/users/role.js').Role; tenantId: string; clubId: string },
  seconds: number,
): Promise<PeerComparison> {
  let peer: Awaited<ReturnType<typeof startPostGraphile>> | undefined;
  let api: ServerProcess | undefined;
  try {
    peer = await startPostGraphile(ownerUrl, { tenantId: staff.tenantId, clubId: staff.clubId }, log);
    const started = peer;
    // The peer runs in a process of its own (on Node.js 22), so ours does too: each server then has
    // a core, and neither shares it with the HTTP client of this process.
    api = await startServerProcess(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./api-server.ts', import.meta.url))], {
      cwd: process.cwd(),
      env: { ...process.env, BENCH_API: JSON.stringify({ appUrl, production: true }) },
    });
    const apiUrl = api.url;
    const check = await fetch(started.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: started.query, variables: started.variables }) });
    const checked = (await check.json()) as { data?: { allMembers?: { edges: unknown[] } }; errors?: Array<{ message: string }> };
    if (checked.errors?.length) throw new Error(`PostGraphile answered: ${checked.errors.map((error) => error.message).join('; ')}`);
    const rows = checked.data?.allMembers?.edges.length ?? 0;
    // Minted here with the secret the API process verifies with (startBenchServer's).
    const token = await server.token(staff);
    const ours: ThroughputJob = {
      url: apiUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ROSTER_QUERY, variables: { first: 50, standing: 'CURRENT' } }),
      connections: 4,
      seconds: 5,
    };
    const theirs: ThroughputJob = { url: started.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: started.query, variables: started.variables }), connections: 4, seconds: 5 };
    // The same client for both, autocannon in a process of its own, so neither server shares a core
    // with it more than the other; each warmed up first (their code compiled, their pools full).
    await throughputOf(ours);
    await throughputOf(theirs);
    const oursRounds: ThroughputResult[] = [];
    const theirRounds: ThroughputResult[] = [];
    for (let round = 0; round < PEER_ROUNDS; round += 1) {
      oursRounds.push(await throughputOf({ ...ours, seconds: Math.max(3, Math.round(seconds / 3)) }));
      theirRounds.push(await throughputOf({ ...theirs, seconds: Math.max(3, Math.round(seconds / 3)) }));
    }
    const total = (results: ThroughputResult[]): ThroughputResult => {
      const requests = results.reduce((sum, result) => sum + result.requests, 0);
      const elapsed = results.reduce((sum, result) => sum + result.seconds, 0);
      return { ...results[0], requests, seconds: round(elapsed), perSecond: round(requests / elapsed, 1), errors: results.reduce((sum, result) => sum + result.errors, 0) };
    };
    const oursTotal = total(oursRounds);
    const theirsTotal = total(theirRounds);
    if (oursTotal.errors || theirsTotal.errors) throw new Error(`errors while measuring: ours ${oursTotal.errors}, PostGraphile ${theirsTotal.errors}`);
    const ratio = round(oursTotal.perSecond / theirsTotal.perSecond, 3);
    const spread = spreadOf(oursRounds.map((result, index) => round(result.requests / result.seconds / (theirRounds[index].requests / theirRounds[index].seconds), 3)));
    return { query: started.query, rows, ours: oursTotal, postgraphile: theirsTotal, ratio, spread, pass: ratio >= PEER_RATIO_BUDGET };
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500) };
  } finally {
    await api?.stop().catch(() => undefined);
    await peer?.stop().catch(() => undefined);
  }
}

/** Rounds of the comparison with PostGraphile, each side by side. */
const PEER_ROUNDS = 3;

/** One server's throughput for one request, measured by autocannon in a process of its own. */
async function throughputOf(job: ThroughputJob): Promise<ThroughputResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./throughput-generator.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stdin.end(JSON.stringify(job));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the throughput generator stopped (exit ${code})`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as ThroughputResult;
}

async function machine(ownerUrl: string, where: string): Promise<Omit<BenchResults['machine'], 'loadAverageAtStart' | 'loadAverageAtEnd'>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; shared_buffers: string }>(`select version(), current_setting('shared_buffers') as shared_buffers`);
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      postgres: rows[0].version.split(' on ')[0],
      sharedBuffers: rows[0].shared_buffers,
      database: where,
    };
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
