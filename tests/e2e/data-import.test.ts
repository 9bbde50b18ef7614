/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../client/src/app/format.js';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
/** Uploads, checks and commits take seconds on a busy machine. */
const EVENTUALLY = { timeout: 20_000 };
const SMALL_PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;

/** Three clubs a province keeps in its spreadsheet, in communes of the demo's An Giang (by code, and one by name). */
const CLUBS = [
  { name: 'CLB Liên thế hệ tự giúp nhau ấp Ba Hòn', commune: '30790', communeName: 'Kiên Bình' },
  { name: 'CLB Liên thế hệ tự giúp nhau ấp Tà Săng', commune: '30802', communeName: 'Hòa Điền' },
  { name: 'CLB Liên thế hệ tự giúp nhau khu phố Ngã Ba', commune: 'Hòa Điền', communeName: 'Hòa Điền' },
];

function clubsCsv(): string {
  const lines = ['Tên câu lạc bộ,"Xã, phường",Ngày thành lập,Tình trạng'];
  CLUBS.forEach((club, index) => lines.push(`${club.name},${club.commune},1${index}/05/2019,Đang hoạt động`));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function chooseFile(page: Page, name: string, content: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
}

async function clubCountOnDashboard(): Promise<number> {
  const server = suite.server();
  const result = await server.gql<{ provinceDashboard: { figures: { clubs: number } } }>(
    'query { provinceDashboard { figures { clubs } } }',
    {},
    await server.signIn('angiang'),
  );
  expect(result.errors).toBeUndefined();
  return result.data!.provinceDashboard.figures.clubs;
}

/** Whether an element's box lies within the screen's width, and its text is not cut (no ellipsis, nothing scrolled out). */
async function fitsOnScreen(locator: Locator, width: number): Promise<boolean> {
  const box = await locator.boundingBox();
  const uncut = await locator.evaluate((element) => {
    const label = element.querySelector('.mantine-Badge-label') ?? element;
    return label.scrollWidth <= label.clientWidth + 1;
  });
  return box !== null && box.x >= 0 && box.x + box.width <= width && uncut;
}

describe('importing data', () => {
  it('lets a province admin import a small clubs file, preview it, commit it and find the clubs on the dashboard and in the clubs list', async () => {
    const before = await clubCountOnDashboard();
    const page = await suite.open();
    await signIn(page, 'angiang');
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-open-clubs').click();
    await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu: Câu lạc bộ' }).waitFor();
    // What the file holds, from the server's own list of columns, with both templates.
    await expect.poll(() => page.getByTestId('import-column').count(), EVENTUALLY).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-testid="import-column"][data-key="commune"]').textContent()).toContain('Xã, phường');
    expect(await page.getByTestId('import-template-xlsx').getAttribute('href')).toBe('/imports/clubs/template.xlsx');
    expect(await page.getByTestId('import-template-csv').getAttribute('href')).toBe('/imports/clubs/template.csv');

    await chooseFile(page, 'cau-lac-bo.csv', clubsCsv());
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-preview').waitFor(EVENTUALLY);
    expect(await page.getByTestId('import-summary').textContent()).toBe('Tệp cau-lac-bo.csv: 3 dòng');
    expect(await page.getByTestId('import-count-new').textContent()).toBe('3');
    expect(await page.getByTestId('import-count-problems').textContent()).toBe('0');
    const rows = page.getByTestId('import-row');
    expect(await rows.count()).toBe(3);
    expect(await page.getByTestId('import-row-name').allTextContents()).toEqual(CLUBS.map((club) => club.name));
    expect(await page.getByTestId('import-row-action').allTextContents()).toEqual(['Thêm mới', 'Thêm mới', 'Thêm mới']);

    await page.getByTestId('import-commit').click();
    expect(await page.getByTestId('import-confirm-text').textContent()).toContain('Thêm 3 câu lạc bộ mới.');
    await page.getByTestId('import-commit-confirm').click();
    await page.getByTestId('import-done').waitFor(EVENTUALLY);
    expect(await page.getByTestId('import-done-text').textContent()).toBe('Đã thêm 3 câu lạc bộ mới và thay đổi 0 câu lạc bộ; 0 dòng không đổi.');

    // The dashboard counts them…
    await page.getByTestId('import-link-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    await expect.poll(() => page.getByTestId('figure-clubs').getByTestId('figure-value').textContent(), EVENTUALLY).toBe(formatNumber(before + 3, 'vi'));
    // …and lists each under its commune.
    const [commune] = await suite.database().owner.query(`select id from admin_unit where code = '30802'`);
    await page.goto(`/province/dashboard?unit=${commune.id}`);
    await expect.poll(() => page.getByTestId('unit-clubs-table').textContent(), EVENTUALLY).toContain(CLUBS[1].name);
    expect(await page.getByTestId('unit-clubs-table').textContent()).toContain(CLUBS[2].name);

    // The clubs list has them too.
    await page.goto('/province/clubs?q=Liên thế hệ tự giúp nhau ấp');
    await expect.poll(() => page.getByTestId('clubs-table').textContent(), EVENTUALLY).toContain(CLUBS[0].name);
    const listed = page.locator('[data-testid="club-row"]', { hasText: CLUBS[0].name });
    expect(await listed.getByTestId('club-commune').textContent()).toContain(CLUBS[0].communeName);
  });

  it('lets club staff import members on a 360 px phone: readable preview cards, a change shown from → to, and the roster grows', async () => {
    const database = suite.database();
    // A member of the club with no flags, whose row the file repeats with a phone number added.
    const [known] = await database.owner.query(
      `select member.full_name, member.birth_year, member.sex, member.citizen_id, member.phone, to_char(member.joined_on, 'DD/MM/YYYY') as joined_on,
              hamlet.name as hamlet
         from member join club on club.id = member.club_id join admin_unit hamlet on hamlet.id = member.hamlet_id
        where club.name = $1 and member.left_on is null and member.citizen_id is not null and member.phone is null
          and not member.disability and not member.lives_alone and not member.needs_home_care and not member.home_care_volunteer
          and not member.poor_household and not member.near_poor_household and member.ethnic_minority is null and member.board_role is null
        order by member.full_name limit 1`,
      [KIEN_LUONG_CLUB],
    );
    expect(known, 'the demo club has a member without flags or phone').toBeTruthy();
    const csv = [
      'Họ và tên,Giới tính,Năm sinh,Số CCCD,"Ấp, thôn, khu phố",Ngày vào câu lạc bộ,Hộ nghèo/cận nghèo (cũ),Số điện thoại',
      `${known.full_name},${known.sex === 'FEMALE' ? 'Nữ' : 'Nam'},${known.birth_year},${known.citizen_id},${known.hamlet},${known.joined_on},,0912345678`,
      'Thạch Thị Sa Rươne,Nữ,1952,091152007711,,01/03/2026,,',
      'Danh Văn Kiệt Thành Long,Nam,1948,,,01/03/2026,,',
    ].join('\n');

    const page = await suite.open(SMALL_PHONE);
    await signIn(page, 'kienluong.club');
    await page.getByTestId('area-club').waitFor();
    await page.goto('/club/members');
    const total = page.getByTestId('members-total');
    await total.waitFor();
    const countBefore = Number((await total.textContent())!.replace(/\D/g, ''));
    await page.getByTestId('members-import').click();
    await page.getByRole('heading', { level: 1, name: 'Nhập danh sách thành viên' }).waitFor();

    await chooseFile(page, 'hoi-vien.csv', csv);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-preview').waitFor(EVENTUALLY);
    // A header the template does not have is named, not refused.
    expect(await page.getByTestId('import-unknown-columns').textContent()).toContain('Hộ nghèo/cận nghèo (cũ)');
    expect(await page.getByTestId('import-count-new').textContent()).toBe('2');
    expect(await page.getByTestId('import-count-changed').textContent()).toBe('1');

    // Each row is a card within the screen: nothing runs off its right edge, no label is cut.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const rows = page.getByTestId('import-row');
    expect(await rows.count()).toBe(3);
    for (let index = 0; index < 3; index += 1) {
      const row = rows.nth(index);
      expect(await fitsOnScreen(row, 360), `row ${index + 1}`).toBe(true);
      expect(await fitsOnScreen(row.getByTestId('import-row-action'), 360), `action of row ${index + 1}`).toBe(true);
    }
    const changed = page.locator('[data-testid="import-row"][data-row="2"]');
    expect(await changed.getByTestId('import-row-action').textContent()).toBe('Thay đổi');
    const change = changed.getByTestId('import-change');
    expect(await change.textContent()).toBe('Số điện thoại: (trống) → 0912345678');
    expect(await fitsOnScreen(change, 360)).toBe(true);

    await page.getByTestId('import-commit').click();
    const confirmText = await page.getByTestId('import-confirm-text').textContent();
    expect(confirmText).toContain('Thêm 2 thành viên mới.');
    expect(confirmText).toContain('Thay đổi thông tin 1 thành viên đã có');
    await page.getByTestId('import-commit-confirm').click();
    await page.getByTestId('import-done').waitFor(EVENTUALLY);
    await page.getByTestId('import-link-members').click();
    await expect.poll(async () => Number((await page.getByTestId('members-total').textContent())!.replace(/\D/g, '')), EVENTUALLY).toBe(countBefore + 2);
    const [updated] = await database.owner.query('select phone from member where citizen_id = $1', [known.citizen_id]);
    expect(updated.phone).toBe('0912345678');
  });

  it('shows the upload’s steps in Vietnamese while a large file goes up and is checked', async () => {
    const lines = ['fullName,sex,birthYear,joinedOn'];
    for (let index = 0; index < 3000; index += 1) lines.push(`Hội Viên Thử Số ${index + 1},${index % 2 ? 'Nam' : 'Nữ'},1950,01/03/2026`);
    const [club] = await suite.database().owner.query('select id from club where name = $1', [KIEN_LUONG_CLUB]);
    const page = await suite.open();
    await signIn(page, 'angiang');
    await page.getByTestId('area-province').waitFor();
    await page.goto(`/province/imports/members?clubId=${club.id}`);
    await chooseFile(page, 'ca-tinh.csv', `${lines.join('\n')}\n`);
    // Every text the progress line shows, as it changes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="import-progress"]')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-preview').waitFor(EVENTUALLY);
    expect(await page.getByTestId('import-count-new').textContent()).toBe('3.000');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen).toContain('Đang kiểm tra 3.000 dòng…');
    for (const text of seen) expect(text).toMatch(/^Đang (tải tệp lên… \d+%|đọc tệp…|kiểm tra 3\.000 dòng…|lưu bản xem trước [\d.]+\/3\.000)$/);
  });

  it('says in plain words why a file is refused, keeping the file chosen', async () => {
    const page = await suite.open();
    await signIn(page, 'angiang');
    await page.getByTestId('area-province').waitFor();
    await page.goto('/province/imports/members');
    await chooseFile(page, 'thieu-cot.csv', 'Họ và tên,Năm sinh\nAi Đó,1950\n');
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-error').waitFor(EVENTUALLY);
    const said = await page.getByTestId('import-error').textContent();
    expect(said).toContain('thiếu cột "Giới tính" (sex)');
    expect(said).toContain('thiếu cột "Ngày vào câu lạc bộ" (joinedOn)');
    expect(await page.getByTestId('import-file').textContent()).toContain('thieu-cot.csv');
    expect(await page.getByTestId('import-upload').isDisabled()).toBe(false);
  });

  it('shows an updated unit of the hierarchy import before → after, its action label whole, on a computer and on a 360 px phone', async () => {
    const csv = ['code,name,kind,parent_code', '30802,Hòa Điền Mới,Xã,904', '30787,Kiên Lương,Thị trấn,902'].join('\n');
    for (const [screen, options, width] of [['computer', {}, 1280], ['phone', SMALL_PHONE, 360]] as const) {
      const page = await suite.open(options);
      await signIn(page, 'angiang');
      await page.getByTestId('area-province').waitFor();
      await page.goto('/province/hierarchy');
      await page.getByTestId('hierarchy-import').click();
      await chooseFile(page, 'doi-ten.csv', csv);
      await page.getByTestId('import-preview').waitFor(EVENTUALLY);
      const moved = page.locator('[data-testid="import-row"][data-row="2"]');
      expect(await moved.getByTestId('import-action').textContent(), screen).toBe('Cập nhật');
      expect(await moved.getByTestId('import-change').allTextContents(), screen).toEqual(['Tên: Hòa Điền → Hòa Điền Mới', 'Trực thuộc: Huyện Kiên Lương → Huyện Tân Hiệp']);
      const unchanged = page.locator('[data-testid="import-row"][data-row="3"]');
      expect(await unchanged.getByTestId('import-action').textContent(), screen).toBe('Không đổi');
      // As the user sees them once the drawer holding the preview has slid in.
      for (const badge of [moved.getByTestId('import-action'), unchanged.getByTestId('import-action')]) {
        await expect.poll(() => fitsOnScreen(badge, width), { ...EVENTUALLY, message: `${screen}: ${await badge.textContent()}` }).toBe(true);
      }
      for (const change of await moved.getByTestId('import-change').all()) await expect.poll(() => fitsOnScreen(change, width), { ...EVENTUALLY, message: screen }).toBe(true);
    }
  });
});
