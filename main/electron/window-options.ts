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
