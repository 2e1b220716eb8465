import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import axe from 'axe-core';

/**
 * How the browser tests run axe: against WCAG 2.2 A and AA, asking only for
 * violations, since no test asserts anything about the rules a page passes.
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * The WCAG rules whose outcome can differ between the light and the dark
 * scheme: the ones axe files under colour (`cat.color`: text contrast, links
 * told from text by colour alone). Read from axe's own metadata, so a colour
 * rule a new axe adds is included.
 */
export const COLOUR_RULES = axe
  .getRules(WCAG_TAGS)
  .filter((rule) => rule.tags.includes('cat.color'))
  .map((rule) => rule.ruleId);

/**
 * The page's axe violations as it stands, one line per rule naming the first
 * nodes it flags; empty when the page is clean. Every WCAG 2.2 A/AA rule, or
 * only `rules`.
 *
 * A page with no frames is checked by `axe.run` inside it (the builder's
 * legacy mode). The default mode runs axe in each frame and merges the parts
 * in a blank page it opens for that, which costs a second or more a check and
 * is only needed to reach frames of another origin, so a page with frames
 * keeps it.
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode(page.frames().length === 1);
  const results = await (rules ? builder.withRules([...rules]) : builder.withTags(WCAG_TAGS)).analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}

/** The DOM as markup, and where every element sits: what every axe rule but the colour ones reads. */
const domAndLayout = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('*')]
        .map((e) => {
          const r = e.getBoundingClientRect();
          return `${r.x},${r.y},${r.width},${r.height}`;
        })
        .join(' '),
  );
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/**
 * Switches a page checked in the light scheme to the dark one and returns the
 * violations of the colour rules (COLOUR_RULES) there. Every other rule reads
 * the DOM and the layout, and the scheme changes neither: the site's themes
 * are CSS only (`light-dark()` values of colour properties, under
 * `color-scheme`) and no script reads the scheme. This asserts so before it
 * relies on it: the same markup, every element in the same place, another
 * background.
 */
export async function darkSchemeViolations(page: Page): Promise<string[]> {
  const light = { dom: await domAndLayout(page), background: await background(page) };
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page), 'the dark scheme took effect').not.toBe(light.background);
  expect((await domAndLayout(page)) === light.dom, 'the dark scheme changed only colours, not the DOM or the layout').toBe(true);
  return axeViolations(page, COLOUR_RULES);
}

/**
 * Two tests on one page that `open` loads and prepares once, in the light
 * scheme: every WCAG 2.2 A/AA rule; then, switched on the same page, the dark
 * scheme's colour rules (darkSchemeViolations).
 */
export function inBothSchemes(title: (scheme: 'light' | 'dark') => string, open: (page: Page) => Promise<void>): void {
  test.describe(() => {
    // The dark test reads the page the light one checked: one worker, in order.
    test.describe.configure({ mode: 'serial' });
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await browser.newPage();
      await page.emulateMedia({ colorScheme: 'light' });
      await open(page);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    test(title('light'), async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test(title('dark'), async () => {
      expect(await darkSchemeViolations(page)).toEqual([]);
    });
  });
}
