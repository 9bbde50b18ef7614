/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

async function openProvince(page: Page, login = 'kiengiang'): Promise<void> {
  await signIn(page, login);
  await page.getByTestId('area-province').waitFor();
}

describe('reference figures', () => {
  it('are entered per year with their source, refused next to the field when wrong, and corrected', async () => {
    const page = await open();
    await openProvince(page);
    await page.getByTestId('nav-reference-figures').click();
    await page.getByRole('heading', { level: 1, name: 'Số liệu tham chiếu' }).waitFor();

    await page.getByTestId('figure-add').click();
    await page.getByTestId('figure-year').fill('1980');
    await page.getByTestId('figure-kind').selectOption('OLDER_POPULATION');
    await page.getByTestId('figure-value').fill('187654');
    expect(await page.getByTestId('figure-value').inputValue()).toBe('187.654');
    await page.getByTestId('figure-source').fill('Niên giám thống kê tỉnh Kiên Giang năm 2024');
    await page.getByTestId('figure-submit').click();
    // The server refuses the year; the message sits under the year and nothing typed is lost.
    await expect.poll(() => page.getByTestId('figure-form').textContent()).toContain('Năm phải từ 1990 trở đi.');
    expect(await page.getByTestId('figure-value').inputValue()).toBe('187.654');
    expect(await page.getByTestId('figure-source').inputValue()).toBe('Niên giám thống kê tỉnh Kiên Giang năm 2024');

    await page.getByTestId('figure-year').fill('2024');
    await page.getByTestId('figure-submit').click();
    const row = page.locator('[data-testid="figure-year-row"][data-year="2024"]');
    const older = row.locator('[data-kind="OLDER_POPULATION"]');
    await expect.poll(() => older.getByTestId('figure-value-cell').textContent()).toBe('187.654');
    expect(await older.getByTestId('figure-source-cell').textContent()).toBe('Niên giám thống kê tỉnh Kiên Giang năm 2024');

    // Someone else corrects the figure meanwhile: the admin is told, keeps what was typed, and saves after reloading.
    await older.getByTestId('figure-edit').click();
    expect(await page.getByTestId('figure-year').isDisabled()).toBe(true);
    const token = await suite.server().signIn('kiengiang');
    const other = await suite.server().gql(
      'mutation($input: SaveReferenceFigureInput!) { saveReferenceFigure(input: $input) { version } }',
      { input: { year: 2024, kind: 'OLDER_POPULATION', value: '190000', source: 'Cục Thống kê', version: 1 } },
      token,
    );
    expect(other.errors).toBeUndefined();
    await page.getByTestId('figure-value').fill('188000');
    await page.getByTestId('figure-submit').click();
    await page.getByTestId('figure-conflict').waitFor();
    expect(await page.getByTestId('figure-value').inputValue()).toBe('188.000');
    await page.getByTestId('figure-reload').click();
    await page.getByTestId('figure-conflict').waitFor({ state: 'detached' });
    await page.getByTestId('figure-submit').click();
    await page.getByTestId('figure-form').waitFor({ state: 'detached' });
    await expect.poll(() => older.getByTestId('figure-value-cell').textContent()).toBe('188.000');

    // A figure of a year and kind already entered is corrected, not added twice.
    await row.locator('[data-kind="POOR_HOUSEHOLDS"]').getByTestId('figure-add-cell').click();
    await page.getByTestId('figure-value').fill('5210');
    await page.getByTestId('figure-source').fill('Quyết định phê duyệt kết quả rà soát hộ nghèo năm 2024');
    await page.getByTestId('figure-submit').click();
    await expect.poll(() => row.locator('[data-kind="POOR_HOUSEHOLDS"]').getByTestId('figure-value-cell').textContent()).toBe('5.210');
    await page.getByTestId('figure-add').click();
    await page.getByTestId('figure-year').fill('2024');
    await page.getByTestId('figure-kind').selectOption('POOR_HOUSEHOLDS');
    await page.getByTestId('figure-exists').waitFor();
    await page.getByTestId('figure-value').fill('5300');
    await page.getByTestId('figure-source').fill('Rà soát bổ sung');
    await page.getByTestId('figure-submit').click();
    await expect.poll(() => row.locator('[data-kind="POOR_HOUSEHOLDS"]').getByTestId('figure-value-cell').textContent()).toBe('5.300');
    expect(await page.getByTestId('figure-year-row').count()).toBe(1);
  });
});

describe('long lists', () => {
  it('load the next page of schemes, surveys and a scheme’s history on demand', async () => {
    const token = await suite.server().signIn('thainguyen');
    const gql = suite.server().gql;
    let last: { id: string; version: number } | undefined;
    for (let index = 0; index < 21; index += 1) {
      const year = 2030 + index;
      const created = await gql<{ createScheme: { id: string; version: number } }>(
        'mutation($input: CreateSchemeInput!) { createScheme(input: $input) { id version } }',
        { input: { title: `Đề án thử số ${index + 1}`, firstYear: year, lastYear: year + 1 } },
        token,
      );
      expect(created.errors).toBeUndefined();
      last = created.data!.createScheme;
      const surveyed = await gql('mutation($input: SaveSurveyInput!) { saveSurvey(input: $input) { id } }', { input: { title: `Khảo sát thử số ${index + 1}`, startedOn: `2024-01-${String(index + 1).padStart(2, '0')}` } }, token);
      expect(surveyed.errors).toBeUndefined();
    }
    // Thirty changes to the newest scheme give it a history longer than a page.
    for (let index = 0; index < 30; index += 1) {
      const updated = await gql<{ updateScheme: { version: number } }>(
        'mutation($input: UpdateSchemeInput!) { updateScheme(input: $input) { version } }',
        { input: { id: last!.id, version: last!.version, title: `Đề án thử số 21, sửa lần ${index + 1}`, firstYear: 2050, lastYear: 2051 } },
        token,
      );
      expect(updated.errors).toBeUndefined();
      last = { id: last!.id, version: updated.data!.updateScheme.version };
    }

    const page = await open();
    await openProvince(page, 'thainguyen');
    await page.getByTestId('nav-schemes').click();
    await page.getByTestId('schemes-table').waitFor();
    expect(await page.getByTestId('scheme-row').count()).toBe(20);
    await page.getByTestId('schemes-load-more').click();
    await expect.poll(() => page.getByTestId('scheme-row').count()).toBe(22);
    expect(await page.getByTestId('schemes-load-more').count()).toBe(0);
    expect(await page.getByTestId('schemes-table').textContent()).toContain('2017–2020');

    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('surveys-table').waitFor();
    expect(await page.getByTestId('survey-row').count()).toBe(20);
    await page.getByTestId('surveys-load-more').click();
    await expect.poll(() => page.getByTestId('survey-row').count()).toBe(22);

    await page.goto(`/province/schemes/${last!.id}?tab=history`);
    await page.getByTestId('scheme-history').waitFor();
    expect(await page.getByTestId('history-entry').count()).toBe(25);
    await page.getByTestId('history-load-more').click();
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(31);
    expect(await page.getByTestId('history-load-more').count()).toBe(0);
  });
});
