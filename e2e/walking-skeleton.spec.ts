import { expect, test } from '@playwright/test';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from '../app/test-support/find-secrets.js';
import { loosePermissions } from '../app/test-support/loose-permissions.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { logInAndReadAppLink } from './support/sign-in.js';
import { witnessedApiBot, writeWitnessedBotsDir, type WitnessedBotsDir } from './support/token-witness.js';

/**
 * The walking skeleton end to end through the browser host: the real renderer and core, the
 * sandbox provider, Chromium doing the login in a new tab (the "system browser"), the app link
 * from the sandbox's last page handed over by the hand-off launcher, and a real bot calling the protected API. The bot is the
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
  await expect(status).toHaveText('Waiting for your browser…');
  // The browser host's scheme is never registered, so the sandbox's last page shows the link.
  const callback = await logInAndReadAppLink(loginTab);
  expect(callback.startsWith(`${scheme}://`)).toBe(true);
  await loginTab.close();

  // 3. Hand the link over with the hand-off launcher (pasted on its stdin); it says who signed in.
  const handoff = await host.handOff(callback);
  expect(handoff.code, handoff.output).toBe(0);
  expect(handoff.output).toContain('Signed in as Dr Demo Supervisor to Local sandbox');

  // 4. Active, with a ticking countdown.
  await expect(status).toHaveText('Active');
  const countdown = page.getByTestId('countdown-sandbox');
  await expect(countdown).toHaveText(/^2[34]:\d{2}:\d{2}$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first as string);

  // 5. Start the sample bot; its log shows the API's answer.
  const bot = page.getByTestId('bot-api-bot');
  await bot.getByRole('button', { name: 'Start' }).click();
  const log = page.getByTestId('run-log');
  await expect(log).toContainText('Authorised as Dr Demo Supervisor (demo-user-0001)');
  await expect(bot).toContainText('Succeeded', { timeout: 30_000 });

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
    { where: 'the host output', text: host.output() },
    { where: 'the hand-off launcher output', text: handoff.output },
  ];
  expect([...findSecrets(shown, secrets), ...(await findSecretsInFiles(await filesUnder(host.dataDir), secrets))]).toEqual([]);

  // 8. Every file the app wrote in its data folder is 0600, every folder 0700: for this user only.
  expect(await loosePermissions(host.dataDir)).toEqual([]);
});
