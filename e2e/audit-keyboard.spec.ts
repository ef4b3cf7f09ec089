import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * The audit screen and the Settings audit section by keyboard alone: each control is reached with
 * Tab (and Shift+Tab back), shows a visible focus ring, and is used with Enter, Space, typing or
 * the arrow keys; each result is announced in a live region (`role="status"` or `aria-live`). The
 * sign-in and the one bot run before it are set-up, done with the mouse as elsewhere.
 * The checkpoint file picker is left out: choosing a file opens the system's dialog.
 */
let host: BrowserHostProcess;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

/** Tabs to `target`, checks its focus ring, and returns it. */
async function reach(page: Page, target: Locator): Promise<Locator> {
  await tabTo(page, target, 120);
  await expectVisibleFocusRing(target);
  return target;
}

/** The live region that announces how many records the filters leave. */
async function expectAnnounced(page: Page, text: string | RegExp): Promise<void> {
  const shown = page.getByTestId('audit-shown');
  await expect(shown).toHaveAttribute('role', 'status');
  await expect(shown).toHaveText(text);
}

test('the audit filters, verify and export work by keyboard alone, with visible focus, and announce their results', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await page.getByTestId(`start-${testBots.api}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });

  // From here on: keyboard only.
  await page.locator('body').focus();
  await reach(page, page.getByTestId('nav-audit'));
  await page.keyboard.press('Enter');
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tr[data-type="runEnded"]')).toHaveCount(1);
  await expectAnnounced(page, /^All (\d+) records shown\.$/);
  const total = Number((await page.getByTestId('audit-shown').textContent())?.split(' ')[1]);

  // Event type: typing the option's name picks it in a focused select.
  const type = page.getByTestId('audit-filter-type').locator('select');
  await reach(page, type);
  await page.keyboard.type('Signed in');
  await expect(type).toHaveValue('signedIn');
  await expectAnnounced(page, '1 record matches.');
  await expect(table.locator('tbody tr')).toHaveCount(1);

  // Clear, with Space.
  await reach(page, page.getByTestId('audit-filter-clear'));
  await page.keyboard.press('Space');
  await expectAnnounced(page, `All ${total} records shown.`);

  // Person, with the arrow keys: the first choice after "Any" is the only person, the demo user.
  const person = page.getByTestId('audit-filter-person').locator('select');
  await reach(page, person);
  await page.keyboard.press('ArrowDown');
  await expect(person.locator('option:checked')).toHaveText(demoUser.name);
  await expect(table.locator('tr[data-type="signedIn"]')).toHaveCount(1);

  // Bot, by typing its name (every configured bot is offered): the API bot's records only.
  const bot = page.getByTestId('audit-filter-bot').locator('select');
  await reach(page, bot);
  await page.keyboard.type('Who am I');
  await expect(bot).toHaveValue(testBots.api);
  await expect(table.locator('tbody tr[data-type="runStarted"]')).toHaveCount(1);
  await expect(table.locator('tbody tr[data-type="signedIn"]')).toHaveCount(0);

  // Date range: Tab reaches "from", then "to" (a date field has one stop per part: month, day,
  // year); typing the digits of a "to" date long past leaves nothing, and says so.
  const from = page.getByTestId('audit-filter-from').locator('input');
  const to = page.getByTestId('audit-filter-to').locator('input');
  await page.locator('body').focus();
  await reach(page, from);
  await reach(page, to);
  await page.keyboard.type('01012001');
  await expect(to).toHaveValue('2001-01-01');
  await expectAnnounced(page, 'No record matches these filters.');
  await expect(table).toHaveCount(0);
  await reach(page, page.getByTestId('audit-filter-clear'));
  await page.keyboard.press('Enter');
  await expectAnnounced(page, `All ${total} records shown.`);

  // Export with Enter: both files download, and the result is announced.
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  const exportButton = page.getByTestId('audit-export');
  await page.locator('body').focus();
  await reach(page, exportButton);
  await page.keyboard.press('Enter');
  await expect.poll(() => downloads.length).toBe(2);
  const exported = page.getByTestId('audit-exported');
  await expect(exported).toHaveAttribute('role', 'status');
  await expect(exported).toContainText(`Saved ${downloads[0]?.suggestedFilename() ?? ''}`);

  // Verify is just before Export: Shift+Tab, then Space; the badge is a polite live region.
  await page.keyboard.press('Shift+Tab');
  const verify = page.getByTestId('audit-refresh');
  await expect(verify).toBeFocused();
  await expectVisibleFocusRing(verify);
  await page.keyboard.press('Space');
  const verification = page.getByTestId('audit-verification');
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(verification.locator('[aria-live="polite"]')).toContainText('Intact');
  await expect(table.locator('tr[data-type="auditExported"]')).toHaveCount(1);
});

test('the Settings audit forwarding section works by keyboard alone and announces its state', async ({ page }) => {
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('wizard-skip').or(page.getByTestId('nav-settings'))).toBeVisible();
  if (await page.getByTestId('wizard-skip').isVisible()) await skipWizard(page);
  await page.locator('body').focus();
  await reach(page, page.getByTestId('nav-settings'));
  await page.keyboard.press('Enter');
  const status = page.getByTestId('audit-forwarding-status');
  await expect(status).toHaveAttribute('data-state', 'off');

  await reach(page, page.getByTestId('audit-copy-key'));
  const hostField = page.getByTestId('audit-forwarding-host').locator('input');
  await reach(page, hostField);
  // Nothing listens on port 9 of loopback (discard): forwarding is on, and says it cannot reach it.
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  const portField = page.getByTestId('audit-forwarding-port').locator('input');
  await expect(portField).toBeFocused();
  await expectVisibleFocusRing(portField);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('9');
  await page.keyboard.press('Tab');
  const tls = page.getByTestId('audit-settings').getByRole('checkbox');
  await expect(tls).toBeFocused();
  await expectVisibleFocusRing(tls);
  // TLS starts on; Space turns it off and on again (the loopback test collector speaks plain TCP either way).
  const tlsAtFirst = await tls.isChecked();
  await page.keyboard.press('Space');
  await expect(tls).toBeChecked({ checked: !tlsAtFirst });
  await page.keyboard.press('Space');
  await expect(tls).toBeChecked({ checked: tlsAtFirst });
  await page.keyboard.press('Tab');
  const save = page.getByTestId('audit-forwarding-save');
  await expect(save).toBeFocused();
  await expectVisibleFocusRing(save);
  await page.keyboard.press('Enter');
  const saved = page.getByTestId('audit-settings').getByRole('status');
  await expect(saved).toHaveText('Saved.');
  await expect(status).not.toHaveAttribute('data-state', 'off');
  await expect(status.locator('[aria-live="polite"]')).not.toHaveText('');

  // Turning forwarding off, with Space, is announced the same way.
  const off = page.getByTestId('audit-forwarding-off');
  await reach(page, off);
  await page.keyboard.press('Space');
  await expect(status).toHaveAttribute('data-state', 'off');
});
