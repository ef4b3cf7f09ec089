/**
 * Electron main process: thin composition only. Every decision lives in a pure, unit-tested
 * module beside this file; this file wires them to Electron's events.
 *
 * Deep links enter in one place (the DeepLinkRouter, which parses each URL once) from three
 * sources: the cold-start argv, a `second-instance` argv (Windows, Linux) and macOS `open-url`
 * (registered in `will-finish-launching`, because macOS delivers it before `ready`).
 */
import path from 'node:path';
import { ipcChannels } from '../../app/common/contract.js';
import { powerPresenceSource } from './power-presence.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, nativeImage, powerMonitor, session, shell, type WebContents } from 'electron';
import { appIdentity, protocolSchemeFor, type BuildFlavour } from '../../app/config/app-identity.js';
import { rendererContentSecurityPolicy } from '../../app/common/content-security-policy.js';
import type { Disposable, SupervisorState } from '../../app/common/contract.js';
import { JsonLinesLogger } from '../../app/logging/json-lines-logger.js';
import { createSupervisor, type Supervisor } from '../../app/supervisor.js';
import type { SupervisorConnection } from '../../app/transport/supervisor-connections.js';
import { bindSupervisorIpc, forwardSupervisorEvents } from './bind-supervisor-ipc.js';
import { createElectronPorts } from './create-electron-ports.js';
import { DeepLinkRouter } from './deep-link-router.js';
import { machinePolicyPath } from '../../app/policy/machine-policy-path.js';
import { readMachinePolicy } from '../../app/policy/read-machine-policy.js';
import { chooseBotNode } from './bot-node-runtime.js';
import { isExecutableFile, nodeOverrideVariable } from './find-system-node.js';
import { startManagedUpdates } from './managed-updates.js';
import { updatePlan } from './update-plan.js';
import { applyContentSecurityPolicy, denyAllPermissions, hardenWebContents } from './harden-web-contents.js';
import type { TrustedRenderer } from './ipc-sender-policy.js';
import { launchAtLoginSwitch } from './launch-at-login.js';
import { devAppPathFromArgv, protocolRegistration } from './protocol-registration.js';
import { recheckOnWake } from './recheck-on-wake.js';
import { botsDirOverride, devServerUrl, resolveAppPaths, userDataOverride } from './resolve-app-paths.js';
import { ShellExternalBrowser } from './shell-external-browser.js';
import { followHotkeyPreferences } from './global-hotkeys.js';
import { pauseAllRuns } from './pause-all-runs.js';
import { createStatusTray } from './tray.js';
import { AttentionSignals, badgeCountSupported, taskbarOverlaySupported } from './attention-signals.js';
import { taskbarOverlay } from './taskbar-overlay.js';
import { notificationAppUserModelId } from './electron-notifier.js';
import type { TrayAction } from './tray-menu.js';
import { createWindowOptions } from './window-options.js';
import { watchWindowHealth, type WindowHealthWatch } from './watch-window-health.js';

const isPackaged = app.isPackaged;
const flavour: BuildFlavour = isPackaged ? 'production' : 'development';
const scheme = protocolSchemeFor(flavour);
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const paths = resolveAppPaths({ isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, mainDir });
const botsDir = botsDirOverride({ isPackaged, value: process.env.RPA_SUPERVISOR_BOTS_DIR }) ?? paths.botsDir;
const rendererUrl = devServerUrl({ isPackaged, value: process.env.ELECTRON_RENDERER_URL });
// Registered dev command is `electron <absolute app path> --deep-link %1` (protocol-registration.ts).
const devAppPath = isPackaged ? undefined : devAppPathFromArgv(process.argv, (value) => path.resolve(value));

// Before anything reads userData: the single-instance lock and the logger both live there.
const userDataDir = userDataOverride({ isPackaged, value: process.env.RPA_SUPERVISOR_USER_DATA_DIR });
if (userDataDir) app.setPath('userData', userDataDir);

const logger = new JsonLinesLogger(path.join(app.getPath('userData'), 'logs', 'main.log'), !isPackaged);
const deepLinks = new DeepLinkRouter({
  scheme,
  sentinel: appIdentity.deepLinkSentinel,
  platform: process.platform,
  isPackaged,
  ...(devAppPath === undefined ? {} : { appPath: devAppPath }),
  logger,
});
// The only call to shell.openExternal in the app: every URL is validated inside (S47).
const externalBrowser = new ShellExternalBrowser((url) => shell.openExternal(url), { scheme, logger });

let mainWindow: BrowserWindow | undefined;
let mainWindowHealth: WindowHealthWatch | undefined;
/** The window's connection to the core (one window at a time; a new one reuses it). */
let windowConnection: SupervisorConnection | undefined;
let quitting = false;

function showWindow(): void {
  // A link or a second start while the core shuts down must not bring up a window it can no longer serve.
  if (quitting) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    if (windowConnection) mainWindow = createMainWindow(windowConnection);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  mainWindowHealth?.shown();
}

