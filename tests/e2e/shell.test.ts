/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

async function pathOf(page: Page): Promise<string> {
  return new URL(page.url()).pathname;
}

describe('signing in', () => {
  const landings = [
    { login: 'national', area: 'national', path: '/national/comparison', heading: 'So sánh các tỉnh, thành phố' },
    { login: 'national.viewer', area: 'national', path: '/national/comparison', heading: 'So sánh các tỉnh, thành phố' },
    // Kiên Giang's admin came with the merge: its workspace is An Giang now.
    { login: 'kiengiang', area: 'province', path: '/province/dashboard', workspace: 'An Giang' },
    { login: 'thainguyen', area: 'province', path: '/province/dashboard', workspace: 'Thái Nguyên' },
    { login: 'kienluong.club', area: 'club', path: '/club', workspace: KIEN_LUONG_CLUB },
  ] as const;

  for (const landing of landings) {
    it(`takes ${landing.login} to the ${landing.area} area`, async () => {
      const page = await open();
      await signIn(page, landing.login);
      await page.getByTestId(`area-${landing.area}`).waitFor();
      // The dashboards load their code on first use: the address changes once it has arrived.
      await expect.poll(() => pathOf(page)).toBe(landing.path);
      if ('workspace' in landing) {
        expect(await page.getByTestId('workspace-name').first().textContent()).toBe(landing.workspace);
      } else {
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(landing.heading);
      }
      // The other areas stay closed: asking for one leads back home.
      const elsewhere = landing.area === 'club' ? '/province/hierarchy' : landing.area === 'province' ? '/national' : '/club';
      await page.goto(elsewhere);
      await page.getByTestId(`area-${landing.area}`).waitFor();
      await expect.poll(() => pathOf(page)).toBe(landing.path);
    });
  }

  it('answers a wrong password and an unknown login with the same Vietnamese message, and keeps no session', async () => {
    const page = await open();
    await signIn(page, 'kiengiang', 'not-the-password');
    const wrongPassword = await page.getByTestId('sign-in-error').textContent();
    await page.reload();
    await signIn(page, 'nobody.here', 'not-the-password');
    const unknownLogin = await page.getByTestId('sign-in-error').textContent();
    expect(wrongPassword).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(unknownLogin).toBe(wrongPassword);
    expect(await page.evaluate(() => localStorage.getItem('ishc.session'))).toBeNull();
    await page.goto('/province/hierarchy');
    await page.getByTestId('sign-in-submit').waitFor();
    expect(await pathOf(page)).toBe('/sign-in');
  });

  it('signs out, forgets the token and asks to sign in again', async () => {
    const page = await open();
    await signIn(page, 'kiengiang');
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-submit').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ishc.session'))).toBeNull();
    await page.goto('/province/hierarchy');
    await page.getByTestId('sign-in-submit').waitFor();
    expect(await pathOf(page)).toBe('/sign-in');
  });
});

describe('the national area', () => {
  it('lists the demo provinces with their GSO codes, the merged ones among them', async () => {
    const page = await open();
    await signIn(page, 'national.viewer');
    await page.getByTestId('area-national').waitFor();
    await page.getByTestId('nav-provinces').click();
    await page.getByTestId('provinces-table').waitFor();
    const rows = page.getByTestId('province-row');
    await expect.poll(() => rows.count()).toBe(5);
    // The provinces in use first, then those merged into them.
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-tenant-code')))).toEqual(['19', '91', '06', '89', '91']);
    // 91 twice: An Giang in use, and Kiên Giang whose code it took.
    const ninetyOne = await page.locator('[data-testid="province-row"][data-tenant-code="91"]').allTextContents();
    expect(ninetyOne.some((text) => text.includes('An Giang'))).toBe(true);
    expect(ninetyOne.some((text) => text.includes('Kiên Giang'))).toBe(true);
    expect(await page.locator('[data-testid="province-row"][data-tenant-code="19"]').textContent()).toContain('Thái Nguyên');
  });
});

