/**
 * S45 and S48 (docs/security-matrix.md) in the real Electron app (S46 and S47 are in journey.spec.ts; the
 * browser-host versions of all four are in e2e/security-*.spec.ts). Runs wherever the Electron
 * binary exists; elsewhere every test skips with "skipped: Electron binary not available".
 */
import { expect, test } from '@playwright/test';
import { findSecrets, labelled } from '../../app/test-support/find-secrets.js';
import { skipWizard } from '../support/sign-in.js';
import type { WitnessedBotsDir } from '../support/token-witness.js';
import { launchElectron, signInThroughSecondInstance, type LaunchedElectron } from './electron-app.js';
import { electronUnavailableReason } from './find-electron-binary.js';
import { hostileBot, writeHostileBotsDir } from './hostile-bot.js';
import { injectInlineScript } from '../support/inline-script-probe.js';

test.describe.configure({ mode: 'serial' });

let launched: LaunchedElectron | undefined;
let bots: WitnessedBotsDir | undefined;
let callback = '';

function app(): LaunchedElectron {
  if (!launched) throw new Error('the Electron app did not start');
  return launched;
}

test.beforeAll(async () => {
  bots = writeHostileBotsDir();
  // Development builds honour RPA_SUPERVISOR_BOTS_DIR (main/electron/resolve-app-paths.ts).
  launched = await launchElectron({ env: { RPA_SUPERVISOR_BOTS_DIR: bots.dir } });
  if (!launched) return;
  const { page } = launched;
  // Record every payload the preload hands the page, from the first event on.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __ipcPayloads: string[] }).__ipcPayloads = seen;
    const bridge = (window as unknown as { supervisor: { on(event: string, listener: (payload: unknown) => void): unknown } }).supervisor;
    for (const event of ['state', 'log', 'openExternal']) bridge.on(event, (payload) => seen.push(JSON.stringify(payload)));
  });
  await skipWizard(page);
  callback = await signInThroughSecondInstance(launched);
  await page.getByTestId(`start-${hostileBot.id}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText(hostileBot.doneLine);
});

test.afterAll(async () => {
  await launched?.close();
  bots?.remove();
});

test('S45 IPC carries views only: no token in any event the renderer received, the DOM or storage', async () => {
  test.skip(!launched, electronUnavailableReason);
  const { page } = app();
  const payloads = await page.evaluate(() => (window as unknown as { __ipcPayloads: string[] }).__ipcPayloads);
  expect(payloads.some((payload) => payload.includes('"status":"active"'))).toBe(true);
  expect(payloads.some((payload) => payload.includes(hostileBot.doneLine))).toBe(true);
  const state = await page.evaluate(() => (window as unknown as { supervisor: { invoke(command: string, input: unknown): Promise<unknown> } }).supervisor.invoke('getState', {}));
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  // The literal token the bot was handed, and the code: JWT or not (e2e/support/token-witness.ts).
  const secrets = [...labelled('access token', bots?.tokens() ?? []), ...labelled('authorization code', [new URL(callback).searchParams.get('code') ?? ''])];
  expect(secrets.length).toBe(2);
  const leaks = findSecrets(
    [
      { where: 'IPC payloads', text: payloads.join('\n') },
      { where: 'the state', text: JSON.stringify(state) },
      { where: 'the DOM', text: await page.content() },
      { where: 'page storage', text: storage },
      { where: 'the main process log', text: app().mainLog() },
    ],
    secrets,
  );
  expect(leaks).toEqual([]);
});

test('S48 a bot name, description and log lines holding HTML and script render as text', async () => {
  test.skip(!launched, electronUnavailableReason);
  const { page } = app();
  const bot = page.getByTestId(`bot-${hostileBot.id}`);
  await expect(bot).toContainText(hostileBot.name);
  await expect(bot).toContainText(hostileBot.description);
  const log = page.getByTestId('run-log');
  await expect(log).toContainText(hostileBot.printedScript);
  await expect(log).toContainText(hostileBot.printedImage);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('S48 the CSP of the file:// page blocks inline script', async () => {
  test.skip(!launched, electronUnavailableReason);
  const result = await injectInlineScript(app().page);
  expect(result).toEqual({ directive: 'script-src-elem', ran: false });
});
