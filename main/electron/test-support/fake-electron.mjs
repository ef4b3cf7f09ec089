// A stand-in for the `electron` module, just large enough to run the built main process in
// plain Node (no Electron binary on CI machines). It records what the shell asks of Electron,
// then plays a scenario against the handlers the shell registered and writes a JSON report to
// $FAKE_ELECTRON_REPORT when the app exits. See main-process.smoke.test.ts.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const report = { calls: [], scenario: {}, error: undefined };
const record = (name, ...args) => report.calls.push({ name, args: JSON.parse(JSON.stringify(args ?? null)) });
const env = process.env;
let userData = env.FAKE_ELECTRON_USER_DATA ?? path.join(process.cwd(), '.tmp', 'fake-user-data');

function finish(code) {
  writeFileSync(env.FAKE_ELECTRON_REPORT, JSON.stringify(report, null, 2));
  process.exit(code);
}
// Only a bound for a scenario that hangs; a loaded machine may take a minute to load the bundle.
const watchdogMs = Number(env.FAKE_ELECTRON_WATCHDOG_MS ?? 120_000);
const watchdog = setTimeout(() => {
  report.error = `watchdog: the scenario did not finish in ${watchdogMs / 1000} s`;
  finish(2);
}, watchdogMs);

// The packaging test runs the packed main as a packaged app would run: resources beside it.
if (env.FAKE_ELECTRON_RESOURCES) process.resourcesPath = env.FAKE_ELECTRON_RESOURCES;

class FakeApp extends EventEmitter {
  isPackaged = env.FAKE_ELECTRON_PACKAGED === '1';
  getAppPath = () => env.FAKE_ELECTRON_APP_PATH ?? process.cwd();
  getPath = (name) => (name === 'userData' ? userData : path.join(userData, name));
  setPath = (name, value) => {
    record('app.setPath', name, value);
    if (name === 'userData') userData = value;
  };
  getVersion = () => '0.0.0-smoke';
  getName = () => 'RPA Supervisor';
  requestSingleInstanceLock = () => (record('app.requestSingleInstanceLock'), true);
  enableSandbox = () => record('app.enableSandbox');
  setAppUserModelId = (id) => record('app.setAppUserModelId', id);
  setBadgeCount = (count) => (record('app.setBadgeCount', count), true);
  setAsDefaultProtocolClient = (...args) => (record('app.setAsDefaultProtocolClient', ...args), true);
  getLoginItemSettings = () => ({ openAtLogin: false });
  setLoginItemSettings = (settings) => record('app.setLoginItemSettings', settings);
  whenReady = () => Promise.resolve();
  quit = () => record('app.quit');
  exit = (code) => {
    record('app.exit', code);
    clearTimeout(watchdog);
    finish(code ?? 0);
  };
  on(event, listener) {
    record('app.on', event);
    super.on(event, listener);
    // before-quit is the last handler start() registers: the shell is fully up.
    if (event === 'before-quit') setImmediate(() => runScenario().catch(fail));
    return this;
  }
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  id = 1;
  mainFrame = { url: '', parent: null };
  sent = [];
  windowOpenHandler = undefined;
  isDestroyed = () => false;
  send = (channel, payload) => this.sent.push({ channel, payload });
  setWindowOpenHandler = (handler) => (this.windowOpenHandler = handler);
  reload = () => record('webContents.reload');
  // Like Electron: the renderer's end is reported as render-process-gone, after the call returns.
  forcefullyCrashRenderer = () => {
    record('webContents.forcefullyCrashRenderer');
    setImmediate(() => this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }));
  };
}

const windows = [];
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadFile = async (file) => {
    record('window.loadFile', file);
    this.webContents.mainFrame.url = pathToFileURL(file).href;
  };
  loadURL = async (url) => record('window.loadURL', url);
  isDestroyed = () => false;
  isMinimized = () => false;
  restore = () => undefined;
  show = () => record('window.show');
  focus = () => undefined;
  isFocused = () => false;
  flashFrame = (flag) => record('window.flashFrame', flag);
}

const handlers = new Map();
export const ipcMain = {
  handle: (channel, handler) => (record('ipcMain.handle', channel), handlers.set(channel, handler)),
  removeHandler: (channel) => handlers.delete(channel),
  on: (channel) => record('ipcMain.on', channel),
};

const sessionHandlers = {};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (handler) => (sessionHandlers.headers = handler) },
    setPermissionRequestHandler: (handler) => (sessionHandlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (sessionHandlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler) => (sessionHandlers.devicePermission = handler),
  },
  // The provider requests' own session: Node's fetch stands in for Chromium's stack.
  fromPartition: (partition, options) => (
    record('session.fromPartition', partition, options),
    { fetch: (url, init) => fetch(url, init), resolveProxy: async () => 'DIRECT' }
  ),
};

