import type { Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useBrowserSuite } from '../support/browser.js';
import { readClientDocuments } from '../support/client-documents.js';

/** As deployed: in production the server takes from a caller without an account only the client's operations. */
const suite = useBrowserSuite({ production: true });

const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } as const;

interface SentOperation {
  query?: unknown;
  extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: unknown } };
}

describe('the client against a server in production mode', () => {
  it('signs in, reads the club’s pages, saves a meeting sheet and reloads, sending every operation by its id alone', async () => {
    const documents = readClientDocuments();
    const page = await suite.open(SMALL_PHONE);
    const sent: SentOperation[] = [];
    const answered: Array<Promise<string[]>> = [];
    page.on('request', (request: Request) => {
      if (new URL(request.url()).pathname === '/graphql') sent.push(request.postDataJSON() as SentOperation);
    });
    page.on('response', (response: Response) => {
      if (new URL(response.url()).pathname !== '/graphql') return;
      answered.push(
        response.json().then(
          (body: { errors?: Array<{ extensions?: { code?: string } }> }) => (body.errors ?? []).map((error) => String(error.extensions?.code)),
          // An answer still arriving when the page reloads has no body left to read.
          () => [],
        ),
      );
    });

    await signIn(page, 'kienluong.club');
    await page.getByTestId('club-card').waitFor();
    await page.getByTestId('shortcut-meeting').click();
    await page.getByTestId('attendance-member').first().click();
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-saved').waitFor();
    // Everything answered so far is read before the reload.
    expect((await Promise.all(answered.splice(0))).flat()).toEqual([]);
    // A reload reads who is signed in with the token (a plain fetch again).
    await page.reload();
    await page.getByTestId('attendance-member').first().waitFor();

    // Sign-in and who is signed in (plain fetches), the club's home, the sheet and its saving (Apollo Client).
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const operation of sent) {
      expect(operation.query).toBeUndefined();
      expect(operation.extensions?.persistedQuery?.version).toBe(1);
      expect(documents.has(String(operation.extensions?.persistedQuery?.sha256Hash))).toBe(true);
    }
    const names = sent.map((operation) => /(?:^| )(?:query|mutation) (\w+)/.exec(documents.get(String(operation.extensions?.persistedQuery?.sha256Hash)) ?? '')?.[1]);
    expect(names).toEqual(expect.arrayContaining(['SignIn', 'Me', 'MyClub', 'ClubMeetingSheet', 'SubmitMeetingSheet']));
    expect((await Promise.all(answered)).flat()).toEqual([]);
  });
});
