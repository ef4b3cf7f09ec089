/**
 * Runs the *built* main process (electron-vite output) in plain Node, with `electron` swapped
 * for test-support/fake-electron.mjs. Machines here have no Electron binary, so this is what
 * proves the glue in index.ts composes: single-instance lock, protocol registration, window
 * options, CSP, permission, navigation and IPC sender checks, deep-link intake and shutdown.
 * The real-binary journey is e2e/electron/journey.spec.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from '../../app/test-support/find-secrets.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repo so the built main resolves node_modules; .tmp/ is git-ignored.
const workDir = path.join(projectRoot, '.tmp', `electron-smoke-${process.pid}`);
const outDir = path.join(workDir, 'out');
const userDataDir = path.join(workDir, 'user-data');
const secretCode = 'SMOKE-SECRET-CODE-42';
const devScheme = appIdentity.protocolScheme.development;
const deepLink = `${devScheme}://auth/callback?code=${secretCode}&state=not-pending`;

interface Report {
  calls: Array<{ name: string; args: unknown[] }>;
  scenario: Record<string, unknown>;
  error?: string;
}

let report: Report;
let exitCode: number | null;
let mainLog: string;
/** The same build started on a Linux desktop whose safeStorage fell back to basic_text (S24). */
let basicText: { report: Report; exitCode: number | null; userDataDir: string };

function calls(name: string): unknown[][] {
  return report.calls.filter((call) => call.name === name).map((call) => call.args);
}

