/**
 * Electron main process: thin composition only. Every decision lives in a pure, unit-tested
 * module beside this file; this file wires them to Electron's events.
 *
 * Deep links enter in one place (the DeepLinkQueue) from three sources: the cold-start argv,
 * a `second-instance` argv (Windows, Linux) and macOS `open-url` (registered in
 * `will-finish-launching`, because macOS delivers it before `ready`).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, powerMonitor, session, type WebContents } from 'electron';
import { appIdentity, protocolSchemeFor, type BuildFlavour } from '../../app/config/app-identity.js';
import type { Disposable } from '../../app/contract.js';
import { JsonLinesLogger } from '../../app/logging/json-lines-logger.js';
import { createSupervisor, type Supervisor } from '../../app/supervisor.js';
import { bindSupervisorIpc, forwardSupervisorEvents } from './bind-supervisor-ipc.js';
import { createElectronPorts } from './create-electron-ports.js';
import { acceptOpenUrl, extractDeepLink, type DeepLinkIntake } from './deep-link-intake.js';
import { DeepLinkQueue } from './deep-link-queue.js';
import { applyContentSecurityPolicy, denyAllPermissions, hardenWebContents } from './harden-web-contents.js';
import type { TrustedRenderer } from './ipc-sender-policy.js';
import { devAppPathFromArgv, protocolRegistration } from './protocol-registration.js';
import { devServerUrl, resolveAppPaths, userDataOverride } from './resolve-app-paths.js';
import { createStatusTray } from './tray.js';
import { contentSecurityPolicy, createWindowOptions } from './window-options.js';

const isPackaged = app.isPackaged;
const flavour: BuildFlavour = isPackaged ? 'production' : 'development';
const scheme = protocolSchemeFor(flavour);
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const paths = resolveAppPaths({ isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, mainDir });
const rendererUrl = devServerUrl({ isPackaged, value: process.env.ELECTRON_RENDERER_URL });
// Registered dev command is `electron <absolute app path> --deep-link %1` (protocol-registration.ts).
const devAppPath = isPackaged ? undefined : devAppPathFromArgv(process.argv, (value) => path.resolve(value));

// Before anything reads userData: the single-instance lock and the logger both live there.
const userDataDir = userDataOverride({ isPackaged, value: process.env.RPA_SUPERVISOR_USER_DATA_DIR });
if (userDataDir) app.setPath('userData', userDataDir);

const logger = new JsonLinesLogger(path.join(app.getPath('userData'), 'logs', 'main.log'), !isPackaged);
const deepLinks = new DeepLinkQueue({ onDrop: () => logger.warn('dropped a deep link that arrived before start-up finished', { code: 'deep_link_dropped' }) });

let mainWindow: BrowserWindow | undefined;
let supervisor: Supervisor | undefined;
let quitting = false;

function intake(result: DeepLinkIntake, source: 'argv' | 'second-instance' | 'open-url'): void {
  if (result.kind === 'url') deepLinks.push(result.url);
  // The reason is a fixed sentence and never contains the link (S7, S8).
  else if (result.kind === 'rejected') logger.warn('ignored a malformed deep link', { code: 'invalid_redirect', source, reason: result.reason });
}

function intakeArgv(argv: string[], source: 'argv' | 'second-instance'): void {
  const options = { scheme, sentinel: appIdentity.deepLinkSentinel, platform: process.platform, isPackaged };
  intake(extractDeepLink(argv, devAppPath === undefined ? options : { ...options, appPath: devAppPath }), source);
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    if (supervisor) mainWindow = createMainWindow(supervisor);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function registerProtocol(): void {
  // A test run with its own user-data folder must not rewrite the developer's scheme handler.
  if (userDataDir) return;
  const registration = protocolRegistration({ scheme, sentinel: appIdentity.deepLinkSentinel, isPackaged, execPath: process.execPath, resolvedAppPath: devAppPath });
  const registered = app.setAsDefaultProtocolClient(registration.scheme, registration.executable, registration.args);
  // On Linux this only works once a .desktop file exists (packaged installs); see docs/packaging.md.
  if (!registered) logger.warn('could not register as the handler of the sign-in scheme', { code: 'protocol_registration_failed', scheme });
}

function createMainWindow(core: Supervisor): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath: paths.preloadPath, isPackaged, title: appIdentity.productName }));
  const events = forwardSupervisorEvents(core, window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    events.dispose();
    if (mainWindow === window) mainWindow = undefined;
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(paths.rendererIndexPath);
  return window;
}

async function start(): Promise<void> {
  const policy = contentSecurityPolicy(rendererUrl ? { devServerOrigin: new URL(rendererUrl).origin } : {});
  applyContentSecurityPolicy(session.defaultSession, policy);
  denyAllPermissions(session.defaultSession, logger);

  const { ports } = createElectronPorts({ userDataDir: app.getPath('userData'), logger });
  const core = await createSupervisor({ ports, dataDir: app.getPath('userData'), flavour, botsDir: paths.botsDir, sandbox: {} });
  supervisor = core;
  if (core.scheme !== scheme) logger.warn('the core answers a different scheme than the shell registered', { code: 'scheme_mismatch', shell: scheme, core: core.scheme });

  const trusted: TrustedRenderer = rendererUrl
    ? { kind: 'devServer', origin: new URL(rendererUrl).origin }
    : { kind: 'file', fileUrl: pathToFileURL(paths.rendererIndexPath).href, platform: process.platform };
  const isOurWindow = (contents: WebContents): boolean => mainWindow !== undefined && !mainWindow.isDestroyed() && contents === mainWindow.webContents;
  const disposables: Disposable[] = [bindSupervisorIpc({ supervisor: core, trusted, isOurWindow, logger })];

  mainWindow = createMainWindow(core);
  const tray = createStatusTray({ productName: appIdentity.productName, now: Date.now, onShow: showWindow, onQuit: () => app.quit() });
  disposables.push(core.api.on('state', (state) => tray.update(state)), { dispose: () => tray.dispose() });

  // Expiry is wall-clock based; a laptop that slept through its timers must look again (S19).
  powerMonitor.on('resume', () => core.recheck());
  powerMonitor.on('unlock-screen', () => core.recheck());

  deepLinks.attach((url) => {
    showWindow();
    // deliverRedirect never throws by contract; this catch only guards against a bug there.
    core.deliverRedirect(url).catch(() => logger.error('deep-link delivery failed', { code: 'deep_link_delivery_failed' }));
  });

  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the core halt bots and close the broker before the process goes away.
    event.preventDefault();
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
  if (process.platform === 'win32') app.setAppUserModelId(appIdentity.appId);
  registerProtocol();

  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault();
      intake(acceptOpenUrl(url, scheme), 'open-url');
    });
  });
  app.on('second-instance', (_event, argv) => {
    intakeArgv(argv, 'second-instance');
    showWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // macOS apps stay alive in the Dock; elsewhere closing the window quits (and halts bots).
    if (process.platform !== 'darwin') app.quit();
  });

  intakeArgv(process.argv, 'argv');

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
