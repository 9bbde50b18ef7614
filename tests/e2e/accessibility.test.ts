import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AXE_CONTEXT, seriousAccessibilityProblems, smallTapTargets } from '../support/accessibility.js';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';

const suite = useBrowserSuite();

/** The phone the club area is made for: 360 × 740. */
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;
const DESKTOP = { viewport: { width: 1366, height: 768 } } as const;

/** Records of the demo's Kiên Lương club that its pages open, by the placeholder in the paths below. */
const records: Record<string, string> = {};

beforeAll(async () => {
  const token = await suite.server().signIn('kienluong.club');
  const result = await suite.server().gql<{
    members: { edges: Array<{ node: { id: string } }> };
    loans: { edges: Array<{ node: { id: string } }> };
    activities: { edges: Array<{ node: { id: string } }> };
  }>('query { members(first: 1) { edges { node { id } } } loans(first: 1) { edges { node { id } } } activities(first: 1) { edges { node { id } } } }', {}, token);
  expect(result.errors, result.raw).toBeUndefined();
  records[':member'] = result.data!.members.edges[0].node.id;
  records[':loan'] = result.data!.loans.edges[0].node.id;
  records[':activity'] = result.data!.activities.edges[0].node.id;
});

function pathOf(template: string): string {
  return template.replace(/:\w+/g, (placeholder) => records[placeholder]);
}

/** Signs in once per page checked: each check is its own test, with its own context. */
async function openAs(login: string, path: string, shownWhenLoaded: string, options: object): Promise<Page> {
  const page = await suite.open({ ...options, ...AXE_CONTEXT });
  await signIn(page, login);
  await page.getByTestId(/^area-/).waitFor({ timeout: 30_000 });
  await page.goto(path);
  await page.getByTestId(shownWhenLoaded).first().waitFor({ timeout: 30_000 });
  return page;
}

/** Every page of the club area, each with what shows once it has loaded. */
const clubPages: Array<[string, string]> = [
  ['/club', 'quality-checklist'],
  ['/club/members', 'member-row'],
  ['/club/members/new', 'member-save'],
  ['/club/members/:member', 'member-details'],
  ['/club/members/:member/edit', 'member-save'],
  ['/club/members/import', 'import-upload'],
  ['/club/meeting', 'attendance-member'],
  ['/club/loans', 'loan-portfolio'],
  ['/club/loans/new', 'loan-request-submit'],
  ['/club/loans/:loan', 'loan-status'],
  ['/club/funds', 'ledger'],
  ['/club/home-care', 'home-care-open'],
  ['/club/activities', 'activity-add'],
  ['/club/activities/new', 'activity-save'],
  ['/club/activities/:activity', 'activity-save'],
  ['/club/reports', 'report-figures'],
  ['/club/meeting/print', 'print-toolbar'],
  ['/club/members/print', 'print-toolbar'],
  ['/club/reports/print', 'print-toolbar'],
];

describe('the club area on a 360 × 740 phone', () => {
  it.each(clubPages)('%s: axe-core finds nothing serious or critical, and every control is at least 44 × 44 px', async (template, shownWhenLoaded) => {
    const page = await openAs('kienluong.club', pathOf(template), shownWhenLoaded, SMALL_PHONE);
    expect.soft(await seriousAccessibilityProblems(page)).toEqual([]);
    expect.soft(await smallTapTargets(page)).toEqual([]);
  });
});

describe('the province and national areas', () => {
  it.each([
    ['kiengiang', '/province/dashboard', 'area-province'],
    ['kiengiang', '/province/clubs', 'area-province'],
    ['kiengiang', '/province/reports', 'area-province'],
    ['kiengiang', '/province/schemes', 'area-province'],
    ['kiengiang', '/province/hierarchy', 'area-province'],
    ['national.viewer', '/national/comparison', 'area-national'],
    ['national.viewer', '/national/provinces', 'area-national'],
  ])('%s %s: axe-core finds nothing serious or critical', async (login, path, shownWhenLoaded) => {
    const page = await openAs(login, path, shownWhenLoaded, DESKTOP);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
