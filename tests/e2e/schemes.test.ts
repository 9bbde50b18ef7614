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

interface BudgetLineInput {
  source: string;
  purpose: string;
  amount?: number;
  perClubAmount?: number;
  plannedClubs?: number;
  description?: string;
}

interface TestScheme {
  id: string;
  version: number;
}

/** Kiên Giang's budget as decided: what the tests that need a full budget start from. */
const KIEN_GIANG_LINES: BudgetLineInput[] = [
  { source: 'PROVINCE_BUDGET', purpose: 'OTHER', amount: 1_155_000_000, description: 'Ngân sách tỉnh hỗ trợ thực hiện Đề án' },
  { source: 'MOBILISED', purpose: 'SEED_CAPITAL', amount: 700_000_000, description: 'Vốn ban đầu cho các câu lạc bộ' },
];

/** A scheme of the test's own, made through the API, so that no test depends on another's leftovers. */
async function createScheme(title: string, options: { lines?: BudgetLineInput[]; approve?: boolean; firstYear?: number; lastYear?: number } = {}): Promise<TestScheme> {
  const server = suite.server();
  const token = await server.signIn('kiengiang');
  const call = async <T,>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await server.gql<T>(query, variables, token);
    if (result.errors) throw new Error(`setting up "${title}" failed: ${result.raw}`);
    return result.data!;
  };
  const { firstYear = 2021, lastYear = 2025 } = options;
  let scheme = (
    await call<{ createScheme: TestScheme }>('mutation($input: CreateSchemeInput!) { createScheme(input: $input) { id version } }', {
      input: { title, firstYear, lastYear, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang' },
    })
  ).createScheme;
  if (options.approve) {
    const { indicators } = await call<{ indicators: Array<{ id: string; code: string }> }>('{ indicators { id code } }', {});
    const newClubs = indicators.find((indicator) => indicator.code === 'NEW_CLUBS')!;
    scheme = (
      await call<{ saveSchemeTargets: TestScheme }>('mutation($input: SaveTargetsInput!) { saveSchemeTargets(input: $input) { id version } }', {
        input: { schemeId: scheme.id, version: scheme.version, targets: [{ indicatorId: newClubs.id, value: '35' }] },
      })
    ).saveSchemeTargets;
  }
  if (options.lines) {
    const total = options.lines.reduce((sum, line) => sum + (line.amount ?? (line.perClubAmount ?? 0) * (line.plannedClubs ?? 0)), 0);
    scheme = (
      await call<{ saveSchemeBudget: TestScheme }>('mutation($input: SaveBudgetInput!) { saveSchemeBudget(input: $input) { id version } }', {
        input: { schemeId: scheme.id, version: scheme.version, totalBudget: total, lines: options.lines },
      })
    ).saveSchemeBudget;
  }
  if (options.approve) {
    scheme = (
      await call<{ approveScheme: TestScheme }>('mutation($input: ApproveSchemeInput!) { approveScheme(input: $input) { id version } }', {
        input: { id: scheme.id, version: scheme.version, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang' },
      })
    ).approveScheme;
  }
  return scheme;
}

async function openScheme(page: Page, scheme: TestScheme, tab: string): Promise<void> {
  await signIn(page, 'kiengiang');
  await page.getByTestId('area-province').waitFor();
  await page.goto(`/province/schemes/${scheme.id}?tab=${tab}`);
  await page.getByTestId(`scheme-tab-${tab}`).waitFor();
}

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
    const scheme = await createScheme('Đề án thử: điều chỉnh có lý do', { lines: KIEN_GIANG_LINES, approve: true });
    const page = await open();
    await openScheme(page, scheme, 'budget');
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
    const scheme = await createScheme('Đề án thử: hai người cùng sửa', { lines: KIEN_GIANG_LINES });
    const first = await open();
    const second = await open();
    for (const page of [first, second]) {
      await openScheme(page, scheme, 'budget');
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
    const scheme = await createScheme('Đề án thử: giải ngân và đảo khoản chi', { lines: KIEN_GIANG_LINES, approve: true });
    const page = await open();
    await openScheme(page, scheme, 'spending');
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

  it('names the club or the unit that received a payment', async () => {
    const scheme = await createScheme('Đề án thử: đơn vị, câu lạc bộ nhận', { lines: KIEN_GIANG_LINES, approve: true });
    const page = await open();
    await openScheme(page, scheme, 'spending');

    // Seed capital goes to a club: the form offers the club picker first.
    await page.getByTestId('disbursement-open').click();
    await page.getByTestId('disbursement-line').selectOption({ index: 1 });
    await page.getByTestId('disbursement-amount').fill('20000000');
    await page.getByTestId('disbursement-paid-on').fill('01/04/2022');
    await page.getByTestId('disbursement-description').fill('Vốn ban đầu cho CLB thị trấn Kiên Lương');
    await page.getByTestId('disbursement-submit').click();
    // No club chosen yet: said next to the picker, nothing sent, nothing typed lost.
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Vui lòng chọn câu lạc bộ nhận');
    // The town has two clubs: the Association's, and the one the scheme founded in a quarter.
    await page.getByTestId('disbursement-recipient-club').fill('kien luong');
    await page.getByRole('option', { name: /Hội Người cao tuổi thị trấn Kiên Lương/ }).click();
    await page.getByTestId('disbursement-submit').click();
    const toClub = page.getByTestId('disbursement-row').first();
    await expect.poll(() => toClub.getByTestId('disbursement-recipient').textContent()).toContain('CLB Liên thế hệ tự giúp nhau Hội Người cao tuổi thị trấn Kiên Lương');

    await page.getByTestId('disbursement-open').click();
    await page.getByTestId('disbursement-line').selectOption({ index: 1 });
    await page.getByTestId('disbursement-amount').fill('1000000');
    await page.getByTestId('disbursement-paid-on').fill('02/04/2022');
    await page.getByTestId('disbursement-description').fill('Hỗ trợ lễ ra mắt câu lạc bộ');
    await page.getByTestId('disbursement-recipient-kind').getByText('Đơn vị hành chính').click();
    await page.getByTestId('disbursement-recipient-unit').fill('kien luong');
    await page.getByRole('option', { name: /Thị trấn Kiên Lương/ }).click();
    await page.getByTestId('disbursement-submit').click();
    await expect.poll(() => page.getByTestId('disbursement-row').count()).toBe(2);
    expect(await page.getByTestId('disbursement-row').first().getByTestId('disbursement-recipient').textContent()).toBe('Thị trấn Kiên Lương');
  });

  it('changes a club plan entry’s hamlet, year and note, and keeps them through a conflict', async () => {
    const scheme = await createScheme('Đề án thử: sửa kế hoạch thành lập');
    const server = suite.server();
    const token = await server.signIn('kiengiang');
    const [town] = await suite.database().owner.query(`select id from admin_unit where code = '30787'`);
    const hamlet = await server.gql('mutation($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { id } }', { input: { name: 'Ba Hòn', kind: 'HAMLET', parentId: town.id } }, token);
    expect(hamlet.errors).toBeUndefined();
    const added = await server.gql<{ saveClubPlanEntry: { id: string; version: number } }>(
      'mutation($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id version } }',
      { input: { schemeId: scheme.id, communeId: town.id, plannedYear: 2022, hamletName: 'Khu phố chưa rõ' } },
      token,
    );
    const entry = added.data!.saveClubPlanEntry;

    const page = await open();
    await openScheme(page, scheme, 'club-plan');
    const row = page.getByTestId('club-plan-row').first();
    await expect.poll(() => row.textContent()).toContain('Khu phố chưa rõ');
    await row.getByTestId('club-plan-edit').click();
    await page.getByTestId('club-plan-year').selectOption('2024');
    await page.getByTestId('club-plan-hamlet').fill('');
    await page.getByTestId('club-plan-hamlet').fill('Ấp Ba');
    await page.getByRole('option', { name: 'Ấp Ba Hòn' }).click();
    await page.getByTestId('club-plan-note').fill('Ấp có nhiều người cao tuổi neo đơn');

    // Someone else changes the entry meanwhile: the form says so and keeps what was typed.
    const other = await server.gql(
      'mutation($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id } }',
      { input: { id: entry.id, version: entry.version, schemeId: scheme.id, communeId: town.id, plannedYear: 2023, status: 'PLANNED' } },
      token,
    );
    expect(other.errors).toBeUndefined();
    await page.getByTestId('club-plan-submit').click();
    await page.getByTestId('club-plan-conflict').waitFor();
    expect(await page.getByTestId('club-plan-hamlet').inputValue()).toBe('Ấp Ba Hòn');
    await page.getByTestId('club-plan-reload').click();
    await page.getByTestId('club-plan-conflict').waitFor({ state: 'detached' });
    await page.getByTestId('club-plan-submit').click();
    await page.getByTestId('club-plan-form').waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('Ấp Ba Hòn');
    expect(await row.textContent()).toContain('2024');
    expect(await row.textContent()).toContain('Ấp có nhiều người cao tuổi neo đơn');
    const [saved] = await suite.database().owner.query('select hamlet_id is not null as in_hierarchy, hamlet_name, planned_year from club_plan_entry where id = $1', [entry.id]);
    expect(saved).toEqual({ in_hierarchy: true, hamlet_name: null, planned_year: 2024 });
  });

  it('asks before unsaved edits are lost to another tab, another page or closing the browser tab', async () => {
    const scheme = await createScheme('Đề án thử: thay đổi chưa lưu', { lines: KIEN_GIANG_LINES });
    const page = await open();
    await openScheme(page, scheme, 'budget');
    await page.getByTestId('budget-stated-total').fill('2000000000');

    await page.getByTestId('scheme-tab-targets').click();
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.getByTestId('unsaved-stay').click();
    await page.getByTestId('unsaved-dialog').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('tab')).toBe('budget');
    expect(await page.getByTestId('budget-stated-total').inputValue()).toBe('2.000.000.000');

    await page.getByTestId('scheme-tab-targets').click();
    await page.getByTestId('unsaved-leave').click();
    await page.getByTestId('target-add').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('targets');
    await page.getByTestId('scheme-tab-budget').click();
    expect(await page.getByTestId('budget-stated-total').inputValue()).toBe('1.855.000.000');

    // Saved edits go without a question.
    await page.getByTestId('budget-stated-total').fill('1900000000');
    await page.getByTestId('budget-save').click();
    await page.getByTestId('budget-saved').waitFor();
    await page.getByTestId('scheme-tab-targets').click();
    await page.getByTestId('target-add').click();
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.getByTestId('unsaved-leave').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/province/surveys');
    await page.getByRole('heading', { level: 1, name: 'Khảo sát' }).waitFor();

    await page.goto(`/province/schemes/${scheme.id}?tab=targets`);
    await page.getByTestId('target-add').click();
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.accept();
    }));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
  });

  it('shows each budget line’s description in full, however long', async () => {
    const long = 'Hội Người cao tuổi tỉnh vận động các tổ chức, doanh nghiệp trong tỉnh làm vốn ban đầu cho các câu lạc bộ, mỗi câu lạc bộ 20.000.000 đồng, chuyển qua Hội Người cao tuổi huyện';
    const scheme = await createScheme('Đề án thử: diễn giải dài', { lines: [KIEN_GIANG_LINES[0], { ...KIEN_GIANG_LINES[1], description: long }] });
    const page = await open({ viewport: { width: 1366, height: 900 } });
    await openScheme(page, scheme, 'budget');
    const description = page.locator('[data-testid="budget-line-row"][data-source="MOBILISED"]').getByTestId('budget-line-description');
    await expect.poll(() => description.inputValue()).toBe(long);
    // Nothing of it is hidden: the box is as wide and as tall as the text, over several lines.
    const sizes = () => description.evaluate((box) => ({ hiddenRight: box.scrollWidth - box.clientWidth, hiddenBelow: box.scrollHeight - box.clientHeight, height: box.clientHeight }));
    await expect.poll(async () => (await sizes()).hiddenBelow).toBeLessThanOrEqual(1);
    const shown = await sizes();
    expect(shown.hiddenRight).toBeLessThanOrEqual(0);
    const oneLine = await page.locator('[data-testid="budget-line-row"][data-source="PROVINCE_BUDGET"]').getByTestId('budget-line-description').evaluate((box) => box.clientHeight);
    expect(shown.height).toBeGreaterThan(oneLine * 1.5);
    // It grows as more is typed.
    await description.fill(`${long}. ${long}`);
    await expect.poll(async () => (await sizes()).height).toBeGreaterThan(shown.height);
    expect((await sizes()).hiddenBelow).toBeLessThanOrEqual(1);
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

describe('a scheme’s targets', () => {
  it('shows and takes a money target grouped like the budget, 700.000.000 and not 700000000', async () => {
    const page = await open();
    await openSchemes(page);
    await page.locator('[data-testid="scheme-row"]', { hasText: KIEN_GIANG_SCHEME_TITLE }).getByTestId('scheme-link').click();
    await page.getByTestId('scheme-tab-targets').click();
    // The seeded scheme's mobilised funds, as the decision writes them; counts stay plain.
    await expect.poll(() => page.getByTestId('target-value').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['35', '35', '700.000.000']);

    const scheme = await createScheme('Đề án thử: chỉ tiêu bằng tiền');
    const server = suite.server();
    const token = await server.signIn('kiengiang');
    const { data } = await server.gql<{ indicators: Array<{ id: string; code: string }> }>('{ indicators { id code } }', {}, token);
    const funds = data!.indicators.find((indicator) => indicator.code === 'FUNDS_MOBILISED')!;
    await page.goto(`/province/schemes/${scheme.id}?tab=targets`);
    await page.getByTestId('target-add').click();
    const target = page.getByTestId('target-row').last();
    await target.getByTestId('target-indicator').selectOption(funds.id);
    await target.getByTestId('target-value').pressSequentially('2500000000');
    expect(await target.getByTestId('target-value').inputValue()).toBe('2.500.000.000');
    await target.getByTestId('target-milestone').first().fill('500000000');
    expect(await target.getByTestId('target-milestone').first().inputValue()).toBe('500.000.000');
    await page.getByTestId('targets-save').click();

    // Saved as whole đồng, and read back grouped.
    const saved = async () => {
      const answer = await server.gql<{ scheme: { targets: Array<{ value: string; milestones: Array<{ year: number; value: string }> }> } }>(
        'query($id: ID!) { scheme(id: $id) { targets { value milestones { year value } } } }',
        { id: scheme.id },
        token,
      );
      return answer.data?.scheme.targets;
    };
    await expect.poll(saved).toEqual([{ value: '2500000000', milestones: [{ year: 2021, value: '500000000' }] }]);
    await page.reload();
    await expect.poll(() => page.getByTestId('target-value').inputValue()).toBe('2.500.000.000');
    expect(await page.getByTestId('target-milestone').first().inputValue()).toBe('500.000.000');
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
