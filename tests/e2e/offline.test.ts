/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { todayInVietnam } from '../../server/src/calendar.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';
import { copiesKept } from '../support/offline.js';

const suite = useBrowserSuite();

async function staffToken(): Promise<string> {
  return suite.server().signIn('kienluong.club');
}

async function call<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await suite.server().gql<T>(query, variables, token);
  expect(result.errors, result.raw).toBeUndefined();
  return result.data!;
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await suite.database().owner.query(sql, parameters);
  return Number(row.count);
}

/** A loan of 1.200.000 ₫ paid out today to a new member of the Kiên Lương club, set up over the API. */
async function runningLoan(): Promise<{ loanId: string; memberName: string }> {
  const token = await staffToken();
  const today = todayInVietnam();
  const memberName = `Đỗ Thị Ngoại Tuyến ${randomUUID().slice(0, 6).toUpperCase()}`;
  const { createMember } = await call<{ createMember: { id: string } }>(token, 'mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
    input: { fullName: memberName, sex: 'FEMALE', birthYear: 1957, joinedOn: today },
  });
  await call(token, 'mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }', {
    input: { fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', amount: 1_200_000, entryOn: today, description: 'Vốn cho bài kiểm thử ngoại tuyến', idempotencyKey: randomUUID() },
  });
  const { requestLoan } = await call<{ requestLoan: { id: string; version: number } }>(token, 'mutation ($input: RequestLoanInput!) { requestLoan(input: $input) { id version } }', {
    input: { memberId: createMember.id, principal: 1_200_000, termMonths: 12, monthlyRate: '0', purpose: 'LIVESTOCK', requestedOn: today },
  });
  const { approveLoan } = await call<{ approveLoan: { id: string; version: number } }>(token, 'mutation ($input: LoanDecisionInput!) { approveLoan(input: $input) { id version } }', {
    input: { id: requestLoan.id, version: requestLoan.version, decidedOn: today },
  });
  await call(token, 'mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }', {
    input: { loanId: approveLoan.id, disbursedOn: today, idempotencyKey: randomUUID() },
  });
  return { loanId: requestLoan.id, memberName };
}

async function loanStanding(loanId: string): Promise<{ outstanding: number; repayments: number }> {
  const { loan } = await call<{ loan: { standing: { outstandingPrincipal: number }; repayments: unknown[] } }>(
    await staffToken(),
    'query ($id: ID!) { loan(id: $id) { standing { outstandingPrincipal } repayments { id } } }',
    { id: loanId },
  );
  return { outstanding: loan.standing.outstandingPrincipal, repayments: loan.repayments.length };
}

/** Signed in as the club's staff, with the service worker in control: the pages now open offline. */
async function clubPhone(): Promise<Page> {
  const page = await suite.open(PHONE);
  await signIn(page, 'kienluong.club');
  await page.getByTestId('club-card').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  return page;
}

async function pickFirstOption(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option').first().click();
}

function outboxCount(page: Page) {
  return page.getByTestId('outbox-count');
}

describe('the installable app', () => {
  it('links a manifest with icons, and serves /sw.js at the root to be checked on every visit', async () => {
    const page = await suite.open();
    const answer = await page.request.get('/sw.js');
    expect(answer.status()).toBe(200);
    expect(answer.headers()['cache-control']).toBe('no-cache');
    await page.goto('/sign-in');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(manifestHref!)).json();
    expect(manifest.lang).toBe('vi');
    expect(manifest.icons.map((icon: { sizes: string; purpose?: string }) => `${icon.sizes}${icon.purpose ? ` ${icon.purpose}` : ''}`)).toEqual([
      '192x192',
      '512x512',
      '512x512 maskable',
    ]);
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).headers()['content-type']).toBe('image/png');
  });
});

