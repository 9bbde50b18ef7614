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
