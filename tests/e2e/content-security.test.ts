/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** Every Content-Security-Policy violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

describe('the client under its Content-Security-Policy', () => {
  it('signs in and draws the province dashboard with its charts, and nothing is blocked', async () => {
    const page = await suite.open();
    const violations = await watchViolations(page);
    await signIn(page, 'kiengiang');
    await page.getByTestId('area-province').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/province/dashboard');
    await page.locator('.recharts-surface').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('runs the club area on a phone, and nothing is blocked', async () => {
    const page = await suite.open({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const violations = await watchViolations(page);
    await signIn(page, 'kienluong.club');
    await page.getByTestId('area-club').waitFor();
    expect(violations).toEqual([]);
  });
});

describe('without Chromium', () => {
  it('says how to install it', async () => {
    await expect(launchBrowser('/nonexistent/chromium')).rejects.toThrow(/apt-get install -y chromium.*CHROMIUM_PATH/);
  });
});
