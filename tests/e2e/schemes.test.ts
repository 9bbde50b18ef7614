/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_GIANG_SCHEME_TITLE } from '../../server/seed/demo-schemes.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
const open = suite.open;

async function openSchemes(page: Page): Promise<void> {
  await signIn(page, 'kiengiang');
  await page.getByTestId('area-province').waitFor();
  await page.getByTestId('nav-schemes').click();
  await page.getByTestId('schemes-table').waitFor();
}

const NEW_TITLE = 'Đề án thử nghiệm 2026–2030';
const WORDS = 'Một tỷ tám trăm năm mươi lăm triệu đồng';

describe('a scheme’s budget', () => {
  it('is entered line by line, checked live against the stated total, saved and read back after a reload', async () => {
    const page = await open();
    await openSchemes(page);

    await page.getByTestId('scheme-create-open').click();
    await page.getByTestId('scheme-create-title').fill(NEW_TITLE);
    await page.getByTestId('scheme-create-first-year').fill('2026');
    await page.getByTestId('scheme-create-last-year').fill('2030');
    await page.getByTestId('scheme-create-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/province\/schemes\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(NEW_TITLE);

    await page.getByTestId('scheme-tab-budget').click();
    await page.getByTestId('budget-stated-total').fill('1855000000');
    expect(await page.getByTestId('budget-stated-total').inputValue()).toBe('1.855.000.000');
    expect(await page.getByTestId('budget-total-in-words').textContent()).toBe(WORDS);

    await page.getByTestId('budget-add-line').click();
    const rows = page.getByTestId('budget-line-row');
    await rows.nth(0).getByTestId('budget-line-source').selectOption('PROVINCE_BUDGET');
    await rows.nth(0).getByTestId('budget-line-amount').pressSequentially('1155000000');
    expect(await rows.nth(0).getByTestId('budget-line-amount').inputValue()).toBe('1.155.000.000');
    // Only one line so far: the check says how much is missing, as the admin types.
    await expect.poll(() => page.getByTestId('budget-check').getAttribute('data-state')).toBe('fail');
    expect(await page.getByTestId('budget-check').textContent()).toContain('700.000.000 ₫');

    await page.getByTestId('budget-add-line').click();
    await rows.nth(1).getByTestId('budget-line-source').selectOption('MOBILISED');
    const mobilised = page.locator('[data-testid="budget-line-row"][data-source="MOBILISED"]');
    await mobilised.getByTestId('budget-line-purpose').selectOption('SEED_CAPITAL');
    await mobilised.getByTestId('budget-line-per-club-toggle').check();
    await mobilised.getByTestId('budget-line-per-club-amount').fill('20000000');
    await mobilised.getByTestId('budget-line-planned-clubs').fill('35');

    await expect.poll(() => page.getByTestId('budget-lines-total').textContent()).toBe('1.855.000.000 ₫');
    expect(await page.getByTestId('budget-check').getAttribute('data-state')).toBe('pass');
    expect(await page.getByTestId('budget-check').textContent()).toMatch(/khớp/i);
    expect(await page.getByTestId('budget-total-in-words').textContent()).toBe(WORDS);
    // A new scheme has no club plan yet: the per-club line is flagged on its own line, apart from the totals.
    expect(await page.getByTestId('budget-per-club-check').getAttribute('data-state')).toBe('fail');
    expect(await page.getByTestId('budget-per-club-check').textContent()).toContain('35');

    await page.getByTestId('budget-save').click();
    await page.getByTestId('budget-saved').waitFor();

    await page.reload();
    await page.getByTestId('budget-stated-total').waitFor();
    expect(await page.getByTestId('budget-stated-total').inputValue()).toBe('1.855.000.000');
    expect(await page.getByTestId('budget-lines-total').textContent()).toBe('1.855.000.000 ₫');
    expect(await page.getByTestId('budget-check').getAttribute('data-state')).toBe('pass');
    expect(await page.getByTestId('budget-total-in-words').textContent()).toBe(WORDS);
    expect(await rows.count()).toBe(2);
    const savedMobilised = page.locator('[data-testid="budget-line-row"][data-source="MOBILISED"]');
    expect(await savedMobilised.getByTestId('budget-line-per-club-toggle').isChecked()).toBe(true);
    expect(await savedMobilised.getByTestId('budget-line-per-club-amount').inputValue()).toBe('20.000.000');
    expect(await savedMobilised.getByTestId('budget-line-planned-clubs').inputValue()).toBe('35');

    await page.getByTestId('scheme-back').click();
    const newRow = page.locator('[data-testid="scheme-row"]', { hasText: NEW_TITLE });
    expect(await newRow.getByTestId('scheme-total').textContent()).toBe('1.855.000.000 ₫');
    expect(await newRow.getByTestId('scheme-status').textContent()).toBe('Dự thảo');
  });

  it('shows the seeded Kiên Giang scheme approved, with its budget adding up', async () => {
    const page = await open();
    await openSchemes(page);
    const row = page.locator('[data-testid="scheme-row"]', { hasText: KIEN_GIANG_SCHEME_TITLE });
    expect(await row.getByTestId('scheme-period').textContent()).toBe('2021–2025');
    expect(await row.getByTestId('scheme-status').textContent()).toBe('Đã phê duyệt');
    expect(await row.getByTestId('scheme-total').textContent()).toBe('1.855.000.000 ₫');
    await row.getByTestId('scheme-link').click();
    expect(await page.getByTestId('scheme-total-in-words').textContent()).toContain(WORDS);
    await page.getByTestId('scheme-tab-budget').click();
    expect(await page.getByTestId('budget-stated-total').inputValue()).toBe('1.855.000.000');
    expect(await page.getByTestId('budget-lines-total').textContent()).toBe('1.855.000.000 ₫');
    expect(await page.getByTestId('budget-check').getAttribute('data-state')).toBe('pass');
  });

  it('asks for the reason when an approved budget is revised, and shows it in the history', async () => {
    const page = await open();
    await openSchemes(page);
    await page.locator('[data-testid="scheme-row"]', { hasText: KIEN_GIANG_SCHEME_TITLE }).getByTestId('scheme-link').click();
    await page.getByTestId('scheme-tab-budget').click();
    const province = page.locator('[data-testid="budget-line-row"][data-source="PROVINCE_BUDGET"]');
    await province.getByTestId('budget-line-description').fill('Ngân sách tỉnh hỗ trợ tập huấn và truyền thông');
    await page.getByTestId('budget-save').click();
    await page.getByTestId('budget-reason-submit').click();
    // Too short a reason is refused before anything is sent; the typed line stays.
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('ít nhất 3 ký tự');
    await page.getByTestId('budget-reason').fill('Điều chỉnh diễn giải theo Quyết định số 12/QĐ-UBND');
    await page.getByTestId('budget-reason-submit').click();
    await page.getByTestId('budget-saved').waitFor();
    await page.getByTestId('scheme-tab-history').click();
    const latest = page.getByTestId('history-entry').first();
    expect(await latest.getByTestId('history-reason').textContent()).toContain('Điều chỉnh diễn giải theo Quyết định số 12/QĐ-UBND');
    expect(await latest.textContent()).toContain('Lưu kinh phí');
  });

  it('tells the admin when someone else changed the scheme, keeps what was typed, and saves after a reload', async () => {
    const first = await open();
    const second = await open();
    for (const page of [first, second]) {
      await openSchemes(page);
      await page.locator('[data-testid="scheme-row"]', { hasText: NEW_TITLE }).getByTestId('scheme-link').click();
      await page.getByTestId('scheme-tab-budget').click();
      await page.getByTestId('budget-stated-total').waitFor();
    }
    await first.getByTestId('budget-stated-total').fill('1900000000');
    await first.getByTestId('budget-save').click();
    await first.getByTestId('budget-saved').waitFor();

    await second.getByTestId('budget-stated-total').fill('2000000000');
    await second.getByTestId('budget-save').click();
    await second.getByTestId('budget-conflict').waitFor();
    expect(await second.getByTestId('budget-stated-total').inputValue()).toBe('2.000.000.000');
    await second.getByTestId('budget-reload').click();
    await second.getByTestId('budget-conflict').waitFor({ state: 'detached' });
    expect(await second.getByTestId('budget-stated-total').inputValue()).toBe('2.000.000.000');
    await second.getByTestId('budget-save').click();
    await second.getByTestId('budget-saved').waitFor();
    expect(await second.getByTestId('budget-check').textContent()).toContain('145.000.000 ₫');
  });

  it('records a payment against an approved line, shows what remains, and reverses it', async () => {
    const page = await open();
    await openSchemes(page);
    await page.locator('[data-testid="scheme-row"]', { hasText: KIEN_GIANG_SCHEME_TITLE }).getByTestId('scheme-link').click();
    await page.getByTestId('scheme-tab-spending').click();
    await page.getByTestId('disbursement-open').click();
    await page.getByTestId('disbursement-line').selectOption({ index: 0 });
    await page.getByTestId('disbursement-amount').fill('15000000');
    await page.getByTestId('disbursement-paid-on').fill('15/03/2022');
    await page.getByTestId('disbursement-description').fill('Tập huấn Ban chủ nhiệm CLB');
    await page.getByTestId('disbursement-submit').click();
    const payment = page.getByTestId('disbursement-row').first();
    await expect.poll(() => payment.textContent()).toContain('15/03/2022');
    expect(await payment.textContent()).toContain('15.000.000 ₫');
    await expect.poll(() => page.getByTestId('spending-line-spent').first().textContent()).toBe('15.000.000 ₫');
    expect(await page.getByTestId('spending-line-remaining').first().textContent()).toBe('1.140.000.000 ₫');

    await payment.getByTestId('disbursement-reverse').click();
    await page.getByTestId('reverse-reason').fill('Ghi nhầm số tiền');
    await page.getByTestId('reverse-submit').click();
    await expect.poll(() => page.getByTestId('disbursement-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('spending-line-spent').first().textContent()).toBe('0 ₫');
  });

  it('fits a phone screen', async () => {
    const page = await open(PHONE);
    await signIn(page, 'kiengiang');
    await page.getByTestId('area-province').waitFor();
    await page.goto('/province/schemes');
    await page.getByTestId('schemes-table').waitFor();
    await page.getByTestId('scheme-link').first().click();
    await page.getByTestId('scheme-tab-budget').click();
    await page.getByTestId('budget-lines-total').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

describe('field surveys', () => {
  it('lists the Thái Nguyên survey of 2017 and opens it with its visits, Túc Duyên among them', async () => {
    const page = await open();
    await signIn(page, 'thainguyen');
    await page.getByTestId('area-province').waitFor();
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('surveys-table').waitFor();
    const row = page.getByTestId('survey-row').first();
    expect(await row.textContent()).toContain('24/07/2017 – 31/08/2017');
    await row.getByTestId('survey-link').click();
    await page.getByTestId('visits-table').waitFor();
    expect(await page.getByTestId('visit-row').count()).toBe(10);
    expect(await page.getByTestId('visits-table').textContent()).toContain('Túc Duyên');
  });
});
