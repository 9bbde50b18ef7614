import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';

const CLIENT_INDEX = new URL('../../client/dist/index.html', import.meta.url);

/** The browser tests drive the built client; build it once if this checkout has not. */
export function ensureClientBuilt(): void {
  if (existsSync(CLIENT_INDEX)) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: new URL('../..', import.meta.url), stdio: 'inherit' });
}

/** Debian's Chromium, headless; the network flags keep it from calling out of this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
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
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}
