/// <reference lib="dom" />
// The page callback below runs inside the browser, hence the DOM types.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE_LIMITS } from '../../server/src/auth/sign-in-throttle.js';
import { signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite({ throttle: { ...DEFAULT_THROTTLE_LIMITS, perLoginAndAddress: 2 } });

describe('a throttled sign-in', () => {
  it('says how many minutes to wait, in Vietnamese and in English', async () => {
    const page = await suite.open();
    const error = page.getByTestId('sign-in-error');
    for (const password of ['sai-lan-1', 'sai-lan-2']) {
      await signIn(page, 'thainguyen', password);
      await expect.poll(() => error.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await signIn(page, 'thainguyen');
    await expect.poll(() => error.textContent()).toContain('Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    await page.getByTestId('language-option-en').click();
    await expect.poll(() => error.textContent()).toContain('Too many failed attempts. Please try again in 15 minutes.');
    expect(await page.evaluate(() => localStorage.getItem('ishc.session'))).toBeNull();
  });
});
