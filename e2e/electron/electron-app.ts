import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, chromium, expect, type ElectronApplication, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../playwright.config.js';
import { demoUser } from '../support/sign-in.js';
import { electronUnavailableReason, findElectronBinary, isElectronMissingError } from './find-electron-binary.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Unpackaged Electron answers the development scheme (app/config/app-identity.ts). */
export const devScheme = 'uk.co.rpasupervisor.dev';

export interface LaunchedElectron {
  app: ElectronApplication;
  page: Page;
  executablePath: string;
  env: Record<string, string>;
  userDataDir: string;
  /** The main process's JSON-lines log (userData/logs/main.log). */
  mainLog(): string;
  /** Starts a second instance with `args`, as the OS does for a deep link; resolves its exit code. */
  secondInstance(args: string[]): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * Starts the built app (out/) in the real Electron binary with a fresh user-data folder, or
 * returns undefined (after printing "skipped: Electron binary not available") where the binary
 * cannot run. Callers skip with {@link electronUnavailableReason}.
 */
export async function launchElectron(options: { args?: string[]; env?: Record<string, string> } = {}): Promise<LaunchedElectron | undefined> {
  const executablePath = findElectronBinary(projectRoot);
  if (!executablePath) {
    console.log(electronUnavailableReason);
    return undefined;
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'rpa-supervisor-electron-'));
  const env: Record<string, string> = {};
  // ELECTRON_RUN_AS_NODE would make the binary plain Node.
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  Object.assign(env, options.env ?? {}, { RPA_SUPERVISOR_USER_DATA_DIR: userDataDir });
  let app: ElectronApplication;
  try {
    app = await electron.launch({ executablePath, args: ['.', ...(options.args ?? [])], cwd: projectRoot, env });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    if (!isElectronMissingError(error)) throw error;
    console.log(electronUnavailableReason);
    return undefined;
  }
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    executablePath,
    env,
    userDataDir,
    mainLog: () => {
      try {
        return readFileSync(path.join(userDataDir, 'logs', 'main.log'), 'utf8');
      } catch {
        return '';
      }
    },
    secondInstance: (args) => {
      const child = spawn(executablePath, ['.', ...args], { cwd: projectRoot, env, stdio: 'ignore' });
      return new Promise((resolve) => child.once('exit', resolve));
    },
    close: async () => {
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in to the Local sandbox the way the OS would deliver it: the app shows the sign-in link
 * (it also hands it to the system browser), Chromium logs in as the demo user, and the
 * custom-scheme redirect is passed to a real second instance (`electron . --deep-link <url>`).
 * Returns the redirect, which holds the authorization code.
 */
export async function signInThroughSecondInstance(launched: LaunchedElectron): Promise<string> {
  const { page } = launched;
  await page.getByTestId('sign-in-sandbox').click();
  const link = page.getByTestId('sign-in-link-sandbox');
  await expect(link).toBeVisible();
  const authorizationUrl = (await link.textContent()) ?? '';

  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const tab = await browser.newPage();
    const callback = new Promise<string>((resolve) => tab.on('request', (request) => request.url().startsWith(`${devScheme}://`) && resolve(request.url())));
    await tab.goto(authorizationUrl);
    await tab.getByLabel('Username').fill(demoUser.username);
    await tab.getByLabel('Password').fill(demoUser.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    const redirect = await callback;
    expect(await launched.secondInstance(['--deep-link', redirect])).toBe(0);
    await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
    return redirect;
  } finally {
    await browser.close();
  }
}
