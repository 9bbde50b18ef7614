/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate, formatVnd } from '../../client/src/app/format.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** The club's staff with the browser's print dialog replaced by a counter: headless Chromium has none to open. */
async function openAsClubStaff(options: Parameters<typeof suite.open>[0] = {}): Promise<Page> {
  const page = await suite.open(options);
  await page.addInitScript(() => {
    const counted = window as unknown as { printCalls: number };
    counted.printCalls = 0;
    window.print = () => {
      counted.printCalls += 1;
    };
  });
  await signIn(page, 'kienluong.club');
  await page.getByTestId('area-club').waitFor();
  return page;
}

function printCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { printCalls: number }).printCalls);
}

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const server = suite.server();
  const answer = await server.gql<T>(query, variables, await server.signIn('kienluong.club'));
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

interface Club {
  name: string;
  commune: { name: string; fullName: string };
  board: Array<{ fullName: string; boardRole: string }>;
}

const CLUB = '{ name commune { name fullName } board { fullName boardRole } }';

function boardMember(club: Club, role: string): string {
  return club.board.find((member) => member.boardRole === role)!.fullName;
}

/**
 * Printed, the page shows the paper alone: no header, menu or button, black on white. The PDF's
 * pages are A4, across or down.
 */
async function checkPrinted(page: Page, paperTestId: string, orientation: 'portrait' | 'landscape'): Promise<void> {
  const shown = async () => ({
    banner: await page.getByRole('banner').count(),
    navigation: await page.getByRole('navigation').count(),
    buttonsAndLinks: await page.locator('button:visible, a:visible').count(),
  });
  const onScreen = await shown();
  expect(onScreen.banner).toBeGreaterThan(0);
  expect(onScreen.buttonsAndLinks).toBeGreaterThan(0);
  await page.emulateMedia({ media: 'print' });
  expect(await shown()).toEqual({ banner: 0, navigation: 0, buttonsAndLinks: 0 });
  const paper = page.getByTestId(paperTestId);
  expect(await paper.isVisible()).toBe(true);
  expect(await paper.evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  // The tables' headings repeat on every printed page.
  expect(await paper.locator('thead').first().evaluate((element) => getComputedStyle(element).display)).toBe('table-header-group');

  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((match) => [Number(match[1]), Number(match[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  // A4 is 595 × 842 points.
  for (const [width, height] of boxes) {
    const [short, long] = [Math.min(width, height), Math.max(width, height)];
    expect(Math.round(short)).toBeGreaterThanOrEqual(594);
    expect(Math.round(short)).toBeLessThanOrEqual(596);
    expect(Math.round(long)).toBeGreaterThanOrEqual(841);
    expect(Math.round(long)).toBeLessThanOrEqual(843);
    expect(width > height ? 'landscape' : 'portrait').toBe(orientation);
  }
  await page.emulateMedia({ media: 'screen' });
}

async function signatures(page: Page): Promise<Array<{ role: string; name: string }>> {
  return page.getByTestId('print-signature').evaluateAll((blocks) =>
    blocks.map((block) => ({ role: block.firstElementChild?.textContent ?? '', name: block.querySelector('[data-testid="print-signer-name"]')?.textContent ?? '' })),
  );
}

describe('papers to print', () => {
  it('prints the meeting sheet of the day: every member in roster order with what is due, columns to tick and write in, and signature lines', async () => {
    const page = await openAsClubStaff();
    await page.getByTestId('nav-meeting').click();
    await page.getByTestId('meeting-held-on').waitFor();
    await page.getByTestId('meeting-print').click();
    const paper = page.getByTestId('print-meeting-sheet');
    await expect.poll(() => paper.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => printCalls(page)).toBe(1);
    const day = new URL(page.url()).searchParams.get('day')!;
    expect(new URL(page.url()).pathname).toBe('/club/meeting/print');
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const { meetingSheet: sheet, myClub: club } = await api<{
      meetingSheet: {
        members: Array<{ id: string; fullName: string }>;
        loans: Array<{
          status: string;
          member: { id: string };
          standing: { outstandingPrincipal: number; interestRemaining: number; arrears: number; nextDue: { principal: number; interest: number } | null };
        }>;
      };
      myClub: Club;
    }>(
      `query($day: LocalDate!) {
         meetingSheet(heldOn: $day) { members { id fullName } loans { status member { id } standing(asOf: $day) { outstandingPrincipal interestRemaining arrears nextDue { principal interest } } } }
         myClub ${CLUB}
       }`,
      { day },
    );
    expect(await page.getByTestId('print-club').textContent()).toBe(club.name);
    expect(await page.getByTestId('print-place').textContent()).toContain(club.commune.fullName);
    expect(await page.getByTestId('print-subtitle').textContent()).toBe(`Ngày sinh hoạt: ${formatDate(day)}`);

    // Every member of the day, in the roster's order.
    const rows = page.getByTestId('print-member-row');
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-member-id')))).toEqual(sheet.members.map((member) => member.id));
    expect(await page.getByTestId('print-member-name').allTextContents()).toEqual(sheet.members.map((member) => member.fullName));

    // What each borrower is asked for: the next instalment, never more than is owed, and what is overdue.
    const running = sheet.loans.filter((loan) => loan.status === 'DISBURSED');
    expect(running.length).toBeGreaterThan(0);
    const smaller = (left: number, right: number) => Math.min(left, right);
    for (const loan of running.slice(0, 5)) {
      const row = page.locator(`[data-testid="print-member-row"][data-member-id="${loan.member.id}"]`);
      const standing = loan.standing;
      const principal = standing.nextDue ? smaller(standing.nextDue.principal, standing.outstandingPrincipal) : standing.outstandingPrincipal;
      const interest = standing.nextDue ? smaller(standing.nextDue.interest, standing.interestRemaining) : standing.interestRemaining;
      expect(await row.getByTestId('print-due-amounts').allTextContents()).toContain(`Gốc ${formatVnd(principal)} · Lãi ${formatVnd(interest)}`);
      if (standing.arrears > 0) expect(await row.getByTestId('print-arrears').allTextContents()).toContain(`Nợ quá hạn ${formatVnd(standing.arrears)}`);
    }
    const borrowers = new Set(running.map((loan) => loan.member.id));
    const nonBorrower = sheet.members.find((member) => !borrowers.has(member.id))!;
    expect(await page.locator(`[data-testid="print-member-row"][data-member-id="${nonBorrower.id}"]`).getByTestId('print-due').count()).toBe(0);

    // Present, principal, interest, contribution and signature are left empty to fill in by hand.
    const headings = await page.getByTestId('print-meeting-table').locator('thead th').allTextContents();
    expect(headings).toEqual(['STT', 'Họ và tên', 'Năm sinh', 'Có mặt', 'Đến hạn trả', 'Gốc đã trả', 'Lãi, phí đã trả', 'Góp quỹ', 'Ký tên']);
    const cells = await rows.first().locator('td').allTextContents();
    for (const blank of [3, 5, 6, 7, 8]) expect(cells[blank]).toBe('');

    expect(await signatures(page)).toEqual([
      { role: 'Thư ký', name: boardMember(club, 'SECRETARY') },
      { role: 'Thủ quỹ', name: boardMember(club, 'TREASURER') },
      { role: 'Chủ nhiệm', name: boardMember(club, 'HEAD') },
    ]);
    await checkPrinted(page, 'print-meeting-sheet', 'landscape');

    // Printed ahead of a meeting: another day is chosen on the screen, and its members and dues follow it.
    await page.getByTestId('print-day').fill('');
    await page.getByTestId('print-day').pressSequentially('05012027');
    await expect.poll(() => new URL(page.url()).searchParams.get('day')).toBe('2027-01-05');
    await expect.poll(() => page.getByTestId('print-subtitle').textContent()).toBe('Ngày sinh hoạt: 05/01/2027');
    await page.getByTestId('print-now').click();
    await expect.poll(() => printCalls(page)).toBe(2);
  });

  it('prints the member list with the club’s name and the day it was printed', async () => {
    const page = await openAsClubStaff();
    await page.getByTestId('nav-members').click();
    await page.getByTestId('members-total').waitFor();
    await page.getByTestId('members-print').click();
    const paper = page.getByTestId('print-member-list');
    await expect.poll(() => paper.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => printCalls(page)).toBe(1);

    const { members, myClub: club } = await api<{
      members: { totalCount: number; edges: Array<{ node: { id: string; fullName: string; sex: string; boardRole: string | null; poorHousehold: boolean; nearPoorHousehold: boolean; phone: string | null } }> };
      myClub: Club;
    }>(`{ members(first: 100) { totalCount edges { node { id fullName sex boardRole poorHousehold nearPoorHousehold phone } } } myClub ${CLUB} }`);
    const roster = members.edges.map((edge) => edge.node);
    expect(roster.length).toBe(members.totalCount);
    expect(await page.getByTestId('print-club').textContent()).toBe(club.name);
    expect(await page.getByTestId('print-place').textContent()).toContain(club.commune.fullName);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await page.getByTestId('print-subtitle').textContent()).toBe(`Ngày in: ${formatDate(today)}`);

    expect(await page.getByTestId('print-member-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-member-id')))).toEqual(roster.map((member) => member.id));
    const rowOf = (id: string) => page.locator(`[data-testid="print-member-row"][data-member-id="${id}"]`);
    const head = roster.find((member) => member.boardRole === 'HEAD')!;
    expect(await rowOf(head.id).getByTestId('print-member-board-role').textContent()).toBe('Chủ nhiệm');
    const poor = roster.find((member) => member.poorHousehold)!;
    expect(await rowOf(poor.id).getByTestId('print-member-household').textContent()).toBe('Hộ nghèo');
    const nearPoor = roster.find((member) => member.nearPoorHousehold)!;
    expect(await rowOf(nearPoor.id).getByTestId('print-member-household').textContent()).toBe('Hộ cận nghèo');
    const withPhone = roster.find((member) => member.phone)!;
    expect(await rowOf(withPhone.id).textContent()).toContain(withPhone.phone);
    const women = roster.filter((member) => member.sex === 'FEMALE').length;
    expect(await page.getByTestId('print-members-total').textContent()).toContain(`Tổng số: ${roster.length} người, trong đó nữ ${women} người`);
    expect(await signatures(page)).toEqual([{ role: 'Chủ nhiệm', name: head.fullName }]);
    await checkPrinted(page, 'print-member-list', 'portrait');

    await page.getByTestId('print-back').click();
    await page.getByTestId('members-total').waitFor();
    expect(new URL(page.url()).pathname).toBe('/club/members');
  });

  it('prints the monthly report with the figures the report page shows, its state and dates, and signature lines for the head and the treasurer', async () => {
    const { monthlyReports } = await api<{ monthlyReports: { edges: Array<{ node: { month: string; status: string } }> } }>('{ monthlyReports(first: 24) { edges { node { month status } } } }');
    const approved = monthlyReports.edges.map((edge) => edge.node).find((report) => report.status === 'APPROVED')!;
    const month = approved.month;
    const page = await openAsClubStaff();
    await page.goto(`/club/reports?month=${month}`);
    await page.getByTestId('report-figures').waitFor();
    const figuresOnPage = () =>
      page.getByTestId('report-figures').locator('[data-testid$="-value"]').evaluateAll((values) => values.map((value) => [value.getAttribute('data-testid'), value.textContent]));
    const shown = await figuresOnPage();
    expect(shown.length).toBeGreaterThan(20);
    const stateOnPage = await page.getByTestId('report-state').textContent();

    await page.getByTestId('report-print').click();
    const paper = page.getByTestId('print-monthly-report');
    await expect.poll(() => paper.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => printCalls(page)).toBe(1);
    expect(new URL(page.url()).searchParams.get('month')).toBe(month);

    const { monthlyReport: report, myClub: club } = await api<{ monthlyReport: { dueOn: string; figures: { members: number; outstandingPrincipal: number } }; myClub: Club }>(
      `query($month: Month!) { monthlyReport(month: $month) { dueOn figures { members outstandingPrincipal } } myClub ${CLUB} }`,
      { month },
    );
    const [year, monthNumber] = month.split('-');
    expect(await page.getByTestId('print-title').textContent()).toBe(`Báo cáo hoạt động tháng ${monthNumber}/${year}`);
    expect(await page.getByTestId('print-club').textContent()).toBe(club.name);
    expect(await page.getByTestId('print-place').textContent()).toContain(club.commune.fullName);
    expect(await paper.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');

    // The same figures as the report page, which are the API's.
    const printed = await page.getByTestId('print-report-figures').locator('[data-testid$="-value"]').evaluateAll((values) =>
      values.map((value) => [value.getAttribute('data-testid')!.replace(/^print-/, ''), value.textContent]),
    );
    expect(printed).toEqual(shown);
    expect(await page.getByTestId('print-figure-members-value').textContent()).toBe(`${report.figures.members} người`);
    expect(await page.getByTestId('print-figure-outstandingPrincipal-value').textContent()).toBe(formatVnd(report.figures.outstandingPrincipal));

    // Its state and days, as the report page gives them.
    expect(await page.getByTestId('print-report-status').textContent()).toMatch(/^Đã duyệt/);
    expect(await page.getByTestId('print-report-due').textContent()).toBe(formatDate(report.dueOn));
    for (const key of ['submitted', 'decided']) {
      const when = await page.getByTestId(`print-report-${key}`).textContent();
      expect(when).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(stateOnPage).toContain(when);
    }
    expect(await signatures(page)).toEqual([
      { role: 'Thủ quỹ', name: boardMember(club, 'TREASURER') },
      { role: 'Chủ nhiệm', name: boardMember(club, 'HEAD') },
    ]);
    expect(await page.getByTestId('print-place-and-date').textContent()).toMatch(new RegExp(`^${club.commune.name}, ngày \\d{2} tháng \\d{2} năm \\d{4}$`));
    await checkPrinted(page, 'print-monthly-report', 'portrait');
  });

  it('shows a paper on a phone inside its own box, the page itself no wider than the screen', async () => {
    const page = await openAsClubStaff(PHONE);
    await page.goto('/club/meeting/print');
    await expect.poll(() => page.getByTestId('print-meeting-sheet').getAttribute('aria-busy')).toBe('false');
    // Opened by its address rather than by the button: nothing is sent to the printer unasked.
    expect(await printCalls(page)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
