/**
 * The walking-skeleton journey in the real Electron app: sign in through the system browser,
 * deliver the custom-scheme redirect through a real second instance (as the OS does on Windows
 * and Linux), run the sample bot, sign out. Where Electron's binary is missing, every test skips
 * with the printed reason "skipped: Electron binary not available".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, chromium, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../playwright.config.js';
import { electronUnavailableReason, findElectronBinary, isElectronMissingError } from './find-electron-binary.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scheme = 'uk.co.rpasupervisor.dev';
const jwtPattern = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;

test.describe.configure({ mode: 'serial' });

let executablePath: string | undefined;
let app: ElectronApplication | undefined;
let window: Page | undefined;
let userDataDir: string | undefined;
let unavailable = false;
const env: Record<string, string> = {};

test.beforeAll(async () => {
  executablePath = findElectronBinary(projectRoot);
  if (!executablePath) {
    unavailable = true;
    console.log(electronUnavailableReason);
    return;
  }
  userDataDir = mkdtempSync(path.join(tmpdir(), 'rpa-supervisor-electron-journey-'));
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  env.RPA_SUPERVISOR_USER_DATA_DIR = userDataDir;
  try {
    app = await electron.launch({ executablePath, args: ['.'], cwd: projectRoot, env });
  } catch (error) {
    if (!isElectronMissingError(error)) throw error;
    unavailable = true;
    console.log(electronUnavailableReason);
    return;
  }
  window = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Runs a second Electron instance carrying the link; it hands the link over and quits. */
function secondInstance(url: string): Promise<number | null> {
  const child = spawn(executablePath as string, ['.', '--deep-link', url], { cwd: projectRoot, env, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

test('sign in via a real second instance, run a bot, sign out', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const page = window as Page;
  const status = page.getByTestId('session-status-sandbox');
  await expect(status).toHaveText('Signed out');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(status).toHaveText('Waiting for your browser…');

  // The system browser: Debian Chromium driven by Playwright, on the link the app shows.
  const authorizationUrl = (await page.getByTestId('sign-in-link-sandbox').textContent()) ?? '';
  const browser = await chromium.launch(chromiumLaunchOptions);
  const tab = await browser.newPage();
  const callback = new Promise<string>((resolve) => tab.on('request', (r) => r.url().startsWith(`${scheme}://`) && resolve(r.url())));
  await tab.goto(authorizationUrl);
  await tab.getByLabel('Username').fill('demo');
  await tab.getByLabel('Password').fill('demo-password');
  await tab.getByRole('button', { name: 'Sign in' }).click();
  const link = await callback;
  await browser.close();

  expect(await secondInstance(link)).toBe(0);
  await expect(status).toHaveText('Active');
  await expect(page.getByTestId('countdown-sandbox')).toHaveText(/^2[34]:\d{2}:\d{2}$/);

  const bot = page.getByTestId('bot-api-bot');
  await bot.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-log')).toContainText('Authorised as Dr Demo Supervisor (demo-user-0001)');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(status).toHaveText('Signed out');
  await expect(bot.getByRole('button', { name: 'Start' })).toBeDisabled();
  expect(jwtPattern.test(await page.content())).toBe(false);
});

test('cold start with a deep link delivers it to the core', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const coldDir = mkdtempSync(path.join(tmpdir(), 'rpa-supervisor-electron-cold-'));
  const coldEnv = { ...env, RPA_SUPERVISOR_USER_DATA_DIR: coldDir };
  await app?.close();
  app = undefined;
  const cold = await electron.launch({
    executablePath: executablePath as string,
    args: ['.', '--deep-link', `${scheme}://auth/callback?code=unsolicited&state=none`],
    cwd: projectRoot,
    env: coldEnv,
  });
  try {
    const page = await cold.firstWindow();
    // With no sign-in pending the link is ignored (S7), and the user is told so.
    await expect(page.getByText('A sign-in link was ignored', { exact: false })).toBeVisible();
  } finally {
    await cold.close();
    rmSync(coldDir, { recursive: true, force: true });
  }
});