describe('the province area', () => {
  it('finds Kiên Lương when the admin types "kien luong" without accents, and only in its own province', async () => {
    const page = await open();
    await signIn(page, 'kiengiang');
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('nav-hierarchy').click();
    await page.getByTestId('hierarchy-tree').waitFor();
    await page.getByTestId('hierarchy-search').fill('kien luong');
    const results = page.getByTestId('hierarchy-search-result');
    await expect.poll(() => results.count()).toBeGreaterThanOrEqual(2);
    const texts = await results.allTextContents();
    expect(texts.some((text) => text.includes('Kiên Lương') && text.includes('Huyện'))).toBe(true);
    expect(texts.some((text) => text.includes('Kiên Lương') && text.includes('Thị trấn'))).toBe(true);
    expect(texts.every((text) => text.includes('Kiên Lương'))).toBe(true);
    const breadcrumbs = await page.getByTestId('hierarchy-search-breadcrumb').allTextContents();
    expect(breadcrumbs.every((crumb) => crumb.includes('An Giang'))).toBe(true);

    await page.getByTestId('hierarchy-search').fill('tuc duyen');
    await page.getByTestId('empty-message').waitFor();
    expect(await results.count()).toBe(0);
  });

  it('opens the tree level by level from the province down to the communes', async () => {
    const page = await open();
    await signIn(page, 'thainguyen');
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('nav-hierarchy').click();
    const tree = page.getByTestId('hierarchy-tree');
    await tree.waitFor();
    // Bắc Kạn's province unit, emptied by the merge, is not in the tree: Thái Nguyên, the one root, opens by itself.
    expect(await tree.locator('[data-testid="tree-node"][data-level="1"]').count()).toBe(1);
    const city = tree.locator('[data-testid="tree-node"][data-level="2"]', { hasText: 'Thái Nguyên' }).first();
    await city.waitFor();
    await city.getByTestId('unit-name').first().click();
    const tucDuyen = tree.locator('[data-testid="tree-node"][data-level="3"]', { hasText: 'Túc Duyên' });
    await tucDuyen.waitFor();
    expect(await tucDuyen.getByTestId('unit-name').first().textContent()).toContain('Túc Duyên');
    expect(await tree.textContent()).not.toContain('Kiên Giang');
  });
});

describe('the club area', () => {
  it('shows the signed-in club’s card with its commune', async () => {
    const page = await open();
    await signIn(page, 'kienluong.club');
    const card = page.getByTestId('club-card');
    await card.waitFor();
    expect(await page.getByTestId('club-name').textContent()).toBe(KIEN_LUONG_CLUB);
    expect(await page.getByTestId('club-commune').textContent()).toContain('Kiên Lương');
  });
});

describe('language and phone use', () => {
  it('is Vietnamese by default, switches to English, and remembers the choice after a reload', async () => {
    const page = await open({ locale: 'en-US' });
    await page.goto('/sign-in');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.getByTestId('sign-in-submit').textContent()).toBe('Đăng nhập');
    await page.getByTestId('language-option-en').click();
    await expect.poll(() => page.getByTestId('sign-in-submit').textContent()).toBe('Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByTestId('sign-in-submit').textContent()).toBe('Sign in');
  });

  it('works on a phone: menu behind the burger, no sideways scrolling', async () => {
    const page = await open(PHONE);
    await signIn(page, 'kiengiang');
    await page.getByTestId('dashboard').waitFor();
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fitsWidth()).toBe(true);
    const onScreen = () =>
      page.getByTestId('nav-users').evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.right > 0 && box.left < window.innerWidth;
      });
    expect(await onScreen()).toBe(false);
    await page.getByTestId('nav-burger').click();
    await expect.poll(onScreen).toBe(true);
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    expect(await pathOf(page)).toBe('/province/users');
    expect(await fitsWidth()).toBe(true);
  });
});
