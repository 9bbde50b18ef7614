/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** The phone the club area is made for: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

/** Today in Vietnam, the day the server checks dates against. */
function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The day `months` months before today (the first of that month, so it always exists). */
function monthsAgo(months: number): string {
  const today = todayInVietnam();
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

async function call<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await suite.server().gql<T>(query, variables, token);
  expect(result.errors, result.raw).toBeUndefined();
  return result.data!;
}

function staffToken(): Promise<string> {
  return suite.server().signIn('kienluong.club');
}

/** The Kiên Lương club came with Kiên Giang into An Giang; its old province's admin decides its reports. */
function provinceToken(): Promise<string> {
  return suite.server().signIn('kiengiang');
}

function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 6).toUpperCase()}`;
}

function citizenIdNumber(): string {
  return String(randomInt(100_000, 999_999)) + String(randomInt(100_000, 999_999));
}

interface ReportState {
  id: string;
  status: string;
  version: number;
  returnComment: string | null;
}

const REPORT_FIELDS = 'id status version returnComment';

async function reportOf(token: string, month: string): Promise<ReportState | null> {
  const { monthlyReport } = await call<{ monthlyReport: ReportState | null }>(token, `query ($month: Month!) { monthlyReport(month: $month) { ${REPORT_FIELDS} } }`, { month });
  return monthlyReport;
}

/** Last month's report of the club, submitted by its staff and returned by the province with a comment. */
async function returnedReport(comment: string): Promise<{ month: string }> {
  const staff = await staffToken();
  const month = monthsAgo(1).slice(0, 7);
  let report = await reportOf(staff, month);
  if (report?.status === 'APPROVED') {
    const { reopenMonthlyReport } = await call<{ reopenMonthlyReport: ReportState }>(
      await provinceToken(),
      `mutation ($input: ReportDecisionInput!) { reopenMonthlyReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { id: report.id, version: report.version, comment: 'Mở lại để kiểm thử' } },
    );
    report = reopenMonthlyReport;
  }
  if (report?.status !== 'SUBMITTED') {
    const { submitMonthlyReport } = await call<{ submitMonthlyReport: ReportState }>(
      staff,
      `mutation ($input: SaveMonthlyReportInput!) { submitMonthlyReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { month, narrative: 'Sinh hoạt đều, thu nợ đủ.', version: report?.version ?? null } },
    );
    report = submitMonthlyReport;
  }
  const { returnMonthlyReport } = await call<{ returnMonthlyReport: ReportState }>(
    await provinceToken(),
    `mutation ($input: ReportDecisionInput!) { returnMonthlyReport(input: $input) { ${REPORT_FIELDS} } }`,
    { input: { id: report!.id, version: report!.version, comment } },
  );
  expect(returnMonthlyReport.status).toBe('RETURNED');
  return { month };
}

async function createMember(token: string, input: Record<string, unknown>): Promise<{ id: string; duplicateStatus: string }> {
  const { createMember } = await call<{ createMember: { id: string; duplicateStatus: string } }>(
    token,
    'mutation ($input: CreateMemberInput!) { createMember(input: $input) { id duplicateStatus } }',
    { input: { sex: 'FEMALE', birthYear: 1956, joinedOn: monthsAgo(12), ...input } },
  );
  return createMember;
}

/** A loan paid out four months ago and never repaid: its instalments are past due. */
async function overdueLoan(): Promise<{ loanId: string; memberName: string }> {
  const token = await staffToken();
  const paidOn = monthsAgo(4);
  const memberName = uniqueName('Lê Thị Quá Hạn');
  const member = await createMember(token, { fullName: memberName });
  await call(token, 'mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }', {
    input: { fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', amount: 1_000_000, entryOn: paidOn, description: 'Vốn cho bài kiểm thử việc cần làm', idempotencyKey: randomUUID() },
  });
  const { requestLoan } = await call<{ requestLoan: { id: string; version: number } }>(token, 'mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id version } }', {
    input: { memberId: member.id, principal: 1_000_000, termMonths: 10, monthlyRate: '0', purpose: 'LIVESTOCK', requestedOn: paidOn },
  });
  const { approveLoan } = await call<{ approveLoan: { id: string } }>(token, 'mutation ($input: LoanDecisionInput!) { approveLoan(input: $input) { id } }', {
    input: { id: requestLoan.id, version: requestLoan.version, decidedOn: paidOn },
  });
  await call(token, 'mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }', {
    input: { loanId: approveLoan.id, disbursedOn: paidOn, idempotencyKey: randomUUID() },
  });
  return { loanId: requestLoan.id, memberName };
}

/** Two members of the club with the same name and year of birth: the second is flagged. */
async function possibleDuplicate(): Promise<{ memberId: string; memberName: string }> {
  const token = await staffToken();
  const memberName = uniqueName('Phạm Thị Trùng');
  await createMember(token, { fullName: memberName, birthYear: 1950 });
  const second = await createMember(token, { fullName: memberName, birthYear: 1950 });
  expect(second.duplicateStatus).toBe('POSSIBLE');
  return { memberId: second.id, memberName };
}

async function rosterCount(): Promise<number> {
  const { members } = await call<{ members: { totalCount: number } }>(await staffToken(), 'query { members(first: 1) { totalCount } }');
  return members.totalCount;
}

async function clubPhone(): Promise<Page> {
  const page = await suite.open(SMALL_PHONE);
  await signIn(page, 'kienluong.club');
  await page.getByTestId('club-card').waitFor({ timeout: 30_000 });
  return page;
}

/** The home's list of what needs doing as the server gives it now, after the copy from the cache. */
async function openHomeFresh(page: Page): Promise<void> {
  // The client sends its operations by id, with their names.
  const answered = page.waitForResponse(
    (response) => response.url().endsWith('/graphql') && (response.request().postDataJSON() as { operationName?: string } | null)?.operationName === 'ClubToDo',
  );
  await page.goto('/club');
  await answered;
  await page.getByTestId('club-card').waitFor();
}

/** Whether the element with the keyboard's focus is the one the locator names, and lies within the viewport. */
async function focusedInView(page: Page, testId: string): Promise<{ focused: boolean; inView: boolean }> {
  return page.getByTestId(testId).evaluate((element) => {
    const field = element.matches('input, textarea, select') ? element : element.querySelector('input, textarea, select');
    const box = field!.getBoundingClientRect();
    return {
      focused: document.activeElement === field,
      inView: box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth,
    };
  });
}

/** Scrolled to the bottom of the page, where the submit button is. */
async function scrollToBottom(page: Page, submitTestId: string): Promise<void> {
  await page.getByTestId(submitTestId).waitFor();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => outOfView(page, submitTestId)).toBe(false);
}

async function outOfView(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.bottom <= 0 || box.top >= window.innerHeight;
  });
}

describe('the club’s home on a 360 px phone', () => {
  it('lists a report the province returned first, with its comment, until it is submitted again from the page it links to', async () => {
    const comment = `Số người cao tuổi được thăm chưa khớp sổ, đề nghị kiểm tra lại (${randomUUID().slice(0, 4)}).`;
    const loan = await overdueLoan();
    const duplicate = await possibleDuplicate();
    const { month } = await returnedReport(comment);
    const page = await clubPhone();
    await openHomeFresh(page);

    const returned = page.locator(`[data-testid="to-do-returned"][data-month="${month}"]`);
    await returned.waitFor();
    expect(await returned.getByTestId('to-do-returned-comment').textContent()).toContain(comment);
    expect(await returned.textContent()).toContain(`Báo cáo tháng ${month.slice(5, 7)}/${month.slice(0, 4)} bị tỉnh trả lại`);
    // First on the page: the returned reports, then the list of what else needs doing, then the shortcuts.
    const order = await page
      .locator('[data-testid="to-do-returned"], [data-testid="to-do"], [data-testid^="shortcut-"]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
    expect(order[0]).toBe('to-do-returned');
    const listAt = order.indexOf('to-do');
    expect(listAt).toBeGreaterThan(order.lastIndexOf('to-do-returned'));
    expect(listAt).toBeLessThan(order.findIndex((testId) => testId!.startsWith('shortcut-')));

    // In the list, overdue reports come before overdue repayments, and those before possible duplicates.
    const list = page.getByTestId('to-do');
    const kinds = await list.locator('a[data-testid^="to-do-"]').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));
    const rank = (testId: string | null) => ['to-do-report', 'to-do-loan', 'to-do-loans-more', 'to-do-duplicate', 'to-do-duplicates-more'].indexOf(testId!);
    expect(kinds.map(rank)).toEqual([...kinds.map(rank)].sort((a, b) => a - b));
    const loanItem = list.getByTestId('to-do-loan').filter({ hasText: loan.memberName });
    expect(await loanItem.getAttribute('href')).toBe(`/club/loans/${loan.loanId}`);
    expect(await loanItem.textContent()).toMatch(/trả nợ quá hạn \d+ ngày/);
    const duplicateItem = list.getByTestId('to-do-duplicate').filter({ hasText: duplicate.memberName });
    expect(await duplicateItem.textContent()).toBe(`${duplicate.memberName}, sinh năm 1950: nghi trùng, cần kiểm tra`);
    await duplicateItem.click();
    await page.getByTestId('member-confirm-distinct').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/club/members/${duplicate.memberId}`);

    // The returned report's link opens it with the province's comment; sent again from there, it leaves the home.
    await openHomeFresh(page);
    await returned.getByTestId('to-do-returned-open').click();
    await page.getByTestId('report-return-comment').waitFor();
    expect(new URL(page.url()).search).toBe(`?month=${month}`);
    expect(await page.getByTestId('report-return-comment').textContent()).toContain(comment);
    await page.getByTestId('report-narrative-input').fill('Sinh hoạt đều, thu nợ đủ. Đã sửa số lượt thăm tại nhà theo sổ.');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-submit-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-status')).toBe('SUBMITTED');
    expect((await reportOf(await staffToken(), month))?.status).toBe('SUBMITTED');

    await openHomeFresh(page);
    await expect.poll(() => returned.count()).toBe(0);
    await page.getByTestId('to-do').waitFor();
  });
});

