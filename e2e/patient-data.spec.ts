import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { openSignedInPage } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';
import { seriousViolations } from './a11y/check-accessibility.js';

/**
 * Patient data in the page (S63): a bot prints NHS numbers, a date of birth and a postcode and
 * attaches a report; the run detail shows markers and counts, never the identifiers, and lists
 * the report; its screenshot is refused because screenshots are off by default, and the run's log
 * and files say so, naming it without the patient's number.
 */
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'patient-data') });
  page = await openSignedInPage(browser, host);
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

test('S63 the run detail shows markers and counts, not the identifiers, and the downloads hold none', async () => {
  await page.getByTestId('start-patient-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  const log = page.getByTestId('run-log');
  await expect(log).toContainText('screenshot refused: screenshots_not_allowed');
  await expect(log).toContainText(
    'The bot attached "failure _NHS number_.png", which was not kept: Screenshots are turned off for this bot\'s provider profile, because they may show patient data.',
  );
  await expect(log).toContainText('Patient [NHS number] checked in');
  await expect(log).toContainText('Patient [NHS number] DOB: [date of birth] lives at [postcode]');
  await expect(log).toContainText('Order 9434765918 is not an NHS number');
  const body = (await page.locator('body').textContent()) ?? '';
  for (const identifier of ['943 476 5919', '401-023-2137', '12/03/1961', 'LS1 4AP']) expect(body).not.toContain(identifier);
  await expect(page.getByTestId('run-redactions')).toHaveText('2 NHS numbers, 1 date of birth, 1 postcode');

  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('log-download-full').click()]);
  const fullText = await readFile((await full.path()) ?? '', 'utf8');
  expect(fullText).toContain('[NHS number]');
  expect(fullText).not.toContain('943 476 5919');
});

test('the run detail lists the attached report, redacted, and says which screenshot was not kept and why', async () => {
  const artifacts = page.getByTestId('run-artifacts');
  await expect(artifacts).toContainText('Files the bot attached (1)');
  const refused = page.getByTestId('run-artifacts-refused');
  await expect(refused).toContainText('1 file the bot attached was not kept:');
  await expect(refused.getByTestId('artifact-refused-screenshots_not_allowed')).toHaveText(
    "failure _NHS number_.png: Screenshots are turned off for this bot's provider profile, because they may show patient data. An administrator can allow them in the profile or the machine policy.",
  );
  await expect(page.getByTestId('artifact-report.txt')).toContainText('report.txt');
  await expect(page.getByTestId('artifact-redactions-report.txt')).toHaveText('Hidden from this file: 1 NHS number, 1 postcode.');
  await expect(page.getByTestId('run-artifacts-warning')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report.txt' }).click()]);
  expect(download.suggestedFilename()).toBe('report.txt');
  expect(await readFile((await download.path()) ?? '', 'utf8')).toBe('Checked [NHS number] at [postcode]\n');
});

test('the run detail with redaction counts and attached files passes axe in light and dark', async () => {
  await expect(page.getByTestId('run-artifacts')).toBeVisible();
  const problems = await seriousViolations(page, 'run detail with patient-data redaction and files');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

test('S63 a bot\'s question about patients shows markers, the bot gets its own choice back, and the audit trail holds no identifier', async () => {
  await page.getByTestId('start-patient-question-bot').click();
  const item = page.getByTestId('attention-item-question');
  await expect(item.getByTestId('attention-body')).toHaveText('Two remittances name NHS numbers [NHS number] and [NHS number]. Which one do I post?');
  const second = item.getByRole('button', { name: 'Post for [NHS number] (choice 2)' });
  await expect(item.getByRole('button', { name: 'Post for [NHS number] (choice 1)' })).toBeVisible();
  await second.click();
  await expect(page.getByTestId('run-log')).toContainText('got my own choice number 2');
  const body = (await page.locator('body').textContent()) ?? '';
  const audit = await readFile(join(host.dataDir, 'audit', 'audit.jsonl'), 'utf8');
  expect(audit).toContain('Post for [NHS number] (choice 2)');
  for (const identifier of ['943 476 5919', '401 023 2137']) {
    expect(body).not.toContain(identifier);
    expect(audit).not.toContain(identifier);
  }
});
