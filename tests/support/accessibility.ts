/// <reference lib="dom" />
// Page callbacks below run inside the browser, hence the DOM types.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/**
 * axe-core's own bundle, put into the page as a script. The page's Content-Security-Policy allows
 * no inline script, so the browser contexts that run it are opened with `bypassCSP`.
 */
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Opens a browser context in which axe can be put into the page. */
export const AXE_CONTEXT = { bypassCSP: true } as const;

export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  /** The selectors of the elements at fault, a few at most. */
  targets: string[];
}

interface AxeResultsInPage {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/**
 * What axe-core finds serious or critical on the page as it stands (WCAG 2.x A and AA rules and
 * axe's best practices), one line per rule. An empty list is a pass.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResultsInPage> } }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact!,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

export interface SmallTarget {
  text: string;
  width: number;
  height: number;
}

/**
 * Links, buttons and other controls drawn smaller than 44 × 44 CSS pixels, the size a finger hits
 * reliably (WCAG 2.5.5). A link inside a sentence is exempt, as WCAG has it; so are controls not drawn.
 */
export async function smallTapTargets(page: Page, minimum = 44): Promise<SmallTarget[]> {
  return page.evaluate((size) => {
    const selector = 'a[href], button, [role="button"], [role="tab"], [role="checkbox"], [role="menuitem"], select, input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])';
    const inSentence = (element: Element) => {
      const parent = element.parentElement;
      return element.tagName === 'A' && parent !== null && getComputedStyle(element).display === 'inline' && (parent.textContent ?? '').trim() !== (element.textContent ?? '').trim();
    };
    return Array.from(document.querySelectorAll(selector))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !element.closest('[aria-hidden="true"], [inert]');
      })
      .filter((element) => !inSentence(element))
      .map((element) => {
        const box = element.getBoundingClientRect();
        const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60) || element.outerHTML.slice(0, 80);
        return { text, width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 };
      })
      .filter((target) => target.width < size - 0.5 || target.height < size - 0.5);
  }, minimum);
}
