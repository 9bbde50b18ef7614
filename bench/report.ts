import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measure } from './api-measures.js';
import { round, type RatioSpread, type ThroughputResult } from './harness.js';
import { LAYER_RATIO_BUDGET, type LayerComparison } from './layer-comparison.js';
import type { DatasetMarker } from './dataset/load.js';
import type { LiveVersusRaw, RlsCase } from './sql-comparisons.js';
import type { MergeMeasure } from './province-merge.js';
import { IMPORT_BUDGETS, type ImportMeasure } from './data-import.js';
import { LOAD_BUDGETS, type LoadMeasure } from './load.js';

export type PeerComparison =
  | { query: string; rows: number; ours: ThroughputResult; postgraphile: ThroughputResult; ratio: number; spread: RatioSpread; pass: boolean }
  | { error: string };

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; sharedBuffers: string; database: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  dataset: DatasetMarker & { generatedNow: boolean; prepareSeconds: number };
  measures: Measure[];
  rosterGrowth: Array<{ first: number; returned: number; statements: number; dataStatements: number }>;
  queries: Record<string, string>;
  layers: Array<LayerComparison | { name: string; error: string }>;
  rls: RlsCase[];
  peer: PeerComparison;
  liveVersusRaw: LiveVersusRaw;
  provinceMerge?: MergeMeasure;
  dataImport?: ImportMeasure;
  load?: LoadMeasure;
  /** Every budget of the run, checked: written by writeResults. */
  budgets?: Budget[];
}

export interface Budget {
  name: string;
  budget: string;
  value: number | string | null;
  result: 'pass' | 'fail';
}

/** The roster must serve at least this many times PostGraphile 5's requests per second. */
export const PEER_RATIO_BUDGET = 1.5;

/**
 * Every budget of a run as one list, so a run can be checked without reading its tables: what was
 * not measured fails, with its reason as the value.
 */
export function budgetsOf(results: BenchResults): Budget[] {
  const budgets: Budget[] = [];
  const check = (name: string, budget: string, value: number | string | null | undefined, pass: boolean) =>
    budgets.push({ name, budget, value: value ?? null, result: pass ? 'pass' : 'fail' });
  for (const measure of results.measures) {
    const result = measure.result;
    if (measure.budgetP95Ms !== null) check(`${measure.name}: p95 ms`, `≤ ${measure.budgetP95Ms}`, result?.p95 ?? measure.unavailable, !!result && result.p95 <= measure.budgetP95Ms);
    check(`${measure.name}: statements per request`, `≤ ${measure.budgetStatements}`, result?.statementsMedian ?? measure.unavailable, !!result && result.statementsMedian <= measure.budgetStatements);
  }
  for (const layer of results.layers) {
    const name = `GraphQL layer, ${layer.name}: type-graphql / hand-written graphql-js`;
    if ('error' in layer) check(name, `≥ ${LAYER_RATIO_BUDGET}`, layer.error, false);
    else check(`${name}, over ${layer.spread.rounds.length} rounds side by side (rounds ${layer.spread.min}–${layer.spread.max})`, `≥ ${LAYER_RATIO_BUDGET}`, layer.ratio, layer.pass);
  }
  for (const rls of results.rls) check(`RLS / owner with explicit tenant, ${rls.name}`, '≤ 1.25', rls.ratio, rls.ratio <= 1.25);
  if ('error' in results.peer) check('roster / PostGraphile 5 (req/s)', `≥ ${PEER_RATIO_BUDGET}`, results.peer.error, false);
  else check(`roster / PostGraphile 5 (req/s), over ${results.peer.spread.rounds.length} rounds side by side (rounds ${results.peer.spread.min}–${results.peer.spread.max})`, `≥ ${PEER_RATIO_BUDGET}`, results.peer.ratio, results.peer.pass);
  check('national totals: live figures vs raw rows (speed-up)', '≥ 5', results.liveVersusRaw.speedup, results.liveVersusRaw.pass);
  // A merge has no time budget, but a merge that could not be timed is a failure of the run.
  const merge = results.provinceMerge;
  if (merge) check('province merge of the two largest provinces (rolled back): s', 'measured', 'error' in merge ? merge.error : merge.seconds, !('error' in merge));
  const imported = results.dataImport;
  if (imported && 'error' in imported) check('province-sized import', 'measured', imported.error, false);
  else if (imported) {
    for (const step of [imported.clubs, imported.members]) {
      check(`import ${step.file}: preview s`, `≤ ${IMPORT_BUDGETS.previewSeconds}`, step.previewSeconds, step.previewSeconds <= IMPORT_BUDGETS.previewSeconds);
      check(`import ${step.file}: commit s`, `≤ ${IMPORT_BUDGETS.commitSeconds}`, step.commitSeconds, (step.commitSeconds ?? Infinity) <= IMPORT_BUDGETS.commitSeconds);
    }
    check('import: server peak memory MiB', `< ${IMPORT_BUDGETS.serverMemoryMiB}`, imported.serverPeakMiB, imported.serverPeakMiB !== null && imported.serverPeakMiB < IMPORT_BUDGETS.serverMemoryMiB);
  }
  const load = results.load;
  if (load && 'error' in load) check('under load', 'measured', load.error, false);
  else if (load) budgets.push(...loadBudgets(load.steps));
  return budgets;
}

