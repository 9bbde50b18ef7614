/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths, currentMonth, formatMonthNumeric, formatNumber, formatPercent } from '../../client/src/app/format.js';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

/** The national comparison of this month as the API gives it: what the page must show. */
async function comparisonOf() {
  const server = suite.server();
  const result = await server.gql<{ nationalComparison: any }>(
    'query { nationalComparison { provinces { tenant { code name } womenPercent figures { members } } national { womenPercent figures { members } } } }',
    {},
    await server.signIn('national.viewer'),
  );
  expect(result.errors).toBeUndefined();
  return result.data!.nationalComparison;
}

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

    // The provinces in use: An Giang (with Kiên Giang's history) and Thái Nguyên (with Bắc Kạn's), as the API compares them.
    await expect.poll(() => page.getByTestId('comparison-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await provinceOrder(page)).toEqual(['An Giang', 'Thái Nguyên']);
    const api = await comparisonOf();
    const row = (code: string) => api.provinces.find((province: any) => province.tenant.code === code);
    const women = (code: string) => page.locator(`[data-testid="comparison-row"][data-tenant-code="${code}"] [data-key="womenPercent"]`).textContent();
    expect(await women('91')).toBe(formatPercent(row('91').womenPercent, 'vi'));
    expect(await women('19')).toBe(formatPercent(row('19').womenPercent, 'vi'));
    expect(await page.locator('[data-testid="comparison-row"][data-tenant-code="91"] [data-key="members"]').textContent()).toBe(formatNumber(row('91').figures.members, 'vi'));
    const total = page.getByTestId('comparison-total');
    expect(await total.textContent()).toContain('Toàn quốc');
    expect(api.national.figures.members).toBe(row('91').figures.members + row('19').figures.members);
    expect(await total.locator('[data-key="members"]').textContent()).toBe(formatNumber(api.national.figures.members, 'vi'));
    expect(await total.locator('[data-key="womenPercent"]').textContent()).toBe(formatPercent(api.national.womenPercent, 'vi'));
    const byWomen = ['91', '19'].sort((left, right) => Number(row(left).womenPercent) - Number(row(right).womenPercent)).map((code) => row(code).tenant.name);

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
    expect(await provinceOrder(page)).toEqual(byWomen);
    await womenHeader.click();
    await expect.poll(() => ariaSortOf(page, 'womenPercent'), { timeout: 20_000 }).toBe('descending');
    expect(await provinceOrder(page)).toEqual([...byWomen].reverse());

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
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Bảng theo dõi: An Giang');
    await page.getByTestId('dashboard-read-only').waitFor();
    const api = await comparisonOf();
    const anGiang = api.provinces.find((province: any) => province.tenant.code === '91');
    expect(await page.getByTestId('figure-members').getByTestId('figure-value').textContent()).toBe(formatNumber(anGiang.figures.members, 'vi'));
    const atRisk = page.getByTestId('at-risk-club').first();
    await atRisk.waitFor();
    expect(await atRisk.getByTestId('at-risk-club-name').evaluate((element) => element.tagName)).not.toBe('A');
    expect(await page.locator('a[href^="/province/"]').count()).toBe(0);

    // The drill-down works for the national office too, down to the club's figures, still without links.
    await page.locator('[data-testid="unit-row"]', { hasText: 'Huyện Kiên Lương' }).getByTestId('unit-link').click();
    const clubRow = page.getByTestId('unit-club-row').filter({ hasText: KIEN_LUONG_CLUB });
    await clubRow.waitFor();
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

  it('keeps every filter changed in quick succession, and its picker names the phase compared', async () => {
    const page = await open();
    await signIn(page, 'national.viewer');
    await page.getByTestId('comparison-table').waitFor();
    const server = suite.server();
    const answer = await server.gql<{ nationalPhases: Array<{ id: string; decisionNumber: string; firstYear: number; lastYear: number }>; nationalComparison: { phase: { id: string } | null } }>(
      '{ nationalPhases { id decisionNumber firstYear lastYear } nationalComparison { phase { id } } }',
      {},
      await server.signIn('national.viewer'),
    );
    expect(answer.errors).toBeUndefined();
    const { nationalPhases: phases, nationalComparison } = answer.data!;
    const label = (phase: (typeof phases)[number]) => `${phase.decisionNumber} (${phase.firstYear}–${phase.lastYear})`;
    const inForce = phases.find((phase) => phase.id === nationalComparison.phase?.id)!;
    expect(inForce).toBeDefined();
    // Nothing chosen yet: the picker names the phase in force, which the page compares against.
    await expect.poll(() => page.getByTestId('comparison-phase').inputValue()).toBe(label(inForce));

    const other = phases.find((phase) => phase.id !== inForce.id)!;
    const from = addMonths(currentMonth(), -9);
    const to = addMonths(currentMonth(), -3);
    // A slow phone: the page redraws behind each choice while the next one is made.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.getByTestId('comparison-phase').click();
    await page.getByRole('option', { name: label(other) }).click();
    await page.getByTestId('comparison-from').click();
    await page.getByRole('option', { name: formatMonthNumeric(from), exact: true }).click();
    await page.getByTestId('comparison-month').click();
    await page.getByRole('option', { name: formatMonthNumeric(to), exact: true }).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    await expect.poll(() => page.getByTestId('comparison-period').textContent(), { timeout: 20_000 }).toContain(`${formatMonthNumeric(from)} – ${formatMonthNumeric(to)}`);
    const address = new URL(page.url()).searchParams;
    expect({ phase: address.get('phase'), from: address.get('from'), month: address.get('month') }).toEqual({ phase: other.id, from, month: to });
    expect(await page.getByTestId('comparison-phase').inputValue()).toBe(label(other));
    expect(await page.getByTestId('comparison-from').inputValue()).toBe(formatMonthNumeric(from));
    expect(await page.getByTestId('comparison-month').inputValue()).toBe(formatMonthNumeric(to));
  });

  it('fits a phone: the wide table scrolls inside its box, not the page', async () => {
    const page = await open(PHONE);
    await signIn(page, 'national.viewer');
    await page.getByTestId('comparison-table').waitFor();
    await page.getByTestId('comparison-chart').locator('svg.recharts-surface').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
