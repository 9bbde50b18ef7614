import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';
import { startTestServer, type TestServer } from './api.js';
import { openTestDatabase, type TestDatabase } from './database.js';

const CLIENT_INDEX = new URL('../../client/dist/index.html', import.meta.url);

/** The browser tests drive the built client; build it once if this checkout has not. */
export function ensureClientBuilt(): void {
  if (existsSync(CLIENT_INDEX)) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: new URL('../..', import.meta.url), stdio: 'inherit' });
}

const INSTALL_CHROMIUM =
  "The browser tests drive Debian's Chromium: install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium (or Chrome) binary.";

/** Debian's Chromium, headless; the network flags keep it from calling out of this machine. */
export async function launchBrowser(executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'): Promise<Browser> {
  // Playwright's own message names neither the package nor the variable.
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}. ${INSTALL_CHROMIUM}`);
  try {
    return await launchChromium(executablePath);
  } catch (error) {
    throw new Error(`Chromium at ${executablePath} did not start. ${INSTALL_CHROMIUM}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;

export async function newPage(browser: Browser, baseURL: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', ...options });
  // The full suite runs browsers, servers and PostgreSQL together on two cores: steps can be slow, not wrong.
  context.setDefaultTimeout(25_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

export interface BrowserSuite {
  server(): TestServer;
  database(): TestDatabase;
  /** A fresh browser context (its own storage), closed after the test. */
  open(options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
}

/**
 * The hooks every browser test file needs: its own database, the API serving the built client,
 * one Chromium for the file, and a new context per test.
 */
export function useBrowserSuite(serverOptions: Parameters<typeof startTestServer>[1] = {}): BrowserSuite {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const openContexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    database = await openTestDatabase();
    server = await startTestServer(database, { ...serverOptions, serveClient: true });
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(openContexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.close();
  });

  return {
    server: () => server,
    database: () => database,
    async open(options = {}) {
      const { context, page } = await newPage(browser, server.url, options);
      openContexts.push(context);
      return page;
    },
  };
}
