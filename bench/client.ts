import './production-mode.js';
import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Browser, Page } from 'playwright-core';
import { SignInThrottle } from '../server/src/auth/sign-in-throttle.js';
import { TokenService } from '../server/src/auth/tokens.js';
import { appDatabaseUrl, createDataSource } from '../server/src/database/data-source.js';
import { migrate } from '../server/src/database/migrate.js';
import { createHttpApp } from '../server/src/http/app.js';
import { createLogger } from '../server/src/logger.js';
import { DEMO_PASSWORD } from '../server/seed/demo-accounts.js';
import { seedDemoData } from '../server/seed/demo-data.js';
import { launchBrowser, PHONE } from '../tests/support/browser.js';
import { bytesOf, chunkNameOf, chunksOutsideClubArea, clientBuilt, readClientManifest, recordAssets, type ClientManifest, type LoadedAsset } from '../tests/support/client-build.js';
import { TEST_APP_PASSWORD } from '../tests/support/constants.js';
import { openBenchDatabase, recreateDatabase, withDatabase } from './database.js';
import { BENCH_THROTTLE_LIMITS, BENCH_TOKEN_SECRET, round } from './harness.js';

/** The issue's budgets for the first visit to the sign-in page on a phone, and its speed goals. */
export const CLIENT_BUDGETS = { signInScriptBytes: 200 * 1024, signInStyleBytes: 30 * 1024, performanceScore: 90, interactiveMs: 3_000 };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const rounds = Number(args[args.indexOf('--rounds') + 1]) || (quick ? 3 : 5);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const log = (message: string) => console.log(`[bench:client ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The phone of the issue: 360 × 740, touch. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

/** Each role's demo account and the pages of its menu (the navigation's test ids), in the menu's order. */
const ROLES = [
  { area: 'club', login: 'kienluong.club', pages: ['meeting', 'members', 'loans', 'funds', 'home-care', 'activities', 'club-reports'] },
  { area: 'province', login: 'thainguyen', pages: ['hierarchy', 'schemes', 'surveys', 'clubs', 'reports', 'imports', 'reference-figures', 'users'] },
  { area: 'national', login: 'national', pages: ['provinces'] },
] as const;

interface Step {
  step: string;
  scriptBytes: number;
  styleBytes: number;
  chunks: string[];
}

interface AreaRun {
  area: string;
  login: string;
  steps: Step[];
  totalScriptBytes: number;
  totalStyleBytes: number;
  /** Encodings the server answered with (br expected). */
  encodings: string[];
  /** Every asset fetched, as named in the manifest (assets/…). */
  files: string[];
}

interface LighthouseRound {
  performanceScore: number;
  interactiveMs: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  speedIndexMs: number;
  benchmarkIndex: number;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

async function main(): Promise<void> {
  if (!clientBuilt()) {
    console.error('client/dist is missing (no build manifest): `npm run bench:client` measures the built client and builds nothing itself. Run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const manifest = readClientManifest();
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((value) => round(value, 2));

  const database = await openBenchDatabase();
  // A database of its own with the demo workspaces, made afresh each run: the demo accounts sign in.
  const ownerUrl = withDatabase(database.ownerUrl, `${new URL(database.ownerUrl).pathname.slice(1)}_client`);
  const login = { role: 'ishc_bench_app', password: process.env.APP_DATABASE_PASSWORD ?? TEST_APP_PASSWORD };
  log(`database: ${new URL(ownerUrl).pathname.slice(1)} (${database.where}), migrating and loading the demo`);
  await recreateDatabase(ownerUrl);
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'ishc-bench-client-migrate' });
  await owner.initialize();
  try {
    await migrate(owner, login);
  } finally {
    await owner.destroy();
  }
  const app = createDataSource({ url: appDatabaseUrl(ownerUrl, login), poolSize: 6, applicationName: 'ishc-bench-client' });
  await app.initialize();
  let browser: Browser | undefined;
  const server = await createHttpApp({
    dataSource: app,
    services: { tokens: new TokenService(BENCH_TOKEN_SECRET, 600), signInThrottle: new SignInThrottle(app, BENCH_THROTTLE_LIMITS) },
    log: createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'),
    statementTimeoutMs: 30_000,
    serveClient: true,
    trustProxy: false,
    introspection: false,
    production: true,
  });
  try {
    await seedDemoData(app);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    log(`server (production mode, serving client/dist) at ${baseUrl}`);

    browser = await launchBrowser(chromiumPath);
    const areas: AreaRun[] = [];
    for (const role of ROLES) {
      const run = await walkArea(browser, baseUrl, manifest, role);
      areas.push(run);
      log(`  ${role.area} (${role.login}): ${kb(run.totalScriptBytes)} JS, ${kb(run.totalStyleBytes)} CSS in ${run.steps.length} steps`);
    }
    await browser.close();
    browser = undefined;

    const signInStep = areas[0].steps[0];
    const signIn = {
      scriptBytes: signInStep.scriptBytes,
      styleBytes: signInStep.styleBytes,
      chunks: signInStep.chunks,
      pass: signInStep.scriptBytes <= CLIENT_BUDGETS.signInScriptBytes && signInStep.styleBytes <= CLIENT_BUDGETS.signInStyleBytes,
    };
    log(`sign-in page, first visit: ${kb(signIn.scriptBytes)} JS (budget ${kb(CLIENT_BUDGETS.signInScriptBytes)}), ${kb(signIn.styleBytes)} CSS (budget ${kb(CLIENT_BUDGETS.signInStyleBytes)}): ${signIn.pass ? 'pass' : 'FAIL'}`);

    const outside = chunksOutsideClubArea(manifest);
    const club = areas.find((run) => run.area === 'club')!;
    const clubArea = {
      chunksLoaded: [...new Set(club.files.map((file) => chunkNameOf(manifest, file)))].sort(),
      outsideLoaded: club.files.filter((file) => outside.has(file)).map((file) => ({ chunk: chunkNameOf(manifest, file), file, reason: outside.get(file)! })),
      pass: !club.files.some((file) => outside.has(file)),
    };
    log(`club area: ${clubArea.pass ? 'loaded no province, national, chart or English chunk' : `FAIL, loaded ${clubArea.outsideLoaded.map((entry) => `${entry.chunk} (${entry.reason})`).join(', ')}`}`);

    log(`Lighthouse ${lighthouseVersion()} on /sign-in, mobile, default (simulated) throttling: ${rounds} rounds`);
    const lighthouseRounds: LighthouseRound[] = [];
    for (let index = 0; index < rounds; index += 1) {
      const result = await withRetries(() => lighthouseRound(`${baseUrl}/sign-in`), 3);
      lighthouseRounds.push(result);
      log(`  round ${index + 1}: score ${result.performanceScore}, TTI ${result.interactiveMs} ms, FCP ${result.firstContentfulPaintMs} ms, LCP ${result.largestContentfulPaintMs} ms, TBT ${result.totalBlockingTimeMs} ms (benchmark index ${result.benchmarkIndex})`);
    }
    const summary = {
      performanceScore: spreadOf(lighthouseRounds.map((round) => round.performanceScore)),
      interactiveMs: spreadOf(lighthouseRounds.map((round) => round.interactiveMs)),
      firstContentfulPaintMs: spreadOf(lighthouseRounds.map((round) => round.firstContentfulPaintMs)),
      largestContentfulPaintMs: spreadOf(lighthouseRounds.map((round) => round.largestContentfulPaintMs)),
      totalBlockingTimeMs: spreadOf(lighthouseRounds.map((round) => round.totalBlockingTimeMs)),
      speedIndexMs: spreadOf(lighthouseRounds.map((round) => round.speedIndexMs)),
      benchmarkIndex: spreadOf(lighthouseRounds.map((round) => round.benchmarkIndex)),
    };
    const lighthouseResult = {
      version: lighthouseVersion(),
      url: '/sign-in',
      formFactor: 'mobile',
      throttling: 'Lighthouse default: simulated slow 4G (150 ms RTT, 1.6 Mbps down), CPU slowed 4×',
      rounds: lighthouseRounds,
      median: summary,
      pass: summary.performanceScore.median >= CLIENT_BUDGETS.performanceScore && summary.interactiveMs.median <= CLIENT_BUDGETS.interactiveMs,
    };

    const results = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: `npm run bench:client${args.length ? ` -- ${args.join(' ')}` : ''}`,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, chromium: browserVersion, loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((value) => round(value, 2)) },
      budgets: CLIENT_BUDGETS,
      signIn,
      clubArea,
      areas,
      lighthouse: lighthouseResult,
    };
    const files = await writeClientResults(results);
    console.log(`\n${clientResultsMarkdown(results)}\n`);
    log(`results: ${files.join(', ')}`);
  } finally {
    await browser?.close();
    await server.stop();
    await app.destroy();
    await database.stop();
  }
}

let browserVersion = '';

/**
 * One role's first visit on a phone with an empty cache: the sign-in page, signing in (the area's
 * home), then each page of its menu as the user opens it. Each step counts what crossed the network
 * for it; what an earlier step fetched comes from the cache.
 */
async function walkArea(browser: Browser, baseUrl: string, manifest: ClientManifest, role: (typeof ROLES)[number]): Promise<AreaRun> {
  browserVersion = browser.version();
  const context = await browser.newContext({ ...SMALL_PHONE, baseURL: baseUrl, locale: 'vi-VN' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const recorder = recordAssets(page);
  const steps: Step[] = [];
  const finishStep = async (step: string) => {
    await recorder.settled();
    const assets = recorder.assets.filter((asset) => asset.step === step);
    steps.push({ step, scriptBytes: bytesOf(assets, 'script'), styleBytes: bytesOf(assets, 'style'), chunks: assets.map((asset) => chunkNameOf(manifest, asset.file)) });
  };
  try {
    recorder.setStep('sign-in page');
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-submit').waitFor();
    await finishStep('sign-in page');

    recorder.setStep(`signed in: /${role.area}`);
    await page.getByTestId('sign-in-login').fill(role.login);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId(`area-${role.area}`).waitFor();
    await mainHeading(page).waitFor();
    await finishStep(`signed in: /${role.area}`);

    for (const key of role.pages) {
      const link = page.getByTestId(`nav-${key}`);
      const to = new URL((await link.getAttribute('href')) ?? '/', baseUrl).pathname;
      recorder.setStep(to);
      if (await page.getByTestId('nav-burger').isVisible()) await page.getByTestId('nav-burger').click();
      await link.click();
      // A route's code is fetched before the router commits to its address.
      await page.waitForURL((url) => url.pathname === to);
      await mainHeading(page).waitFor();
      await finishStep(to);
    }
  } finally {
    await context.close();
  }
  const all: LoadedAsset[] = recorder.assets;
  return {
    area: role.area,
    login: role.login,
    steps,
    totalScriptBytes: bytesOf(all, 'script'),
    totalStyleBytes: bytesOf(all, 'style'),
    encodings: [...new Set(all.map((asset) => asset.encoding || 'identity'))],
    files: all.map((asset) => asset.file),
  };
}

function mainHeading(page: Page) {
  return page.locator('main h1').first();
}

async function lighthouseRound(url: string): Promise<LighthouseRound> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // The default configuration: a mobile phone (Moto G Power), slow 4G and a 4× slower CPU, simulated.
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audit = (id: string) => round(lhr.audits[id]?.numericValue ?? Number.NaN, 0);
    return {
      performanceScore: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      interactiveMs: audit('interactive'),
      firstContentfulPaintMs: audit('first-contentful-paint'),
      largestContentfulPaintMs: audit('largest-contentful-paint'),
      totalBlockingTimeMs: audit('total-blocking-time'),
      speedIndexMs: audit('speed-index'),
      benchmarkIndex: round(lhr.environment.benchmarkIndex, 0),
    };
  } finally {
    chrome.kill();
  }
}

/**
 * Lighthouse sometimes loses the trace of a load on a busy machine (NO_NAVSTART, "run Lighthouse
 * again"): such a round is run again, a few times at most.
 */
async function withRetries<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= times) throw error;
      log(`  ${(error as Error).message}; running the round again`);
    }
  }
}

function lighthouseVersion(): string {
  return lighthousePackage.version;
}

const lighthousePackage = JSON.parse(await readFile(fileURLToPath(import.meta.resolve('lighthouse/package.json')), 'utf8')) as { version: string };

function spreadOf(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: medianOf(sorted), min: sorted[0], max: sorted[sorted.length - 1] };
}

function medianOf(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : round((sorted[middle - 1] + sorted[middle]) / 2, 0);
}

function kb(bytes: number): string {
  return `${round(bytes / 1024, 1)} KB`;
}

type ClientResults = {
  startedAt: string;
  command: string;
  machine: { cpus: number; cpuModel: string; node: string; chromium: string; loadAverageAtStart: number[] };
  signIn: { scriptBytes: number; styleBytes: number; pass: boolean };
  clubArea: { pass: boolean; outsideLoaded: Array<{ chunk: string; reason: string }> };
  areas: AreaRun[];
  lighthouse: { version: string; rounds: LighthouseRound[]; median: Record<string, Spread>; pass: boolean };
};

const README_START = '<!-- client results: written by npm run bench:client -->';
const README_END = '<!-- end of client results -->';

export function clientResultsMarkdown(results: ClientResults): string {
  const { machine, signIn, clubArea, lighthouse: lh } = results;
  const verdict = (pass: boolean) => (pass ? 'pass' : '**FAIL**');
  const spread = (value: Spread, unit = '') => `${value.median}${unit} (${value.min}–${value.max})`;
  const lines = [
    `Run \`${results.command}\` on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, Chromium ${machine.chromium}, load average (1 min) at start ${machine.loadAverageAtStart[0]}${machine.loadAverageAtStart[0] > machine.cpus / 2 ? ' — **the machine was busy with other work: Lighthouse times may be inflated**' : ''}.`,
    '',
    '| first visit on a phone (360 × 740), bytes as sent (brotli) | JS | CSS | budget | result |',
    '|---|---:|---:|---|---|',
    `| sign-in page | ${kb(signIn.scriptBytes)} | ${kb(signIn.styleBytes)} | JS ≤ ${kb(CLIENT_BUDGETS.signInScriptBytes)}, CSS ≤ ${kb(CLIENT_BUDGETS.signInStyleBytes)} | ${verdict(signIn.pass)} |`,
  ];
  for (const area of results.areas) {
    const signedIn = area.steps.slice(1);
    lines.push(`| ${area.area} area (${area.login}): signing in and every page of its menu | ${kb(bytesSum(signedIn, 'scriptBytes'))} | ${kb(bytesSum(signedIn, 'styleBytes'))} | ${area.area === 'club' ? 'no province, national, chart or English chunk' : '—'} | ${area.area === 'club' ? verdict(clubArea.pass) : '—'} |`);
  }
  lines.push('');
  lines.push(`Lighthouse ${lh.version}, \`/sign-in\`, mobile, default throttling (simulated slow 4G, CPU 4× slower), median of ${lh.rounds.length} rounds (lowest–highest):`);
  lines.push('');
  lines.push('| performance score | time to interactive | first contentful paint | largest contentful paint | total blocking time | goals | result |');
  lines.push('|---:|---:|---:|---:|---:|---|---|');
  lines.push(`| ${spread(lh.median.performanceScore)} | ${spread(lh.median.interactiveMs, ' ms')} | ${spread(lh.median.firstContentfulPaintMs, ' ms')} | ${spread(lh.median.largestContentfulPaintMs, ' ms')} | ${spread(lh.median.totalBlockingTimeMs, ' ms')} | score ≥ ${CLIENT_BUDGETS.performanceScore}, TTI ≤ ${CLIENT_BUDGETS.interactiveMs} ms | ${verdict(lh.pass)} |`);
  if (!clubArea.pass) {
    lines.push('');
    lines.push(`The club area loaded: ${clubArea.outsideLoaded.map((entry) => `${entry.chunk} (${entry.reason})`).join(', ')}.`);
  }
  return lines.join('\n');
}

function bytesSum(steps: Step[], field: 'scriptBytes' | 'styleBytes'): number {
  return steps.reduce((sum, step) => sum + step[field], 0);
}

async function writeClientResults(results: ClientResults): Promise<string[]> {
  const directory = path.join(benchDir, 'results');
  await mkdir(directory, { recursive: true });
  const stamped = path.join(directory, `client-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const latest = path.join(directory, 'client-latest.json');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  await writeFile(stamped, json);
  await writeFile(latest, json);
  const readmePath = path.join(benchDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const block = `${README_START}\n${clientResultsMarkdown(results)}\n${README_END}`;
  if (start >= 0 && end > start) await writeFile(readmePath, `${readme.slice(0, start)}${block}${readme.slice(end + README_END.length)}`);
  return [path.relative(process.cwd(), stamped), path.relative(process.cwd(), latest)];
}

await main();
