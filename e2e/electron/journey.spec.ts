/**
 * The Electron shell end to end: the built app (out/) in the real Electron binary, with a fresh
 * user-data folder per run. Where the binary cannot be downloaded (no internet), every test
 * skips with the printed reason "skipped: Electron binary not available".
 *
 * Needs `npm run build` first (the electron project in playwright.config.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronUnavailableReason, findElectronBinary, isElectronMissingError } from './find-electron-binary.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication | undefined;
let page: Page | undefined;
let unavailable = false;
let userDataDir: string | undefined;

function markUnavailable(): void {
  unavailable = true;
  console.log(electronUnavailableReason);
}

function mainLog(): string {
  if (!userDataDir) return '';
  try {
    return readFileSync(path.join(userDataDir, 'logs', 'main.log'), 'utf8');
  } catch {
    return '';
  }
}

function launchedPage(): Page {
  if (!page) throw new Error('the Electron window did not open');
  return page;
}

test.beforeAll(async () => {
  const executablePath = findElectronBinary(projectRoot);
  if (!executablePath) {
    markUnavailable();
    return;
  }
  userDataDir = mkdtempSync(path.join(tmpdir(), 'rpa-supervisor-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  env.RPA_SUPERVISOR_USER_DATA_DIR = userDataDir;
  try {
    app = await electron.launch({ executablePath, args: ['.'], cwd: projectRoot, env });
  } catch (error) {
    if (!isElectronMissingError(error)) throw error;
    markUnavailable();
    return;
  }
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus || testInfo.status === 'skipped') return;
  if (page && !page.isClosed()) await page.screenshot({ path: testInfo.outputPath('failure.png') });
  await testInfo.attach('main.log', { body: mainLog(), contentType: 'text/plain' });
});

test.afterAll(async () => {
  await app?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('the window loads the built renderer from disk', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const appWindow = launchedPage();
  expect(new URL(appWindow.url()).protocol).toBe('file:');
  expect(appWindow.url()).toMatch(/out\/renderer\/index\.html/);
  await expect(appWindow).toHaveTitle('RPA Supervisor');
});

test('S45 window.supervisor exposes only invoke and on, and the page has no Node', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const exposed = await launchedPage().evaluate(() => {
    // The page's globals, typed by hand: this tsconfig has no DOM library.
    const bridge = (globalThis as unknown as { supervisor?: Record<string, unknown> }).supervisor ?? {};
    return {
      keys: Object.keys(bridge).sort(),
      types: Object.values(bridge).map((value) => typeof value),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ipcRenderer: 'ipcRenderer' in bridge,
    };
  });
  expect(exposed).toEqual({ keys: ['invoke', 'on'], types: ['function', 'function'], require: 'undefined', process: 'undefined', ipcRenderer: false });
});

test('S46 the bridge refuses a command outside the contract', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const failure = await launchedPage().evaluate(async () => {
    const bridge = (globalThis as unknown as { supervisor: { invoke(command: string, input: unknown): Promise<unknown> } }).supervisor;
    return bridge.invoke('deleteEverything', {}).then(
      () => 'resolved',
      (error: { code?: string }) => error.code,
    );
  });
  expect(failure).toBe('invalid_request');
});

test('S47 navigation away from the app is denied', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const appWindow = launchedPage();
  const before = appWindow.url();
  await appWindow.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await expect.poll(mainLog).toContain('navigation_blocked');
  expect(appWindow.url()).toBe(before);
});

test('S47 window.open is denied and opens no Electron window', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const opened = await launchedPage().evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('file:///etc/passwd') === null);
  expect(opened).toBe(true);
  await expect.poll(mainLog).toContain('window_open_blocked');
  expect(app?.windows()).toHaveLength(1);
});

test('S47 permission requests are denied', async () => {
  test.skip(unavailable, electronUnavailableReason);
  const permission = await launchedPage().evaluate(() =>
    (globalThis as unknown as { Notification: { requestPermission(): Promise<string> } }).Notification.requestPermission(),
  );
  expect(permission).toBe('denied');
});
