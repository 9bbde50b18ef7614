/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();
/** Saves, refetches and page changes can take seconds on a busy machine. */
// Generous: the whole suite runs two browsers, two servers and PostgreSQL on two cores.
const EVENTUALLY = { timeout: 20_000 };

const QUALITY_NAMES: Record<string, string> = {
  MEMBERS: 'Số thành viên',
  WOMEN: 'Tỷ lệ nữ',
  OLDER: 'Tỷ lệ người cao tuổi',
  VOLUNTEERS: 'Tình nguyện viên chăm sóc tại nhà',
  BORROWED: 'Thành viên được vay vốn',
  FUNDS: 'Hai quỹ có tiền',
};

interface ReportState {
  id: string;
  status: string;
  version: number;
  returnComment: string | null;
  events: Array<{ action: string; comment: string | null }>;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const REPORT_FIELDS = 'id status version returnComment events { action comment }';

/**
 * A month of 2023 for which the Kiên Lương club has no report yet, submitted by its staff over the
 * API, so that the test stands whatever the demo data holds.
 */
async function submitReportOfAPastMonth(narrative: string): Promise<{ month: string; report: ReportState }> {
  const server = suite.server();
  const staff = await server.signIn('kienluong.club');
  for (let monthNumber = 1; monthNumber <= 12; monthNumber += 1) {
    const month = `2023-${String(monthNumber).padStart(2, '0')}`;
    const existing = await server.gql<{ monthlyReport: ReportState | null }>(
      `query ($month: Month!) { monthlyReport(month: $month) { ${REPORT_FIELDS} } }`,
      { month },
      staff,
    );
    expect(existing.errors).toBeUndefined();
    if (existing.data?.monthlyReport) continue;
    const saved = await server.gql<{ saveMonthlyReport: ReportState }>(
      `mutation ($input: SaveMonthlyReportInput!) { saveMonthlyReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { month, narrative } },
      staff,
    );
    expect(saved.errors).toBeUndefined();
    const submitted = await server.gql<{ submitMonthlyReport: ReportState }>(
      `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { month, narrative, version: saved.data!.saveMonthlyReport.version } },
      staff,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitMonthlyReport.status).toBe('SUBMITTED');
    return { month, report: submitted.data!.submitMonthlyReport };
  }
  throw new Error('every month of 2023 already has a report of the Kiên Lương club');
}

async function kienLuongClubId(): Promise<string> {
  const server = suite.server();
  const staff = await server.signIn('kienluong.club');
  const result = await server.gql<{ myClub: { id: string } }>('query { myClub { id } }', {}, staff);
  return result.data!.myClub.id;
}

async function signInAsProvince(page: Page): Promise<void> {
  await signIn(page, 'kiengiang');
  await page.getByTestId('area-province').waitFor();
}

