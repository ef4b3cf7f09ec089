import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { findSecrets, labelled } from '../app/test-support/find-secrets.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBots } from './support/test-bots.js';
import { witnessedApiBot, writeWitnessedBotsDir, type WitnessedBotsDir } from './support/token-witness.js';

/**
 * The audit trail screen through the browser host: after a sign-in and a bot run, the trail is
 * verified intact, lists who did what, filters, and exports as a CSV file download. The API bot
 * writes down the token it was handed (e2e/support/token-witness.ts), so the export is searched
 * for that literal token and the sign-in's code.
 */
let host: BrowserHostProcess;
let bots: WitnessedBotsDir;
/** The API bot's name in its manifest (e2e/support/test-bots/api-bot.bot.json). */
const apiBotName = 'Who am I (API bot)';

test.beforeAll(async () => {
  bots = writeWitnessedBotsDir([witnessedApiBot()]);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: bots.dir });
});

test.afterAll(async () => {
  await host?.stop();
  bots?.remove();
});

test('the audit trail is verified, lists the sign-in and the run, and exports as CSV', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  const callback = await signInToSandbox(page, host);
  await page.getByTestId(`start-${testBots.api}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });

  await page.getByTestId('nav-audit').click();
  const verification = page.getByTestId('audit-verification');
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(verification).toContainText('Intact');
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tr[data-type="signedIn"]')).toContainText(demoUser.name);
  // Bots by name, as everywhere else; the run id stays there, as secondary text.
  const runStarted = table.locator('tr[data-type="runStarted"]');
  await expect(runStarted.getByTestId('audit-bot')).toHaveText(apiBotName);
  await expect(runStarted.getByTestId('audit-run-id')).toHaveText(/^run-/);
  await expect(table.locator('tr[data-type="runEnded"]').getByTestId('audit-bot')).toHaveText(apiBotName);
  const botFilter = page.getByTestId('audit-filter-bot').locator('select');
  await expect(botFilter.locator(`option[value="${testBots.api}"]`)).toHaveText(apiBotName);

  // Words, not stored forms: local time like the Time column, preferences by their Settings
  // names, and no cryptography jargon in the verdict.
  const signedIn = table.locator('tr[data-type="signedIn"]');
  await expect(signedIn).toContainText(/Token valid until \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}:\d{2}\./);
  await expect(table).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  await expect(table.locator('tr[data-type="settingsChanged"]').filter({ hasText: 'First-run setup finished: no → yes' })).toHaveCount(1);
  await expect(table).not.toContainText('wizardCompleted');
  await expect(verification).not.toContainText(/MAC/);
  await expect(verification).toContainText("carries its seal, so none of those was changed");
  await expect(verification).not.toContainText(/hash/i);

  // A second check with the same result visibly happened: it says when it was checked.
  const checkedAt = page.getByTestId('audit-checked-at');
  await expect(checkedAt).toHaveText(/^Checked at \d{2}:\d{2}:\d{2}\.$/);
  const firstCheckAt = Number(await checkedAt.getAttribute('data-checked-at'));
  await page.getByTestId('audit-refresh').click();
  // The time shown is to the second, so two checks within one second read alike: the moment behind it must move.
  await expect.poll(async () => Number(await checkedAt.getAttribute('data-checked-at'))).toBeGreaterThan(firstCheckAt);
  await expect(checkedAt).toHaveText(/^Checked at \d{2}:\d{2}:\d{2}\.$/);
  await expect(verification).toContainText('Intact');

  await page.getByTestId('audit-filter').fill('run ended');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('audit-filter').fill('');

  // The type filter, person filter and a date range that excludes today narrow the table.
  await page.getByTestId('audit-filter-type').locator('select').selectOption('signedIn');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('audit-filter-clear').click();
  await page.getByTestId('audit-filter-person').locator('select').selectOption({ label: demoUser.name });
  await expect(table.locator('tr[data-type="signedIn"]')).toHaveCount(1);
  await page.getByTestId('audit-filter-to').locator('input').fill('2001-01-01');
  await expect(table).toHaveCount(0);
  await expect(page.getByTestId('audit-filter-from-error')).toHaveCount(0);
  // From after To: said at the From field, not only as "0 of n shown".
  await page.getByTestId('audit-filter-from').locator('input').fill('2001-01-02');
  await expect(page.getByTestId('audit-filter-from-error')).toHaveText('The From date is after the To date, so no record can match.');
  await expect(page.getByTestId('audit-filter-from').locator('input')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('audit-filter-clear').click();
  await expect(page.getByTestId('audit-filter-from-error')).toHaveCount(0);

  // The export downloads the CSV, then its signed checkpoint.
  const downloads: import('@playwright/test').Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByTestId('audit-export').click();
  await expect.poll(() => downloads.length).toBe(2);
  const [download, checkpointDownload] = downloads as [import('@playwright/test').Download, import('@playwright/test').Download];
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  expect(checkpointDownload.suggestedFilename()).toMatch(/\.checkpoint\.json$/);
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toMatch(/seq/i);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  expect(csv).toContain('signedIn');
  expect(csv).toContain('runEnded');
  const secrets = [...labelled('access token', bots.tokens()), ...labelled('authorization code', [new URL(callback).searchParams.get('code') ?? ''])];
  expect(secrets.length).toBe(2);
  expect(findSecrets([{ where: 'the audit export', text: csv }], secrets)).toEqual([]);
  await expect(page.getByTestId('audit-exported')).toContainText(`Saved ${download.suggestedFilename()} and ${checkpointDownload.suggestedFilename()}`);
  // The export is itself recorded, with the person who exported it.
  await expect(table.locator('tr[data-type="auditExported"]')).toHaveCount(1);
  await expect(table.locator('tr[data-type="auditExported"]')).toContainText(demoUser.name);

  // An auditor checks the trail against the checkpoint file they kept.
  await page.getByTestId('audit-checkpoint').locator('input').setInputFiles(await checkpointDownload.path());
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-checkpoint-result')).toContainText("this computer's key");

  // A file that is no checkpoint: the problem shows at the file field, and the trail's own
  // status stays as it was.
  await page.getByTestId('audit-checkpoint').locator('input').setInputFiles({ name: 'notes.checkpoint.json', mimeType: 'application/json', buffer: Buffer.from('{"not":"a checkpoint"}') });
  await expect(page.getByTestId('audit-checkpoint-error')).toBeVisible();
  await expect(page.getByTestId('audit-checkpoint').locator('input')).toHaveAttribute('aria-invalid', 'true');
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(verification).toContainText('Intact');
  await expect(page.getByTestId('audit-verify-error')).toHaveCount(0);
});

test('Settings shows the checkpoint key fingerprint and the forwarding status', async ({ page }) => {
  await page.goto(host.pageUrl);
  // The wizard shows only until someone closes it on this host (the first test may have).
  await expect(page.getByTestId('wizard-skip').or(page.getByTestId('nav-settings'))).toBeVisible();
  if (await page.getByTestId('wizard-skip').isVisible()) await skipWizard(page);
  await page.getByTestId('nav-settings').click();
  const panel = page.getByTestId('audit-settings');
  await expect(page.getByTestId('audit-fingerprint')).toHaveText(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
  // The browser host keeps secrets in memory only, and says what that means for the trail.
  await expect(page.getByTestId('audit-session-only')).toContainText('tamper-evident within the session only');
  const status = page.getByTestId('audit-forwarding-status');
  await expect(status).toHaveAttribute('data-state', 'off');
  // The state reads as a labelled fact, not as a box that looks like a control.
  await expect(status.locator('dt')).toHaveText('Status');
  await expect(status.locator('dd')).toHaveText('Off');
  await expect(panel.getByRole('button', { name: 'Save forwarding' })).toBeEnabled();

  // Wrong input is said at each field, and focus goes to the first one to fix.
  const hostField = page.getByTestId('audit-forwarding-host').locator('input');
  const portField = page.getByTestId('audit-forwarding-port').locator('input');
  await hostField.fill('syslog server.local');
  await portField.fill('99999');
  await panel.getByRole('button', { name: 'Save forwarding' }).click();
  await expect(page.getByTestId('audit-forwarding-host-error')).toContainText('no spaces');
  await expect(page.getByTestId('audit-forwarding-port-error')).toContainText('from 1 to 65535');
  await expect(hostField).toHaveAttribute('aria-invalid', 'true');
  await expect(portField).toHaveAttribute('aria-invalid', 'true');
  await expect(hostField).toBeFocused();
  await expect(page.getByTestId('audit-forwarding-fields-invalid')).toContainText('Check the highlighted fields.');
  await expect(status).toHaveAttribute('data-state', 'off');
  await expect(panel.getByRole('status')).toHaveText('');
  // Fixing the host leaves the port to fix, and focus goes there on the next try.
  await hostField.fill('syslog.clinic.example');
  await panel.getByRole('button', { name: 'Save forwarding' }).click();
  await expect(page.getByTestId('audit-forwarding-host-error')).toHaveCount(0);
  await expect(portField).toBeFocused();
  await expect(status).toHaveAttribute('data-state', 'off');
});
