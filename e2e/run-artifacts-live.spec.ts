import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { maxLoggedKeptFiles } from '../app/common/artifact-log-limits.js';
import { expectAccessibleAtWidths } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { signInToSandbox, skipWizardIfShown } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * The run detail's "not kept" list is live while the run runs: a bot tries to attach screenshots
 * (refused, since the Local sandbox profile has them off) while it is running, and the list says
 * so as each is refused, not only once the run has ended. It follows the run's live log, which
 * the detail already gets: ordinary lines the bot prints make the page ask the core for nothing
 * more (counted on the page's WebSocket by support/command-gate.ts, which holds nothing here).
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const botId = 'live-refusals';
const workLines = 100;
let host: BrowserHostProcess;
let botsDir: string;
let triggerDir: string;
let context: BrowserContext;
let page: Page;
let gate: CommandGate;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  botsDir = await mkdtemp(join(tmpdir(), 'live-refusals-bots-'));
  triggerDir = await mkdtemp(join(tmpdir(), 'live-refusals-triggers-'));
  const manifest = {
    id: botId,
    name: 'Screenshot refusals',
    command: 'node',
    args: [join(testBotsDir, 'artifacts-live', 'refusing-bot.mjs')],
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    env: { TRIGGER_DIR: triggerDir, SHOTS: '2', WORK_LINES: String(workLines), KEEP_NOTE: 'summary.txt', KEEP_MORE: String(maxLoggedKeptFiles + 1) },
  };
  await writeFile(join(botsDir, `${botId}.bot.json`), JSON.stringify(manifest));
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: botsDir });
  context = await browser.newContext();
  page = await context.newPage();
  gate = await gateCommands(page);
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await signInToSandbox(page, host);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  for (const dir of [botsDir, triggerDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

const status = () => page.getByTestId('run-status');
const log = () => page.getByTestId('run-log');
const refused = () => page.getByTestId('run-artifacts-refused');
const refusedLine = "Screenshots are turned off for this bot's provider profile, because they may show patient data.";

test('while the run runs, each refused screenshot shows in the "not kept" list as it is refused, and a kept file in the list of files as it is kept', async () => {
  await page.getByTestId(`start-${botId}`).click();
  await expect(page.getByTestId('run-detail-heading')).toHaveText(/Screenshot refusals/);
  await expect(log()).toContainText('waiting to attach shot 1', { timeout: 30_000 });
  await expect(status()).toHaveText('Running');
  await expect(refused()).toHaveCount(0);

  await writeFile(join(triggerDir, 'attach-1'), '');
  await expect(log()).toContainText('shot 1 refused: screenshots_not_allowed');
  await expect(refused()).toContainText('1 file the bot attached was not kept:');
  await expect(refused().getByTestId('artifact-refused-screenshots_not_allowed')).toContainText(`shot 1.png: ${refusedLine}`);
  await expect(status()).toHaveText('Running');

  await writeFile(join(triggerDir, 'attach-2'), '');
  await expect(refused()).toContainText('2 files the bot attached were not kept:');
  await expect(refused().getByTestId('artifact-refused-screenshots_not_allowed')).toContainText(`shot 1.png, shot 2.png: ${refusedLine}`);
  await expect(status()).toHaveText('Running');

  // A file kept while the run runs is listed as it is kept too, and said in the log.
  await expect(log()).toContainText('The bot attached "summary.txt" (23 bytes), kept with the run\'s files.');
  await expect(page.getByTestId('run-artifacts').locator('.run-artifacts__list')).toContainText('summary.txt');
  await expect(status()).toHaveText('Running');
});

test('the bot’s ordinary lines make the page ask the core for no list of its files', async () => {
  await expect(refused()).toContainText('2 files the bot attached were not kept:');
  const reads = gate.invoked('listArtifacts');
  await expect(log()).toContainText('all done; running until stopped');
  await expect(log()).toContainText(`working ${workLines} of ${workLines}`);
  expect(gate.invoked('listArtifacts')).toBe(reads);
  await expect(status()).toHaveText('Running');
});

test('past the files its log says one by one, a file kept while the run runs is still listed as it is kept', async () => {
  const files = () => page.getByTestId('run-artifacts').locator('.run-artifacts__list');
  // summary.txt and these make one more than the log says: its last line says there are more.
  await writeFile(join(triggerDir, 'keep-more'), '');
  await expect(log()).toContainText(`kept ${maxLoggedKeptFiles} more`);
  await expect(log()).toContainText("The bot attached more files; the run detail lists them under the run's files.");
  await expect(files()).toContainText(`more-${maxLoggedKeptFiles}.txt`);
  // This one comes with no line from the core at all.
  await writeFile(join(triggerDir, 'keep-last'), '');
  await expect(log()).toContainText('kept the last one');
  await expect(files()).toContainText(`more-${maxLoggedKeptFiles + 1}.txt`, { timeout: 10_000 });
  await expect(page.getByTestId('run-artifacts').locator('.run-artifacts__item')).toHaveCount(maxLoggedKeptFiles + 2);
  await expect(status()).toHaveText('Running');
});

test('the running run’s detail with its "not kept" list passes axe, light and dark, at 1024 and 480 px; Stop ends the run', async () => {
  await expect(refused()).toBeVisible();
  await expectAccessibleAtWidths(page, 'run detail, running, with files not kept');
  await page.getByTestId('run-stop').click();
  await expect(status()).not.toHaveText('Running');
  await expect(refused()).toContainText('2 files the bot attached were not kept:');
});