describe('the monthly report approval queue', () => {
  it('lets the province return a submitted report with a comment, which the club then reads', async () => {
    const narrative = 'Trong tháng câu lạc bộ sinh hoạt định kỳ, thăm hỏi hội viên ốm đau.';
    const { month } = await submitReportOfAPastMonth(narrative);
    const [year, monthNumber] = month.split('-');
    const comment = 'Đề nghị câu lạc bộ bổ sung số lượt thăm hội viên tại nhà và kiểm tra lại số dư quỹ hoạt động.';

    const page = await suite.open();
    await signInAsProvince(page);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-waiting').waitFor();
    const row = page.locator(`[data-testid="report-row"][data-month="${month}"]`, { hasText: KIEN_LUONG_CLUB });
    expect(await row.getByTestId('report-status').textContent()).toBe('Chờ duyệt');
    // Submitted long after its due day in the next month: marked late.
    expect(await row.getByTestId('report-late').textContent()).toBe('Nộp muộn');
    expect(await row.getByTestId('report-month').textContent()).toBe(`Tháng ${monthNumber}/${year}`);

    await row.getByTestId('report-link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), EVENTUALLY).toBe(`Báo cáo tháng ${monthNumber}/${year}`);
    expect(await page.getByTestId('report-narrative').textContent()).toBe(narrative);
    expect(await page.getByTestId('figure-members').textContent()).toContain('Thành viên cuối tháng');
    expect(await page.getByTestId('figure-incomeGenerationFund').getByTestId('figure-value').textContent()).toMatch(/^[\d.]+ ₫$/);
    expect(await page.getByTestId('report-event').count()).toBe(1);

    await page.getByTestId('report-return').click();
    // A return needs its comment: refused before anything is sent, next to the field.
    await page.getByTestId('report-return-submit').click();
    await expect.poll(() => page.getByTestId('report-decision').textContent(), EVENTUALLY).toContain('Vui lòng ghi rõ câu lạc bộ cần sửa gì');
    expect(await page.getByTestId('report-return-comment-input').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('report-return-comment-input').fill(comment);
    await page.getByTestId('report-return-submit').click();

    await expect.poll(() => page.getByTestId('report-status').first().textContent(), EVENTUALLY).toBe('Đã trả lại');
    expect(await page.getByTestId('report-return-comment').textContent()).toBe(comment);
    const returned = page.locator('[data-testid="report-event"][data-action="RETURNED"]');
    expect(await returned.getByTestId('report-event-comment').textContent()).toBe(comment);

    // Back in the queue it is no longer waiting; under "returned" it is there.
    await page.getByTestId('report-back').click();
    // The queue may still be drawing when the status is picked: pick it until it shows (a click on
    // the option already chosen would clear it).
    const status = page.getByTestId('reports-status');
    await expect
      .poll(async () => {
        if ((await status.inputValue().catch(() => '')) !== 'Đã trả lại') {
          await status.click({ timeout: 3_000 }).catch(() => undefined);
          await page.getByRole('option', { name: 'Đã trả lại' }).click({ timeout: 3_000 }).catch(() => undefined);
        }
        return status.inputValue().catch(() => '');
      }, EVENTUALLY)
      .toBe('Đã trả lại');
    const returnedRow = page.locator(`[data-testid="report-row"][data-month="${month}"]`, { hasText: KIEN_LUONG_CLUB });
    await expect.poll(() => returnedRow.getByTestId('report-status').textContent(), EVENTUALLY).toBe('Đã trả lại');

    // The club reads the comment on its report.
    const server = suite.server();
    const staff = await server.signIn('kienluong.club');
    const seen = await server.gql<{ monthlyReport: ReportState }>(
      `query ($month: Month!) { monthlyReport(month: $month) { ${REPORT_FIELDS} } }`,
      { month },
      staff,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.monthlyReport.status).toBe('RETURNED');
    expect(seen.data!.monthlyReport.returnComment).toBe(comment);
    expect(seen.data!.monthlyReport.events.map((event) => event.action)).toEqual(['SUBMITTED', 'RETURNED']);
    expect(seen.data!.monthlyReport.events[1].comment).toBe(comment);
  });

  it('approves a report, then reopens it with a reason that the history keeps', async () => {
    const { month } = await submitReportOfAPastMonth('Báo cáo để duyệt rồi mở lại.');
    const page = await suite.open();
    await signInAsProvince(page);
    await page.goto(`/province/reports?month=${month}`);
    await page.locator(`[data-testid="report-row"][data-month="${month}"]`, { hasText: KIEN_LUONG_CLUB }).getByTestId('report-link').click();
    await page.getByTestId('report-approve').click();
    await page.getByTestId('report-approve-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').first().textContent(), EVENTUALLY).toBe('Đã duyệt');

    await page.getByTestId('report-reopen').click();
    await page.getByTestId('report-reopen-reason').fill('Số dư quỹ hoạt động chưa khớp sổ quỹ');
    await page.getByTestId('report-reopen-submit').click();
    await expect.poll(() => page.getByTestId('report-status').first().textContent(), EVENTUALLY).toBe('Đã trả lại');
    const reopened = page.locator('[data-testid="report-event"][data-action="REOPENED"]');
    expect(await reopened.getByTestId('report-event-comment').textContent()).toBe('Số dư quỹ hoạt động chưa khớp sổ quỹ');
    expect(await page.locator('[data-testid="report-event"]').evaluateAll((events) => events.map((event) => event.getAttribute('data-action')))).toEqual([
      'SUBMITTED',
      'APPROVED',
      'REOPENED',
    ]);
  });

  it('shows the toast of a decision clear of the header and the back link, on a computer and on a phone', async () => {
    for (const [screen, options] of [['computer', {}], ['phone', PHONE]] as const) {
      const { month } = await submitReportOfAPastMonth(`Báo cáo để duyệt trên ${screen}.`);
      const page = await suite.open(options);
      await signInAsProvince(page);
      await page.goto(`/province/reports/${await kienLuongClubId()}/${month}`);
      await page.getByTestId('report-approve').click();
      await page.getByTestId('report-approve-confirm').click();
      const toast = page.locator('.mantine-Notification-root');
      await toast.waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const toastBox = await toast.boundingBox();
      const header = await page.locator('.mantine-AppShell-header').boundingBox();
      const back = await page.getByTestId('report-back').boundingBox();
      const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(toastBox, screen).not.toBeNull();
      expect(overlaps(toastBox!, header!), `${screen}: toast over the header`).toBe(false);
      expect(overlaps(toastBox!, back!), `${screen}: toast over the back link`).toBe(false);
      await page.getByTestId('report-back').click();
      await page.getByTestId('reports-waiting').waitFor();
    }
  });

  it('says to reload when someone else decided first, keeping the comment typed', async () => {
    const { month, report } = await submitReportOfAPastMonth('Báo cáo hai người cùng xử lý.');
    const page = await suite.open();
    await signInAsProvince(page);
    await page.goto(`/province/reports/${await kienLuongClubId()}/${month}`);
    await page.getByTestId('report-return').click();
    const comment = 'Đề nghị ghi rõ số buổi sinh hoạt trong tháng.';
    await page.getByTestId('report-return-comment-input').fill(comment);

    // Another admin approves it meanwhile.
    const server = suite.server();
    const other = await server.signIn('kiengiang');
    const approved = await server.gql('mutation ($input: ReportDecisionInput!) { approveMonthlyReport(input: $input) { status } }', { input: { id: report.id, version: report.version } }, other);
    expect(approved.errors).toBeUndefined();

    await page.getByTestId('report-return-submit').click();
    await page.getByTestId('report-conflict').waitFor();
    expect(await page.getByTestId('report-conflict').textContent()).toContain('tải lại');
    expect(await page.getByTestId('report-return-comment-input').inputValue()).toBe(comment);
    await page.getByTestId('report-reload').click();
    await expect.poll(() => page.getByTestId('report-status').first().textContent(), EVENTUALLY).toBe('Đã duyệt');
  });

  it('sets the day of the next month by which reports are due', async () => {
    const page = await suite.open();
    await signInAsProvince(page);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('due-day-change').click();
    await page.getByTestId('due-day-input').fill('10');
    await page.getByTestId('due-day-save').click();
    await expect.poll(() => page.getByTestId('due-day-text').textContent(), EVENTUALLY).toBe('Hạn nộp báo cáo: ngày 10 của tháng sau');
    const server = suite.server();
    const settings = await server.gql<{ provinceSettings: { reportDueDay: number } }>('query { provinceSettings { reportDueDay } }', {}, await server.signIn('kiengiang'));
    expect(settings.data!.provinceSettings.reportDueDay).toBe(10);
  });

  it('fits a phone screen with the decision above the figures', async () => {
    const { month } = await submitReportOfAPastMonth('Báo cáo thử trên điện thoại.');
    const page = await suite.open(PHONE);
    await signInAsProvince(page);
    await page.goto('/province/reports');
    await page.getByTestId('reports-waiting').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator(`[data-testid="report-row"][data-month="${month}"]`, { hasText: KIEN_LUONG_CLUB }).getByTestId('report-link').click();
    await page.getByTestId('report-figures').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const decisionTop = await page.getByTestId('report-decision').evaluate((element) => element.getBoundingClientRect().top);
    const figuresTop = await page.getByTestId('report-figures').evaluate((element) => element.getBoundingClientRect().top);
    expect(decisionTop).toBeLessThan(figuresTop);
  });
});

describe('the clubs page', { timeout: 90_000 }, () => {
  it('lists the Kiên Lương club with its quality checklist score and opens its card', async () => {
    const server = suite.server();
    const admin = await server.signIn('kiengiang');
    const found = await server.gql<{
      clubs: { edges: Array<{ node: { id: string; name: string; qualityChecklist: { metCount: number; items: Array<{ code: string; met: boolean }> } } }> };
    }>('query { clubs(search: "kien luong", first: 10) { edges { node { id name qualityChecklist { metCount items { code met } } } } } }', {}, admin);
    expect(found.errors).toBeUndefined();
    const club = found.data!.clubs.edges.map((edge) => edge.node).find((node) => node.name === KIEN_LUONG_CLUB);
    expect(club).toBeDefined();
    const { metCount, items } = club!.qualityChecklist;
    const unmet = items.filter((item) => !item.met).map((item) => QUALITY_NAMES[item.code]);

    const page = await suite.open();
    await signInAsProvince(page);
    await page.getByTestId('nav-clubs').click();
    await page.getByTestId('clubs-table').waitFor();
    // Search ignores accents, as people type on a phone.
    await page.getByTestId('clubs-search').fill('kien luong');
    // The search is published after a pause in typing; wait for it, so it cannot land after the filters are cleared.
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), EVENTUALLY).toBe('kien luong');
    const row = page.locator(`[data-testid="club-row"][data-club-id="${club!.id}"]`);
    await expect.poll(() => page.getByTestId('club-row').count(), EVENTUALLY).toBeGreaterThan(0);
    expect(await row.getByTestId('club-link').textContent()).toBe(KIEN_LUONG_CLUB);
    expect(await row.getByTestId('club-commune').textContent()).toContain('Thị trấn Kiên Lương');
    expect(await row.getByTestId('club-quality-score').textContent()).toBe(`${metCount}/${items.length}`);
    const unmetText = await row.getByTestId('club-quality-unmet').textContent();
    if (unmet.length === 0) expect(unmetText).toBe('Đạt chuẩn');
    else for (const name of unmet) expect(unmetText).toContain(name);
    expect(await row.getByTestId('club-fund-income-generation').textContent()).toMatch(/[\d.]+ ₫$/);

    // Filters: an active club is not among the planned ones, and comes back when the filter is cleared.
    // A click that lands while the dropdown is still opening is lost on a busy machine: choose until it shows.
    const chooseStatus = async (label: string) => {
      await expect
        .poll(async () => {
          // Click only while the value is not there yet: clicking the chosen option again would clear it.
          if ((await page.getByTestId('clubs-status').inputValue()) !== label) {
            await page.getByTestId('clubs-status').click();
            await page.getByRole('option', { name: label }).click({ timeout: 3_000 }).catch(() => undefined);
          }
          return page.getByTestId('clubs-status').inputValue();
        }, EVENTUALLY)
        .toBe(label);
    };
    await chooseStatus('Dự kiến thành lập');
    await expect.poll(() => row.count(), EVENTUALLY).toBe(0);
    await chooseStatus('Đang hoạt động');
    await expect.poll(() => row.count(), EVENTUALLY).toBe(1);
    await chooseStatus('Dự kiến thành lập');
    await expect.poll(() => row.count(), EVENTUALLY).toBe(0);
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await expect.poll(() => row.count(), EVENTUALLY).toBe(1);
    await expect.poll(() => page.getByTestId('clubs-search').inputValue(), EVENTUALLY).toBe('');

    await row.getByTestId('club-link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), EVENTUALLY).toBe(KIEN_LUONG_CLUB);
    expect(await page.getByTestId('quality-item').count()).toBe(items.length);
    expect(await page.locator('[data-testid="quality-item"][data-code="MEMBERS"]').getByTestId('quality-expected').textContent()).toBe('50–70 người');
    await page.getByTestId('club-active-loans').waitFor();
  });

  it('adds a club for a commune of the club plan, refusing a founding day in the future next to its field, then suspends it with a reason', async () => {
    const server = suite.server();
    const admin = await server.signIn('kiengiang');
    // The demo's plans have all their clubs: the current scheme's plan gets a ward of Long Xuyên, which has none.
    const plans = await server.gql<{ schemes: { edges: Array<{ node: { id: string; title: string } }> } }>('query { schemes(first: 20) { edges { node { id title } } } }', {}, admin);
    expect(plans.errors).toBeUndefined();
    const current = plans.data!.schemes.edges.map((edge) => edge.node).find((scheme) => scheme.title.endsWith('giai đoạn 2026–2030'))!;
    const units = await server.gql<{ adminUnits: { edges: Array<{ node: { id: string; name: string; fullName: string } }> } }>(
      'query { adminUnits(search: "my binh", first: 5) { edges { node { id name fullName } } } }', {}, admin,
    );
    const commune = units.data!.adminUnits.edges.map((edge) => edge.node).find((unit) => unit.name === 'Mỹ Bình')!;
    const planned = await server.gql(
      'mutation ($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id } }',
      { input: { schemeId: current.id, communeId: commune.id, plannedYear: 2026 } },
      admin,
    );
    expect(planned.errors).toBeUndefined();

    const page = await suite.open();
    await signInAsProvince(page);
    await page.getByTestId('nav-clubs').click();
    await page.getByTestId('club-create-open').click();
    await page.getByTestId('club-form-commune').fill(commune.name);
    await page.getByRole('option', { name: new RegExp(`^${commune.fullName},`) }).click();
    await page.getByTestId('club-form-plan-entry').click();
    await page.getByRole('option').first().click();
    // The name is suggested from the commune; the scheme comes with the plan entry.
    const name = `CLB Liên thế hệ tự giúp nhau ${commune.fullName.charAt(0).toLowerCase()}${commune.fullName.slice(1)}`;
    expect(await page.getByTestId('club-form-name').inputValue()).toBe(name);
    expect(await page.getByTestId('club-form-scheme').inputValue()).not.toBe('');

    const nextYear = new Date().getFullYear() + 1;
    await page.getByTestId('club-form-founded-on').fill(`01/03/${nextYear}`);
    await page.getByTestId('club-form-submit').click();
    await expect.poll(() => page.getByRole('dialog').textContent(), EVENTUALLY).toContain('Không được là ngày trong tương lai.');
    expect(await page.getByTestId('club-form-founded-on').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('club-form-name').inputValue()).toBe(name);
    await page.getByTestId('club-form-founded-on').fill('15/03/2022');
    await page.getByTestId('club-form-submit').click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), EVENTUALLY).toBe(name);
    expect(await page.getByTestId('club-founded-on').textContent()).toBe('15/03/2022');
    expect(await page.getByTestId('club-status').textContent()).toBe('Đang hoạt động');

    await page.getByTestId('club-change-status').click();
    await page.getByTestId('club-status-move-SUSPEND').click();
    await page.getByTestId('club-status-submit').click();
    await expect.poll(() => page.getByRole('dialog').textContent(), EVENTUALLY).toContain('Vui lòng ghi lý do');
    await page.getByTestId('club-status-reason').fill('Ban chủ nhiệm kiện toàn lại sau khi chủ nhiệm chuyển đi nơi khác');
    await page.getByTestId('club-status-submit').click();
    await expect.poll(() => page.getByTestId('club-status').textContent(), EVENTUALLY).toBe('Tạm ngừng hoạt động');
  });
});
