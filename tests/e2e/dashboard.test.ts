/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { KIEN_GIANG_SCHEME_TITLE } from '../../server/seed/demo-schemes.js';
import { formatNumber, formatPercent } from '../../client/src/app/format.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

async function openDashboard(page: Page): Promise<void> {
  await signIn(page, 'kiengiang');
  await page.getByTestId('dashboard').waitFor();
}

/**
 * Follows a drill-down link until the breadcrumb names the unit: on a busy machine the click may
 * land while the page is still redrawing, so it is made again while the address has not moved.
 */
async function drillDown(page: Page, link: Locator, unitName: string): Promise<void> {
  const before = new URL(page.url()).searchParams.get('unit');
  await expect
    .poll(
      async () => {
        const current = await page.getByTestId('breadcrumb-current').textContent();
        if (current !== unitName && new URL(page.url()).searchParams.get('unit') === before) {
          await link.click({ timeout: 3_000 }).catch(() => undefined);
        }
        return current;
      },
      { timeout: 20_000 },
    )
    .toBe(unitName);
}

function figure(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).getByTestId('figure-value').textContent();
}

/** The province's dashboard as the API gives it: what the page must show. */
async function dashboardOf(unitId: string | null = null) {
  const server = suite.server();
  const result = await server.gql<{ provinceDashboard: any }>(
    `query ($unitId: ID) { provinceDashboard(unitId: $unitId) {
       figures { clubs members } loans { par30 } scheme { title } clubsAtRiskCount
       clubsAtRisk(first: 1) { club { name } level }
       progress { indicator { code } status }
       units { unit { id name } figures { members } }
     } }`,
    { unitId },
    await server.signIn('kiengiang'),
  );
  expect(result.errors).toBeUndefined();
  return result.data!.provinceDashboard;
}

/** How much of a table lies beyond the right edge of the box that scrolls it (0 when it fits). */
function hiddenWidth(table: Element): number {
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return Math.max(0, box.scrollWidth - box.clientWidth);
  }
  return 0;
}

function scrollToEnd(table: Element): void {
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
      box.scrollLeft = box.scrollWidth;
      return;
    }
  }
}

/** Whether the table's last heading lies within the box that scrolls the table. */
function lastHeadingInSight(table: Element): boolean {
  const headings = table.querySelectorAll('th');
  const last = headings[headings.length - 1].getBoundingClientRect();
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
      const edges = box.getBoundingClientRect();
      return last.left >= edges.left && last.right <= edges.right + 1;
    }
  }
  return false;
}

const STATUS_LABEL: Record<string, string> = { ACHIEVED: 'Đạt', ON_TRACK: 'Đúng tiến độ', BEHIND: 'Chậm tiến độ', NO_TARGET: 'Chưa đặt chỉ tiêu' };

