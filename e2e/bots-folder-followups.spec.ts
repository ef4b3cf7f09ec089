import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';

/**
 * An RPA operator setting up their own bots folder, where they look: the empty Overview and
 * Settings say which folder (with Copy), a profile card says the id a manifest's profileId must
 * name, a bad-manifest notice goes once the file is fixed or removed, and a bot whose manifest
 * is removed while it runs keeps its card, stoppable, until the run ends.
 */
let host: BrowserHostProcess;
let page: Page;
let clinicBots: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  clinicBots = await mkdtemp(join(tmpdir(), 'clinic-bots-followups-'));
  host = await startBrowserHostProcess();
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.pageUrl).origin });
  page = await context.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('Bots folder').fill(clinicBots);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('preferences').getByText('Saved.')).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
  await rm(clinicBots, { recursive: true, force: true });
});

const notice = (code: string) => page.locator(`.notice[data-code="${code}"]`);
const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const manifest = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, name: `Bot ${id}`, command: 'node', args: ['./waits.mjs'], profileId: 'sandbox', ...extra });

test('the empty Overview names the bots folder, and its Copy button copies it by keyboard', async () => {
  await page.getByTestId('nav-overview').click();
  const empty = page.getByTestId('bots-empty');
  await expect(empty).toContainText('No bots are set up yet.');
  await expect(page.getByTestId('bots-empty-folder')).toHaveText(clinicBots);
  const copyFolder = page.getByTestId('copy-bots-folder');
  await tabTo(page, copyFolder, 80);
  await expectVisibleFocusRing(copyFolder);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-bots-folder-feedback')).toContainText('Folder path copied.');
  expect(await clipboard()).toBe(clinicBots);
});

test('Settings gives the bots folder a Copy button and each profile card its id, with Copy', async () => {
  await page.getByTestId('nav-settings').click();
  const copyDir = page.getByTestId('copy-bots-dir');
  // Right after the field it copies, in the tab order.
  await page.getByLabel('Bots folder').focus();
  await tabTo(page, copyDir, 3);
  await expectVisibleFocusRing(copyDir);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-bots-dir-feedback')).toContainText('Folder path copied.');
  expect(await clipboard()).toBe(clinicBots);

  const card = page.getByTestId('profile-sandbox');
  await expect(card.getByRole('term').filter({ hasText: 'Profile id' })).toBeVisible();
  await expect(page.getByTestId('profile-id-sandbox')).toHaveText('sandbox');
  const copyId = page.getByTestId('copy-profile-id-sandbox');
  await expect(copyId).toHaveAccessibleDescription('sandbox');
  await page.getByTestId('nav-settings').focus();
  await tabTo(page, copyId, 80);
  await expectVisibleFocusRing(copyId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-profile-id-sandbox-feedback')).toContainText('Paste it as profileId');
  expect(await clipboard()).toBe('sandbox');

  await page.setViewportSize({ width: 480, height: 800 });
  await copyId.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('profile-id-sandbox')).toBeInViewport({ ratio: 1 });
  await expect(copyId).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  const problems = await seriousViolations(page, 'bots folder follow-ups: Settings with profile ids and the folder’s Copy, 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('a bad-manifest notice names only the files still at fault, and goes by itself once none is', async () => {
  await page.getByTestId('nav-overview').click();
  await writeFile(join(clinicBots, 'waits.mjs'), "setInterval(() => {}, 1000);\nprocess.on('SIGTERM', () => process.exit(0));\n");
  await writeFile(join(clinicBots, 'trailing-comma.bot.json'), '{\n  "id": "trailing-comma",\n  "name": "Trailing comma",\n}\n');
  await writeFile(join(clinicBots, 'typo.bot.json'), manifest('typo', { timeoutMS: 60000 }));
  const several = notice('bot_manifests_invalid');
  await expect(several).toContainText('2 bot manifests in');
  await expect(several).toContainText('typo.bot.json: timeoutMS');

  await writeFile(join(clinicBots, 'typo.bot.json'), manifest('typo'));
  const one = notice('bot_manifest_invalid');
  await expect(one).toContainText(`The bot manifest ${join(clinicBots, 'trailing-comma.bot.json')} was skipped`);
  await expect(several).toHaveCount(0);
  await expect(one).not.toContainText('typo.bot.json');
  await expect(one.getByTestId(/^notice-count-/)).toHaveCount(0);
  await expect(page.getByTestId('bot-typo')).toBeVisible();

  // The operator gives up on that one and deletes it.
  await rm(join(clinicBots, 'trailing-comma.bot.json'));
  await expect(one).toHaveCount(0);

  await writeFile(join(clinicBots, 'broken.bot.json'), '{ "id": "broken" ');
  await expect(one).toContainText('broken.bot.json');
  await writeFile(join(clinicBots, 'broken.bot.json'), manifest('broken'));
  await expect(one).toHaveCount(0);
  await expect(page.getByTestId('bot-broken')).toBeVisible();
});

test('a running bot whose manifest is removed keeps its card, marked and unable to start, until its run is stopped', async () => {
  await page.getByTestId('start-typo').click();
  await expect(page.getByTestId('bot-status-typo')).toHaveText('Running', { timeout: 30_000 });
  await rm(join(clinicBots, 'typo.bot.json'));
  await rm(join(clinicBots, 'broken.bot.json'));

  // The idle bot goes at once; the running one stays.
  await expect(page.getByTestId('bot-broken')).toHaveCount(0);
  const card = page.getByTestId('bot-typo');
  await expect(page.getByTestId('bot-removed-typo')).toHaveText('Removed from the bots folder');
  await expect(page.getByTestId('start-typo')).toBeDisabled();
  await expect(page.getByTestId('start-blocked-typo')).toContainText('This bot was removed from the bots folder, so it cannot start again.');
  await expect(page.getByTestId('start-typo')).toHaveAccessibleDescription(/removed from the bots folder/);
  await expect(page.getByTestId('bot-status-typo')).toHaveText('Running');

  await page.setViewportSize({ width: 480, height: 800 });
  await card.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  const problems = await seriousViolations(page, 'bots folder follow-ups: a removed bot’s card, 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  const stop = page.getByTestId('stop-typo');
  await tabTo(page, stop, 80);
  await page.keyboard.press('Enter');
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('bots-empty-folder')).toHaveText(clinicBots);
});
