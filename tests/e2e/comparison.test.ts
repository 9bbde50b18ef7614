/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

function provinceOrder(page: Page): Promise<string[]> {
  return page.getByTestId('comparison-row').evaluateAll((rows) => rows.map((row) => row.querySelector('[data-testid="comparison-province"]')?.textContent ?? ''));
}

function ariaSortOf(page: Page, key: string): Promise<string | null> {
  return page.locator(`[data-testid="sort-header"][data-key="${key}"]`).getAttribute('aria-sort');
}

describe('the national comparison', () => {
  it('opens first for the national office, compares both demo provinces, and sorts a column numerically both ways', async () => {
    const page = await open();
    await signIn(page, 'national.viewer');
    await page.getByTestId('comparison-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/national/comparison');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('So sánh các tỉnh, thành phố');
    expect(await page.getByTestId('nav-comparison').getAttribute('href')).toBe('/national/comparison');

    await expect.poll(() => page.getByTestId('comparison-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await provinceOrder(page)).toEqual(['Kiên Giang', 'Thái Nguyên']);
    const women = (code: string) => page.locator(`[data-testid="comparison-row"][data-tenant-code="${code}"] [data-key="womenPercent"]`).textContent();
    expect(await women('91')).toBe('68,85%');
    expect(await women('19')).toBe('65,57%');
    expect(await page.locator('[data-testid="comparison-row"][data-tenant-code="91"] [data-key="members"]').textContent()).toBe('61');
    const total = page.getByTestId('comparison-total');
    expect(await total.textContent()).toContain('Toàn quốc');
    expect(await total.locator('[data-key="members"]').textContent()).toBe('122');
    expect(await total.locator('[data-key="womenPercent"]').textContent()).toBe('67,21%');

    // The chart by province: recharts draws one bar per province.
    const chart = page.getByTestId('comparison-chart');
    await chart.locator('svg.recharts-surface').first().waitFor();
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 }).toBe(2);
    await page.getByTestId('comparison-trend-chart').locator('svg.recharts-surface').first().waitFor();

    // Sorted by name at first; "% nữ" sorts ascending, then descending, by the number.
    expect(await ariaSortOf(page, 'province')).toBe('ascending');
    expect(await ariaSortOf(page, 'womenPercent')).toBe('none');
    const womenHeader = page.locator('[data-testid="sort-header"][data-key="womenPercent"] [data-testid="sort-button"]');
    expect(await womenHeader.textContent()).toContain('% nữ');
    await womenHeader.click();
    await expect.poll(() => ariaSortOf(page, 'womenPercent'), { timeout: 20_000 }).toBe('ascending');
    expect(await ariaSortOf(page, 'province')).toBe('none');
    expect(await provinceOrder(page)).toEqual(['Thái Nguyên', 'Kiên Giang']);
    await womenHeader.click();
    await expect.poll(() => ariaSortOf(page, 'womenPercent'), { timeout: 20_000 }).toBe('descending');
    expect(await provinceOrder(page)).toEqual(['Kiên Giang', 'Thái Nguyên']);

    // The table's download asks the server with the session's token.
    const exportRequest = page.waitForRequest((request) => request.url().includes('/exports/national-comparison.csv'));
    const download = page.waitForEvent('download');
    await page.getByTestId('export-national-comparison').getByTestId('export-csv').click();
    const request = await exportRequest;
    expect(await readFile((await (await download).path())!, 'utf8')).toContain('Thái Nguyên');
    expect(request.headers().authorization).toMatch(/^Bearer .+/);
    const query = new URL(request.url()).searchParams;
    expect(query.get('month')).toMatch(/^\d{4}-\d{2}$/);
    expect(query.get('fromMonth')).toMatch(/^\d{4}-\d{2}$/);
  });

  it('opens a province’s dashboard read only, without members’ names or links into the province area', async () => {
    const page = await open();
    await signIn(page, 'national.viewer');
    await page.getByTestId('comparison-table').waitFor();
    await page.locator('[data-testid="comparison-row"][data-tenant-code="91"]').getByTestId('comparison-province').click();
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/national\/provinces\/[0-9a-f-]+\/dashboard$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Bảng theo dõi: Kiên Giang');
    await page.getByTestId('dashboard-read-only').waitFor();
    expect(await page.getByTestId('figure-members').getByTestId('figure-value').textContent()).toBe('61');
    const atRisk = page.getByTestId('at-risk-club').first();
    await atRisk.waitFor();
    expect(await atRisk.getByTestId('at-risk-club-name').evaluate((element) => element.tagName)).not.toBe('A');
    expect(await page.locator('a[href^="/province/"]').count()).toBe(0);

    // The drill-down works for the national office too, down to the club's figures, still without links.
    await page.locator('[data-testid="unit-row"]', { hasText: 'Huyện Kiên Lương' }).getByTestId('unit-link').click();
    const clubRow = page.getByTestId('unit-club-row');
    await clubRow.first().waitFor();
    expect(await clubRow.getByTestId('unit-club-members').textContent()).toBe('61');
    expect(await clubRow.getByTestId('unit-club-link').evaluate((element) => element.tagName)).not.toBe('A');
    expect(await page.locator('a[href^="/province/"]').count()).toBe(0);

    await page.getByTestId('dashboard-back').click();
    await page.getByTestId('comparison-table').waitFor();
    // The list of provinces stays one click away.
    await page.getByTestId('nav-provinces').click();
    await page.getByTestId('provinces-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/national/provinces');
  });

  it('fits a phone: the wide table scrolls inside its box, not the page', async () => {
    const page = await open(PHONE);
    await signIn(page, 'national.viewer');
    await page.getByTestId('comparison-table').waitFor();
    await page.getByTestId('comparison-chart').locator('svg.recharts-surface').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