describe('offline capture in the club area', () => {
  it('records a meeting sheet and a home-care visit offline, keeps them through a reload, and sends each once when the connection returns', async () => {
    const today = todayInVietnam();
    const meetingsBefore = await count(`select count(*) from activity where monthly_meeting and held_on = $1`, [today]);
    const visitsBefore = await count('select count(*) from home_care_visit');
    const page = await clubPhone();

    // Seen once with a connection: the sheet of today and the home-care form's lists, each kept on
    // the phone before the next page is loaded (a load ends what the page was still writing).
    await page.goto('/club/meeting');
    await page.getByTestId('attendance-member').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => copiesKept(page, 'ClubMeetingSheet'), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.goto('/club/home-care');
    await page.getByTestId('home-care-open').click();
    await page.getByTestId('home-care-volunteer').click();
    await page.getByRole('option').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('home-care-member').click();
    await page.getByRole('option').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => copiesKept(page, 'ClubMemberOptions'), { timeout: 30_000 }).toBeGreaterThan(1);

    await page.context().setOffline(true);

    await page.goto('/club/meeting');
    await page.getByTestId('attendance-member').first().click({ timeout: 30_000 });
    expect(await page.getByTestId('attendance-count').textContent()).toMatch(/^Có mặt: 1\//);
    await page.getByTestId('meeting-submit').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');

    await page.goto('/club/home-care');
    await page.getByTestId('home-care-open').click();
    await pickFirstOption(page, 'home-care-volunteer');
    await pickFirstOption(page, 'home-care-member');
    await page.getByTestId('home-care-kind-HEALTH_CHECK').click();
    await page.getByTestId('home-care-submit').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('2 chờ gửi');

    // Reloaded without a connection: the page opens, and shows what it shows from the phone as of when.
    await page.reload();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('2 chờ gửi');
    expect(await page.getByTestId('offline-copies').textContent()).toMatch(/Cập nhật lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    await outboxCount(page).click();
    expect(await page.getByTestId('outbox-item').evaluateAll((items) => items.map((item) => [item.getAttribute('data-kind'), item.getAttribute('data-state')]))).toEqual([
      ['meetingSheet', 'waiting'],
      ['homeCareVisit', 'waiting'],
    ]);
    await page.keyboard.press('Escape');
    // Nothing reached the server while offline.
    expect(await count(`select count(*) from activity where monthly_meeting and held_on = $1`, [today])).toBe(meetingsBefore);

    await page.context().setOffline(false);
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await count(`select count(*) from activity where monthly_meeting and held_on = $1`, [today])).toBe(meetingsBefore + 1);
    expect(await count('select count(*) from home_care_visit')).toBe(visitsBefore + 1);

    // Opened again online, nothing is sent twice.
    await page.reload();
    await page.getByTestId('home-care-open').waitFor({ timeout: 30_000 });
    expect(await outboxCount(page).count()).toBe(0);
    expect(await page.getByTestId('offline-copies').count()).toBe(0);
    expect(await count(`select count(*) from activity where monthly_meeting and held_on = $1`, [today])).toBe(meetingsBefore + 1);
    expect(await count('select count(*) from home_care_visit')).toBe(visitsBefore + 1);
  });

  it('keeps a repayment refused on arrival with the server’s message, to correct and send again, or to discard on purpose', async () => {
    const { loanId } = await runningLoan();
    const page = await clubPhone();
    await page.goto(`/club/loans/${loanId}`);
    await page.getByTestId('loan-action-repay').waitFor({ timeout: 30_000 });

    const repayOffline = async (principal: string) => {
      await page.context().setOffline(true);
      await page.getByTestId('loan-action-repay').click();
      await page.getByTestId('loan-action-principal').fill(principal);
      await page.getByTestId('loan-action-submit').click();
      await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');
      await page.context().setOffline(false);
      await expect.poll(() => outboxCount(page).getAttribute('data-refused'), { timeout: 30_000 }).toBe('true');
    };

    // More than is owed: refused on arrival, and kept with why.
    await repayOffline('5000000');
    await outboxCount(page).click();
    const item = page.getByTestId('outbox-item');
    await expect.poll(() => item.getAttribute('data-state')).toBe('refused');
    expect(await item.getByTestId('outbox-message').textContent()).toBe('Vượt quá số còn nợ (1.200.000 ₫); số tiền ghi trả là 5.000.000 ₫.');
    expect(await loanStanding(loanId)).toEqual({ outstanding: 1_200_000, repayments: 0 });

    // Corrected in the outbox and sent again: recorded once.
    await item.getByTestId('outbox-correct').click();
    await item.getByTestId('outbox-principal').fill('100000');
    await item.getByTestId('outbox-resend').click();
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await loanStanding(loanId)).toEqual({ outstanding: 1_100_000, repayments: 1 });

    // Refused again, then discarded after saying so: nothing more is recorded.
    await repayOffline('9000000');
    await outboxCount(page).click();
    await item.getByTestId('outbox-discard').click();
    expect(await page.getByRole('dialog', { name: 'Bỏ mục này?' }).textContent()).toContain('không được gửi đi');
    await page.getByTestId('outbox-discard-confirm').click();
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await loanStanding(loanId)).toEqual({ outstanding: 1_100_000, repayments: 1 });
  });

  it('keeps a new member refused on arrival (the board seat is taken), to correct in the member form and record once under its key', async () => {
    const fullName = `Lý Thị Ngoại Tuyến ${randomUUID().slice(0, 6).toUpperCase()}`;
    const [head] = await suite.database().owner.query(
      `select member.full_name from member join club on club.id = member.club_id
        where club.name = $1 and member.board_role = 'HEAD' and member.left_on is null`,
      [KIEN_LUONG_CLUB],
    );
    expect(head?.full_name).toBeTruthy();
    const membersNamed = () => count('select count(*) from member where full_name = $1', [fullName]);
    const page = await clubPhone();
    await page.goto('/club/members/new');
    await page.getByTestId('member-full-name').waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    await page.getByTestId('member-full-name').fill(fullName);
    await page.getByTestId('member-sex').getByText('Nữ', { exact: true }).click();
    await page.getByTestId('member-birth-year').fill('1955');
    await page.getByTestId('member-board-role').selectOption('HEAD');
    await page.getByTestId('member-save').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');

    // The club has its head already: refused on arrival, and kept with why.
    await page.context().setOffline(false);
    await expect.poll(() => outboxCount(page).getAttribute('data-refused'), { timeout: 30_000 }).toBe('true');
    await outboxCount(page).click();
    const item = page.getByTestId('outbox-item');
    expect(await item.getAttribute('data-kind')).toBe('member');
    expect(await item.getByTestId('outbox-message').textContent()).toBe(`Vị trí này đang do ${head.full_name} đảm nhận.`);
    expect(await membersNamed()).toBe(0);

    // "Sửa" opens the member form as it was written, with the server's words.
    await item.getByTestId('outbox-correct').click();
    await page.getByTestId('member-form-error').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/club/members/new');
    expect(await page.getByTestId('member-form-error').textContent()).toContain(`Vị trí này đang do ${head.full_name} đảm nhận.`);
    expect(await page.getByTestId('member-full-name').inputValue()).toBe(fullName);
    expect(await page.getByTestId('member-birth-year').inputValue()).toBe('1955');
    expect(await page.getByTestId('member-board-role').inputValue()).toBe('HEAD');
    // Until the corrected member is saved, the refused item stays on the phone.
    expect(await outboxCount(page).textContent()).toBe('1 chờ gửi');

    await page.getByTestId('member-board-role').selectOption('');
    await page.getByTestId('member-save').click();
    await page.getByTestId('member-edit').waitFor({ timeout: 30_000 });
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await membersNamed()).toBe(1);
    const [saved] = await suite.database().owner.query('select board_role from member where full_name = $1', [fullName]);
    expect(saved.board_role).toBeNull();

    // Opened again, nothing is sent twice.
    await page.reload();
    await page.getByTestId('member-edit').waitFor({ timeout: 30_000 });
    expect(await outboxCount(page).count()).toBe(0);
    expect(await membersNamed()).toBe(1);
  });

  it('holds what one account recorded while another is signed in on the phone, and sends it once its author signs in again', async () => {
    const description = `Góp quỹ của người khác ${randomUUID().slice(0, 6)}`;
    const recorded = () => count('select count(*) from ledger_entry where description = $1', [description]);
    const page = await clubPhone();
    await page.goto('/club/funds?fund=ACTIVITY');
    await page.getByTestId('fund-entry-open').waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    await page.getByTestId('fund-entry-open').click();
    await page.getByTestId('fund-entry-amount').fill('30000');
    await page.getByTestId('fund-entry-description').fill(description);
    await page.getByTestId('fund-entry-submit').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');

    // The session ends without signing out (it expired, the phone was handed over): nothing is cleared.
    const loseSession = () => page.evaluate(() => localStorage.removeItem('ishc.session'));
    await loseSession();
    await page.goto('/sign-in');
    await page.context().setOffline(false);
    await signIn(page, 'tucduyen.club');
    await page.getByTestId('club-card').or(page.getByTestId('fund-entry-open')).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');
    await outboxCount(page).click();
    const item = page.getByTestId('outbox-item');
    expect(await item.getAttribute('data-state')).toBe('held');
    expect(await item.getByTestId('outbox-held').textContent()).toBe(
      'Do Ban chủ nhiệm CLB thị trấn Kiên Lương ghi trên máy này. Mục chỉ được gửi khi Ban chủ nhiệm CLB thị trấn Kiên Lương đăng nhập lại.',
    );
    expect(await item.getByTestId('outbox-correct').count()).toBe(0);
    expect(await item.getByTestId('outbox-discard').count()).toBe(0);
    expect(await recorded()).toBe(0);
    // Not even when asked to send: only the signed-in account's own items go.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');
    expect(await recorded()).toBe(0);

    // Its author signs in again on the phone: it is sent, once.
    await loseSession();
    await signIn(page, 'kienluong.club');
    await page.getByTestId('club-card').or(page.getByTestId('fund-entry-open')).first().waitFor({ timeout: 30_000 });
    // Until the phone has read its outbox the count is not shown at all: wait for the entry itself
    // (what the treasurer waits for), then for the outbox to be empty, and see it recorded once.
    await expect.poll(recorded, { timeout: 30_000 }).toBe(1);
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    await page.reload();
    await page.getByTestId('club-card').or(page.getByTestId('fund-entry-open')).first().waitFor({ timeout: 30_000 });
    expect(await outboxCount(page).count()).toBe(0);
    expect(await recorded()).toBe(1);
  });

  it('shows another account signed in on the phone none of what was kept for the previous one', async () => {
    const page = await clubPhone();
    await page.goto('/club/funds?fund=ACTIVITY');
    await page.getByTestId('ledger-entry').first().waitFor({ timeout: 30_000 });
    const theirs = await page.getByTestId('ledger-entry-detail').allTextContents();
    expect(theirs.length).toBeGreaterThan(0);

    // Kiên Lương's session ends without signing out; Túc Duyên's staff sign in and lose the connection.
    await page.evaluate(() => localStorage.removeItem('ishc.session'));
    await page.goto('/sign-in');
    await signIn(page, 'tucduyen.club');
    await page.getByTestId('club-card').waitFor({ timeout: 30_000 });
    await page.context().setOffline(true);
    await page.goto('/club/funds?fund=ACTIVITY');
    // Nothing kept for this account: the ledger says it cannot be read, and shows no entry of the other club.
    await page.getByTestId('query-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ledger-entry').count()).toBe(0);
    await page.context().setOffline(false);
  });

  it('warns on signing out with items waiting, then clears what the phone keeps', async () => {
    const description = `Góp quỹ ngoại tuyến ${randomUUID().slice(0, 6)}`;
    const page = await clubPhone();
    await page.goto('/club/funds?fund=ACTIVITY');
    await page.getByTestId('fund-entry-open').waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    await page.getByTestId('fund-entry-open').click();
    await page.getByTestId('fund-entry-amount').fill('20000');
    await page.getByTestId('fund-entry-description').fill(description);
    await page.getByTestId('fund-entry-submit').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).toContain('ishc-offline');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    expect(await page.getByRole('dialog').textContent()).toContain('Còn 1 mục chờ gửi');
    await page.getByTestId('sign-out-confirm').click();
    await page.getByTestId('sign-in-login').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).not.toContain('ishc-offline');
    expect(await page.evaluate(() => localStorage.getItem('ishc.offlineCopies'))).toBeNull();

    // Back online and signed in again: nothing waits, and the contribution was never recorded.
    await page.context().setOffline(false);
    await signIn(page, 'kienluong.club');
    // Back where it was signed out from, the funds page.
    await page.getByTestId('fund-entry-open').waitFor({ timeout: 30_000 });
    expect(await outboxCount(page).count()).toBe(0);
    expect(await count('select count(*) from ledger_entry where description = $1', [description])).toBe(0);
  });
});
