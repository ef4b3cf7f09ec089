import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from '../support/browser-host-process.js';
import { openWizard } from '../support/open-wizard.js';
import { devScheme, signInThroughBrowser } from '../support/sign-in.js';
import { seriousViolations, type AccessibilityProblem } from './check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './keyboard.js';

/**
 * Accessibility of the first-run wizard and the sign-in states, in light and dark, and the whole
 * app by keyboard alone. The rest of the screens are in app-screens.spec.ts; the two files run
 * side by side on the two workers.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess();
});

test.afterAll(async () => {
  await host?.stop();
});

test('everything works from the keyboard, with a visible focus ring', async ({ page }) => {
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('wizard')).toBeVisible();

  // The first stop is "Skip to content", shown when focused; it moves focus to the screen.
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('button', { name: 'Skip to content' });
  await expectVisibleFocusRing(skipLink);
  expect(await skipLink.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // The wizard: arrow keys choose a provider, Enter moves on, focus lands on the step heading.
  const healthcode = page.getByRole('radio', { name: 'Healthcode (live)' });
  await tabTo(page, healthcode);
  await page.keyboard.press('Space');
  await expect(healthcode).toBeChecked();
  for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Local sandbox (try it out)' })).toBeChecked();
  await tabTo(page, page.getByTestId('wizard-next'));
  await expectVisibleFocusRing(page.getByTestId('wizard-next'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard-step-title')).toBeFocused();
  await tabTo(page, page.getByTestId('wizard-skip'), 60);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard')).toHaveCount(0);

  // Sections.
  const history = page.getByTestId('nav-runs');
  await tabTo(page, history);
  await expectVisibleFocusRing(history);
  await page.keyboard.press('Enter');
  await expect(history).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'runs');
  await tabTo(page, page.getByTestId('nav-overview'));
  await page.keyboard.press('Enter');

  // A dialog: opened with Enter, closed with Escape, focus back where it was.
  const stopAll = page.getByTestId('stop-all');
  await tabTo(page, stopAll, 60);
  await expectVisibleFocusRing(stopAll);
  await page.keyboard.press('Enter');
  // Nothing is running here, so the way out is "Cancel", not "Keep running".
  await expect(page.getByRole('dialog')).toContainText('No bots are running.');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(stopAll).toBeFocused();
});

// One journey through the wizard, in steps: each step checks its screens and has its own time
// bound, so a slow, busy computer (axe takes seconds per run there) fails nothing that is not an
// accessibility problem.
test.describe('every wizard step and sign-in state passes axe in light and dark', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  // An uncaught error in the page (a screen that threw while rendering) fails the step it came in.
  const pageErrors: string[] = [];
  const next = () => page.getByTestId('wizard-next').click();

  test.beforeAll(async ({ browser }) => {
    // A context of its own: axe-core/playwright cannot run in the page browser.newPage() makes.
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  });

  test.afterAll(async () => {
    await page?.context().close();
  });

  /** Runs axe on each screen `visit` brings up, and fails once with every finding. */
  async function expectAccessible(visits: Array<[screen: string, visit: () => Promise<void>]>): Promise<void> {
    const problems: AccessibilityProblem[] = [];
    for (const [screen, visit] of visits) {
      await visit().catch((error: unknown) => {
        throw pageErrors.length === 0 ? error : new Error(`${String(error)}\nUncaught in the page:\n${pageErrors.join('\n')}`);
      });
      problems.push(...(await seriousViolations(page, screen)));
    }
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }

  test('choosing the provider and registering the redirect URI', async () => {
    await expectAccessible([
      [
        'wizard: provider',
        async () => {
          await page.goto(host.pageUrl);
          // After the keyboard test the wizard is done; Settings opens it again.
          await openWizard(page);
        },
      ],
      [
        'wizard: register the redirect URI, with the request for the BDM',
        async () => {
          await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
          await next();
          await expect(page.getByTestId('wizard-step-title')).toHaveText('Register the redirect URI with the provider');
          await next();
          await expect(page.getByTestId('wizard-bounceUrl-error')).toBeVisible();
          await page.getByTestId('wizard-bounceUrl').getByRole('textbox').fill('https://rpa.clinic.example/postauth/');
          await expect(page.getByTestId('wizard-registration-request')).toBeVisible();
        },
      ],
    ]);
  });

  test('entering the details the provider gave', async () => {
    await expectAccessible([
      [
        'wizard: client details with a field error',
        async () => {
          await next();
          await expect(page.getByTestId('wizard-step-title')).toHaveText('Enter the details the provider gave you');
          await next();
          await expect(page.getByTestId('wizard-clientId-error')).toBeVisible();
          await expect(page.getByTestId('wizard-save-draft')).toBeVisible();
        },
      ],
    ]);
  });

  test('the redirect URI and the link test', async () => {
    await expectAccessible([
      [
        'wizard: redirect URI',
        async () => {
          await page.getByTestId('wizard-back').click();
          await page.getByTestId('wizard-back').click();
          await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
          await next();
          await expect(page.getByTestId('wizard-redirect-uri')).toHaveText(`${devScheme}://auth/callback`);
        },
      ],
      [
        'wizard: link test, with the link to paste back',
        async () => {
          await next();
          await next();
          await page.getByTestId('self-test-start').click();
          await expect(page.getByTestId('self-test-status')).not.toHaveAttribute('data-status', 'idle');
        },
      ],
    ]);
  });

  test('the sign-in step, signed out', async () => {
    await expectAccessible([
      [
        'wizard: sign in (signed out)',
        async () => {
          await next();
          await expect(page.getByTestId('session-status-sandbox')).toHaveText('Signed out');
        },
      ],
    ]);
  });

  test('signing in: waiting for the browser, then signed in', async () => {
    const problems: AccessibilityProblem[] = [];
    // Waiting for the browser: checked while the login tab is open, before it completes.
    await signInThroughBrowser(page, host, async () => {
      await page.getByTestId('sign-in-sandbox').click();
      await expect(page.getByTestId('session-status-sandbox')).toHaveText('Waiting for your browser…');
      problems.push(...(await seriousViolations(page, 'sign-in: waiting for the browser')));
    });
    await expect(page.getByTestId('wizard-signed-in')).toBeVisible();
    problems.push(...(await seriousViolations(page, 'wizard: signed in')));
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
