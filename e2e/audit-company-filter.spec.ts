import { readFile, rm } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import type { AuditEvent } from '../app/audit/audit-record.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { appendAuditEvents, openSeededAuditTrail, seedAuditTrail, type SeededAuditTrail } from './support/seeded-audit-trail.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * A practice manager asks "what did we do for company demo-clinic-1001 last Tuesday?": the
 * company's records sit far below the newest page, on Tuesday 2 April 2024 (in Europe/London,
 * summer time). The Company filter, by keyboard at 480 px; Clear filters; people and companies
 * named only below the newest page offered at once; what the export holds; and the search saying
 * it is still being applied while the rows catch up.
 */
let host: BrowserHostProcess;
let seeded: SeededAuditTrail;
const demo = 'demo-clinic-1001';
const riverside = 'riverside-2002';
/** The seeded trail's company, oldest records only, an id a spreadsheet would read as a formula. */
const formulaCompany = '=1+2';
const alice = { subject: 'alice-0001', name: 'Alice Nurse' };
const carol = { subject: 'carol-0003' };
/** Local (BST) times, as UTC: London is an hour ahead of UTC from 31 March 2024. */
const bst = (day: number, hour: number, minute = 0) => Date.UTC(2024, 3, day, hour - 1, minute);
/** Records about a company from the Monday to the Wednesday, then enough without one to fill the newest page. */
const appended: [number, AuditEvent][] = [
  [bst(1, 15), { type: 'companyConnected', actor: alice, profileId: 'sandbox', company: demo, detail: `Company ${demo} connected.` }],
  [bst(2, 9, 30), { type: 'runStarted', actor: alice, profileId: 'sandbox', company: demo, botId: testBots.api, runId: 'run-demo-tue', detail: 'Who am I (API bot) started.' }],
  [bst(2, 9, 32), { type: 'runEnded', actor: alice, profileId: 'sandbox', company: demo, botId: testBots.api, runId: 'run-demo-tue', detail: 'Who am I (API bot) ended: succeeded; exit code 0.' }],
  [bst(2, 10), { type: 'runStarted', actor: alice, profileId: 'sandbox', company: riverside, botId: testBots.api, runId: 'run-river-tue', detail: 'Who am I (API bot) started.' }],
  [bst(3, 9), { type: 'runStarted', actor: alice, profileId: 'sandbox', company: demo, botId: testBots.api, runId: 'run-demo-wed', detail: 'Who am I (API bot) started.' }],
  ...Array.from({ length: 220 }, (_, i): [number, AuditEvent] => [bst(4, 8, 0) + i * 5 * 60_000, { type: i % 2 === 0 ? 'signedIn' : 'signedOut', actor: carol, profileId: 'sandbox' }]),
];

test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

test.beforeAll(async () => {
  seeded = await seedAuditTrail(300);
  await appendAuditEvents(seeded, appended);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: 'Europe/London' });
});

