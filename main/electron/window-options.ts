import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The main window's options. Every security switch is spelled out, even where Electron's
 * default already agrees, so a reader (and Electronegativity, S49) sees the intent and an
 * Electron upgrade that flips a default cannot quietly weaken the window.
 */
export function createWindowOptions(options: { preloadPath: string; isPackaged: boolean; title: string }): BrowserWindowConstructorOptions {
  return {
    title: options.title,
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: createWebPreferences(options),
  };
}

export function createWebPreferences(options: { preloadPath: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click opens links in new windows without a `click` event the page could vet.
    disableBlinkFeatures: 'Auxclick',
    // DevTools can read everything the renderer holds; packaged builds for clinics do without.
    devTools: !options.isPackaged,
  };
}

/**
 * The renderer's Content-Security-Policy (S48), sent as a response header by the main process:
 * scripts only from the app's own files, so an injected `<script>` or `onerror=` in a bot name
 * or log line cannot run. The built file:// page gets no headers, so `renderer/index.html`
 * carries an equally strict meta tag (checked by renderer-csp.test.ts).
 *
 * - `devServerOrigin` relaxes the policy for the Vite dev server only: its HMR client injects
 *   inline styles and a React Refresh preamble and talks over a WebSocket.
 * - `data:` images and fonts are allowed because Vite inlines small assets referenced from CSS.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin;
  const devSocket = dev === undefined ? undefined : dev.replace(/^http/, 'ws');
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(dev === undefined ? [] : ["'unsafe-inline'"])],
    ['style-src', "'self'", ...(dev === undefined ? [] : ["'unsafe-inline'"])],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(devSocket === undefined ? [] : [devSocket])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
