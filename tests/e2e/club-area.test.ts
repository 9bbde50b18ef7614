/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** The phone the brief is written for: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

/** Today in Vietnam, the day the server checks dates against. */
function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

interface RunningLoan {
  memberId: string;
  memberName: string;
  loanId: string;
  principal: number;
}

async function staffToken(): Promise<string> {
  return suite.server().signIn('kienluong.club');
}

async function call<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await suite.server().gql<T>(query, variables, token);
  expect(result.errors, result.raw).toBeUndefined();
  return result.data!;
}

/**
 * A member of the Kiên Lương club with a loan paid out today, set up over the API as the club's
 * staff: 1.200.000 ₫ over 12 months without interest, so each instalment is 100.000 ₫. The fund
 * gets the money first, so the test stands whatever the demo data holds.
 */
async function memberWithRunningLoan(): Promise<RunningLoan> {
  const token = await staffToken();
  const today = todayInVietnam();
  const memberName = `Trần Thị Thử ${randomUUID().slice(0, 6).toUpperCase()}`;
  const principal = 1_200_000;
  const { createMember } = await call<{ createMember: { id: string } }>(
    token,
    'mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }',
    { input: { fullName: memberName, sex: 'FEMALE', birthYear: 1958, joinedOn: today } },
  );
  await call(token, 'mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }', {
    input: { fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', amount: principal, entryOn: today, description: 'Vốn hỗ trợ cho bài kiểm thử', idempotencyKey: randomUUID() },
  });
  const { requestLoan } = await call<{ requestLoan: { id: string; version: number } }>(
    token,
    'mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id version } }',
    { input: { memberId: createMember.id, principal, termMonths: 12, monthlyRate: '0', purpose: 'LIVESTOCK', requestedOn: today } },
  );
  const { approveLoan } = await call<{ approveLoan: { id: string; version: number } }>(
    token,
    'mutation ($input: LoanDecisionInput!) { approveLoan(input: $input) { id version } }',
    { input: { id: requestLoan.id, version: requestLoan.version, decidedOn: today } },
  );
  await call(token, 'mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }', {
    input: { loanId: approveLoan.id, disbursedOn: today, idempotencyKey: randomUUID() },
  });
  return { memberId: createMember.id, memberName, loanId: requestLoan.id, principal };
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function signInAsClub(page: Page): Promise<void> {
  await signIn(page, 'kienluong.club');
  await page.getByTestId('club-card').waitFor({ timeout: 30_000 });
}

/** Marks members present by typing their names in the checklist's search box and tapping them. */
async function markPresent(page: Page, names: string[]): Promise<void> {
  for (const name of names) {
    await page.getByTestId('attendance-filter').fill(name);
    await page.getByTestId('attendance-member').filter({ hasText: name }).first().click();
  }
  await page.getByTestId('attendance-filter').fill('');
}

function repaymentLine(page: Page, loanId: string) {
  return page.locator(`[data-testid="repayment-line"][data-loan-id="${loanId}"]`);
}


/** The meeting sheet on a small phone with a borrower present and paying, at the line of their loan. */
async function meetingSheetPaying() {
  const loan = await memberWithRunningLoan();
  const page = await suite.open(SMALL_PHONE);
  await signInAsClub(page);
  await page.goto('/club/meeting');
  await page.getByTestId('attendance-member').first().waitFor({ timeout: 30_000 });
  await markPresent(page, [loan.memberName]);
  await page.getByTestId('meeting-tab-repayments').click();
  const line = repaymentLine(page, loan.loanId);
  await line.getByTestId('repayment-paying').check();
  return { loan, page, line };
}

describe('the monthly meeting sheet', () => {
  it('records attendance and a repayment on a 360-pixel phone; the ledger shows it and the loan owes less', async () => {
    const loan = await memberWithRunningLoan();
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    expect(await fitsWidth(page)).toBe(true);

    await page.getByTestId('shortcut-meeting').click();
    await page.getByTestId('attendance-member').first().waitFor({ timeout: 30_000 });
    expect(await fitsWidth(page)).toBe(true);
    const someoneElse = (await page.getByTestId('attendance-member').first().getAttribute('aria-label'))!;
    await markPresent(page, [loan.memberName, someoneElse]);
    expect(await page.getByTestId('attendance-count').textContent()).toMatch(/^Có mặt: 2\/\d+$/);

    await page.getByTestId('meeting-tab-repayments').click();
    const line = repaymentLine(page, loan.loanId);
    await line.getByTestId('repayment-paying').check();
    // This month's instalment is filled in from the loan's schedule.
    await expect.poll(() => line.getByTestId('repayment-principal').inputValue()).toBe('100.000');
    expect(await line.getByTestId('repayment-interest').inputValue()).toBe('0');
    expect(await fitsWidth(page)).toBe(true);

    await page.getByTestId('meeting-submit').click();
    const saved = page.getByTestId('meeting-saved');
    await saved.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('meeting-saved-attendance').textContent()).toBe('Có mặt: 2 người.');
    expect(await page.getByTestId('meeting-saved-repayments').textContent()).toBe('Thu nợ: 1 khoản, tổng 100.000 ₫.');

    // The income-generation fund's ledger has the repayment, newest first.
    await page.getByTestId('meeting-saved-funds').click();
    const repaid = page.locator('[data-testid="ledger-entry"][data-kind="PRINCIPAL_REPAID"]', { hasText: loan.memberName });
    await repaid.waitFor({ timeout: 30_000 });
    expect(await repaid.getByTestId('ledger-entry-amount').textContent()).toBe('+100.000 ₫');
    expect(await fitsWidth(page)).toBe(true);

    // The loan now owes 1.100.000 ₫ of principal, and lists the repayment.
    await repaid.getByRole('link', { name: loan.memberName }).click();
    await page.getByTestId('loan-details').waitFor();
    await expect.poll(() => page.getByTestId('loan-outstanding-value').textContent()).toBe('1.100.000 ₫');
    expect(await page.getByTestId('loan-principal-repaid-value').textContent()).toBe('100.000 ₫');
    expect(await page.getByTestId('loan-repayment').count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);

    // The meeting is on record with both members present.
    const token = await staffToken();
    const { activities } = await call<{ activities: { edges: Array<{ node: { monthlyMeeting: boolean; attendees: Array<{ id: string }> } }> } }>(
      token,
      'query ($from: LocalDate!) { activities(from: $from, first: 20) { edges { node { monthlyMeeting attendees { id } } } } }',
      { from: todayInVietnam() },
    );
    const meetings = activities.edges.map((edge) => edge.node).filter((activity) => activity.attendees.some((attendee) => attendee.id === loan.memberId));
    expect(meetings).toHaveLength(1);
    expect(meetings[0].monthlyMeeting).toBe(true);
    expect(meetings[0].attendees).toHaveLength(2);
  });

  it('keeps everything typed and shows the refusal next to the line when a repayment is more than is owed', async () => {
    const { loan, page, line } = await meetingSheetPaying();
    await line.getByTestId('repayment-principal').fill('5000000');
    await page.getByTestId('meeting-submit').click();

    // Refused with the amounts, in Vietnamese, next to the principal of that line; nothing is lost.
    const principalError = line.locator('.mantine-InputWrapper-error').first();
    await principalError.waitFor({ timeout: 30_000 });
    expect(await principalError.textContent()).toBe('Vượt quá số còn nợ (1.200.000 ₫); số tiền ghi trả là 5.000.000 ₫.');
    expect(await page.getByTestId('meeting-error').textContent()).toContain('sửa các chỗ được đánh dấu đỏ');
    expect(await line.getByTestId('repayment-principal').inputValue()).toBe('5.000.000');
    await page.getByTestId('meeting-tab-attendance').click();
    expect(await page.getByTestId('attendance-count').textContent()).toMatch(/^Có mặt: 1\//);
    expect(await fitsWidth(page)).toBe(true);

    // Nothing was written: the loan still owes all of it.
    const token = await staffToken();
    const before = await call<{ loan: { standing: { outstandingPrincipal: number }; repayments: unknown[] } }>(
      token,
      'query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal } repayments { id } } }',
      { id: loan.loanId },
    );
    expect(before.loan.standing.outstandingPrincipal).toBe(loan.principal);
    expect(before.loan.repayments).toHaveLength(0);

    // Corrected and sent again, the same sheet is saved once.
    await page.getByTestId('meeting-tab-repayments').click();
    await line.getByTestId('repayment-principal').fill('300000');
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-saved').waitFor({ timeout: 30_000 });
    const after = await call<{ loan: { standing: { outstandingPrincipal: number }; repayments: unknown[] } }>(
      token,
      'query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal } repayments { id } } }',
      { id: loan.loanId },
    );
    expect(after.loan.standing.outstandingPrincipal).toBe(900_000);
    expect(after.loan.repayments).toHaveLength(1);
  });
});

describe('money typed by club staff', () => {
  const NEGATIVE = 'Số tiền không được âm: hãy bỏ dấu trừ.';
  const CEILING = 'Mỗi lần ghi tối đa 100.000.000.000 ₫.';

  it('refuses a repayment typed as -50000 on the meeting sheet, saying why next to it, and records nothing', async () => {
    const { loan, page, line } = await meetingSheetPaying();
    await line.getByTestId('repayment-principal').fill('-50000');
    await expect.poll(() => line.getByTestId('repayment-principal').inputValue()).toBe('-50.000');
    const principalError = line.locator('.mantine-InputWrapper-error').first();
    await expect.poll(() => principalError.textContent()).toBe(NEGATIVE);
    await page.getByTestId('meeting-submit').click();
    await expect.poll(() => page.getByTestId('meeting-error').textContent()).toContain('sửa các chỗ được đánh dấu đỏ');
    expect(await principalError.textContent()).toBe(NEGATIVE);
    expect(await fitsWidth(page)).toBe(true);

    // The same words above the ceiling; then, corrected, the sheet saves the one repayment typed.
    await line.getByTestId('repayment-principal').fill('100000000001');
    await expect.poll(() => principalError.textContent()).toBe(CEILING);
    await line.getByTestId('repayment-principal').fill('50000');
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-saved').waitFor({ timeout: 30_000 });
    const recorded = await call<{ loan: { standing: { outstandingPrincipal: number }; repayments: Array<{ principal: number }> } }>(
      await staffToken(),
      'query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal } repayments { principal } } }',
      { id: loan.loanId },
    );
    expect(recorded.loan.repayments).toEqual([{ principal: 50_000 }]);
    expect(recorded.loan.standing.outstandingPrincipal).toBe(loan.principal - 50_000);
  });

  it('refuses a contribution typed as -50000 in the fund form, and records only the one corrected', async () => {
    const token = await staffToken();
    const entriesOfActivityFund = async () =>
      (await call<{ ledgerEntries: { totalCount: number } }>(token, 'query { ledgerEntries(fund: ACTIVITY, first: 1) { totalCount } }', {})).ledgerEntries.totalCount;
    const before = await entriesOfActivityFund();
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    await page.goto('/club/funds?fund=ACTIVITY');
    await page.getByTestId('fund-entry-open').click();
    const amount = page.getByTestId('fund-entry-amount');
    await amount.fill('-50000');
    const amountError = page.locator('.mantine-InputWrapper-error').filter({ hasText: NEGATIVE });
    await amountError.waitFor();
    await page.getByTestId('fund-entry-description').fill('Góp quỹ sinh hoạt');
    await page.getByTestId('fund-entry-submit').click();
    await expect.poll(() => amountError.count()).toBe(1);

    // Clicks are handled in order: once the corrected entry is saved, the refused one was never sent.
    await amount.fill('50000');
    await page.getByTestId('fund-entry-submit').click();
    await amount.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await entriesOfActivityFund()).toBe(before + 1);
    const latest = await call<{ ledgerEntries: { edges: Array<{ node: { amount: number } }> } }>(
      token,
      'query { ledgerEntries(fund: ACTIVITY, first: 1) { edges { node { amount } } } }',
      {},
    );
    expect(latest.ledgerEntries.edges[0].node.amount).toBe(50_000);
  });
});

describe('the members roster', () => {
  it('warns while typing that a new member may be someone already in the province, saves and flags them, then confirms them distinct', async () => {
    const token = await staffToken();
    const { members } = await call<{ members: { edges: Array<{ node: { fullName: string; birthYear: number } }> } }>(
      token,
      'query { members(first: 1) { edges { node { fullName birthYear } } } }',
      {},
    );
    const existing = members.edges[0].node;
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    await page.goto('/club/members/new');
    await page.getByTestId('member-full-name').fill(existing.fullName);
    await page.getByTestId('member-sex').getByText('Nữ').click();
    await page.getByTestId('member-birth-year').fill(String(existing.birthYear));
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.getByTestId('duplicate-candidate').first().textContent()).toContain(`${existing.fullName}, sinh năm ${existing.birthYear}`);
    expect(await warning.textContent()).toContain('trùng họ tên và năm sinh');
    expect(await fitsWidth(page)).toBe(true);

    await page.getByTestId('member-save').click();
    await page.getByTestId('member-confirm-distinct').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('member-badge-duplicate').textContent()).toBe('Nghi trùng');
    await page.getByTestId('member-confirm-distinct').click();
    await expect.poll(() => page.getByTestId('member-confirm-distinct').count()).toBe(0);
    expect(await page.getByTestId('member-badge-duplicate').count()).toBe(0);
  });

  it('warns on a citizen ID already in the province before the name or year of birth is typed', async () => {
    const token = await staffToken();
    const { members } = await call<{ members: { edges: Array<{ node: { fullName: string; citizenId: string | null } }> } }>(
      token,
      'query { members(first: 100) { edges { node { fullName citizenId } } } }',
      {},
    );
    const existing = members.edges.map((edge) => edge.node).find((node) => node.citizenId)!;
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    await page.goto('/club/members/new');
    await page.getByTestId('member-citizen-id').fill(existing.citizenId!);
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.getByTestId('duplicate-candidate').first().textContent()).toContain(existing.fullName);
    expect(await warning.textContent()).toContain('trùng số CCCD');
  });
});

