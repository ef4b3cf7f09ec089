import { describe, expect, it } from 'vitest';
import { createWebPreferences, createWindowOptions } from './window-options.js';

describe('createWebPreferences', () => {
  it('locks the renderer down (sandbox, isolation, no Node)', () => {
    const prefs = createWebPreferences({ preloadPath: '/app/out/preload/preload.cjs', isPackaged: true });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('keeps DevTools for development builds only', () => {
    expect(createWebPreferences({ preloadPath: 'p', isPackaged: false }).devTools).toBe(true);
  });

  it('wraps them in hidden-until-ready window options', () => {
    const options = createWindowOptions({ preloadPath: 'p', isPackaged: true, title: 'RPA Supervisor' });
    expect(options.show).toBe(false);
    expect(options.title).toBe('RPA Supervisor');
    expect(options.webPreferences?.sandbox).toBe(true);
  });
});
