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

    // A year before any of the demo's figures (An Giang's own, and those of the provinces merged into it).
    await page.getByTestId('figure-add').click();
    await page.getByTestId('figure-year').fill('1980');
    await page.getByTestId('figure-kind').selectOption('OLDER_POPULATION');
    await page.getByTestId('figure-value').fill('187654');
    expect(await page.getByTestId('figure-value').inputValue()).toBe('187.654');
    await page.getByTestId('figure-source').fill('Niên giám thống kê năm 2016');
    await page.getByTestId('figure-submit').click();
    // The server refuses the year; the message sits under the year and nothing typed is lost.
    await expect.poll(() => page.getByTestId('figure-form').textContent()).toContain('Năm phải từ 1990 trở đi.');
    expect(await page.getByTestId('figure-value').inputValue()).toBe('187.654');
    expect(await page.getByTestId('figure-source').inputValue()).toBe('Niên giám thống kê năm 2016');

    await page.getByTestId('figure-year').fill('2016');
    await page.getByTestId('figure-submit').click();
    const row = page.locator('[data-testid="figure-year-row"][data-year="2016"]');
    const older = row.locator('[data-kind="OLDER_POPULATION"]');
    await expect.poll(() => older.getByTestId('figure-value-cell').textContent()).toBe('187.654');
    expect(await older.getByTestId('figure-source-cell').textContent()).toBe('Niên giám thống kê năm 2016');

    // Someone else corrects the figure meanwhile: the admin is told, keeps what was typed, and saves after reloading.
    await older.getByTestId('figure-edit').click();
    expect(await page.getByTestId('figure-year').isDisabled()).toBe(true);
    const token = await suite.server().signIn('kiengiang');
    const other = await suite.server().gql(
      'mutation($input: SaveReferenceFigureInput!) { saveReferenceFigure(input: $input) { version } }',
      { input: { year: 2016, kind: 'OLDER_POPULATION', value: '190000', source: 'Cục Thống kê', version: 1 } },
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
    await page.getByTestId('figure-source').fill('Quyết định phê duyệt kết quả rà soát hộ nghèo năm 2016');
    await page.getByTestId('figure-submit').click();
    await expect.poll(() => row.locator('[data-kind="POOR_HOUSEHOLDS"]').getByTestId('figure-value-cell').textContent()).toBe('5.210');
    await page.getByTestId('figure-add').click();
    await page.getByTestId('figure-year').fill('2016');
    await page.getByTestId('figure-kind').selectOption('POOR_HOUSEHOLDS');
    await page.getByTestId('figure-exists').waitFor();
    await page.getByTestId('figure-value').fill('5300');
    await page.getByTestId('figure-source').fill('Rà soát bổ sung');
    await page.getByTestId('figure-submit').click();
    await expect.poll(() => row.locator('[data-kind="POOR_HOUSEHOLDS"]').getByTestId('figure-value-cell').textContent()).toBe('5.300');
    expect(await page.locator('[data-testid="figure-year-row"][data-year="2016"]').count()).toBe(1);
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
    // The 21 made here and the demo's two: 2017–2020 and 2026–2030.
    await expect.poll(() => page.getByTestId('scheme-row').count()).toBe(23);
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

describe('the hierarchy', () => {
  it('splits a commune into new units from the screen, each taking the hamlets given to it', async () => {
    const server = suite.server();
    const token = await server.signIn('kiengiang');
    const create = async (input: Record<string, unknown>) => {
      const result = await server.gql<{ createAdminUnit: { id: string } }>('mutation($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { id } }', { input }, token);
      expect(result.errors).toBeUndefined();
      return result.data!.createAdminUnit.id;
    };
    const [district] = await suite.database().owner.query(`select id from admin_unit where code = '904'`);
    const commune = await create({ code: '47000', name: 'Thạnh Đông Mới', kind: 'COMMUNE', parentId: district.id });
    await create({ name: 'Ấp A', kind: 'HAMLET', parentId: commune });
    await create({ name: 'Ấp B', kind: 'HAMLET', parentId: commune });

    const page = await open();
    await openProvince(page);
    await page.getByTestId('nav-hierarchy').click();
    await page.getByTestId('hierarchy-tree').waitFor();
    await page.locator(`[data-testid="tree-node"][data-unit-id="${district.id}"]`).click();
    await page.getByRole('button', { name: 'Thao tác với Xã Thạnh Đông Mới' }).click();
    await page.getByTestId('unit-action-split').click();
    await page.getByTestId('retire-form').waitFor();

    const successors = page.getByTestId('split-successor');
    await successors.nth(0).getByTestId('split-successor-name').fill('Thạnh Đông A');
    await successors.nth(0).getByTestId('split-successor-code').fill('30790');
    await successors.nth(1).getByTestId('split-successor-name').fill('Thạnh Đông B');
    // Hamlets not yet given to a successor are pointed out before anything is sent.
    await page.getByTestId('retire-submit').click();
    await expect.poll(() => page.getByTestId('split-children').textContent()).toContain('Chọn đơn vị kế thừa');
    const targets = page.getByTestId('split-child-target');
    await targets.nth(0).selectOption({ label: '1. Thạnh Đông A' });
    await targets.nth(1).selectOption({ label: '2. Thạnh Đông B' });

    // The server refuses a code already in use: said under that successor's code, the rest kept.
    await page.getByTestId('retire-submit').click();
    await expect.poll(() => successors.nth(0).textContent()).toContain('Mã này đã được dùng');
    expect(await successors.nth(1).getByTestId('split-successor-name').inputValue()).toBe('Thạnh Đông B');
    await successors.nth(0).getByTestId('split-successor-code').fill('47001');
    await page.getByTestId('retire-submit').click();
    await page.getByTestId('retire-form').waitFor({ state: 'detached' });

    const units: Array<{ name: string; code: string | null; retired: boolean; hamlets: string | null }> = await suite.database().owner.query(
      `select unit.name, unit.code, unit.valid_to is not null as retired,
              (select string_agg(hamlet.name, ',' order by hamlet.name) from admin_unit hamlet where hamlet.parent_id = unit.id and hamlet.valid_to is null) as hamlets
         from admin_unit unit where unit.name like 'Thạnh Đông%' order by unit.name`,
    );
    expect(units).toEqual([
      { name: 'Thạnh Đông A', code: '47001', retired: false, hamlets: 'Ấp A' },
      { name: 'Thạnh Đông B', code: null, retired: false, hamlets: 'Ấp B' },
      { name: 'Thạnh Đông Mới', code: '47000', retired: true, hamlets: null },
    ]);
    const [successions] = await suite.database().owner.query(`select count(*)::int as count from admin_unit_succession where predecessor_id = $1 and kind = 'SPLIT'`, [commune]);
    expect(successions.count).toBe(2);
  });

  it('imports a file with validity dates, shows every bad row a page at a time, and brings retired units in retired', async () => {
    const page = await open();
    await openProvince(page);
    await page.getByTestId('nav-hierarchy').click();
    await page.getByTestId('hierarchy-import').click();
    const header = 'code,name,kind,parent_code,valid_from,valid_to';
    const bad = [header, ...Array.from({ length: 600 }, (_, index) => `${48001 + index},Ấp Số ${index + 1},Ấp,30790,31/02/2020,`)].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'ap-sai-ngay.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-row').count()).toBe(500);
    expect(await page.getByTestId('import-problem').first().textContent()).toBe('“31/02/2020” không phải là ngày (ghi 2025-07-01 hoặc 01/07/2025).');
    expect(await page.getByTestId('import-rows').textContent()).toContain('Hiệu lực từ');
    await page.getByTestId('import-load-more').click();
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(600);
    expect(await page.getByTestId('import-load-more').count()).toBe(0);
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);

    const good = [header, '49000,Vĩnh Hòa Cũ,Xã,904,01/01/2005,30/06/2025', '49001,Ấp Vĩnh Hòa,Ấp,49000,2005-01-01,2025-06-30'].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'lich-su.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('2 dòng: 2 thêm mới');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    const rows = await suite.database().owner.query(`select code, valid_from::text, valid_to::text from admin_unit where code in ('49000', '49001') order by code`);
    expect(rows).toEqual([
      { code: '49000', valid_from: '2005-01-01', valid_to: '2025-06-30' },
      { code: '49001', valid_from: '2005-01-01', valid_to: '2025-06-30' },
    ]);
  });
});