describe('loans', () => {
  it('lets the board approve a requested loan, pay it out, record a repayment and reverse it with a reason', async () => {
    const token = await staffToken();
    const today = todayInVietnam();
    const memberName = `Lê Văn Vay ${randomUUID().slice(0, 6).toUpperCase()}`;
    const { createMember } = await call<{ createMember: { id: string } }>(
      token,
      'mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { fullName: memberName, sex: 'MALE', birthYear: 1962, joinedOn: today } },
    );
    await call(token, 'mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }', {
      input: { fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', amount: 2_000_000, entryOn: today, description: 'Vốn hỗ trợ cho bài kiểm thử', idempotencyKey: randomUUID() },
    });
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);

    // The request, from the member's page.
    await page.goto(`/club/members/${createMember.id}`);
    await page.getByTestId('member-request-loan').click();
    await page.getByTestId('loan-request-principal').fill('2000000');
    await page.getByTestId('loan-request-rate').fill('0,5');
    expect(await page.getByTestId('loan-request-preview').textContent()).toContain('200.000 ₫ tiền gốc và 10.000 ₫ tiền lãi');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('loan-request-submit').click();
    await page.getByTestId('loan-action-approve').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('loan-status').textContent()).toBe('Chờ duyệt');

    // A second request for the same member is refused next to the borrower, in Vietnamese.
    await page.goto(`/club/loans/new?member=${createMember.id}`);
    await page.getByTestId('loan-request-principal').fill('500000');
    await page.getByTestId('loan-request-rate').fill('0');
    await page.getByTestId('loan-request-submit').click();
    await expect
      .poll(() => page.getByText('câu lạc bộ chỉ cho mỗi người vay một khoản').count(), { timeout: 30_000 })
      .toBe(1);
    await page.goBack();

    await page.getByTestId('loan-action-approve').click();
    await page.getByTestId('loan-action-submit').click();
    await page.getByTestId('loan-action-disburse').click();
    await page.getByTestId('loan-action-submit').click();
    await page.getByTestId('loan-action-repay').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('loan-status').textContent()).toBe('Đang trả nợ');
    expect(await page.getByTestId('loan-instalment').count()).toBe(10);
    await expect.poll(() => page.getByTestId('loan-outstanding-value').textContent()).toBe('2.000.000 ₫');

    await page.getByTestId('loan-action-repay').click();
    expect(await page.getByTestId('loan-action-principal').inputValue()).toBe('200.000');
    expect(await page.getByTestId('loan-action-interest').inputValue()).toBe('10.000');
    await page.getByTestId('loan-action-submit').click();
    await expect.poll(() => page.getByTestId('loan-outstanding-value').textContent(), { timeout: 30_000 }).toBe('1.800.000 ₫');

    await page.getByTestId('loan-repayment-reverse').click();
    await page.getByTestId('loan-action-submit').click();
    expect(await page.getByTestId('loan-action-form-reverseRepayment').textContent()).toContain('Vui lòng ghi lý do');
    await page.getByTestId('loan-action-reason').fill('Ghi nhầm người trả');
    await page.getByTestId('loan-action-submit').click();
    await expect.poll(() => page.getByTestId('loan-outstanding-value').textContent(), { timeout: 30_000 }).toBe('2.000.000 ₫');
    expect(await page.getByTestId('loan-repayment').count()).toBe(2);
    expect(await page.locator('[data-testid="loan-event"]').evaluateAll((events) => events.map((event) => event.getAttribute('data-action')))).toEqual([
      'REQUESTED',
      'APPROVED',
      'DISBURSED',
    ]);
    expect(await fitsWidth(page)).toBe(true);
  });
});