function registerProtocol(): void {
  // A test run with its own user-data folder must not rewrite the developer's scheme handler.
  if (userDataDir) return;
  const registration = protocolRegistration({ scheme, sentinel: appIdentity.deepLinkSentinel, isPackaged, execPath: process.execPath, resolvedAppPath: devAppPath });
  const registered = app.setAsDefaultProtocolClient(registration.scheme, registration.executable, registration.args);
  // On Linux this only works once a .desktop file exists (packaged installs); see docs/packaging.md.
  if (!registered) logger.warn('could not register as the handler of the sign-in scheme', { code: 'protocol_registration_failed', scheme });
}

function createMainWindow(connection: SupervisorConnection): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath: paths.preloadPath, isPackaged, title: appIdentity.productName }));
  const events = forwardSupervisorEvents(connection.api, window.webContents);
  // A hung or crashed page gets a reload offer; the core, sessions and bots are not in it.
  const health = (mainWindowHealth = watchWindowHealth(window, { dialog, logger, productName: appIdentity.productName, now: Date.now }));
  window.once('ready-to-show', () => window.show());
  // The flash asked for a look; a look it got.
  window.on('focus', () => window.flashFrame(false));
  window.on('closed', () => {
    events.dispose();
    health.dispose();
    // The next window says which logs it shows; until then no run's lines are batched for it.
    void connection.api.invoke('followLogs', { runIds: [] });
    if (mainWindow === window) mainWindow = undefined;
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(paths.rendererIndexPath);
  return window;
}

function nodeForBots(): string {
  const choice = chooseBotNode({ isPackaged, resourcesPath: process.resourcesPath, env: process.env, platform: process.platform, exists: isExecutableFile });
  if (choice.source === 'missing') {
    // Bots whose manifest says `node` will fail to start with "node" was not found (docs/packaging.md).
    logger.warn('no Node.js found for bots', { code: 'node_not_found', variable: nodeOverrideVariable, reason: choice.reason });
  } else {
    logger.info('bots run on this Node.js', { code: 'bot_node', source: choice.source, path: choice.path });
  }
  return choice.path;
}

/** Tray clicks become the same contract commands the window sends; failures surface as state. */
function trayActionHandler(core: Supervisor): (action: TrayAction) => void {
  const failed = (command: string) => () => logger.warn('a tray command failed', { code: 'tray_command_failed', command });
  return (action) => {
    switch (action.type) {
      case 'show':
        showWindow();
        return;
      case 'quit':
        app.quit();
        return;
      case 'signIn':
        showWindow();
        core.api.invoke('signIn', action.reauthenticate ? { profileId: action.profileId, prompt: 'login' } : { profileId: action.profileId }).catch(failed('signIn'));
        return;
      case 'pauseAll':
        pauseAllRuns(core.api, (message, fields) => logger.info(message, fields)).catch(failed('pauseAll'));
        return;
      case 'stopAll':
        core.api.invoke('stopAll', {}).catch(failed('stopAll'));
        return;
    }
  };
}

async function start(): Promise<void> {
  const csp = rendererContentSecurityPolicy({ kind: 'electron', ...(rendererUrl ? { devServerOrigin: new URL(rendererUrl).origin } : {}) });
  applyContentSecurityPolicy(session.defaultSession, csp);
  denyAllPermissions(session.defaultSession, logger);

  const { ports, notifier } = createElectronPorts({ userDataDir: app.getPath('userData'), logger, browser: externalBrowser });
  // Presence from the OS: lock, unlock, and activity read from the system idle time.
  const presence = powerPresenceSource(powerMonitor);
  // A click on an attention notification brings the window up on that item.
  notifier.onOpenItem = (itemId) => {
    showWindow();
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcChannels.event('focusAttention'), { itemId });
  };
  const nodeExecutable = nodeForBots();
  const launchAtLogin = launchAtLoginSwitch({ platform: process.platform, isPackaged, app });
  // A packaged app reads only the machine's own policy location: a user cannot point it elsewhere.
  const policyPath = machinePolicyPath({ platform: process.platform, env: process.env, allowOverride: !isPackaged });
  const readPolicy = () => readMachinePolicy(policyPath, { platform: process.platform, currentUid: process.getuid?.() });
  const policy = await readPolicy();
  const core = await createSupervisor({
    ports,
    dataDir: app.getPath('userData'),
    flavour,
    botsDir,
    // Honoured only in demo mode: development, or a packaged build whose policy turns it on.
    sandbox: {},
    nodeExecutable,
    playwrightCoreDir: paths.playwrightCoreDir,
    policy,
    rereadPolicy: readPolicy,
    host: { kind: 'electron', ...(launchAtLogin ? { launchAtLogin } : {}), globalHotkeys: { pauseAll: true } },
    presence,
  });
  const connection = core.openConnection();
  windowConnection = connection;
  if (core.scheme !== scheme) logger.warn('the core answers a different scheme than the shell registered', { code: 'scheme_mismatch', shell: scheme, core: core.scheme });

  const trusted: TrustedRenderer = rendererUrl
    ? { kind: 'devServer', origin: new URL(rendererUrl).origin }
    : { kind: 'file', fileUrl: pathToFileURL(paths.rendererIndexPath).href, platform: process.platform };
  const isOurWindow = (contents: WebContents): boolean => mainWindow !== undefined && !mainWindow.isDestroyed() && contents === mainWindow.webContents;
  const disposables: Disposable[] = [bindSupervisorIpc({ api: connection.api, trusted, isOurWindow, logger }), connection];

  mainWindow = createMainWindow(connection);
  const tray = createStatusTray({ productName: appIdentity.productName, now: Date.now, onAction: trayActionHandler(core) });
  const signals = new AttentionSignals();
  let overlayCount = 0;
  const showSignals = (state: SupervisorState): void => {
    const { badgeCount, flash } = signals.update(state);
    if (badgeCountSupported(process.platform)) app.setBadgeCount(badgeCount);
    if (taskbarOverlaySupported(process.platform) && mainWindow && !mainWindow.isDestroyed() && badgeCount !== overlayCount) {
      overlayCount = badgeCount;
      const overlay = taskbarOverlay(badgeCount, 2);
      mainWindow.setOverlayIcon(overlay.kind === 'set' ? nativeImage.createFromBitmap(overlay.bitmap.buffer, overlay.bitmap) : null, overlay.kind === 'set' ? overlay.description : '');
    }
    if (flash && mainWindow && !mainWindow.isDestroyed() && !mainWindow.isFocused()) mainWindow.flashFrame(true);
  };
  disposables.push(core.api.on('state', (state) => (tray.update(state), showSignals(state))), { dispose: () => tray.dispose() }, presence);
  // Global shortcuts follow the preferences (off by default); Stop all and Pause all do what the
  // tray's items do (Pause all: the window's pauseRun for each run that can pause).
  const hotkeys = followHotkeyPreferences({
    shortcuts: globalShortcut,
    actions: {
      stopAll: () => trayActionHandler(core)({ type: 'stopAll' }),
      pauseAll: () => trayActionHandler(core)({ type: 'pauseAll' }),
    },
    warn: (message, fields) => logger.warn(message, fields),
  });
  disposables.push(core.api.on('state', (state) => hotkeys.update(state.preferences.hotkeys)), hotkeys);
  hotkeys.update((await core.api.invoke('getState', {})).preferences.hotkeys);
  // Expiry is wall-clock based; a laptop that slept through its timers must look again (S19).
  disposables.push(recheckOnWake(powerMonitor, () => core.recheck()));
  const updates = updatePlan({
    isPackaged,
    policySource: policy.kind === 'absent' ? 'none' : policy.kind === 'applied' ? 'file' : 'lockedDown',
    feedUrl: policy.policy.updates?.feedUrl,
    platform: process.platform,
    env: process.env,
  });
  startManagedUpdates(updates, logger).then(
    (stop) => disposables.push(stop),
    () => logger.warn('the updater could not start', { code: 'update_check_failed' }),
  );

  deepLinks.attach((link) => {
    showWindow();
    // openDeepLink never throws by contract; this catch only guards against a bug there.
    core.openDeepLink(link).catch(() => logger.error('deep-link delivery failed', { code: 'deep_link_delivery_failed' }));
  });

  app.on('before-quit', (event) => {
    // Let the core halt bots and close the broker before the process goes away; a second Quit
    // meanwhile must not let Electron exit under it (app.exit below ends the process).
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    disposables.forEach((disposable) => disposable.dispose());
    core
      .shutdown()
      .catch(() => logger.error('shutdown did not finish cleanly', { code: 'shutdown_failed' }))
      .finally(() => app.exit(0));
  });
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    // The running instance receives our argv through `second-instance`.
    app.quit();
    return;
  }
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(notificationAppUserModelId({ isPackaged, appId: appIdentity.appId, execPath: process.execPath }));
  registerProtocol();

  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault();
      deepLinks.fromOpenUrl(url);
    });
  });
  app.on('second-instance', (_event, argv) => {
    deepLinks.fromArgv(argv, 'second-instance');
    showWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { logger, openWebLink: (url) => externalBrowser.openWebLink(url) }));
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // macOS apps stay alive in the Dock; elsewhere closing the window quits (and halts bots).
    if (process.platform !== 'darwin') app.quit();
  });

  deepLinks.fromArgv(process.argv, 'argv');

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('RPA Supervisor could not start', { code: 'startup_failed', name: error instanceof Error ? error.name : typeof error });
      dialog.showErrorBox(appIdentity.productName, 'RPA Supervisor could not start. Details are in the log file in the app data folder.');
      app.exit(1);
    });
}

main();
