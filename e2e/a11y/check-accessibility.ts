import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export interface AccessibilityProblem {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const schemes = ['light', 'dark'] as const;

/**
 * Runs axe-core on the page as it is now, once in the light and once in the dark colour scheme
 * (prefers-color-scheme, which the stylesheet follows), and returns the serious and critical
 * violations. Minor and moderate findings are not failures but are worth reading in the report.
 */
export async function seriousViolations(page: Page, screen: string): Promise<AccessibilityProblem[]> {
  const problems: AccessibilityProblem[] = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    // Only violations are read; skipping the details of passes makes each run faster. Legacy mode
    // runs axe in the page itself instead of finishing in a blank page it opens beside it: the same
    // findings for a page without frames (the app has none), in well under half the time.
    const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode().analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      problems.push({
        screen: `${screen} (${colorScheme})`,
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

/**
 * No serious axe finding, light and dark, at 1024 and at 480 px wide, and nothing wider than the
 * window at either; the page is left at 1280 px, the width the specs start at.
 */
export async function expectAccessibleAtWidths(page: Page, screen: string): Promise<void> {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await seriousViolations(page, `${screen} at ${width} px`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen} is wider than the ${width} px window`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
