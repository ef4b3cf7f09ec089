import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { formulaBotIds, openSeededAuditTrail, seedAuditTrail, seededPeople, type SeededAuditTrail } from './support/seeded-audit-trail.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A trail of 3,000 records written before this start, as an auditor meets it after months of
 * use: filters reach records far below the first page, whole local days across the change of
 * clocks; records read as words; the CSV gives local times and defuses formula cells (S85); and a
 * changed record is named when the check fails. The page and the core run in Europe/London.
 */
let host: BrowserHostProcess;
let seeded: SeededAuditTrail;
const count = 3000;

test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

test.beforeAll(async () => {
  seeded = await seedAuditTrail(count);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: 'Europe/London' });
});

test.afterAll(async () => {
  await host?.stop();
  if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
});

const openAudit = (page: Page) => openSeededAuditTrail(page, host.pageUrl);

/** The seqs of seeded records selected by `keep`, newest first, as the table lists them. */
function seqsWhere(keep: (record: SeededAuditTrail['records'][number]) => boolean): number[] {
  return seeded.records.filter(keep).map((record) => record.seq).reverse();
}

test('filters reach the whole trail, not only the records loaded, and a To day is the whole local day', async ({ page }) => {
  await openAudit(page);
  const table = page.getByTestId('audit-table');
  const shown = page.getByTestId('audit-shown');
  // 31 March 2024 in London: 00:00 GMT to 00:00 BST the next day, 23 hours, all far below the first page.
  await page.getByTestId('audit-filter-from').locator('input').fill('2024-03-31');
  await page.getByTestId('audit-filter-to').locator('input').fill('2024-03-31');
  const day = seqsWhere((record) => record.at >= Date.UTC(2024, 2, 31, 0) && record.at < Date.UTC(2024, 2, 31, 23));
  expect(day).toHaveLength(23 * 4);
  await expect(shown).toHaveText(`${day.length} records match.`);
  await expect(table.locator('tbody tr')).toHaveCount(day.length);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-testid', `audit-row-${day[0]}`);
  await expect(table.locator('tbody tr').last()).toHaveAttribute('data-testid', `audit-row-${day.at(-1)}`);
  await expect(page.getByTestId('audit-older')).toHaveCount(0);

  // Combined with a person and a kind; the record reads in words, the code kept for reference.
  const bob = seededPeople[1];
  await page.getByTestId('audit-filter-person').locator('select').selectOption({ label: bob.name });
  await page.getByTestId('audit-filter-type').locator('select').selectOption({ label: 'Sign-in failed' });
  const bobsFailures = seqsWhere((record) => day.includes(record.seq) && record.actor?.subject === bob.subject && record.type === 'signInFailed');
  expect(bobsFailures.length).toBeGreaterThan(0);
  await expect(shown).toHaveText(`${bobsFailures.length} record${bobsFailures.length === 1 ? ' matches' : 's match'}.`);
  await expect(table.locator('tbody tr').first()).toContainText('Sign-in failed: a sign-in answer was ignored for your safety (state_mismatch).');
  // The other people stay choosable once the trail is narrowed to one (beside this computer's account, which recorded the start).
  await expect(page.getByTestId('audit-filter-person').locator('option')).toContainText(['Any', 'Alice Nurse', 'Bob Admin', 'carol-0003']);

  await page.getByTestId('audit-filter-type').locator('select').selectOption({ label: 'Audit trail exported' });
  await expect(shown).toHaveText('No record matches these filters.');
  await expect(table).toHaveCount(0);
  await expect(page.getByTestId('audit-filters')).toBeVisible();

  await page.getByTestId('audit-filter-clear').click();
  await expect(shown).toHaveText('The newest 200 records shown. Load older records to look further back.');
  await expect(table.locator('tr[data-type="brokerDenied"]').first()).toContainText("the run's secret was missing or wrong (invalid_secret)");
});

test('S85 the CSV export defuses cells a spreadsheet would run as formulas, and gives local times with their offset', async ({ page }) => {
  await openAudit(page);
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByTestId('audit-export').click();
  await expect.poll(() => downloads.length).toBe(2);
  // The trail and its checkpoint download together, in either order.
  const csv = downloads.find((download) => download.suggestedFilename().endsWith('.csv'));
  const rows = parseCsv(await readFile(await (csv as Download).path(), 'utf8'));
  const [header, ...records] = rows;
  expect(header).toEqual(['Seq', 'Time (UTC)', 'Local time (UTC offset)', 'Type', 'Actor subject', 'Actor name', 'Profile id', 'Company', 'Bot id', 'Run id', 'Detail', 'Previous hash', 'Hash', 'Key id', 'MAC', 'Profile name (at export)', 'Bot name (at export)']);
  expect(records.length).toBeGreaterThan(count);
  for (const row of records) {
    expect(row).toHaveLength(header?.length ?? 0);
    expect(row.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  }
  for (const botId of formulaBotIds.filter((id) => /^[=+\-@]/.test(id))) expect(records.some((row) => row[8] === `'${botId}`)).toBe(true);
  expect(records.some((row) => row[7] === "'=1+2")).toBe(true);
  expect(records.some((row) => row[10] === "'=SUM(A1:A9) is the total right?")).toBe(true);
  // Noon UTC on 10 April is 13:00 in London (summer time); noon on 25 March is noon (winter).
  const at = (iso: string) => records.find((row) => row[1] === iso)?.[2];
  expect(at('2024-04-10T12:00:00.000Z')).toBe('2024-04-10 13:00:00 +01:00');
  expect(at('2024-03-25T12:00:00.000Z')).toBe('2024-03-25 12:00:00 +00:00');
});

test('a bot id with no spaces breaks inside its column: at 1024 px the table fits its box, with nothing to scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await openAudit(page);
  const formulaBot = page.getByTestId('audit-bot').filter({ hasText: formulaBotIds[0] }).first();
  await expect(formulaBot).toBeVisible();
  const wrap = page.getByTestId('audit-table').locator('xpath=..');
  expect(await wrap.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
});

test('a changed record is named in words when the check fails', async ({ page }) => {
  await openAudit(page);
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
  const target = seeded.records.find((record) => record.type === 'runStarted' && record.seq > 1000 && record.actor?.name === 'Alice Nurse');
  expect(target).toBeDefined();
  const path = join(seeded.dataDir, 'audit', 'audit.jsonl');
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[(target?.seq ?? 0) - 1] = (lines[(target?.seq ?? 0) - 1] as string).replace(' started.', ' started by someone else.');
  await writeFile(path, lines.join('\n'));
  await page.getByTestId('audit-refresh').click();
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('audit-verification')).toContainText(`line ${target?.seq}: its content does not match its hash`);
  await expect(page.getByTestId('audit-broken-record')).toHaveText(new RegExp(`^The damaged record now reads: Run started, \\d{1,2} [A-Z][a-z]{2} 2024, \\d{2}:\\d{2}:\\d{2}, Alice Nurse \\(record ${target?.seq}\\)\\.`));
});

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const next = text[i + 1];
    i += 1;
    if (quoted && char === '"' && next === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && next === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  return rows;
}
