/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const EVENTUALLY = { timeout: 20_000 };

/** Two provinces of the 2025 reform that the demo does not hold: Bạc Liêu (95) and Cà Mau (96) became the new Cà Mau (96). */
const PROVINCES = [
  { code: '95', slug: 'bac-lieu', name: 'Bạc Liêu', admin: 'baclieu.admin', commune: 'Vĩnh Trạch', club: 'CLB Liên thế hệ tự giúp nhau xã Vĩnh Trạch', joinedOn: '2025-02-01', olderPopulation: '118420' },
  { code: '96', slug: 'ca-mau', name: 'Cà Mau', admin: 'camau.admin', commune: 'Tân Thành', club: 'CLB Liên thế hệ tự giúp nhau xã Tân Thành', joinedOn: '2025-03-01', olderPopulation: '152310' },
] as const;
const ADMIN_PASSWORD = 'mat-khau-thu-nghiem';

const ids: Record<string, string> = {};

async function gqlOk<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await suite.server().gql<T>(query, variables, token);
  if (response.errors || !response.data) throw new Error(`unexpected answer: ${response.raw}`);
  return response.data;
}

/**
 * Each province made by the national administrator, then, in its own scope, a commune and a club
 * founded in January 2025 with one member: both clubs run before the merger of 1 July 2025. The
 * latest activity of either is Cà Mau's member joining on 1 March 2025.
 */