function loadBudgets(steps: Extract<LoadMeasure, { steps: unknown }>['steps']): Budget[] {
  const budgets: Budget[] = [];
  const check = (name: string, budget: string, value: number, pass: boolean) => budgets.push({ name, budget, value, result: pass ? 'pass' : 'fail' });
  for (const step of steps) {
    check(`${step.name}: errors`, '0', step.errors, step.errors === 0);
    check(`${step.name}: /readyz p99 ms`, `≤ ${LOAD_BUDGETS.readyzP99Ms}`, step.readyz.p99, step.readyz.p99 <= LOAD_BUDGETS.readyzP99Ms && step.readyz.failed === 0);
    if (step.users === 200 && step.name.startsWith('month-end')) {
      for (const operation of step.operations) {
        const limit = operation.kind === 'read' ? LOAD_BUDGETS.readP99MsAt200 : LOAD_BUDGETS.writeP99MsAt200;
        check(`${step.name}, ${operation.name}: p99 ms`, `≤ ${limit}`, operation.p99, operation.p99 <= limit);
      }
    }
  }
  const alone = (prefix: string) => steps.find((step) => step.name.startsWith(prefix));
  const dashboard = alone('province dashboard alone');
  if (dashboard) check('province dashboard alone, 50 users: req/s', `≥ ${LOAD_BUDGETS.dashboardPerSecondAt50}`, dashboard.perSecond, dashboard.perSecond >= LOAD_BUDGETS.dashboardPerSecondAt50);
  const comparison = alone('national comparison alone');
  if (comparison) check('national comparison alone, 50 users: req/s', `≥ ${LOAD_BUDGETS.comparisonPerSecondAt50}`, comparison.perSecond, comparison.perSecond >= LOAD_BUDGETS.comparisonPerSecondAt50);
  return budgets;
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const README_START = '<!-- latest results: written by npm run bench -->';
const README_END = '<!-- end of latest results -->';

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? '—' : pass ? 'pass' : '**FAIL**';
}

