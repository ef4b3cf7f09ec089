import { readFile, rm } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import type { StoredAuditRecord } from '../app/audit/audit-record.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { appendAuditEvents, openSeededAuditTrail, seedAuditTrail, type SeededAuditTrail } from './support/seeded-audit-trail.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * A compliance officer's quarterly review of a trail of 3,000 records, with only the screen:
 * every record loaded and searched as they type, companies and keys read in words, and the export
 * naming what the ids stand for. The page and the core run in Europe/London.
 */
let host: BrowserHostProcess;
let seeded: SeededAuditTrail;
const count = 3000;
/** The API bot's name in its manifest (e2e/support/test-bots/api-bot.bot.json). */
const apiBotName = 'Who am I (API bot)';
/** Two runs of a bot this computer still has, after the seeded trail, for the company of the Local sandbox's partner. */
const company = 'demo-clinic-1001';

test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

test.beforeAll(async () => {
  seeded = await seedAuditTrail(count);
  const lastAt = (seeded.records.at(-1) as StoredAuditRecord).at;
  const run = { actor: { subject: 'alice-0001', name: 'Alice Nurse' }, profileId: 'sandbox', company, botId: testBots.api, runId: 'run-api-1' };
  await appendAuditEvents(seeded, [
    [lastAt + 60_000, { type: 'runStarted', ...run, detail: `${apiBotName} started.` }],
    [lastAt + 120_000, { type: 'runEnded', ...run, detail: `${apiBotName} ended: succeeded; exit code 0.` }],
  ]);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: 'Europe/London' });
});