test.afterAll(async () => {
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

const openAudit = (page: Page) => openSeededAuditTrail(page, host.pageUrl);

test('last Tuesday for one company, by keyboard at 480 px: the Company filter reaches records far below the first page, and Clear filters resets it', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 900 });
  await openAudit(page);
  const shown = page.getByTestId('audit-shown');
  const table = page.getByTestId('audit-table');
  const company = page.getByTestId('audit-filter-company').locator('select');
  // No company in the newest 200 records and none connected, but the trail names three further down.
  await expect(table.locator('tbody tr')).toHaveCount(200);
  await expect(table.getByTestId('audit-company')).toHaveCount(0);
  await expect(company.locator('option')).toHaveText(['Any', formulaCompany, demo, riverside]);

  // Tuesday 2 April 2024, typed as the date fields take it; the day is said in words.
  const from = page.getByTestId('audit-filter-from').locator('input');
  const to = page.getByTestId('audit-filter-to').locator('input');
  await from.fill('2024-04-02');
  await to.fill('2024-04-02');
  await expect(page.getByTestId('audit-days-in-words')).toHaveText('Records from Tuesday 2 April 2024 to Tuesday 2 April 2024.');
  await expect(shown).toHaveText('3 records match.');

  // From here on, keyboard only: Tab to Company, then the arrow key picks the first company, which
  // did nothing that day, and the next one.
  await page.locator('body').focus();
  await tabTo(page, company, 60);
  await expectVisibleFocusRing(company);
  await expect(company.locator('option')).toHaveText(['Any', formulaCompany, demo, riverside]);
  await page.keyboard.press('ArrowDown');
  await expect(company).toHaveValue(formulaCompany);
  await expect(shown).toHaveText('No record matches these filters.');
  await page.keyboard.press('ArrowDown');
  await expect(company).toHaveValue(demo);
  await expect(shown).toHaveText('2 records match.');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.getByTestId('audit-company')).toHaveText([`Company ${demo}`, `Company ${demo}`]);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-type', 'runEnded');
  await expect(company).toBeFocused();
  // The export is not a filtered copy, and the screen says so while filters are on.
  await expect(page.getByTestId('audit-export-scope')).toHaveText(/^Export as CSV saves the whole trail, not only the records shown/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const problems = await seriousViolations(page, 'audit trail filtered by company at 480 px');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);

  // Clear filters, with Enter: every filter, the company too. The button goes with the filters, so
  // focus moves to the first filter rather than falling to the page.
  const clear = page.getByTestId('audit-filter-clear');
  await tabTo(page, clear, 20);
  await page.keyboard.press('Enter');
  await expect(shown).toHaveText('The newest 200 records shown. Load older records to look further back.');
  await expect(company).toHaveValue('');
  await expect(from).toHaveValue('');
  await expect(to).toHaveValue('');
  await expect(page.getByTestId('audit-export-scope')).toHaveCount(0);
  await expect(clear).toHaveCount(0);
  await expect(from).toBeFocused();

  // The company stays offered; on its own it finds all four of its records, Monday to Wednesday.
  await tabTo(page, company, 20);
  await page.keyboard.type('demo');
  await expect(company).toHaveValue(demo);
  await expect(shown).toHaveText('4 records match.');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.getByTestId('audit-company')).toHaveText(Array.from({ length: 4 }, () => `Company ${demo}`));
});

test('a person and a company named only below the newest page are offered at once, and choosing them lists their records without Load older records', async ({ page }) => {
  await openAudit(page);
  const shown = page.getByTestId('audit-shown');
  const table = page.getByTestId('audit-table');
  const rows = table.locator('tbody tr');
  const person = page.getByTestId('audit-filter-person').locator('select');
  const company = page.getByTestId('audit-filter-company').locator('select');
  // The newest page is Carol's and this host's own records: neither Alice, Bob nor a company is in it.
  await expect(rows).toHaveCount(200);
  await expect(table.getByText(alice.name)).toHaveCount(0);
  await expect(table.getByText('Bob Admin')).toHaveCount(0);
  await expect(person.locator('option')).toContainText([alice.name, 'Bob Admin', carol.subject]);
  await expect(company.locator('option')).toHaveText(['Any', formulaCompany, demo, riverside]);
  // A bot that acted only long ago and is not configured here is offered too, by its id.
  await expect(page.getByTestId('audit-filter-bot').locator('option', { hasText: 'claims-bot' })).toHaveCount(1);

  // Alice: every third seeded record and the five about the companies, all in one page.
  await person.selectOption(alice.subject);
  await expect(shown).toHaveText('105 records match.');
  await expect(rows).toHaveCount(105);
  await expect(rows.locator('> :nth-child(3)')).toHaveText(Array.from({ length: 105 }, () => alice.name));
  await company.selectOption(demo);
  await expect(shown).toHaveText('4 records match.');
  await expect(table.getByTestId('audit-company')).toHaveText(Array.from({ length: 4 }, () => `Company ${demo}`));
  await expect(page.getByTestId('audit-older')).toHaveCount(0);
});