describe('the monthly report', () => {
  it('saves a draft of a past month, submits it, and then shows its frozen figures', async () => {
    const token = await staffToken();
    let month = '';
    for (let monthNumber = 1; monthNumber <= 12 && !month; monthNumber += 1) {
      const candidate = `2024-${String(monthNumber).padStart(2, '0')}`;
      const { monthlyReport } = await call<{ monthlyReport: { id: string } | null }>(token, 'query ($month: Month!) { monthlyReport(month: $month) { id } }', { month: candidate });
      if (!monthlyReport) month = candidate;
    }
    expect(month).not.toBe('');
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    await page.goto(`/club/reports?month=${month}`);
    await page.getByTestId('report-figures').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('report-status').textContent()).toBe('Chưa lập');
    expect(await page.getByTestId('report-figures-note').textContent()).toContain('tạm tính');

    const narrative = 'Câu lạc bộ sinh hoạt đều đặn, thăm hỏi hội viên ốm đau và thu hồi nợ đúng hạn.';
    await page.getByTestId('report-narrative-input').fill(narrative);
    await page.getByTestId('report-save').click();
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 30_000 }).toBe('Nháp');
    // Long past its due day in the next month: a draft is overdue; submitted, it is late.
    expect(await page.getByTestId('report-late').textContent()).toBe('Quá hạn');

    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-submit-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 30_000 }).toBe('Đã nộp');
    expect(await page.getByTestId('report-late').textContent()).toBe('Nộp muộn');
    expect(await page.getByTestId('report-narrative').textContent()).toBe(narrative);
    expect(await page.getByTestId('report-figures-note').textContent()).toBe('Số liệu đã chốt lúc nộp báo cáo.');
    expect(await page.getByTestId('figure-incomeGenerationFund-value').textContent()).toMatch(/^[\d.]+ ₫$/);
    expect(await page.getByTestId('report-save').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
  });
});

