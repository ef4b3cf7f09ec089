import { expect, test } from '@playwright/test';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from '../app/test-support/find-secrets.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { witnessedApiBot, writeWitnessedBotsDir, type WitnessedBotsDir } from './support/token-witness.js';

/**
 * The walking skeleton end to end through the browser host: the real renderer and core, the
 * sandbox provider, Chromium doing the login in a new tab (the "system browser"), the deep link
 * delivered by a second launcher run, and a real bot calling the protected API. The bot is the
 * sample API bot, which also writes down the token it was handed (e2e/support/token-witness.ts),
 * so the leak check at the end looks for that literal token.
 */
const scheme = 'uk.co.rpasupervisor.dev';

let host: BrowserHostProcess;
let bots: WitnessedBotsDir;

test.beforeAll(async () => {
  bots = writeWitnessedBotsDir([witnessedApiBot()]);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: bots.dir });
});

test.afterAll(async () => {
  await host?.stop();
  bots?.remove();
});

test('sign in through the system browser, run a bot, sign out', async ({ page, context }) => {
  await page.goto(host.pageUrl);
  // A fresh install opens on the first-run wizard; this journey sets up through the Overview.
  await page.getByRole('button', { name: 'Skip setup' }).click();
  const status = page.getByTestId('session-status-sandbox');
  await expect(status).toHaveText('Signed out');

  // 1–2. Sign in: the app opens a new tab (the stand-in for the system browser).
  const loginTabPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const loginTab = await loginTabPromise;
  const callbackPromise = new Promise<string>((resolve) => {
    loginTab.on('request', (request) => {
      if (request.url().startsWith(`${scheme}://`)) resolve(request.url());
    });
  });
  await expect(status).toHaveText('Waiting for your browser…');
  await loginTab.getByLabel('Username').fill('demo');
  await loginTab.getByLabel('Password').fill('demo-password');
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  const callback = await callbackPromise;
  await loginTab.close();

  // 3. The OS would start the app again with the link: run the launcher with it.
  const handoff = await host.runLauncher([callback]);
  expect(handoff.code, handoff.output).toBe(0);

  // 4. Active, with a ticking countdown.
  await expect(status).toHaveText('Active');
  const countdown = page.getByTestId('countdown-sandbox');
  await expect(countdown).toHaveText(/^2[34]:\d{2}:\d{2}$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first as string, { timeout: 3_000 });

  // 5. Start the sample bot; its log shows the API's answer.
  const bot = page.getByTestId('bot-api-bot');
  await bot.getByRole('button', { name: 'Start' }).click();
  const log = page.getByTestId('run-log');
  await expect(log).toContainText('Authorised as Dr Demo Supervisor (demo-user-0001)');
  await expect(bot).toContainText('Succeeded');

  // 6. Sign out: a bot start is now refused, and the button says why.
  await page.getByTestId('session-card-sandbox').getByRole('button', { name: 'Sign out' }).click();
  await expect(status).toHaveText('Signed out');
  await expect(bot.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(bot).toContainText('Sign in to Local sandbox first.');

  // 7. Neither the token nor the code is in the DOM, the bot log, the launcher output or any file the app wrote.
  const secrets = [...labelled('access token', bots.tokens()), ...labelled('authorization code', [new URL(callback).searchParams.get('code') ?? ''])];
  expect(secrets.length).toBe(2);
  const shown = [
    { where: 'the DOM', text: await page.content() },
    { where: 'the run log view', text: (await log.textContent()) ?? '' },
    { where: 'the launcher output', text: host.output() },
  ];
  expect([...findSecrets(shown, secrets), ...(await findSecretsInFiles(await filesUnder(host.dataDir), secrets))]).toEqual([]);
});