describe('a new member who may already be in the province', () => {
  it('is matched by citizen ID as it is typed; opening the existing member goes to them and adds no one', async () => {
    const citizenId = citizenIdNumber();
    const existingName = uniqueName('Nguyễn Thị Đã Có');
    const existing = await createMember(await staffToken(), { fullName: existingName, citizenId });
    const before = await rosterCount();
    const page = await clubPhone();
    await page.goto('/club/members/new');
    await page.getByTestId('member-full-name').fill('Nguyễn Thị Khác Tên');
    await page.getByTestId('member-citizen-id').fill(citizenId);

    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    const candidate = warning.locator(`[data-testid="duplicate-candidate"][data-member-id="${existing.id}"]`);
    expect(await candidate.textContent()).toContain(existingName);
    expect(await candidate.textContent()).toContain('trùng số CCCD');
    expect(await warning.textContent()).toContain('Có phải cùng một người?');

    await candidate.getByTestId('duplicate-open').click();
    await page.getByTestId('member-edit').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/club/members/${existing.id}`);
    expect(await page.getByRole('heading', { name: existingName }).count()).toBe(1);
    expect(await rosterCount()).toBe(before);
  });

  it('is matched by name and year of birth; saved as a different person, exactly one member is added, not flagged', async () => {
    const name = uniqueName('Trần Văn Giống');
    const existing = await createMember(await staffToken(), { fullName: name, sex: 'MALE', birthYear: 1949 });
    const before = await rosterCount();
    const page = await clubPhone();
    await page.goto('/club/members/new');
    await page.getByTestId('member-full-name').fill(name);
    await page.getByTestId('member-sex').getByText('Nam', { exact: true }).click();
    await page.getByTestId('member-birth-year').fill('1949');

    const warning = page.getByTestId('duplicate-warning');
    await warning.locator(`[data-testid="duplicate-candidate"][data-member-id="${existing.id}"]`).waitFor();
    expect(await warning.textContent()).toContain('trùng họ tên và năm sinh');
    expect(await warning.textContent()).toContain('Có phải cùng một người?');

    await warning.getByTestId('duplicate-save-as-different').click();
    await page.getByTestId('member-edit').waitFor();
    const savedId = new URL(page.url()).pathname.split('/').at(-1);
    expect(savedId).not.toBe(existing.id);
    expect(await rosterCount()).toBe(before + 1);
    const { member } = await call<{ member: { fullName: string; duplicateStatus: string } }>(
      await staffToken(),
      'query ($id: ID!) { member(id: $id) { fullName duplicateStatus } }',
      { id: savedId },
    );
    expect(member).toEqual({ fullName: name, duplicateStatus: 'CONFIRMED_DISTINCT' });
  });
});

describe('a form with errors on a 360 px phone', () => {
  it('brings the new member form’s first error into view and puts the cursor in it', async () => {
    const before = await rosterCount();
    const page = await clubPhone();
    await page.goto('/club/members/new');
    await scrollToBottom(page, 'member-save');
    expect(await outOfView(page, 'member-full-name')).toBe(true);
    await page.getByTestId('member-save').click();

    await expect.poll(() => focusedInView(page, 'member-full-name')).toEqual({ focused: true, inView: true });
    expect(await page.getByTestId('member-full-name').getAttribute('aria-invalid')).toBe('true');
    expect(await rosterCount()).toBe(before);
  });

  it('brings the new activity’s first error into view, below the whole attendance list, and puts the cursor in it', async () => {
    const page = await clubPhone();
    await page.goto('/club/activities/new');
    await page.getByTestId('activity-attendance-member').first().waitFor();
    await scrollToBottom(page, 'activity-save');
    expect(await outOfView(page, 'activity-title')).toBe(true);
    await page.getByTestId('activity-save').click();

    await expect.poll(() => focusedInView(page, 'activity-title')).toEqual({ focused: true, inView: true });
    expect(await page.getByTestId('activity-title').getAttribute('aria-invalid')).toBe('true');
  });
});