async function runBuiltMain(userData: string, extraEnv: Record<string, string> = {}): Promise<{ report: Report; exitCode: number | null }> {
  mkdirSync(userData, { recursive: true });
  const reportFile = path.join(userData, '..', `${path.basename(userData)}-report.json`);
  const child = spawn(
    process.execPath,
    ['--import', path.join(projectRoot, 'main/electron/test-support/register-fake-electron.mjs'), path.join(outDir, 'main/index.js'), '--deep-link', deepLink],
    {
      cwd: projectRoot,
      env: { ...process.env, FAKE_ELECTRON_REPORT: reportFile, FAKE_ELECTRON_USER_DATA: userData, FAKE_DEEP_LINK: deepLink, ELECTRON_RENDERER_URL: '', ...extraEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (!existsSync(reportFile)) throw new Error(`the main process exited (${code}) without a report:\n${stderr}`);
  return { report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report, exitCode: code };
}

beforeAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const build = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);

  const basicTextDir = path.join(workDir, 'user-data-basic-text');
  const [normal, fallback] = await Promise.all([runBuiltMain(userDataDir), runBuiltMain(basicTextDir, process.platform === 'linux' ? { FAKE_SAFE_STORAGE_BACKEND: 'basic_text' } : { FAKE_SAFE_STORAGE: 'unavailable' })]);
  ({ report, exitCode } = normal);
  basicText = { ...fallback, userDataDir: basicTextDir };
  // A run that failed early has no log yet; the tests below then report its own error instead.
  const mainLogFile = path.join(userDataDir, 'logs', 'main.log');
  mainLog = existsSync(mainLogFile) ? readFileSync(mainLogFile, 'utf8') : `(no main.log; the run reported: ${String(report.error)})`;
}, 300_000); // builds the app, then two runs whose own watchdog is 120 s

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('built main process under a fake Electron', () => {
  it('starts, runs the scenario and exits cleanly through before-quit', () => {
    expect(report.error).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(report.scenario.quitPrevented).toBe(true);
    // Electron's quit goes on unless every before-quit is prevented; only app.exit after shutdown ends it.
    expect(report.scenario.secondQuitPrevented).toBe(true);
    expect(calls('app.exit')).toEqual([[0]]);
    expect(calls('tray.destroy')).toHaveLength(1);
  });

  it('takes the single-instance lock, forces the sandbox and registers the dev scheme with the sentinel', () => {
    expect(calls('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(calls('app.enableSandbox')).toHaveLength(1);
    expect(calls('app.setAsDefaultProtocolClient')).toEqual([[devScheme, process.execPath, [path.join(outDir, 'main/index.js'), appIdentity.deepLinkSentinel]]]);
    const events = calls('app.on').map(([event]) => event);
    expect(events.indexOf('will-finish-launching')).toBeGreaterThanOrEqual(0);
    expect(events).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'before-quit']));
  });

  it('opens one locked-down window on the built renderer with the CommonJS preload', () => {
    const [[options]] = calls('new BrowserWindow') as [[{ webPreferences: Record<string, unknown> }]];
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    const preload = String(options.webPreferences.preload);
    expect(preload).toBe(path.join(outDir, 'preload/preload.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(calls('window.loadFile')).toEqual([[path.join(outDir, 'renderer/index.html')]]);
  });

  it('S48 sends the strict CSP header and S47 denies permissions', () => {
    expect(report.scenario.csp).toEqual([expect.stringContaining("script-src 'self';")]);
    expect(String(report.scenario.csp)).not.toContain('unsafe-inline');
    expect(report.scenario.permissionRequest).toBe(false);
    expect(report.scenario.permissionCheck).toBe(false);
  });

  it('S46 answers only the main frame of its own window, and validates input', () => {
    for (const key of ['untrusted', 'subframe', 'nullFrame', 'otherContents']) {
      expect(report.scenario[key], key).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(mainLog.match(/ipc_untrusted_sender/g)).toHaveLength(4);
    expect(report.scenario.trusted).toMatchObject({ ok: true, requestId: 7, value: { profiles: expect.any(Array), sessions: expect.any(Array) } });
    expect(report.scenario.invalid).toMatchObject({ ok: false, requestId: 8, error: { code: 'invalid_request' } });
  });

  it('S47 denies window.open and navigation, sending only an https link to the system browser', () => {
    expect(report.scenario.windowOpenFile).toEqual({ action: 'deny' });
    expect(report.scenario.windowOpenHttps).toEqual({ action: 'deny' });
    expect(calls('shell.openExternal')[0]).toEqual(['https://example.com/help']);
    expect(report.scenario.navigationPrevented).toBe(true);
  });

  it('S8 drops an injected second-instance argv; S7 the core ignores links with no sign-in pending', () => {
    expect(mainLog).toMatch(/"code":"invalid_redirect","source":"second-instance","reason":"a command-line switch that can run code/);
    // The cold-start link and the clean second-instance link both reached the core, which ignored them.
    expect(mainLog.match(/sign-in redirect ignored/g)).toHaveLength(2);
  });

  it('forwards state events to the window and never leaks the authorization code (S30)', async () => {
    expect(report.scenario.sentChannels).toEqual(['supervisor:event:state']);
    // The app never signs in here, so the code in the deep link is the one secret in play.
    const secrets = labelled('authorization code', [secretCode]);
    const shown = [
      { where: 'payloads sent to the window', text: String(report.scenario.sentPayloads) },
      { where: 'Electron API calls', text: JSON.stringify(report.calls) },
    ];
    expect(mainLog).toContain('sign-in redirect ignored');
    expect([...findSecrets(shown, secrets), ...(await findSecretsInFiles(await filesUnder(userDataDir), secrets))]).toEqual([]);
  });
});

describe('desktop integration in the built main process', () => {
  it('tells the core it runs in Electron, with no launch-at-login switch in a development build', () => {
    expect(report.scenario.host).toMatchObject({ kind: 'electron', scheme: devScheme, secretsPersistent: true });
  });

  it('puts the count of new attention items on the app icon where the OS shows one (a Linux launcher here)', () => {
    expect(calls('app.setBadgeCount').length).toBeGreaterThan(0);
    expect(calls('app.setBadgeCount').every(([count]) => count === 0)).toBe(true);
  });

  it('shows status and time left in the tray tooltip and menu, and its Sign in opens the system browser', () => {
    expect(report.scenario.trayToolTip).toMatch(/^RPA Supervisor\nLocal sandbox: signed out\n0 bots running$/);
    expect(report.scenario.trayMenu).toEqual(['Local sandbox: signed out', '0 bots running', 'separator', 'Sign in to Local sandbox', 'Pause all bots', 'Stop all bots', 'separator', 'Show RPA Supervisor', 'Quit RPA Supervisor']);
    expect(report.scenario.stopAllEnabled).toBe(false);
    // The sandbox's authorization endpoint, opened through the one validated openExternal path.
    expect(report.scenario.trayOpened).toEqual(['/help', expect.stringMatching(/auth/)]);
  });

  it('registers no global shortcut by default; once turned on, Stop all and Pause all; Pause all reaches the core; unregisters on quit', () => {
    expect(report.scenario.shortcutsAtStart).toEqual([]);
    expect(report.scenario.hotkeyPreferences).toEqual({ enabled: false, stopAll: 'CommandOrControl+Alt+Shift+S', pauseAll: 'CommandOrControl+Alt+Shift+P', pauseAllOffered: true });
    expect(report.scenario.invalidHotkey).toMatchObject({ ok: false, error: { code: 'hotkey_invalid', fields: { 'hotkeys.stopAll': expect.stringContaining('needs at least one modifier') } } });
    expect(report.scenario.shortcutsEnabled).toEqual(['CommandOrControl+Alt+P', 'CommandOrControl+Alt+S']);
    // Nothing runs in the scenario: Pause all asks the core, pauses nothing, and logs the counts.
    expect(mainLog).toMatch(/pause all.*"code":"pause_all".*"paused":0/);
    expect(calls('globalShortcut.unregister')).toEqual([['CommandOrControl+Alt+P'], ['CommandOrControl+Alt+S']]);
  });

  it('rechecks expiry on resume and unlock (and feeds unlock to presence)', () => {
    // resume and unlock-screen for the expiry recheck, unlock-screen for the presence source.
    expect(report.scenario.powerListeners).toBe(3);
  });

  it('offers Wait / Reload window once for a hung page, closes it on recovery, and reloads only the page', () => {
    expect(report.scenario.hangDialogs).toBe(1);
    expect(report.scenario.hangDialog).toMatchObject({ type: 'warning', message: 'RPA Supervisor’s window is not responding', buttons: ['Wait', 'Reload window'], cancelId: 0 });
    // Attached to the window (index 0), so the box is its own and the signal can close it on macOS.
    expect(calls('dialog.showMessageBox').map(([windowIndex]) => windowIndex)).toEqual([0, 0]);
    expect(report.scenario.hangDialogAborted).toBe(true);
    expect(calls('webContents.forcefullyCrashRenderer')).toHaveLength(1);
    // Once for Reload window, once for the renderer that crashed by itself: no dialog for that.
    expect(calls('webContents.reload')).toHaveLength(2);
    expect(report.scenario.messageBoxesAtEnd).toBe(2);
    expect(report.scenario.stateAfterReload).toMatchObject({ ok: true, value: { sessions: [expect.objectContaining({ status: 'waitingForBrowser' })] } });
    const codes = [...mainLog.matchAll(/"code":"(window_(?:unresponsive|responsive|reload|renderer_[a-z]+))"/g)].map(([, code]) => code);
    expect(codes).toEqual(['window_unresponsive', 'window_responsive', 'window_unresponsive', 'window_reload', 'window_renderer_restarted', 'window_renderer_gone', 'window_reload']);
    expect(mainLog).toMatch(/"code":"window_renderer_gone","reason":"crashed","exitCode":11,"recentLosses":1/);
  });

  it('S24 with safeStorage on basic_text, keeps secrets in memory and tells the user', () => {
    expect(basicText.report.error).toBeUndefined();
    expect(basicText.exitCode).toBe(0);
    expect(report.scenario.notices).not.toContain('secrets_memory_only');
    expect(basicText.report.scenario.notices).toContain('secrets_memory_only');
    expect(basicText.report.scenario.host).toMatchObject({ secretsPersistent: false });
    const log = readFileSync(path.join(basicText.userDataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(process.platform === 'linux' ? /"code":"secrets_memory_only","reason":"linux_basic_text"/ : /"code":"secrets_memory_only"/);
    expect(existsSync(path.join(basicText.userDataDir, 'secrets'))).toBe(false);
  });
});