test.afterAll(async () => {
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

const openAudit = (page: Page) => openSeededAuditTrail(page, host.pageUrl);

/** "Load older records" until the whole trail is on the screen; returns how many records that is. */
async function loadWholeTrail(page: Page): Promise<number> {
  const shown = page.getByTestId('audit-shown');
  const older = page.getByTestId('audit-older');
  for (let loaded = 200; (await older.count()) > 0; loaded += 200) {
    await older.click();
    await expect(shown).toHaveText(new RegExp(`^(The newest ${loaded + 200} records shown\\. Load older records to look further back\\.|All \\d+ records shown\\.)$`), { timeout: 20_000 });
  }
  const total = Number(/^All (\d+) records/.exec(await shown.innerText())?.[1]);
  expect(total).toBeGreaterThan(count);
  return total;
}

// How fast each key paints with the whole trail loaded is measured in bench/ (the typing benchmark).
test('with the whole trail of 3,000 records loaded, each key typed in Search narrows the rows, and Backspace brings them all back', async ({ page }) => {
  await openAudit(page);
  const total = await loadWholeTrail(page);
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tbody tr')).toHaveCount(total);
  const search = page.getByTestId('audit-filter');
  const shown = page.getByTestId('audit-shown');
  await search.focus();
  // The first key narrows 3,000 rows to the few that hold a "z"; "zq" matches nothing.
  await page.keyboard.press('z');
  await expect(search).toHaveValue('z');
  await expect(shown).not.toHaveText(/^All /);
  await page.keyboard.press('q');
  await expect(shown).toHaveText('No record matches these filters.');
  await page.keyboard.press('Backspace');
  await expect(shown).not.toHaveText('No record matches these filters.');
  await expect(shown).not.toHaveText(/^All /);
  await page.keyboard.press('Backspace');
  await expect(search).toHaveValue('');
  await expect(shown).toHaveText(`All ${total} records shown.`);
  await expect(table.locator('tbody tr')).toHaveCount(total);
});

test('a company reads as a company beside its profile, and the audit key and checkpoint records say what they are for', async ({ page }) => {
  await openAudit(page);
  const table = page.getByTestId('audit-table');
  const run = table.locator('tr[data-type="runStarted"]').first();
  await expect(run.getByTestId('audit-profile')).toHaveText('Local sandbox');
  await expect(run.getByTestId('audit-company')).toHaveText(`Company ${company}`);
  await expect(run.getByTestId('audit-bot')).toHaveText(apiBotName);

  // This start keyed the trail after 3,002 records written without a key (a memory-only host).
  const key = table.locator('tr[data-type="auditKeyChanged"]').first();
  await expect(key).toContainText(`From record ${count + 3} on, each record is also sealed with a secret key kept on this computer`);
  await expect(key).toContainText(`Records 1 to ${count + 2} were written before this key and are checked without it.`);
  await expect(key).not.toContainText(/plain hash|seals records from/);

  // The checkpoint names the same fingerprint Settings gives the auditor.
  const checkpoint = table.locator('tr[data-type="auditCheckpoint"]').first();
  await expect(checkpoint).toContainText(/Daily checkpoint of records 1 to \d+, signed with this computer's checkpoint key \(fingerprint [0-9a-f:]+, as Settings → Audit trail shows it\)\./);
  const shownFingerprint = /fingerprint ([0-9a-f:]+),/.exec(await checkpoint.innerText())?.[1];
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('audit-fingerprint')).toHaveText(shownFingerprint ?? 'no fingerprint in the record');

  // Searching for the word finds it too: "company demo" is what a person would type.
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-filter').fill(`company ${company}`);
  await expect(page.getByTestId('audit-shown')).toHaveText('The newest 2 matching records shown. Load older records to look further back.');
});

test('at 480 px in the dark, the company and key records stack readably and pass axe', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 900 });
  await openAudit(page);
  const run = page.getByTestId('audit-table').locator('tr[data-type="runStarted"]').first();
  await expect(run.getByTestId('audit-company')).toBeVisible();
  // Nothing to scroll sideways: the stacked rows fit the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const problems = await seriousViolations(page, 'audit trail at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

test('the export names profiles and bots beside their ids, in columns after those an earlier export had', async ({ page }) => {
  await openAudit(page);
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByTestId('audit-export').click();
  await expect.poll(() => downloads.length).toBe(2);
  const csv = downloads.find((download) => download.suggestedFilename().endsWith('.csv')) as Download;
  // No cell of these rows holds a comma or quote, so splitting on commas reads them.
  const rows = (await readFile(await csv.path(), 'utf8')).split('\r\n').map((row) => row.split(','));
  const header = rows[0] ?? [];
  expect(header.slice(-2)).toEqual(['Profile name (at export)', 'Bot name (at export)']);
  const at = (name: string) => header.indexOf(name);
  const apiRun = rows.find((row) => row[at('Run id')] === 'run-api-1' && row[at('Type')] === 'runStarted') ?? [];
  expect([apiRun[at('Profile id')], apiRun[at('Company')], apiRun[at('Bot id')], apiRun[at('Profile name (at export)')], apiRun[at('Bot name (at export)')]]).toEqual([
    'sandbox',
    company,
    testBots.api,
    'Local sandbox',
    apiBotName,
  ]);
  // A bot this computer no longer has keeps its id, with no name to give.
  const gone = rows.find((row) => row[at('Bot id')] === 'claims-bot') ?? [];
  expect([gone[at('Profile name (at export)')], gone[at('Bot name (at export)')]]).toEqual(['Local sandbox', '']);
});

test('by keyboard alone, Load older records, Check the trail and Export keep focus while they work, so Enter can be pressed again', async ({ page }) => {
  await openAudit(page);
  // A focused button that turns disabled drops focus to the page, and a disabled one is skipped by
  // Tab: each time either happens to one of these three, it is noted.
  await page.evaluate(() => {
    const lost: string[] = [];
    (window as unknown as { focusLost: string[] }).focusLost = lost;
    for (const id of ['audit-older', 'audit-refresh', 'audit-export']) {
      const button = document.querySelector(`[data-testid="${id}"]`);
      if (!button) throw new Error(`${id} is not on the page`);
      new MutationObserver(() => {
        if (button.hasAttribute('disabled')) lost.push(`${id} disabled`);
      }).observe(button, { attributes: true, attributeFilter: ['disabled'] });
      button.addEventListener('focusout', (event) => {
        if ((event as FocusEvent).relatedTarget === null) lost.push(`${id} lost focus`);
      });
    }
  });
  // Read and cleared before Tab moves on: tabbing past the last control also leaves the page.
  const focusLost = () => page.evaluate(() => (window as unknown as { focusLost: string[] }).focusLost.splice(0));
  const shown = page.getByTestId('audit-shown');
  const older = page.getByTestId('audit-older');
  await page.locator('body').focus();
  await tabTo(page, older, 200);
  for (const loaded of [400, 600]) {
    await page.keyboard.press('Enter');
    await expect(shown).toHaveText(`The newest ${loaded} records shown. Load older records to look further back.`, { timeout: 20_000 });
    await expect(older).toBeFocused();
  }
  expect(await focusLost()).toEqual([]);

  const verify = page.getByTestId('audit-refresh');
  const checkedAt = page.getByTestId('audit-checked-at');
  // Back up the page with Shift+Tab, as a keyboard user would from the bottom of the table.
  for (let presses = 0; presses < 40 && !(await verify.evaluate((element) => element === document.activeElement)); presses += 1) await page.keyboard.press('Shift+Tab');
  await expect(verify).toBeFocused();
  const before = Number(await checkedAt.getAttribute('data-checked-at'));
  await page.keyboard.press('Enter');
  await expect.poll(async () => Number(await checkedAt.getAttribute('data-checked-at'))).toBeGreaterThan(before);
  await expect(verify).toBeFocused();

  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.keyboard.press('Tab');
  const exportButton = page.getByTestId('audit-export');
  await expect(exportButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => downloads.length).toBe(2);
  await expect(page.getByTestId('audit-exported')).toContainText('Saved ');
  await expect(exportButton).toBeFocused();
  // The export reloads the trail; Check the trail stays reachable one Shift+Tab back meanwhile.
  await page.keyboard.press('Shift+Tab');
  await expect(verify).toBeFocused();
  expect(await focusLost()).toEqual([]);
});

test('the audit trail’s date fields in a US-English browser: the chosen days are said in words under them, so 03/12 is not read as 12 March', async ({ browser }) => {
  const american = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-US', viewport: { width: 480, height: 800 } });
  try {
    const page = await american.newPage();
    await openAudit(page);
    const words = page.getByTestId('audit-days-in-words');
    await expect(words).toHaveCount(0);
    const from = page.getByTestId('audit-filter-from').locator('input');
    const to = page.getByTestId('audit-filter-to').locator('input');
    await from.fill('2025-12-03');
    await expect(words).toHaveText('Records on or after Wednesday 3 December 2025.');
    await to.fill('2025-12-06');
    await expect(words).toHaveText('Records from Wednesday 3 December 2025 to Saturday 6 December 2025.');
    // A screen reader hears them with each field.
    await expect(from).toHaveAccessibleDescription(/Wednesday 3 December 2025/);
    await expect(to).toHaveAccessibleDescription(/Saturday 6 December 2025/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    const problems = await seriousViolations(page, 'the audit trail’s dates in words at 480 px');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  } finally {
    await american.close();
  }
});
