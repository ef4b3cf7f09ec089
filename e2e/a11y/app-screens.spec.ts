import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from '../support/browser-host-process.js';
import { signInToSandbox, skipWizard } from '../support/sign-in.js';
import { testBots, testBotsDir } from '../support/test-bots.js';
import { seriousViolations, type AccessibilityProblem } from './check-accessibility.js';

/**
 * Accessibility: axe-core finds no serious or critical violation on any screen, in light and
 * dark. This journey visits the Overview with a live run, log search, the confirmation dialog,
 * history, audit, settings with the profile editor, and the signed-out Overview; each step
 * collects its findings and fails once with the full list. The wizard and sign-in states are in
 * wizard-screens.spec.ts.
 */
let host: BrowserHostProcess;
let page: Page;

// One journey, in steps: each step checks its screens and has its own time bound, so a slow,
// busy computer (axe takes seconds per run there) fails nothing that is not an accessibility
// problem.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  // A context of its own: axe-core/playwright cannot run in the page browser.newPage() makes.
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

/** Runs axe on each screen `visit` brings up, and fails once with every finding. */
async function expectAccessible(visits: Array<[screen: string, visit: () => Promise<void>]>): Promise<void> {
  const problems: AccessibilityProblem[] = [];
  for (const [screen, visit] of visits) {
    await visit();
    problems.push(...(await seriousViolations(page, screen)));
  }
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
}

test('the signed-out Overview at first start passes axe in light and dark', async () => {
  await expectAccessible([
    [
      'overview: signed out, first start',
      async () => {
        await page.goto(host.pageUrl);
        await skipWizard(page);
      },
    ],
  ]);
});

test('the Overview with a live run passes axe', async () => {
  await signInToSandbox(page, host);
  await expectAccessible([
    [
      'overview: live run',
      async () => {
        await page.getByTestId(`start-${testBots.hang}`).click();
        await expect(page.getByTestId('run-log')).toContainText('now hanging');
      },
    ],
  ]);
});

test('a log search passes axe', async () => {
  await expectAccessible([['overview: log search', () => page.getByTestId('log-search').fill('item')]]);
});

test('the stop-all confirmation passes axe', async () => {
  await expectAccessible([
    [
      'overview: stop-all confirmation',
      async () => {
        await page.getByTestId('log-search').fill('');
        await page.getByTestId('stop-all').click();
        await expect(page.getByRole('dialog')).toBeVisible();
      },
    ],
  ]);
  await page.keyboard.press('Escape');
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
});

test('run history passes axe', async () => {
  await expectAccessible([
    [
      'run history',
      async () => {
        await page.getByTestId('nav-runs').click();
        await expect(page.getByTestId('history-table')).toBeVisible();
      },
    ],
  ]);
});

test('the audit trail passes axe', async () => {
  await expectAccessible([
    [
      'audit trail',
      async () => {
        await page.getByTestId('nav-audit').click();
        await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', /true|false/);
      },
    ],
  ]);
});

test('the audit view with filters and the Settings audit section pass axe at 480 px', async () => {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 480, height: 900 });
  try {
    await expectAccessible([
      [
        'audit trail, filtered, 480 px',
        async () => {
          await page.getByTestId('nav-audit').click();
          await expect(page.getByTestId('audit-filters')).toBeVisible();
          await page.getByTestId('audit-filter-type').locator('select').selectOption('signedIn');
          await expect(page.getByTestId('audit-shown')).toHaveText(/match/);
        },
      ],
      [
        'settings audit section, 480 px',
        async () => {
          await page.getByTestId('nav-settings').click();
          await expect(page.getByTestId('audit-fingerprint')).toBeVisible();
        },
      ],
    ]);
    // Nothing scrolls sideways at 480 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  } finally {
    if (wide) await page.setViewportSize(wide);
  }
});

test('settings with the profile editor pass axe', async () => {
  await expectAccessible([
    [
      'settings with the profile editor',
      async () => {
        await page.getByTestId('nav-settings').click();
        await expect(page.getByTestId('host-info')).toBeVisible();
        await page.getByTestId('add-profile').click();
        await expect(page.getByTestId('profile-editor')).toBeVisible();
      },
    ],
  ]);
});

test('the signed-out Overview, where it explains why bots cannot start, passes axe', async () => {
  await expectAccessible([
    [
      'overview: signed out, start blocked',
      async () => {
        await page.getByTestId('nav-overview').click();
        await page.getByTestId('sign-out-sandbox').click();
        await expect(page.getByTestId('start-blocked-shared')).toBeVisible();
      },
    ],
  ]);
});
