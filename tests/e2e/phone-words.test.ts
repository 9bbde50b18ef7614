import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** The phone the club area is made for: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

describe('club staff on a 360 px phone', () => {
  it('are told why they were brought home when they open another role’s area, and can close the notice', async () => {
    const page = await suite.open(SMALL_PHONE);
    await signIn(page, 'kienluong.club');
    await page.getByTestId('area-club').waitFor({ timeout: 30_000 });
    await page.goto('/province/clubs');
    const notice = page.getByTestId('sent-home-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/club');
    expect(await notice.textContent()).toBe('Trang vừa mở thuộc khu vực quản trị cấp tỉnh, không dành cho tài khoản Ban chủ nhiệm câu lạc bộ, nên bạn được đưa về trang của mình.');
    await notice.getByRole('button', { name: 'Đóng' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('see "Hộ cận nghèo" whole in the member form, and "not found" for a member that is not there', async () => {
    const page = await suite.open(SMALL_PHONE);
    await signIn(page, 'kienluong.club');
    await page.getByTestId('area-club').waitFor({ timeout: 30_000 });
    await page.goto('/club/members/new');
    const label = page.getByTestId('member-household').getByText('Hộ cận nghèo', { exact: true });
    await label.waitFor({ timeout: 30_000 });
    const cut = await label.evaluate((text) => {
      const shown = text.closest('label') ?? text;
      return shown.scrollWidth > shown.clientWidth + 1 || text.getBoundingClientRect().right > shown.getBoundingClientRect().right + 1;
    });
    expect(cut).toBe(false);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      await page.goto(`/club/members/${id}`);
      await page.getByText('Không tìm thấy thành viên này trong câu lạc bộ.').waitFor({ timeout: 30_000 });
    }
  });
});
