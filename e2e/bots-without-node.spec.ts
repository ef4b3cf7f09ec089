import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { botBrowserPath } from '../playwright.config.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';

/**
 * A computer without Node.js on PATH still runs every sample bot: the browser host runs
 * `"command": "node"` bots on its own Node (process.execPath), and the Playwright bot gets
 * playwright-core from the host (RPA_PLAYWRIGHT_CORE) and the browser from the configured path.
 */
let host: BrowserHostProcess;
let emptyPath: string;

test.beforeAll(async () => {
  // PATH is one empty folder: no node, npm or anything else to find.
  emptyPath = mkdtempSync(join(tmpdir(), 'rpa-no-node-'));
  expect(readdirSync(emptyPath)).toEqual([]);
  host = await startBrowserHostProcess({
    PATH: emptyPath,
    RPA_SUPERVISOR_BOTS_DIR: resolve(import.meta.dirname, '..', 'bots'),
    RPA_BROWSER_PATH: botBrowserPath,
  });
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(emptyPath, { recursive: true, force: true });
});

test('the sample bots run with no node on PATH', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await signInToSandbox(page, host);
  const log = page.getByTestId('run-log');

  const apiBot = page.getByTestId('bot-api-bot');
  await apiBot.getByRole('button', { name: 'Start' }).click();
  await expect(apiBot).toContainText('Succeeded', { timeout: 30_000 });
  await expect(log).toContainText('Authorised as Dr Demo Supervisor (demo-user-0001)');

  const portalBot = page.getByTestId('bot-portal-bot');
  await portalBot.getByRole('button', { name: 'Start' }).click();
  await expect(portalBot).toContainText('Succeeded', { timeout: 60_000 });
  await expect(log).toContainText('4 claims loaded.');

  // The loop bot calls the API every 3 s for a minute: one authorised call proves it runs.
  const loopBot = page.getByTestId('bot-api-loop-bot');
  await loopBot.getByRole('button', { name: 'Start' }).click();
  await expect(log).toContainText('Call 1/20: authorised as Dr Demo Supervisor.', { timeout: 30_000 });
  await expect(loopBot).toContainText('Running');
  await loopBot.getByRole('button', { name: 'Stop' }).click();
  await expect(loopBot).toContainText('Stopped', { timeout: 30_000 });
});