describe('the province dashboard', () => {
  it('opens first for the province admin with the province’s figures, and the clubs at risk with their reasons', async () => {
    const page = await open();
    await openDashboard(page);
    expect(new URL(page.url()).pathname).toBe('/province/dashboard');
    expect(await page.getByTestId('nav-dashboard').getAttribute('href')).toBe('/province/dashboard');
    expect(await page.locator('nav a').first().getAttribute('data-testid')).toBe('nav-dashboard');

    // An Giang: Kiên Giang's clubs, the old An Giang's, and this year's.
    const api = await dashboardOf();
    expect(api.figures.clubs).toBeGreaterThanOrEqual(40);
    expect(await figure(page, 'figure-clubs')).toBe(formatNumber(api.figures.clubs, 'vi'));
    expect(await figure(page, 'figure-members')).toBe(formatNumber(api.figures.members, 'vi'));
    expect(await figure(page, 'loans-par30')).toBe(formatPercent(api.loans.par30, 'vi'));
    expect(await page.getByTestId('dashboard-loans').textContent()).toContain('Dư nợ và nợ quá hạn tính đến cuối tháng đã chọn');
    expect(api.scheme.title).toContain('An Giang');
    expect(await page.getByTestId('dashboard-scheme-shown').textContent()).toContain('An Giang');

    const club = page.getByTestId('at-risk-club').first();
    await club.waitFor();
    expect(await club.getByTestId('at-risk-club-name').textContent()).toBe(api.clubsAtRisk[0].club.name);
    expect(await club.getAttribute('data-level')).toBe(api.clubsAtRisk[0].level);
    expect(await club.getByTestId('health-reason').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('at-risk-count').textContent()).toBe(`${api.clubsAtRiskCount} câu lạc bộ có nguy cơ`);

    // Every indicator of the catalogue with its status against the scheme's targets.
    for (const code of ['NEW_CLUBS', 'MEMBERS']) {
      const status = api.progress.find((item: any) => item.indicator.code === code).status;
      expect(await page.locator(`[data-testid="progress-row"][data-code="${code}"]`).getByTestId('progress-status').textContent()).toBe(STATUS_LABEL[status]);
    }
    expect(await page.locator('[data-testid="budget-row"][data-source="PROVINCE_BUDGET"]').textContent()).toContain('1.500.000.000 ₫');
    await page.getByTestId('quality-chart').locator('svg.recharts-surface').first().waitFor();
    await page.getByTestId('trend-chart').locator('svg.recharts-surface').first().waitFor();
  });

  it('drills down into the district of Kiên Lương, lists its clubs with figures and health, and walks back up', async () => {
    const page = await open();
    await openDashboard(page);
    const whole = await dashboardOf();
    const kienLuong = whole.units.find((row: any) => row.unit.name === 'Kiên Lương');
    const district = page.locator('[data-testid="unit-row"]', { hasText: 'Huyện Kiên Lương' });
    expect(await district.getByTestId('unit-members').textContent()).toBe(formatNumber(kienLuong.figures.members, 'vi'));
    await drillDown(page, district.getByTestId('unit-link'), 'Huyện Kiên Lương');
    expect(new URL(page.url()).searchParams.get('unit')).toMatch(/^[0-9a-f-]{36}$/);
    // Its eight communes, each with the club the scheme founded there.
    await expect.poll(async () => (await page.getByTestId('unit-row').allTextContents()).length, { timeout: 20_000 }).toBe(8);
    expect(await page.getByTestId('unit-row').allTextContents()).toContainEqual(expect.stringContaining('Thị trấn Kiên Lương'));
    expect(await figure(page, 'figure-members')).toBe(formatNumber(kienLuong.figures.members, 'vi'));

    // The town below: no unit under it has clubs, so the page lists the town's two clubs alone.
    await drillDown(page, page.locator('[data-testid="unit-row"]', { hasText: 'Thị trấn Kiên Lương' }).getByTestId('unit-link'), 'Thị trấn Kiên Lương');
    const clubRow = page.getByTestId('unit-club-row').filter({ hasText: KIEN_LUONG_CLUB });
    await clubRow.waitFor();
    expect(await page.getByTestId('unit-club-row').count()).toBe(2);
    expect(await clubRow.getByTestId('unit-club-members').textContent()).toBe('61');
    expect(await clubRow.getByTestId('health-level').textContent()).toBe('Cần theo dõi');
    expect(await page.getByTestId('units-table').count()).toBe(0);
    expect(await page.getByTestId('dashboard-clubs').textContent()).toContain('không có đơn vị cấp dưới có câu lạc bộ');

    // The club's own page is one click away; back, then up to the whole province by the breadcrumb.
    // One click: the club's page is fetched on first use, and the address moves only once it is
    // there (a second click meanwhile would stack a second entry in the history).
    await clubRow.getByTestId('unit-club-link').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/province\/clubs\/[0-9a-f-]{36}$/);
    await page.goBack();
    await page.getByTestId('breadcrumb-link').first().waitFor();
    // The page coming back from history may still be redrawing: click again until the breadcrumb answers.
    await expect
      .poll(async () => {
        const current = await page.getByTestId('breadcrumb-current').textContent();
        if (current !== 'Toàn tỉnh') {
          await page.getByTestId('breadcrumb-link').filter({ hasText: 'Toàn tỉnh' }).click({ timeout: 3_000 }).catch(() => undefined);
        }
        return current;
      }, { timeout: 20_000 })
      .toBe('Toàn tỉnh');
    expect(new URL(page.url()).searchParams.get('unit')).toBeNull();
  });

  it('downloads a table as a file, asked for with the session’s token and the page’s month', async () => {
    const page = await open();
    await openDashboard(page);
    const exportRequest = page.waitForRequest((request) => request.url().includes('/exports/province-progress.csv'));
    const download = page.waitForEvent('download');
    await page.getByTestId('export-province-progress').getByTestId('export-csv').click();
    const request = await exportRequest;
    expect(request.headers().authorization).toMatch(/^Bearer .+/);
    expect(new URL(request.url()).searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
    expect(new URL(request.url()).searchParams.get('tenantId')).toBeNull();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await file.path())!, 'utf8');
    expect(text).toContain('Số thành viên câu lạc bộ');
  });

  it('names the scheme shown in its picker, and shows the units table whole beside the menu at 1366 px', async () => {
    const page = await open({ viewport: { width: 1366, height: 900 } });
    await openDashboard(page);
    const api = await dashboardOf();
    // No scheme chosen: the picker names the approved scheme in force, the one the figures are measured against.
    await expect.poll(() => page.getByTestId('dashboard-scheme').inputValue()).toBe(api.scheme.title);

    // The units table fits: nothing of it is hidden to the right of its box.
    await page.getByTestId('units-table').waitFor();
    expect(await page.getByTestId('units-table').evaluate(hiddenWidth)).toBe(0);
    expect(await page.getByTestId('units-table').locator('th').last().textContent()).toBe('Đạt chuẩn');

    // Another scheme chosen: the picker and the page both name it, and the address keeps it.
    await page.getByTestId('dashboard-scheme').click();
    await page.getByRole('option', { name: KIEN_GIANG_SCHEME_TITLE }).click();
    await expect.poll(() => page.getByTestId('dashboard-scheme-shown').textContent(), { timeout: 20_000 }).toBe(KIEN_GIANG_SCHEME_TITLE);
    expect(await page.getByTestId('dashboard-scheme').inputValue()).toBe(KIEN_GIANG_SCHEME_TITLE);
    expect(new URL(page.url()).searchParams.get('scheme')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('scrolls the units table on a narrower screen with its scrollbar in sight', async () => {
    const page = await open({ viewport: { width: 1024, height: 800 } });
    await openDashboard(page);
    const table = page.getByTestId('units-table');
    await table.waitFor();
    expect(await table.evaluate(hiddenWidth)).toBeGreaterThan(0);
    const scrollbar = page.getByTestId('dashboard-units').locator('[data-orientation="horizontal"]');
    await scrollbar.waitFor();
    const box = await scrollbar.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(4);
    // Scrolled to its end, the last column is in sight.
    await table.evaluate(scrollToEnd);
    await expect.poll(() => table.evaluate(lastHeadingInSight)).toBe(true);
  });

  it('fits a phone: wide tables scroll inside their boxes and charts shrink to the screen', async () => {
    const page = await open(PHONE);
    await openDashboard(page);
    await page.getByTestId('quality-chart').locator('svg.recharts-surface').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const chartWidth = await page.getByTestId('trend-chart').evaluate((element) => element.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(375);
  });
});