/** The results as Markdown tables: what `npm run bench` prints and writes into bench/README.md. */
export function resultsMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, dataset } = results;
  lines.push(`Run \`${results.command}\` on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres} (shared_buffers ${machine.sharedBuffers}), ${machine.database}.`);
  // The bench itself keeps both cores busy (Node and PostgreSQL), so only the load it found on
  // arrival tells of other work.
  const busyBefore = machine.loadAverageAtStart[0] > machine.cpus / 2;
  lines.push('');
  lines.push(`Load average (1 min) at start ${machine.loadAverageAtStart[0]}, at end ${machine.loadAverageAtEnd[0]} (the bench's own load)${busyBefore ? ` — **the machine was busy with other work when the bench started: times may be inflated**` : ''}.`);
  lines.push('');
  const counts = dataset.counts;
  lines.push(`Dataset \`${dataset.version}\`: ${counts.tenant ?? 0} provinces, ${counts.admin_unit ?? 0} units, ${counts.club ?? 0} clubs, ${counts.member ?? 0} members, ${counts.loan ?? 0} loans, ${counts.loan_instalment ?? 0} instalments, ${counts.repayment ?? 0} repayments, ${counts.activity ?? 0} activities, ${counts.attendance ?? 0} attendance rows, ${counts.ledger_entry ?? 0} ledger entries, ${counts.monthly_report ?? 0} monthly reports. Generated ${dataset.generatedAt.slice(0, 16).replace('T', ' ')} UTC in ${dataset.seconds.total} s (generate + COPY ${dataset.seconds.generateAndCopy} s, live figures ${dataset.seconds.figures} s, VACUUM ANALYZE ${dataset.seconds.vacuumAnalyze} s)${dataset.generatedNow ? '' : `; this run found it loaded and started in ${dataset.prepareSeconds} s`}.`);
  lines.push('');
  lines.push('| measure | p50 ms | p95 ms | statements / request (data) | budget | result |');
  lines.push('|---|---:|---:|---:|---|---|');
  for (const measure of results.measures) {
    const budget = `${measure.budgetP95Ms === null ? 'no time budget' : `p95 ≤ ${measure.budgetP95Ms} ms`}, ≤ ${measure.budgetStatements} statements`;
    if (!measure.result) {
      lines.push(`| ${measure.name} | — | — | — | ${budget} | not available: ${measure.unavailable ?? ''} |`);
      continue;
    }
    const r = measure.result;
    lines.push(`| ${measure.name} | ${r.p50} | ${r.p95} | ${r.statementsMedian} (${r.dataStatementsMedian}) | ${budget} | ${verdict(measure.pass)}${measure.note ? ` (${measure.note})` : ''} |`);
  }
  lines.push('');
  const failing = results.measures.filter((measure) => measure.result && measure.pass === false);
  if (failing.length) {
    lines.push('Slowest statements of one request of each measure over budget (the plans, taken in the request\'s own scope, are in the results file):');
    lines.push('');
    for (const measure of failing) {
      const slowest = measure.result!.slowestStatements.slice(0, 3).map((statement) => `${statement.ms} ms \`${statement.text.slice(0, 70)}…\``);
      lines.push(`- ${measure.name}: ${slowest.join('; ')}`);
    }
    lines.push('');
  }
  lines.push('Statements counted at the driver (every `pg` query of the request, BEGIN, scope and COMMIT included; in brackets without them). Server time: from the request reaching the HTTP server to the end of its response.');
  lines.push('');
  lines.push(`Roster statements by list length (with hamlet and club of each member): ${results.rosterGrowth.map((row) => `first ${row.first} → ${row.returned} rows, ${row.statements} statements`).join('; ')}: ${new Set(results.rosterGrowth.map((row) => row.statements)).size === 1 ? 'constant' : '**grows with the list**'}.`);
  lines.push('');
  lines.push('| comparison | ours | other | ratio | budget | result |');
  lines.push('|---|---:|---:|---:|---|---|');
  for (const layers of results.layers) {
    if ('error' in layers) {
      lines.push(`| (1) GraphQL layer, ${layers.name}: type-graphql vs hand-written graphql-js | — | — | — | ≥ ${LAYER_RATIO_BUDGET} | not measured: ${layers.error} |`);
      continue;
    }
    lines.push(`| (1) GraphQL layer, ${layers.name}: type-graphql vs hand-written graphql-js (req/s, concurrency ${layers.typeGraphql.concurrency}) | ${layers.typeGraphql.perSecond} | ${layers.handwritten.perSecond} | ${layers.ratio} (rounds ${layers.spread.rounds.join(' / ')}) | ≥ ${LAYER_RATIO_BUDGET} over the run's rounds | ${verdict(layers.pass)} |`);
    if (layers.executionOnlyMicroseconds) {
      const cost = layers.executionOnlyMicroseconds;
      lines.push(`| (1) same, execution alone without the database (µs per request; ratio = hand-written time / type-graphql time) | ${cost.typeGraphql} | ${cost.handwritten} | ${cost.ratio} | — | — |`);
      lines.push(`| (1) same, type-graphql with plain fields read directly (µs per request) | ${cost.withPlainFieldsReadDirectly} | ${cost.handwritten} | ${round(cost.handwritten / cost.withPlainFieldsReadDirectly, 3)} | — | — |`);
    }
  }
  for (const rls of results.rls) {
    lines.push(`| (2) RLS vs owner + WHERE tenant_id, ${rls.name} (p50 ms) | ${rls.rlsP50Ms} | ${rls.ownerP50Ms} | ${rls.ratio} | ≤ 1.25 | ${verdict(rls.pass)} |`);
  }
  if ('error' in results.peer) {
    lines.push(`| (3) roster vs PostGraphile 5 (req/s) | — | — | — | ≥ ${PEER_RATIO_BUDGET} | not measured: ${results.peer.error} |`);
  } else {
    lines.push(`| (3) roster vs PostGraphile 5, same RLS scope (req/s, concurrency ${results.peer.ours.concurrency}) | ${results.peer.ours.perSecond} | ${results.peer.postgraphile.perSecond} | ${results.peer.ratio} (rounds ${results.peer.spread.rounds.join(' / ')}) | ≥ ${PEER_RATIO_BUDGET} over the run's rounds | ${verdict(results.peer.pass)} |`);
  }
  const live = results.liveVersusRaw;
  lines.push(`| (4) national totals ${live.month}: live figures vs aggregating raw rows (p50 ms) | ${live.liveP50Ms} | ${live.rawP50Ms} | ${live.speedup}× faster | ≥ 5× | ${verdict(live.pass)}${live.sameAnswers ? ', same totals' : ', **totals differ**'} |`);
  const merge = results.provinceMerge;
  if (merge) {
    lines.push(
      'error' in merge
        ? `| (5) merging the two largest provinces into a new one (rolled back) | — | — | — | — | not measured: ${merge.error} |`
        : `| (5) merging the two largest provinces into a new one, rolled back: ${merge.provinces.join(' + ')}, ${merge.clubs} clubs, ${merge.members} members (s) | ${merge.seconds} | — | — | — | — |`,
    );
  }
  const imported = results.dataImport;
  if (imported) {
    lines.push('');
    if ('error' in imported) {
      lines.push(`Province-sized import: not measured: ${imported.error}`);
    } else {
      lines.push(`Province-sized import through HTTP (XLSX, a province admin, the server in a process of its own; budgets: preview ≤ ${IMPORT_BUDGETS.previewSeconds} s, commit ≤ ${IMPORT_BUDGETS.commitSeconds} s, server memory < ${IMPORT_BUDGETS.serverMemoryMiB} MiB):`);
      lines.push('');
      lines.push('| file | rows | size KiB | preview s | commit s | new / changed / unchanged / problems |');
      lines.push('|---|---:|---:|---:|---:|---|');
      for (const step of [imported.clubs, imported.members, imported.membersAgain]) {
        lines.push(`| ${step.file}${step === imported.membersAgain ? ' again' : ''} | ${step.rows} | ${round(step.fileBytes / 1024, 0)} | ${step.previewSeconds} | ${step.commitSeconds ?? '—'} | ${step.counts.new} / ${step.counts.changed} / ${step.counts.unchanged} / ${step.counts.problems} |`);
      }
      lines.push('');
      lines.push(`Server peak memory (VmHWM, heap bounded at ${imported.serverHeapMiB} MiB as deployed) ${imported.serverPeakMiB ?? '—'} MiB; members in the province after the commit: ${imported.membersInProvince}. Result: ${verdict(imported.pass)}.`);
    }
  }
  const load = results.load;
  if (load) {
    lines.push('');
    if ('error' in load) {
      lines.push(`Under load: not measured: ${load.error}`);
    } else {
      lines.push(`Under load over HTTP (the server in a process of its own in production mode, heap bounded at ${load.serverHeapMiB} MiB, pool of ${load.poolSize}; autocannon in a third process; ${load.accounts.clubStaff} club staff accounts, ${load.accounts.provinceAdmins} province admins, the national office). Budgets: 0 errors; at 200 users p99 ≤ ${LOAD_BUDGETS.readP99MsAt200} ms for reads and ≤ ${LOAD_BUDGETS.writeP99MsAt200} ms for writes; /readyz p99 ≤ ${LOAD_BUDGETS.readyzP99Ms} ms; dashboard ≥ ${LOAD_BUDGETS.dashboardPerSecondAt50} and comparison ≥ ${LOAD_BUDGETS.comparisonPerSecondAt50} req/s at 50 users.`);
      lines.push('');
      lines.push('| step | operation | users | req/s | p50 ms | p95 ms | p99 ms | errors |');
      lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
      for (const step of load.steps) {
        for (const operation of step.operations) lines.push(`| ${step.name} | ${operation.name} | ${operation.connections} | ${operation.perSecond} | ${operation.p50} | ${operation.p95} | ${operation.p99} | ${operation.errors}${operation.firstError ? ` (${operation.firstError.slice(0, 80).replace(/\|/g, '/')})` : ''} |`);
      }
      lines.push('');
      lines.push('| step | req/s | /readyz p50 / p99 ms | pool wait p99 ms (most waiting) | cores: server / PostgreSQL / generator | CPU ms a request: server / PostgreSQL | server RSS MiB | PostgreSQL PSS MiB |');
      lines.push('|---|---:|---|---|---|---|---:|---:|');
      for (const step of load.steps) {
        const wait = step.poolWait;
        lines.push(`| ${step.name} | ${step.perSecond} | ${step.readyz.p50} / ${step.readyz.p99}${step.readyz.failed ? ` (${step.readyz.failed} failed)` : ''} | ${wait ? `${wait.p99Ms} (${wait.maxWaiting})` : '—'} | ${step.cpu.server} / ${step.cpu.postgres} / ${step.cpu.generator ?? '—'} | ${step.costMs ? `${step.costMs.server} / ${step.costMs.postgres}` : '—'} | ${step.memoryMiB.serverRss ?? '—'} | ${step.memoryMiB.postgresPss ?? '—'} |`);
      }
      lines.push('');
      lines.push('What limits each step:');
      lines.push('');
      for (const limit of load.limits) lines.push(`- ${limit}`);
    }
  }
  const budgets = results.budgets ?? budgetsOf(results);
  const failed = budgets.filter((budget) => budget.result === 'fail');
  lines.push('');
  lines.push(`Budgets: ${budgets.length - failed.length} of ${budgets.length} pass${failed.length ? `; failing: ${failed.map((budget) => `${budget.name} (${budget.value} against ${budget.budget})`).join('; ')}` : ''}.`);
  lines.push('');
  lines.push('Plans under RLS (`EXPLAIN (ANALYZE, VERBOSE)`, full text in the results file):');
  lines.push('');
  for (const rls of results.rls) {
    const checks = rls.planChecks;
    lines.push(`- ${rls.name}: tenant setting as an InitPlan: ${checks.tenantInitPlan ? 'yes' : 'no'}; in the index condition (evaluated once per scan): ${checks.tenantSettingInIndexCondition ? 'yes' : 'no'}; index led by tenant_id: ${checks.indexLedByTenant ?? 'none'}`);
  }
  return lines.join('\n');
}

export function printTable(results: BenchResults): void {
  console.log(`\n${resultsMarkdown(results)}\n`);
}

export async function writeResults(results: BenchResults): Promise<string[]> {
  const directory = path.join(benchDir, 'results');
  await mkdir(directory, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  results.budgets = budgetsOf(results);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(directory, `${stamp}.json`);
  await writeFile(file, json);
  await writeFile(path.join(directory, 'latest.json'), json);
  const readmePath = path.join(benchDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8').catch(() => `# Benchmarks\n\n${README_START}\n${README_END}\n`);
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const section = `${README_START}\n${resultsMarkdown(results)}\n${README_END}`;
  const updated = start >= 0 && end > start ? readme.slice(0, start) + section + readme.slice(end + README_END.length) : `${readme.trimEnd()}\n\n${section}\n`;
  await writeFile(readmePath, updated);
  return [path.relative(process.cwd(), file), 'bench/results/latest.json', 'bench/README.md'];
}
