import { describe, expect, it } from 'vitest';
import { PHONE, useBrowserSuite } from '../support/browser.js';
import { bytesOf, chunkNameOf, chunksOutsideClubArea, readClientManifest, recordAssets } from '../support/client-build.js';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';

const suite = useBrowserSuite();

/** The phone of the issue: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

/** The issue's budgets for a first visit to the sign-in page, in bytes as sent (compressed). */
const SIGN_IN_SCRIPT_BUDGET = 200 * 1024;
const SIGN_IN_STYLE_BUDGET = 30 * 1024;

/** The club's menu, by the navigation's test ids, with the address each opens. */
const CLUB_PAGES = [
  ['meeting', '/club/meeting'],
  ['members', '/club/members'],
  ['loans', '/club/loans'],
  ['funds', '/club/funds'],
  ['home-care', '/club/home-care'],
  ['activities', '/club/activities'],
  ['club-reports', '/club/reports'],
] as const;

describe('a first visit on a phone', () => {
  it('fetches at most 200 KB of compressed JavaScript and 30 KB of CSS for the sign-in page, without Apollo, the shell or English', async () => {
    const manifest = readClientManifest();
    const page = await suite.open(SMALL_PHONE);
    const recorder = recordAssets(page);
    await page.goto('/sign-in');
    await expect.poll(() => page.getByTestId('sign-in-submit').isVisible()).toBe(true);
    await recorder.settled();

    const loaded = recorder.assets;
    const names = loaded.map((asset) => chunkNameOf(manifest, asset.file));
    expect(names).toContain('react');
    expect(bytesOf(loaded, 'script'), `scripts: ${loaded.map((asset) => `${asset.file} ${asset.encodedBytes}`).join(', ')}`).toBeLessThanOrEqual(SIGN_IN_SCRIPT_BUDGET);
    expect(bytesOf(loaded, 'style')).toBeLessThanOrEqual(SIGN_IN_STYLE_BUDGET);
    // The sizes are those of the compressed files the build wrote: every sizeable one came as brotli.
    expect(loaded.filter((asset) => asset.encodedBytes > 1024 && asset.encoding !== 'br')).toEqual([]);
    for (const signedInOnly of ['apollo', 'SignedInLayout', 'AppLayout', 'areas.vi', 'en', 'charts']) expect(names).not.toContain(signedInOnly);
  });

  it('fetches the English messages only when English is chosen, and then shows the page in English', async () => {
    const manifest = readClientManifest();
    const page = await suite.open(SMALL_PHONE);
    const recorder = recordAssets(page);
    await page.goto('/sign-in');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Đăng nhập');
    await recorder.settled();
    expect(recorder.assets.map((asset) => chunkNameOf(manifest, asset.file))).not.toContain('en');

    await page.getByTestId('language-option-en').click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Sign in');
    await recorder.settled();
    expect(recorder.assets.map((asset) => chunkNameOf(manifest, asset.file))).toContain('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('the club area on a phone', () => {
  it('never fetches the province’s or the national office’s pages, the charts or the English messages', async () => {
    const manifest = readClientManifest();
    const outside = chunksOutsideClubArea(manifest);
    // Not vacuous: the build has such chunks, and the test would see them.
    const reasons = new Set(outside.values());
    expect([...reasons].sort()).toEqual(['English messages', 'charts', 'province or national pages']);

    const page = await suite.open(SMALL_PHONE);
    const recorder = recordAssets(page);
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-login').fill('kienluong.club');
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('area-club').isVisible()).toBe(true);
    await expect.poll(() => page.locator('main h1').first().isVisible()).toBe(true);

    for (const [key, path] of CLUB_PAGES) {
      await page.getByTestId('nav-burger').click();
      await page.getByTestId(`nav-${key}`).click();
      // The router takes the new address once the page's code has arrived.
      await page.waitForURL((url) => url.pathname === path);
      await expect.poll(() => page.locator('main h1').first().isVisible()).toBe(true);
    }
    await recorder.settled();

    const files = recorder.assets.map((asset) => asset.file);
    // The club's own pages were fetched along the way.
    expect(files.map((file) => chunkNameOf(manifest, file))).toEqual(expect.arrayContaining(['SignedInLayout', 'MyClubPage', 'MembersPage', 'LoansPage', 'MonthlyReportPage', 'areas.vi']));
    expect(files.filter((file) => outside.has(file)).map((file) => `${file} (${outside.get(file)})`)).toEqual([]);
  });
});
