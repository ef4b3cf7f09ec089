import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { codeBlockAfter } from '../app/test-support/markdown-code-block.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';

/**
 * S56 as the clinic sees it: the administrator copied the sample policy from docs/providers.md
 * and left a comma after the last entry they edited. The app locks down and says so where the
 * person looks first (a notice, plain words first, the file, the line and the code behind
 * Details); Settings → This installation keeps saying why after the notice is dismissed.
 */
let host: BrowserHostProcess;
let policyDir: string;
let policyFile: string;

const providersDoc = readFileSync(new URL('../docs/providers.md', import.meta.url), 'utf8');
const sample = codeBlockAfter(providersDoc, 'A sample with', 'json');
const edited = sample.replace('"allowEnvTokenDelivery": false', '"allowEnvTokenDelivery": false,');
const commaLine = edited.split('\n').findIndex((line) => line.includes('"allowEnvTokenDelivery": false,')) + 1;
const commaColumn = (edited.split('\n')[commaLine - 1] ?? '').indexOf(',') + 1;
const why = `it is not valid JSON: remove the comma after the last entry at line ${commaLine}, column ${commaColumn}`;

test.beforeAll(async () => {
  expect(edited).not.toBe(sample);
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-policy-broken-e2e-'));
  policyFile = join(policyDir, 'policy.json');
  // As Windows editors save it: a byte-order mark and CRLF line endings, which are fine.
  writeFileSync(policyFile, `\uFEFF${edited.replace(/\n/g, '\r\n')}`);
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile });
});

test.afterAll(async () => {
  await host?.stop();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

test('a policy file with a stray comma locks down, and the notice and Settings say which file, where and why', async ({ page }) => {
  await page.goto(host.pageUrl);
  const notice = page.locator('.notice[data-code="policy_invalid"]');
  await expect(notice).toBeVisible();
  await expect(notice.locator('.error-message__text')).toHaveText('The machine policy could not be used, so settings are locked down. Ask your administrator.');
  await notice.getByRole('button', { name: 'Details' }).click();
  const details = notice.locator('.error-message__details');
  await expect(details).toContainText(`The machine policy at ${policyFile} is not valid (${why})`);
  await expect(details).toContainText('policy_invalid');

  // Locked down: the wizard offers no profile to add, and no Local sandbox.
  const wizard = page.getByTestId('wizard');
  await expect(wizard.getByTestId('wizard-profiles-managed')).toContainText(`The machine policy (${policyFile}) could not be trusted`);
  await expect(wizard.getByTestId('wizard-presets')).toHaveCount(0);
  expect(await seriousViolations(page, 'wizard: the machine policy is broken')).toEqual([]);
  await page.getByTestId('wizard-skip').click();

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  const source = page.getByTestId('policy-source');
  await expect(source).toContainText('locked down to its safest settings');
  await expect(page.getByTestId('policy-problem')).toHaveText(`${why} (policy_invalid)`);
  // seriousViolations checks light and dark itself.
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByTestId('policy-problem').scrollIntoViewIfNeeded();
    expect(await seriousViolations(page, `Settings at ${width} px: the machine policy is broken`)).toEqual([]);
  }
});

test('S56 the browser host reads RPA_SUPERVISOR_POLICY_FILE as the product reads its policy: a file other users may change locks it down', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-policy-open-e2e-'));
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ version: 1, demoMode: true }));
  chmodSync(file, 0o666);
  const open = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: file });
  try {
    await page.goto(open.pageUrl);
    const notice = page.locator('.notice[data-code="policy_not_protected"]');
    await expect(notice).toBeVisible();
    await notice.getByRole('button', { name: 'Details' }).click();
    await expect(notice.locator('.error-message__details')).toContainText(file);
    // Locked down: the demo mode it asked for is not granted, so no Local sandbox is offered.
    await expect(page.getByTestId('wizard').getByTestId('wizard-presets')).toHaveCount(0);
  } finally {
    await open.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