export const safeStorage = {
  isEncryptionAvailable: () => env.FAKE_SAFE_STORAGE !== 'unavailable',
  getSelectedStorageBackend: () => env.FAKE_SAFE_STORAGE_BACKEND ?? 'gnome_libsecret',
  encryptString: (text) => Buffer.from(`enc:${text}`),
  decryptString: (buffer) => buffer.toString().replace(/^enc:/, ''),
};
export const shell = { openExternal: async (url) => record('shell.openExternal', url) };
/** Message boxes still open or answered; the scenario answers them, the shell may abort them. */
const messageBoxes = [];
export const dialog = {
  showErrorBox: (title, body) => record('dialog.showErrorBox', title, body),
  showMessageBox: (window, options) => {
    const { signal, ...shown } = options;
    record('dialog.showMessageBox', windows.indexOf(window), shown);
    return new Promise((resolve) => {
      const box = { options: shown, settled: false, aborted: false };
      box.answer = (response) => {
        if (box.settled) return;
        box.settled = true;
        resolve({ response, checkboxChecked: false });
      };
      // Electron: an aborted box behaves as if the user cancelled it.
      signal?.addEventListener('abort', () => ((box.aborted = !box.settled), box.answer(shown.cancelId)));
      messageBoxes.push(box);
    });
  },
};
export const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
export class Notification {
  static isSupported = () => true;
  constructor(options) {
    record('new Notification', options);
  }
  show = () => undefined;
}
const trays = [];
export class Tray {
  constructor() {
    record('new Tray');
    trays.push(this);
  }
  setToolTip = (text) => (this.toolTip = text);
  setTitle = (text) => (this.title = text);
  setContextMenu = (menu) => (this.menu = menu);
  on = () => undefined;
  destroy = () => record('tray.destroy');
}
export const Menu = { buildFromTemplate: (template) => template };
const shortcuts = new Map();
export const globalShortcut = {
  register: (accelerator, callback) => (record('globalShortcut.register', accelerator), shortcuts.set(accelerator, callback), true),
  unregister: (accelerator) => (record('globalShortcut.unregister', accelerator), shortcuts.delete(accelerator)),
};
export const nativeImage = { createFromDataURL: () => ({ resize: () => ({}) }) };

function fail(error) {
  report.error = String(error?.stack ?? error);
  clearTimeout(watchdog);
  finish(3);
}

async function waitFor(condition) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

