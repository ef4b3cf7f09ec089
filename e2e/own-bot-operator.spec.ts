import { expect, test, type Page } from '@playwright/test';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { botsDoc } from '../app/bots/testing/docs-example-bots.js';
import { manifestExample } from '../app/bots/testing/docs-node-bots.js';
import { codeBlockAfter } from '../app/test-support/markdown-code-block.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { openSignedInPage } from './support/sign-in.js';

/**
 * A clinic's RPA operator adds a first bot of their own, from docs/bots.md and the screen alone:
 * a folder of their own with the SDK copied in (as "Where the bots folder is" says), chosen in
 * Settings by keyboard, the page's first Node bot copied verbatim, and then the usual mistakes,
 * each of which must say what is wrong where the operator looks.
 */
const repoSdk = resolve(import.meta.dirname, '..', 'bots', 'sdk');
let host: BrowserHostProcess;
let page: Page;
let clinicBots: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // The folder's path shows in run logs, which redact patient identifiers: mkdtemp's six random
  // letters and digits once read as a postcode ("bq33GE"). After an 'x' (no postcode starts with
  // one) none can begin inside them, since a postcode never follows a letter or a digit.
  clinicBots = await mkdtemp(join(tmpdir(), 'clinic-bots-x'));
  await cp(repoSdk, join(clinicBots, 'sdk'), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  await mkdir(join(clinicBots, 'my-bot'));
  await writeFile(join(clinicBots, 'my-bot', 'my-bot.mjs'), codeBlockAfter(botsDoc, '### In Node.js, with the SDK', 'js'));
  const manifest = JSON.parse(manifestExample) as Record<string, unknown>;
  await writeFile(join(clinicBots, 'my-bot.bot.json'), JSON.stringify({ ...manifest, id: 'my-bot', name: 'My first bot', args: ['./my-bot/my-bot.mjs'] }, null, 2));
  host = await startBrowserHostProcess();
  page = await openSignedInPage(browser, host);
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
  await rm(clinicBots, { recursive: true, force: true });
});

const notice = (code: string) => page.locator(`.notice[data-code="${code}"]`);

test('the operator chooses their own bots folder by keyboard, and the docs’ first Node bot runs from it', async () => {
  await page.getByTestId('nav-settings').click();
  const folder = page.getByLabel('Bots folder');
  await tabTo(page, folder, 80);
  await expectVisibleFocusRing(folder);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(clinicBots);
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('preferences').getByText('Saved.')).toBeVisible();

  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('bot-my-bot')).toBeVisible();
  // The Overview lists only the clinic's folder now.
  await expect(page.getByTestId('bot-api-bot')).toHaveCount(0);
  await page.getByTestId('start-my-bot').click();
  await expect(page.getByTestId('bot-status-my-bot')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText('status 200');
});

test('several bad manifests are named in one notice, each with its problem, and the good bot stays', async () => {
  await writeFile(join(clinicBots, 'trailing-comma.bot.json'), '{\n  "id": "trailing-comma",\n  "name": "Trailing comma",\n}\n');
  await writeFile(join(clinicBots, 'no-profile.bot.json'), JSON.stringify({ id: 'no-profile', name: 'No profile', command: 'node', args: ['./my-bot/my-bot.mjs'] }));
  await writeFile(join(clinicBots, 'typo.bot.json'), JSON.stringify({ id: 'typo', name: 'Typo', command: 'node', args: ['./my-bot/my-bot.mjs'], profileId: 'sandbox', timeoutMS: 60000 }));
  // Saved by Notepad as "UTF-8 with BOM": read as it is.
  await writeFile(join(clinicBots, 'notepad.bot.json'), `\uFEFF${JSON.stringify({ id: 'notepad', name: 'Saved by Notepad', command: 'node', args: ['.\\my-bot\\my-bot.mjs'], profileId: 'sandbox', env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } })}`);

  const problems = notice('bot_manifests_invalid');
  await expect(problems).toContainText('3 bot manifests in');
  await expect(problems).toContainText('trailing-comma.bot.json: it is not valid JSON: remove the comma after the last entry at line 3, column 27.');
  await expect(problems).toContainText('no-profile.bot.json: profileId: is required.');
  await expect(problems).toContainText('typo.bot.json: timeoutMS: is not a manifest field (did you mean "timeoutMs"?).');
  await expect(problems.getByTestId(/^notice-count-/)).toHaveCount(0);
  await expect(page.getByTestId('bot-my-bot')).toBeVisible();
  await expect(page.getByTestId('bot-notepad')).toBeVisible();
});

test('a bot naming a profile that is not set up says so on its card, and a missing script fails with its path', async () => {
  await writeFile(join(clinicBots, 'wrong-profile.bot.json'), JSON.stringify({ id: 'wrong-profile', name: 'Wrong profile', command: 'node', args: ['./my-bot/my-bot.mjs'], profileId: 'healthcode' }));
  await writeFile(join(clinicBots, 'no-script.bot.json'), JSON.stringify({ id: 'no-script', name: 'Script missing', command: 'node', args: ['./claims/claims.mjs'], profileId: 'sandbox' }));

  const blocked = page.getByTestId('start-blocked-wrong-profile');
  await expect(blocked).toContainText('This bot names a sign-in profile that is not set up here.');
  await expect(blocked).toContainText('Wrong profile signs in with the profile "healthcode", which is not set up in RPA Supervisor (profiles here: "sandbox" (Local sandbox)).');
  await expect(blocked).not.toContainText('Sign in to healthcode');
  await expect(page.getByTestId('start-wrong-profile')).toBeDisabled();

  await page.getByTestId('start-no-script').click();
  await expect(page.getByTestId('bot-status-no-script')).toHaveText('Failed');
  await expect(page.getByTestId('run-log')).toContainText(`The bot's script ${join(clinicBots, 'claims', 'claims.mjs')} does not exist.`);
  await expect(page.getByTestId('run-log')).not.toContainText('MODULE_NOT_FOUND');

  // The Windows-style path of the Notepad manifest runs here too.
  await page.getByTestId('start-notepad').click();
  await expect(page.getByTestId('bot-status-notepad')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText(`Command: ${process.execPath} ${join(clinicBots, 'my-bot', 'my-bot.mjs')}.`);
});

test('the notice and the cards read at 480 px, light and dark', async () => {
  await page.setViewportSize({ width: 480, height: 800 });
  await expect(notice('bot_manifests_invalid')).toBeVisible();
  await expect(page.getByTestId('start-blocked-wrong-profile')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  // seriousViolations checks the light and the dark colour scheme.
  const problems = await seriousViolations(page, 'own bots: the manifest notice and a blocked card, 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
});