beforeAll(async () => {
  const national = await suite.server().signIn('national');
  for (const province of PROVINCES) {
    const created = await gqlOk<{ createTenant: { tenant: { id: string; rootUnits: Array<{ id: string }> } } }>(
      `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id rootUnits { id } } } }`,
      { input: { code: province.code, slug: province.slug, name: province.name, adminLogin: province.admin, adminDisplayName: `Sở Y tế tỉnh ${province.name}`, adminPassword: ADMIN_PASSWORD } },
      national,
    );
    ids[province.code] = created.createTenant.tenant.id;
    const admin = await suite.server().signIn(province.admin, ADMIN_PASSWORD);
    const commune = await gqlOk<{ createAdminUnit: { id: string } }>(
      `mutation ($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { id } }`,
      { input: { kind: 'COMMUNE', name: province.commune, parentId: created.createTenant.tenant.rootUnits[0].id } },
      admin,
    );
    const club = await gqlOk<{ createClub: { id: string; status: string } }>(
      `mutation ($input: CreateClubInput!) { createClub(input: $input) { id status } }`,
      { input: { communeId: commune.createAdminUnit.id, name: province.club, foundedOn: '2025-01-15' } },
      admin,
    );
    expect(club.createClub.status).toBe('ACTIVE');
    await gqlOk(
      `mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
      { input: { clubId: club.createClub.id, fullName: 'Nguyễn Thị Lan', sex: 'FEMALE', birthYear: 1956, joinedOn: province.joinedOn } },
      admin,
    );
    await gqlOk(
      `mutation ($input: CreateSchemeInput!) { createScheme(input: $input) { id } }`,
      { input: { title: `Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau tỉnh ${province.name} giai đoạn 2021–2025`, firstYear: 2021, lastYear: 2025 } },
      admin,
    );
    await gqlOk(
      `mutation ($input: SaveReferenceFigureInput!) { saveReferenceFigure(input: $input) { id } }`,
      { input: { year: 2024, kind: 'OLDER_POPULATION', value: province.olderPopulation, source: `Niên giám thống kê tỉnh ${province.name} năm 2024`, version: null } },
      admin,
    );
  }
  // Only the demo seed makes sample data; here the owner marks Bạc Liêu's figure and Cà Mau's workspace as such.
  await suite.database().owner.query('update reference_figure set sample = true where tenant_id = $1', [ids['95']]);
  await suite.database().owner.query('update tenant set sample = true where id = $1', [ids['96']]);
});

function comparisonRow(page: Page, tenantId: string) {
  return page.locator(`[data-testid="comparison-row"][data-tenant-id="${tenantId}"]`);
}

function provinceRow(page: Page, code: string, status: string) {
  return page.locator(`[data-testid="province-row"][data-tenant-code="${code}"][data-status="${status}"]`);
}

/** A Mantine select's option, chosen again until the input shows it: a click while the dropdown opens is lost on a busy machine. */
async function choose(page: Page, testId: string, typed: string, option: string): Promise<void> {
  const input = page.getByTestId(testId);
  await expect
    .poll(async () => {
      if ((await input.inputValue()) !== option) {
        await input.fill(typed);
        await page.getByRole('option', { name: option, exact: true }).click({ timeout: 3_000 }).catch(() => undefined);
      }
      return input.inputValue();
    }, EVENTUALLY)
    .toBe(option);
}

describe('merging provinces', () => {
  it('merges two provinces into a new one through the client, and the comparison follows on both maps', async () => {
    const page = await suite.open();
    await signIn(page, 'national');
    await page.getByTestId('comparison-table').waitFor();
    await expect.poll(() => comparisonRow(page, ids['95']).count(), EVENTUALLY).toBe(1);
    expect(await comparisonRow(page, ids['96']).count()).toBe(1);

    await page.getByTestId('nav-provinces').click();
    await page.getByTestId('provinces-table').waitFor();
    await page.getByTestId('merge-open').click();
    const form = page.getByTestId('merge-form');
    await form.waitFor();

    // Both provinces, into a new province whose slug follows its name.
    const provinces = page.getByTestId('merge-provinces');
    for (const province of PROVINCES) {
      const option = `${province.name} (mã ${province.code})`;
      await expect
        .poll(async () => {
          if (!(await form.textContent())?.includes(option)) {
            await provinces.fill(province.name);
            await page.getByRole('option', { name: option }).click({ timeout: 3_000 }).catch(() => undefined);
          }
          return form.textContent();
        }, EVENTUALLY)
        .toContain(option);
    }
    await page.getByTestId('merge-into-new').check();
    await page.getByTestId('merge-name').fill('Cà Mau');
    expect(await page.getByTestId('merge-slug').inputValue()).toBe('ca-mau');
    // A code another province uses, and a day before the clubs were founded: both are refused.
    await page.getByTestId('merge-code').fill('19');
    await page.getByTestId('merge-effective-on').fill('01/01/2025');
    const reason = 'Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh';
    await page.getByTestId('merge-reason').fill(reason);
    await page.getByTestId('merge-admins-MOVE').check();

    // The review says plainly what will happen before anything is written.
    await page.getByTestId('merge-review').click();
    const summary = page.getByTestId('merge-summary');
    await summary.waitFor();
    const said = await summary.textContent();
    expect(said).toContain('Từ ngày 01/01/2025, tỉnh Bạc Liêu và tỉnh Cà Mau được sáp nhập thành tỉnh Cà Mau mới (mã 19, định danh ca-mau).');
    expect(said).toContain('kết thúc vào ngày 31/12/2024');
    expect(said).toContain('trở thành tài khoản quản trị của tỉnh Cà Mau');
    expect(said).toContain(reason);

    // The server refuses the code: the message sits under the code, and everything typed is still there.
    await page.getByTestId('merge-confirm').click();
    await form.waitFor();
    await expect.poll(() => page.getByTestId('merge-code').getAttribute('aria-invalid'), EVENTUALLY).toBe('true');
    expect(await form.textContent()).toContain('Đã có tỉnh khác đang dùng.');
    expect(await page.getByTestId('merge-name').inputValue()).toBe('Cà Mau');
    expect(await page.getByTestId('merge-effective-on').inputValue()).toBe('01/01/2025');
    expect(await page.getByTestId('merge-reason').inputValue()).toBe(reason);
    expect(await form.textContent()).toContain('Bạc Liêu (mã 95)');

    // The seat's code is free once its province merges away; then the day is refused, under the day.
    await page.getByTestId('merge-code').fill('96');
    await page.getByTestId('merge-review').click();
    await page.getByTestId('merge-confirm').click();
    await form.waitFor();
    await expect.poll(() => page.getByTestId('merge-effective-on').getAttribute('aria-invalid'), EVENTUALLY).toBe('true');
    expect(await form.textContent()).toContain('Ngày sáp nhập phải sau ngày 01/03/2025, ngày ghi nhận thành viên gia nhập gần nhất của tỉnh Cà Mau');
    expect(await page.getByTestId('merge-code').getAttribute('aria-invalid')).not.toBe('true');

    await page.getByTestId('merge-effective-on').fill('01/07/2025');
    await page.getByTestId('merge-review').click();
    expect(await summary.textContent()).toContain('Từ ngày 01/07/2025, tỉnh Bạc Liêu và tỉnh Cà Mau được sáp nhập thành tỉnh Cà Mau mới (mã 96, định danh ca-mau).');
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('merge-form').waitFor({ state: 'detached' });

    // The list shows the new state: the new Cà Mau in use from the merge day, formed from both; both old ones merged into it.
    const merged = provinceRow(page, '96', 'ACTIVE');
    await expect.poll(() => merged.getByTestId('province-status-day').textContent(), EVENTUALLY).toBe('từ 01/07/2025');
    expect(await merged.getByTestId('province-predecessor').allTextContents()).toEqual(['Bạc Liêu', 'Cà Mau']);
    for (const province of PROVINCES) {
      const row = provinceRow(page, province.code, 'RETIRED');
      expect(await row.getByTestId('province-status').textContent()).toBe('Đã sáp nhập');
      expect(await row.getByTestId('province-status-day').textContent()).toBe('đến 30/06/2025');
      expect(await row.getByTestId('province-successor').textContent()).toBe('Cà Mau');
      expect(await row.getByTestId('province-merge-reason').textContent()).toBe(reason);
    }
    expect(await provinceRow(page, '96', 'RETIRED').getByTestId('province-sample').textContent()).toBe('Dữ liệu mẫu');
    expect(await provinceRow(page, '95', 'RETIRED').getByTestId('province-sample').count()).toBe(0);
    // Merged provinces come after those in use.
    const order = await page.getByTestId('province-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(order.indexOf('RETIRED')).toBeGreaterThan(order.lastIndexOf('ACTIVE'));
    const newId = await merged.getAttribute('id').then((anchor) => anchor!.replace(/^province-/, ''));
    expect(newId).not.toBe(ids['96']);

    // Today's map: the new province's row holds both clubs and both members; the old ones have no row.
    await page.getByTestId('nav-comparison').click();
    await page.getByTestId('comparison-table').waitFor();
    const newRow = comparisonRow(page, newId);
    await expect.poll(() => newRow.locator('[data-key="clubs"]').textContent(), EVENTUALLY).toBe('2');
    expect(await newRow.locator('[data-key="members"]').textContent()).toBe('2');
    expect(await newRow.getByTestId('comparison-province').textContent()).toBe('Cà Mau');
    expect(await comparisonRow(page, ids['95']).count()).toBe(0);
    expect(await comparisonRow(page, ids['96']).count()).toBe(0);

    // The map at the time, for a period ending before the merge day: the two old provinces, a club each.
    await page.getByTestId('comparison-map').getByText('Bản đồ tại thời điểm').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('map'), EVENTUALLY).toBe('AT_THE_TIME');
    await choose(page, 'comparison-month', '06/2025', '06/2025');
    await expect.poll(() => comparisonRow(page, ids['95']).locator('[data-key="clubs"]').textContent(), EVENTUALLY).toBe('1');
    expect(await comparisonRow(page, ids['96']).locator('[data-key="clubs"]').textContent()).toBe('1');
    expect(await comparisonRow(page, ids['95']).getByTestId('comparison-province').textContent()).toBe('Bạc Liêu');
    expect(await comparisonRow(page, newId).count()).toBe(0);
    expect(await page.getByTestId('comparison-period').textContent()).toContain('theo bản đồ tại thời điểm');
    expect(new URL(page.url()).searchParams.get('month')).toBe('2025-06');

    // The download asks for the same map, and holds the old provinces.
    const exportRequest = page.waitForRequest((request) => request.url().includes('/exports/national-comparison.csv'));
    const download = page.waitForEvent('download');
    await page.getByTestId('export-national-comparison').getByTestId('export-csv').click();
    const query = new URL((await exportRequest).url()).searchParams;
    expect(query.get('map')).toBe('AT_THE_TIME');
    expect(query.get('month')).toBe('2025-06');
    expect(await readFile((await (await download).path())!, 'utf8')).toContain('Bạc Liêu');

    // The map is kept in the address: a reload shows the same comparison; today's map takes it out again.
    await page.reload();
    await expect.poll(() => comparisonRow(page, ids['95']).locator('[data-key="clubs"]').textContent(), EVENTUALLY).toBe('1');
    await page.getByTestId('comparison-map').getByText('Bản đồ hiện nay').click();
    await expect.poll(() => comparisonRow(page, newId).locator('[data-key="clubs"]').textContent(), EVENTUALLY).toBe('2');
    expect(new URL(page.url()).searchParams.get('map')).toBeNull();
  });

  // After the merger above: Bạc Liêu's administrator now works in the new Cà Mau.
  it('shows the merged province its predecessors’ schemes and reference figures under their own names', async () => {
    const page = await suite.open();
    await signIn(page, 'baclieu.admin', ADMIN_PASSWORD);
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('nav-schemes').click();
    await page.getByTestId('schemes-table').waitFor();
    const schemeRow = page.getByTestId('scheme-row').filter({ hasText: 'tỉnh Bạc Liêu giai đoạn 2021–2025' });
    await expect.poll(() => schemeRow.getByTestId('scheme-province').textContent(), EVENTUALLY).toBe('Đề án của tỉnh Bạc Liêu (đã sáp nhập vào Cà Mau)');
    expect(await page.getByTestId('scheme-row').filter({ hasText: 'tỉnh Cà Mau giai đoạn 2021–2025' }).getByTestId('scheme-province').textContent()).toBe(
      'Đề án của tỉnh Cà Mau trước khi sáp nhập (đến 30/06/2025)',
    );
    await schemeRow.getByTestId('scheme-link').click();
    await page.getByTestId('scheme-tab-overview').waitFor();
    await expect.poll(() => page.getByTestId('scheme-province').textContent(), EVENTUALLY).toBe('Đề án của tỉnh Bạc Liêu (đã sáp nhập vào Cà Mau)');

    await page.getByTestId('nav-reference-figures').click();
    await page.getByRole('heading', { level: 1, name: 'Số liệu tham chiếu' }).waitFor();
    const ofBacLieu = page.locator(`[data-testid="merged-figures"][data-tenant-id="${ids['95']}"]`);
    await expect.poll(() => ofBacLieu.getByTestId('merged-figures-title').textContent(), EVENTUALLY).toBe('Số liệu của tỉnh Bạc Liêu trước khi sáp nhập');
    const older = ofBacLieu.locator('[data-testid="figure-year-row"][data-year="2024"] [data-kind="OLDER_POPULATION"]');
    expect(await older.getByTestId('figure-value-cell').textContent()).toBe('118.420');
    expect(await older.getByTestId('figure-sample').textContent()).toBe('Số liệu mẫu');
    // A merged province's figures are kept as they were: nothing to correct or add there.
    expect(await ofBacLieu.getByTestId('figure-edit').count()).toBe(0);
    expect(await ofBacLieu.getByTestId('figure-add-cell').count()).toBe(0);
    const ofCaMau = page.locator(`[data-testid="merged-figures"][data-tenant-id="${ids['96']}"]`);
    expect(await ofCaMau.getByTestId('merged-figures-title').textContent()).toBe('Số liệu của tỉnh Cà Mau trước khi sáp nhập');
    expect(await ofCaMau.getByTestId('figure-value-cell').textContent()).toBe('152.310');
    expect(await ofCaMau.getByTestId('figure-sample').count()).toBe(0);
  });

  it('offers no merger to the national monitoring role', async () => {
    const page = await suite.open();
    await signIn(page, 'national.viewer');
    await page.getByTestId('area-national').waitFor();
    await page.getByTestId('nav-provinces').click();
    await page.getByTestId('provinces-table').waitFor();
    await expect.poll(() => page.getByTestId('province-row').count(), EVENTUALLY).toBeGreaterThan(0);
    expect(await page.getByTestId('merge-open').count()).toBe(0);
  });

  it('fits the provinces list and the merger form on a 360 px phone', async () => {
    const page = await suite.open({ ...PHONE, viewport: { width: 360, height: 740 } });
    await signIn(page, 'national');
    await page.getByTestId('area-national').waitFor();
    await page.goto('/national/provinces');
    await page.getByTestId('provinces-table').waitFor();
    await expect.poll(() => page.getByTestId('province-row').count(), EVENTUALLY).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByTestId('merge-open').click();
    await page.getByTestId('merge-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const box = await page.getByTestId('merge-review').boundingBox();
    expect(box && box.x + box.width <= 360).toBe(true);
    await page.goto('/national/comparison');
    await page.getByTestId('comparison-map').waitFor();
    const map = await page.getByTestId('comparison-map').boundingBox();
    expect(map && map.x + map.width <= 360).toBe(true);
  });
});