test('with a company chosen, Export as CSV still holds the whole trail, each record with its company', async ({ page }) => {
  await openAudit(page);
  await page.getByTestId('audit-filter-from').locator('input').fill('2024-04-02');
  await page.getByTestId('audit-filter-to').locator('input').fill('2024-04-02');
  await page.getByTestId('audit-filter-company').locator('select').selectOption(riverside);
  await expect(page.getByTestId('audit-shown')).toHaveText('1 record matches.');
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByTestId('audit-export').click();
  await expect.poll(() => downloads.length).toBe(2);
  const csv = downloads.find((download) => download.suggestedFilename().endsWith('.csv')) as Download;
  // The cells read here hold no comma or quote, so splitting on commas reads them.
  const rows = (await readFile(await csv.path(), 'utf8'))
    .split('\r\n')
    .filter((row) => row.length > 0)
    .map((row) => row.split(','));
  const header = rows[0] ?? [];
  const at = (name: string) => header.indexOf(name);
  const records = rows.slice(1);
  // Every record of the trail: the seeded ones, those appended, and what this host wrote since.
  expect(records.length).toBeGreaterThanOrEqual(seeded.records.length + appended.length);
  const about = (id: string) => records.filter((row) => row[at('Company')] === id).map((row) => [row[at('Type')], row[at('Run id')], row[at('Local time (UTC offset)')]]);
  expect(about(riverside)).toEqual([['runStarted', 'run-river-tue', '2024-04-02 10:00:00 +01:00']]);
  expect(about(demo)).toEqual([
    ['companyConnected', '', '2024-04-01 15:00:00 +01:00'],
    ['runStarted', 'run-demo-tue', '2024-04-02 09:30:00 +01:00'],
    ['runEnded', 'run-demo-tue', '2024-04-02 09:32:00 +01:00'],
    ['runStarted', 'run-demo-wed', '2024-04-03 09:00:00 +01:00'],
  ]);
});

test('while a typed search is still being applied, the count says "Searching…" and the table is busy, without taking focus from the field', async ({ page }) => {
  await openAudit(page);
  const search = page.getByTestId('audit-filter');
  const shown = page.getByTestId('audit-shown');
  await expect(shown).toHaveAttribute('role', 'status');
  // Every state the count and the table pass through, however briefly: the rows follow a keystroke in a render of their own.
  await page.evaluate(() => {
    const states: { text: string; busy: string | null }[] = [];
    (window as unknown as { auditStates: typeof states }).auditStates = states;
    const note = () => {
      const text = document.querySelector('[data-testid="audit-shown"]')?.textContent ?? '';
      const busy = document.querySelector('[data-testid="audit-table"]')?.getAttribute('aria-busy') ?? null;
      const previous = states.at(-1);
      if (previous?.text !== text || previous.busy !== busy) states.push({ text, busy });
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  await search.focus();
  await page.keyboard.type('carol');
  await expect(search).toHaveValue('carol');
  // Carol's records in the newest page: all of it but what this host has recorded since it started.
  const answer = /^The newest \d+ matching records shown\. Load older records to look further back\.$/;
  await expect(shown).toHaveText(answer);
  await expect(page.getByTestId('audit-table')).not.toHaveAttribute('aria-busy');
  const states = await page.evaluate(() => (window as unknown as { auditStates: { text: string; busy: string | null }[] }).auditStates);
  expect(states).toContainEqual({ text: 'Searching…', busy: 'true' });
  // Never a stale count read as the answer: "Searching…" is only ever shown with the table busy.
  expect(states.filter((state) => state.text === 'Searching…').every((state) => state.busy === 'true')).toBe(true);
  expect(states.at(-1)?.text).toMatch(answer);
  expect(states.at(-1)?.busy).toBeNull();
  await expect(search).toBeFocused();
  // A search matching nothing ends in words, not in "Searching…".
  await page.keyboard.type('zq');
  await expect(shown).toHaveText('No loaded record matches. Load older records to look further back.');
  await expect(search).toBeFocused();
});