describe('home care', () => {
  it('lists the visits of the volunteer chosen, with their total', async () => {
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    await page.goto('/club/home-care');
    await page.getByTestId('home-care-visit').first().waitFor({ timeout: 30_000 });
    const allVisits = await page.getByTestId('home-care-visits').getByText(/^Có \d+ lượt thăm$/).textContent();
    const filter = page.getByTestId('home-care-filter-volunteer');
    // Pick the first volunteer offered; a click on an option already chosen would clear it.
    await expect
      .poll(async () => {
        if (!(await filter.inputValue())) {
          await filter.click();
          await page.getByRole('option').first().click({ timeout: 3_000 }).catch(() => undefined);
        }
        return filter.inputValue();
      })
      .toMatch(/^.+ \(\d{4}\)$/);
    const volunteer = (await filter.inputValue()).replace(/ \(\d{4}\)$/, '');
    await expect
      .poll(async () => {
        const lines = await page.getByTestId('home-care-visit').locator('p', { hasText: 'Tình nguyện viên:' }).allTextContents();
        return lines.length > 0 && lines.every((line) => line === `Tình nguyện viên: ${volunteer}`);
      })
      .toBe(true);
    expect(await page.getByTestId('home-care-visits').getByText(/^Có \d+ lượt thăm$/).textContent()).not.toBe(allVisits);
    expect(await fitsWidth(page)).toBe(true);
  });
});

describe('the club area on a phone', () => {
  it('fits every screen into 360 pixels without sideways scrolling, with the menu behind the burger', async () => {
    const page = await suite.open(SMALL_PHONE);
    await signInAsClub(page);
    const screens: Array<[string, string]> = [
      ['/club', 'quality-checklist'],
      ['/club/members', 'member-row'],
      ['/club/loans', 'loan-portfolio'],
      ['/club/loans/new', 'loan-request-submit'],
      ['/club/funds', 'ledger'],
      ['/club/home-care', 'home-care-open'],
      ['/club/activities', 'activity-add'],
      ['/club/activities/new', 'activity-save'],
      ['/club/reports', 'report-figures'],
    ];
    for (const [path, testId] of screens) {
      await page.goto(path);
      await page.getByTestId(testId).first().waitFor({ timeout: 30_000 });
      expect(await fitsWidth(page), path).toBe(true);
    }
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-loans').click();
    await page.getByTestId('loan-portfolio').waitFor();
    expect(new URL(page.url()).pathname).toBe('/club/loans');
  });
});
