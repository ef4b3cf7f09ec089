/**
 * The walking-skeleton journey in the real Electron app: sign in through the system browser,
 * deliver the custom-scheme redirect through a real second instance (as the OS does on Windows
 * and Linux), run the sample bot, sign out; and a cold start carrying a deep link. Where
 * Electron's binary is missing, every test skips with the printed reason
 * "skipped: Electron binary not available".
 */
import { expect, test } from '@playwright/test';
import { findSecrets, labelled } from '../../app/test-support/find-secrets.js';
import { skipWizard } from '../support/sign-in.js';
import { witnessedApiBot, writeWitnessedBotsDir, type WitnessedBotsDir } from '../support/token-witness.js';
import { devScheme, launchElectron, signInThroughSecondInstance, type LaunchedElectron } from './electron-app.js';
import { electronUnavailableReason } from './find-electron-binary.js';

test.describe.configure({ mode: 'serial' });

let launched: LaunchedElectron | undefined;
let bots: WitnessedBotsDir | undefined;

test.beforeAll(async () => {
  // The sample API bot, which also writes down the token it was handed (e2e/support/token-witness.ts).
  bots = writeWitnessedBotsDir([witnessedApiBot()]);
  launched = await launchElectron({ env: { RPA_SUPERVISOR_BOTS_DIR: bots.dir } });
});

test.afterAll(async () => {
  await launched?.close();
  bots?.remove();
});

test('sign in via a real second instance, run a bot, sign out', async () => {
  test.skip(!launched, electronUnavailableReason);
  const app = launched as LaunchedElectron;
  const { page } = app;
  await skipWizard(page);
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Signed out');

  const redirect = await signInThroughSecondInstance(app);
  await expect(page.getByTestId('countdown-sandbox')).toHaveText(/^2[34]:\d{2}:\d{2}$/);

  await page.getByTestId('start-api-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText('Authorised as Dr Demo Supervisor (demo-user-0001)');

  await page.getByTestId('sign-out-sandbox').click();
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Signed out');
  await expect(page.getByTestId('start-api-bot')).toBeDisabled();

  // Neither the token the bot was handed nor the code is in the window or the main process log (S30, S45).
  const secrets = [...labelled('access token', bots?.tokens() ?? []), ...labelled('authorization code', [new URL(redirect).searchParams.get('code') ?? ''])];
  expect(secrets.length).toBe(2);
  expect(findSecrets([{ where: 'the DOM', text: await page.content() }, { where: 'the main process log', text: app.mainLog() }], secrets)).toEqual([]);
});

test('cold start with a deep link delivers it to the core, which ignores it when no sign-in is pending (S7)', async () => {
  test.skip(!launched, electronUnavailableReason);
  await launched?.close();
  launched = undefined;
  const secret = 'COLD-START-CODE-1234';
  const cold = await launchElectron({ args: ['--deep-link', `${devScheme}://auth/callback?code=${secret}&state=none`] });
  test.skip(!cold, electronUnavailableReason);
  const app = cold as LaunchedElectron;
  try {
    await skipWizard(app.page);
    await expect(app.page.getByText('A sign-in link was ignored', { exact: false })).toBeVisible();
    expect(app.mainLog()).not.toContain(secret);
  } finally {
    await app.close();
  }
});
