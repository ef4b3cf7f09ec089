/**
 * The Electron window end to end: the built app (out/) in the real Electron binary, with a fresh
 * user-data folder. Where the binary cannot be downloaded (no internet), every test skips with
 * the printed reason "skipped: Electron binary not available".
 *
 * Needs `npm run build` first (the electron project in playwright.config.ts).
 */
import { expect, test } from '@playwright/test';
import { launchElectron, type LaunchedElectron } from './electron-app.js';
import { electronUnavailableReason } from './find-electron-binary.js';

test.describe.configure({ mode: 'serial' });

let launched: LaunchedElectron | undefined;

function app(): LaunchedElectron {
  if (!launched) throw new Error('the Electron app did not start');
  return launched;
}

test.beforeAll(async () => {
  launched = await launchElectron();
});

test.afterEach(async ({}, testInfo) => {
  if (!launched || testInfo.status === testInfo.expectedStatus || testInfo.status === 'skipped') return;
  if (!launched.page.isClosed()) await launched.page.screenshot({ path: testInfo.outputPath('failure.png') });
  await testInfo.attach('main.log', { body: launched.mainLog(), contentType: 'text/plain' });
});

test.afterAll(async () => {
  await launched?.close();
});

test('the window loads the built renderer from disk', async () => {
  test.skip(!launched, electronUnavailableReason);
  const { page } = app();
  expect(new URL(page.url()).protocol).toBe('file:');
  expect(page.url()).toMatch(/out\/renderer\/index\.html/);
  await expect(page).toHaveTitle('RPA Supervisor');
});

test('S45 window.supervisor exposes only invoke and on, and the page has no Node', async () => {
  test.skip(!launched, electronUnavailableReason);
  const exposed = await app().page.evaluate(() => {
    const bridge = (window as unknown as { supervisor?: Record<string, unknown> }).supervisor ?? {};
    return {
      keys: Object.keys(bridge).sort(),
      types: Object.values(bridge).map((value) => typeof value),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: 'ipcRenderer' in bridge,
    };
  });
  expect(exposed).toEqual({ keys: ['invoke', 'on'], types: ['function', 'function'], require: 'undefined', process: 'undefined', ipcRenderer: false });
});

test('S46 the bridge refuses commands outside the contract and invalid input, and the main process logs it', async () => {
  test.skip(!launched, electronUnavailableReason);
  const failures = await app().page.evaluate(async () => {
    const bridge = (window as unknown as { supervisor: { invoke(command: string, input: unknown): Promise<unknown> } }).supervisor;
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: { code?: string }) => error.code,
      );
    return {
      unknownCommand: await code(bridge.invoke('deleteEverything', {})),
      invalidInput: await code(bridge.invoke('startRun', { botId: '../../etc/passwd' })),
      extraField: await code(bridge.invoke('signIn', { profileId: 'sandbox', redirectUri: 'https://evil.example/' })),
    };
  });
  expect(failures).toEqual({ unknownCommand: 'invalid_request', invalidInput: 'invalid_request', extraField: 'invalid_request' });
  await expect.poll(() => app().mainLog()).toMatch(/rejected invalid command input.*"command":"startRun"/);
});

test('S46 a subframe gets no bridge', async () => {
  test.skip(!launched, electronUnavailableReason);
  const inFrame = await app().page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.src = 'about:blank';
    document.body.append(frame);
    // about:blank is ready as soon as it is attached; the preload never runs in subframes.
    const bridge = (frame.contentWindow as unknown as { supervisor?: unknown } | null)?.supervisor;
    frame.remove();
    return typeof bridge;
  });
  expect(inFrame).toBe('undefined');
});

test('S47 navigation away from the app is denied', async () => {
  test.skip(!launched, electronUnavailableReason);
  const { page } = app();
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await expect.poll(() => app().mainLog()).toContain('navigation_blocked');
  expect(page.url()).toBe(before);
});

test('S47 window.open is denied and opens no Electron window', async () => {
  test.skip(!launched, electronUnavailableReason);
  const opened = await app().page.evaluate(() => window.open('file:///etc/passwd') === null);
  expect(opened).toBe(true);
  await expect.poll(() => app().mainLog()).toContain('window_open_blocked');
  expect(app().app.windows()).toHaveLength(1);
});

test('S47 permission requests are denied', async () => {
  test.skip(!launched, electronUnavailableReason);
  const permission = await app().page.evaluate(() => Notification.requestPermission());
  expect(permission).toBe('denied');
  await expect.poll(() => app().mainLog()).toContain('permission_denied');
});