async function runScenario() {
  const s = report.scenario;
  const [win] = windows;
  const contents = win.webContents;
  const invoke = handlers.get('supervisor:invoke');
  const trustedFrame = { url: contents.mainFrame.url, parent: null };
  const request = (command, input, requestId = 1) => ({ kind: 'invoke', requestId, command, input });
  if (env.FAKE_ELECTRON_SCENARIO === 'state') {
    // Only what the app shows at start, then a normal quit (main/electron/packaging.test.ts).
    s.state = await invoke({ sender: contents, senderFrame: { url: contents.mainFrame.url, parent: null } }, request('getState', {}));
    app.emit('before-quit', { preventDefault: () => undefined });
    return;
  }

  s.csp = await new Promise((resolve) => sessionHandlers.headers({ responseHeaders: {} }, (r) => resolve(r.responseHeaders['Content-Security-Policy'])));
  s.permissionRequest = await new Promise((resolve) => sessionHandlers.permissionRequest(contents, 'geolocation', resolve, {}));
  s.permissionCheck = sessionHandlers.permissionCheck(contents, 'notifications', 'file://', {});

  s.untrusted = await invoke({ sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } }, request('getState', {}));
  s.subframe = await invoke({ sender: contents, senderFrame: { url: trustedFrame.url, parent: trustedFrame } }, request('getState', {}));
  s.nullFrame = await invoke({ sender: contents, senderFrame: null }, request('getState', {}));
  s.otherContents = await invoke({ sender: new FakeWebContents(), senderFrame: trustedFrame }, request('getState', {}));
  s.trusted = await invoke({ sender: contents, senderFrame: trustedFrame }, request('getState', {}, 7));
  s.invalid = await invoke({ sender: contents, senderFrame: trustedFrame }, request('startRun', { botId: '../../etc' }, 8));

  s.windowOpenFile = contents.windowOpenHandler({ url: 'file:///etc/passwd' });
  s.windowOpenHttps = contents.windowOpenHandler({ url: 'https://example.com/help' });
  let prevented = false;
  contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
  s.navigationPrevented = prevented;

  const secondInstance = (argv) => app.emit('second-instance', {}, argv, process.cwd(), {});
  secondInstance([process.execPath, '--deep-link', env.FAKE_DEEP_LINK, '--gpu-launcher=calc']);
  secondInstance([process.execPath, '.', '--deep-link', env.FAKE_DEEP_LINK]);
  s.powerListeners = powerMonitor.listenerCount('resume') + powerMonitor.listenerCount('unlock-screen');
  powerMonitor.emit('resume');
  powerMonitor.emit('unlock-screen');

  // The deep links end up as notices in a coalesced state event; wait for it (the watchdog
  // bounds the wait).
  await waitFor(() => contents.sent.some((m) => m.channel === 'supervisor:event:state' && m.payload.notices.length > 0));
  s.sentChannels = [...new Set(contents.sent.map((m) => m.channel))];
  s.sentPayloads = JSON.stringify(contents.sent);
  s.notices = contents.sent.filter((m) => m.channel === 'supervisor:event:state').at(-1).payload.notices.map((n) => n.code);
  s.host = contents.sent.filter((m) => m.channel === 'supervisor:event:state').at(-1).payload.host;

  // The tray shows status and time left in its tooltip and menu, and its Stop all reaches the core.
  const [tray] = trays;
  s.trayToolTip = tray.toolTip;
  s.trayMenu = tray.menu.map((item) => item.label ?? item.type);
  const stopAll = tray.menu.find((item) => item.label === 'Stop all bots');
  s.stopAllEnabled = stopAll.enabled;
  const signIn = tray.menu.find((item) => typeof item.label === 'string' && item.label.startsWith('Sign in to '));
  signIn.click();
  await waitFor(() => contents.sent.some((m) => m.channel === 'supervisor:event:state' && m.payload.sessions.some((x) => x.status === 'waitingForBrowser')));
  s.trayOpened = report.calls.filter((c) => c.name === 'shell.openExternal').map((c) => new URL(c.args[0]).pathname);

  // Global shortcuts: none at start (off by default); turned on in Preferences, Stop all and
  // Pause all are registered; Pause all with nothing running pauses nothing and says so in the log.
  s.shortcutsAtStart = [...shortcuts.keys()];
  s.hotkeyPreferences = contents.sent.filter((m) => m.channel === 'supervisor:event:state').at(-1).payload.preferences.hotkeys;
  s.invalidHotkey = await invoke({ sender: contents, senderFrame: trustedFrame }, request('savePreferences', { hotkeys: { enabled: true, stopAll: 'F5', pauseAll: '' } }, 9));
  await invoke({ sender: contents, senderFrame: trustedFrame }, request('savePreferences', { hotkeys: { enabled: true, stopAll: 'CommandOrControl+Alt+S', pauseAll: 'CommandOrControl+Alt+P' } }, 10));
  await waitFor(() => shortcuts.size > 1);
  s.shortcutsEnabled = [...shortcuts.keys()];
  shortcuts.get('CommandOrControl+Alt+P')();
  const mainLog = path.join(userData, 'logs', 'main.log');
  await waitFor(() => existsSync(mainLog) && readFileSync(mainLog, 'utf8').includes('"code":"pause_all"'));

  // A hung page: one dialog however often the hang monitor fires, closed by the shell when the
  // page recovers; a second hang's Reload window ends the renderer and reloads the page alone.
  win.emit('unresponsive');
  win.emit('unresponsive');
  s.hangDialogs = messageBoxes.length;
  s.hangDialog = messageBoxes[0].options;
  win.emit('responsive');
  s.hangDialogAborted = messageBoxes[0].aborted;
  win.emit('unresponsive');
  messageBoxes[1].answer(messageBoxes[1].options.buttons.indexOf('Reload window'));
  await waitFor(() => report.calls.some((c) => c.name === 'webContents.reload'));
  await waitFor(() => existsSync(mainLog) && readFileSync(mainLog, 'utf8').includes('"code":"window_renderer_restarted"'));
  // The core did not go with the page: the pending sign-in the reloaded page asks about is there.
  s.stateAfterReload = await invoke({ sender: contents, senderFrame: trustedFrame }, request('getState', {}, 11));
  // A renderer that crashes by itself is reloaded without asking.
  contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
  await waitFor(() => report.calls.filter((c) => c.name === 'webContents.reload').length === 2);
  s.messageBoxesAtEnd = messageBoxes.length;

  let quitPrevented = false;
  app.emit('before-quit', { preventDefault: () => (quitPrevented = true) });
  s.quitPrevented = quitPrevented;
  // A second Quit while the core still shuts down (the tray's Quit again, or the window closed,
  // which quits on Windows and Linux): if let through, Electron exits before bots are halted.
  let secondQuitPrevented = false;
  app.emit('before-quit', { preventDefault: () => (secondQuitPrevented = true) });
  s.secondQuitPrevented = secondQuitPrevented;
}

// electron-store does `import electron from 'electron'`.
// eslint-disable-next-line no-restricted-syntax -- mirrors the real module's CommonJS default export
export default { app, BrowserWindow, ipcMain, session, safeStorage, shell, dialog, powerMonitor, Notification, Tray, Menu, nativeImage, globalShortcut };
