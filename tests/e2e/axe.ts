import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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
