/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { randomUUID } from 'node:crypto';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KIEN_LUONG_CLUB } from '../../server/seed/demo-accounts.js';
import { addDays, todayInVietnam } from '../../server/src/calendar.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';
import { keptCopies, outboxItems } from '../support/offline.js';

const suite = useBrowserSuite();

/** The phone the club area is made for: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

const RECORD_VISIT = `mutation ($input: RecordHomeCareVisitInput!) { recordHomeCareVisit(input: $input) { id visitedOn } }`;

async function call<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await suite.server().gql<T>(query, variables, token);
  expect(result.errors, result.raw).toBeUndefined();
  return result.data!;
}

/** "2026-12-07" as the form shows and takes it: "07/12/2026". */
function displayDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

function outboxCount(page: Page) {
  return page.getByTestId('outbox-count');
}

/** The page's own call recording a home-care visit, answered by the server. */
function visitRecordingAnswered(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().postDataJSON()?.operationName === 'RecordHomeCareVisit');
}

describe('a home-care visit refused on arrival', () => {
  it('is corrected in the visit form as it was written, with the server’s words, and recorded once under its key', async () => {
    const today = todayInVietnam();
    const dayBefore = addDays(today, -1);
    const staff = await suite.server().signIn('kienluong.club');
    const notes = `Đo huyết áp, nhắc uống thuốc ${randomUUID().slice(0, 6)}`;

    // A member who joined today and needs home care; a volunteer of the club for years.
    const memberName = `Thạch Thị Thăm Nhà ${randomUUID().slice(0, 6).toUpperCase()}`;
    const { createMember } = await call<{ createMember: { id: string } }>(staff, 'mutation ($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
      input: { fullName: memberName, sex: 'FEMALE', birthYear: 1938, joinedOn: today, needsHomeCare: true },
    });
    const [volunteer] = await suite.database().owner.query(
      `select member.full_name, member.birth_year from member join club on club.id = member.club_id
        where club.name = $1 and member.home_care_volunteer and member.left_on is null and member.joined_on < $2
        order by member.joined_on, member.full_name limit 1`,
      [KIEN_LUONG_CLUB, dayBefore],
    );
    expect(volunteer?.full_name).toBeTruthy();
    const volunteerLabel = `${volunteer.full_name} (${volunteer.birth_year})`;
    const memberLabel = `${memberName} (1938)`;
    const visits = () =>
      suite.database().owner.query('select id, visited_on::text as visited_on, notes from home_care_visit where member_id = $1', [createMember.id]) as Promise<
        Array<{ id: string; visited_on: string; notes: string }>
      >;

    // Signed in with a connection: the service worker takes over, and the visit form's lists are kept on the phone.
    const page = await suite.open(SMALL_PHONE);
    await signIn(page, 'kienluong.club');
    await page.getByTestId('club-card').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.goto('/club/home-care');
    await page.getByTestId('home-care-open').click();
    await page.getByTestId('home-care-volunteer').click();
    await page.getByRole('option', { name: volunteerLabel }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('home-care-member').click();
    await page.getByRole('option', { name: memberLabel }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    const keptList = async (variables: Record<string, unknown>, name: string) =>
      (await keptCopies(page, 'ClubMemberOptions')).some(
        (copy) => Object.entries(variables).every(([key, value]) => copy.variables[key] === value) && JSON.stringify(copy.data).includes(name),
      );
    await expect.poll(() => keptList({ homeCareVolunteer: true }, volunteer.full_name), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => keptList({ needsHomeCare: true }, memberName), { timeout: 30_000 }).toBe(true);

    // At the member's home without a signal: the app opens from the phone and the visit is written
    // with the day before she joined (a slip of the finger), kept in the outbox.
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('home-care-open').click({ timeout: 30_000 });
    await page.getByTestId('home-care-volunteer').click();
    await page.getByRole('option', { name: volunteerLabel }).click();
    await page.getByTestId('home-care-member').click();
    await page.getByRole('option', { name: memberLabel }).click();
    await page.getByTestId('home-care-visited-on').fill(displayDay(dayBefore));
    await page.getByTestId('home-care-kind-HEALTH_CHECK').click();
    await page.getByTestId('home-care-notes').fill(notes);
    await page.getByTestId('home-care-submit').click();
    await expect.poll(() => outboxCount(page).textContent(), { timeout: 30_000 }).toBe('1 chờ gửi');
    const [kept] = await outboxItems(page);
    expect(kept).toMatchObject({ kind: 'homeCareVisit', state: 'waiting', title: `Thăm nhà ngày ${displayDay(dayBefore)}` });
    const key = kept.variables.input.idempotencyKey;

    // The signal returns: the server refuses the visit, and the outbox keeps it with why.
    const refusal = visitRecordingAnswered(page);
    await page.context().setOffline(false);
    const refused = await (await refusal).json();
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await expect.poll(() => outboxCount(page).getAttribute('data-refused'), { timeout: 30_000 }).toBe('true');
    await outboxCount(page).click();
    const item = page.getByTestId('outbox-item');
    expect(await item.getAttribute('data-kind')).toBe('homeCareVisit');
    expect(await item.getAttribute('data-state')).toBe('refused');
    expect(await item.getByTestId('outbox-message').textContent()).toBe('Người này không phải thành viên câu lạc bộ vào ngày đó.');
    expect(await visits()).toEqual([]);

    // "Sửa" opens the visit form as it was written, with the server's words.
    await item.getByTestId('outbox-correct').click();
    await page.getByTestId('home-care-error').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/club/home-care');
    expect(await page.getByTestId('home-care-error').textContent()).toContain('Người này không phải thành viên câu lạc bộ vào ngày đó.');
    await expect.poll(() => page.getByTestId('home-care-volunteer').inputValue(), { timeout: 30_000 }).toBe(volunteerLabel);
    await expect.poll(() => page.getByTestId('home-care-member').inputValue(), { timeout: 30_000 }).toBe(memberLabel);
    expect(await page.getByTestId('home-care-visited-on').inputValue()).toBe(displayDay(dayBefore));
    expect(await page.getByTestId('home-care-kind-HEALTH_CHECK').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('home-care-kind-HOUSEWORK').locator('input').isChecked()).toBe(false);
    expect(await page.getByTestId('home-care-notes').inputValue()).toBe(notes);
    // Until the corrected visit is saved, the refused item stays on the phone.
    expect(await outboxCount(page).textContent()).toBe('1 chờ gửi');

    // The day corrected to today, and saved: recorded under the item's own key, and the item leaves the outbox.
    await page.getByTestId('home-care-visited-on').fill(displayDay(today));
    const recording = visitRecordingAnswered(page);
    await page.getByTestId('home-care-submit').click();
    const recorded = await recording;
    const sent = recorded.request().postDataJSON().variables as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({ idempotencyKey: key, visitedOn: today, notes, kinds: ['HEALTH_CHECK'], memberId: createMember.id });
    const { data } = await recorded.json();
    expect(data.recordHomeCareVisit.visitedOn).toBe(today);
    await outboxCount(page).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('home-care-visit').filter({ hasText: memberName }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('home-care-error').count()).toBe(0);

    // One visit, on the corrected day, as the staff read it through the API.
    const read = () =>
      call<{ homeCareVisits: { totalCount: number; edges: Array<{ node: { id: string; visitedOn: string; notes: string } }> } }>(
        staff,
        'query ($memberId: ID) { homeCareVisits(first: 10, memberId: $memberId) { totalCount edges { node { id visitedOn notes } } } }',
        { memberId: createMember.id },
      );
    expect((await read()).homeCareVisits).toEqual({ totalCount: 1, edges: [{ node: { id: data.recordHomeCareVisit.id, visitedOn: today, notes } }] });
    expect(await visits()).toEqual([{ id: data.recordHomeCareVisit.id, visited_on: today, notes }]);

    // Sent again under the same key (an answer lost on the way): the same visit comes back, and nothing more is recorded.
    const { recordHomeCareVisit: again } = await call<{ recordHomeCareVisit: { id: string; visitedOn: string } }>(staff, RECORD_VISIT, sent);
    expect(again).toEqual({ id: data.recordHomeCareVisit.id, visitedOn: today });
    expect((await read()).homeCareVisits.totalCount).toBe(1);

    // Opened again, nothing waits and nothing is sent twice.
    await page.reload();
    await page.getByTestId('home-care-visit').filter({ hasText: memberName }).waitFor({ timeout: 30_000 });
    expect(await outboxCount(page).count()).toBe(0);
    expect(await outboxItems(page)).toEqual([]);
    expect(await visits()).toHaveLength(1);
  });
});
