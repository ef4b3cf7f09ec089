import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createWebPreferences, createWindowOptions } from './window-options.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

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

describe('contentSecurityPolicy (S48)', () => {
  it('is strict in production, with no inline script or style', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('relaxes only what the Vite dev server needs', () => {
    const policy = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' })).not.toContain('unsafe-eval');
  });
});
