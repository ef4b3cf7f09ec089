import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A run's files by keyboard alone: Preview and Download stay focusable while the file is read
 * (never `disabled`, which drops focus to the top of the page); Preview goes once the image
 * shows, and focus moves to the image; Download keeps focus, so it can be pressed again.
 */
let host: BrowserHostProcess;
let policyDir: string;

test.beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-artifacts-keyboard-e2e-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, patientData: { screenshots: 'always' } }));
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile, RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'artifacts') });
});

test.afterAll(async () => {
  await host?.stop();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

test('Preview and Download of a run’s file by keyboard: neither drops focus; after Preview focus is on the image, after Download still on Download', async ({ page }) => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  await page.getByTestId('start-screenshot-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  const shot = page.getByTestId('artifact-screen.png');
  await expect(shot).toBeVisible();
  const disabledButtons = await watchForDisabledButtons(page);

  const preview = shot.getByTestId('artifact-show-preview-screen.png');
  await page.locator('body').focus();
  await tabTo(page, preview, 120);
  await page.keyboard.press('Enter');
  const image = page.getByTestId('artifact-preview-screen.png');
  await expect(image).toBeVisible();
  await expect(preview).toHaveCount(0);
  await expect(image).toBeFocused();
  expect(await disabledButtons()).toEqual([]);

  // The image shows under the buttons: Download is one Shift+Tab back.
  const download = shot.getByTestId('artifact-download-screen.png');
  await page.keyboard.press('Shift+Tab');
  await expect(download).toBeFocused();
  for (const _press of [1, 2]) {
    const saved = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await saved).suggestedFilename()).toBe('screen.png');
    await expect(download).toBeFocused();
  }
  expect(await disabledButtons()).toEqual([]);
});
