import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * Run artifacts with screenshots allowed (S63, issue 14 item 3): the machine policy turns
 * screenshots on (the built-in sandbox profile cannot be edited), a bot attaches a PNG screenshot
 * and a text note holding an NHS number; the run detail lists both with the patient-data warning,
 * previews the image as a `data:` URL that really decodes, downloads the same bytes, and the note
 * downloads redacted.
 */
let host: BrowserHostProcess;
let policyDir: string;

const botsDir = resolve(testBotsDir, 'artifacts');
/** The PNG the bot attaches (e2e/support/test-bots/artifacts/screenshot-bot.mjs). */
const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==';

test.beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-artifacts-e2e-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, patientData: { screenshots: 'always' } }));
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile, RPA_SUPERVISOR_BOTS_DIR: botsDir });
});

test.afterAll(async () => {
  await host?.stop();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

test('S63 a screenshot the policy allows is previewed as a data: URL and downloads intact; a text artifact downloads redacted', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await page.getByTestId('start-screenshot-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText('attached screen.png');

  const artifacts = page.getByTestId('run-artifacts');
  await expect(artifacts).toContainText('Files the bot attached (2)');
  await expect(page.getByTestId('run-artifacts-warning')).toContainText('Screenshots may contain patient data');
  const shot = page.getByTestId('artifact-screen.png');
  await expect(shot).toContainText('Screenshot, ');

  // Preview: the button goes, and the image is a data: URL of exactly the attached bytes, decoded.
  await shot.getByRole('button', { name: 'Preview screen.png' }).click();
  const preview = page.getByTestId('artifact-preview-screen.png');
  await expect(preview).toHaveAttribute('src', `data:image/png;base64,${pngBase64}`);
  await expect(preview).toHaveAttribute('alt', 'Screenshot screen.png');
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0))).toBe(4);
  await expect(shot.getByRole('button', { name: 'Preview screen.png' })).toHaveCount(0);

  // Download: the same bytes, under the artifact's name.
  const [shotDownload] = await Promise.all([page.waitForEvent('download'), shot.getByRole('button', { name: 'Download screen.png' }).click()]);
  expect(shotDownload.suggestedFilename()).toBe('screen.png');
  expect((await readFile((await shotDownload.path()) ?? '')).toString('base64')).toBe(pngBase64);

  // The text note has no preview, and downloads with its identifiers redacted.
  const note = page.getByTestId('artifact-note.txt');
  await expect(note.getByRole('button', { name: 'Preview note.txt' })).toHaveCount(0);
  const [noteDownload] = await Promise.all([page.waitForEvent('download'), note.getByRole('button', { name: 'Download note.txt' }).click()]);
  expect(noteDownload.suggestedFilename()).toBe('note.txt');
  const noteText = await readFile((await noteDownload.path()) ?? '', 'utf8');
  expect(noteText).toBe('Checked [NHS number] at [postcode]\n');
  expect(noteText).not.toContain('943 476 5919');
});
