import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSupervisionHost, type Setup } from './support/supervision-host.js';

/**
 * A bot may ask for a field of several lines (`fields: [{ name, label, multiline: true }]`,
 * docs/bots.md), and the core passes its line breaks on. The page must offer a box that holds
 * them: a one-line box drops them, so an address or a note for the payer arrives run together.
 */
const sdk = pathToFileURL(resolve(import.meta.dirname, '..', 'bots', 'sdk', 'index.mjs')).href;
let botsDir: string;
let setup: Setup;

test.beforeAll(async ({ browser }) => {
  // After an 'x', mkdtemp's letters never read as a postcode the run log would redact.
  botsDir = await mkdtemp(join(tmpdir(), 'note-bots-x'));
  await writeFile(
    join(botsDir, 'note-bot.mjs'),
    [
      `import { ask, watchSupervisor } from ${JSON.stringify(sdk)};`,
      'watchSupervisor();',
      "const reply = await ask({ question: 'What should the note to the payer say?', fields: [{ name: 'reference', label: 'Reference' }, { name: 'note', label: 'Note for the payer', multiline: true }], timeoutMs: 600000 });",
      "console.log(`note: ${JSON.stringify(reply.answer.fields.note)} reference: ${JSON.stringify(reply.answer.fields.reference)}`);",
    ].join('\n'),
  );
  await writeFile(join(botsDir, 'note-bot.bot.json'), JSON.stringify({ id: 'note-bot', name: 'Payer note', command: 'node', args: ['./note-bot.mjs'], profileId: 'sandbox' }));
  setup = await startSupervisionHost(browser, botsDir, { idleAfterMs: 0 });
});

test.afterAll(async () => {
  await setup?.dispose();
  await rm(botsDir, { recursive: true, force: true });
});

test('a field the bot asked for on several lines keeps its line breaks, typed by keyboard, and a one-line field still sends on Enter', async () => {
  const { page } = setup;
  await page.getByTestId('start-note-bot').click();
  const item = page.getByTestId('attention-item-question');
  const note = item.getByLabel('Note for the payer');
  await note.click();
  await page.keyboard.type('Short by £12.40');
  // Enter starts a new line in the note rather than sending half of it.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Ward 7 not known');
  await expect(note).toHaveValue('Short by £12.40\nWard 7 not known');
  await expect(item).toHaveCount(1);

  const reference = item.getByLabel('Reference');
  await reference.fill('B-42');
  await reference.press('Enter');
  await expect(item).toHaveCount(0);
  await page.getByTestId('view-log-note-bot').click();
  await expect(page.getByTestId('run-log')).toContainText('note: "Short by £12.40\\nWard 7 not known" reference: "B-42"');
});
