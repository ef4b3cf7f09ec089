import { describe, expect, it } from 'vitest';
import { launchAtLoginSwitch, type LoginItemApi } from './launch-at-login.js';

function fakeApp(): LoginItemApi & { openAtLogin: boolean } {
  const app = {
    openAtLogin: false,
    getLoginItemSettings: () => ({ openAtLogin: app.openAtLogin }),
    setLoginItemSettings: (settings: { openAtLogin: boolean }) => {
      app.openAtLogin = settings.openAtLogin;
    },
  };
  return app;
}

describe('launchAtLoginSwitch', () => {
  it.each(['win32', 'darwin'] as const)('reads and writes the login item of a packaged app on %s', (platform) => {
    const app = fakeApp();
    const toggle = launchAtLoginSwitch({ platform, isPackaged: true, app });
    expect(toggle?.get()).toBe(false);
    toggle?.set(true);
    expect(app.openAtLogin).toBe(true);
    expect(toggle?.get()).toBe(true);
    toggle?.set(false);
    expect(toggle?.get()).toBe(false);
  });

  it('is not offered on Linux, where Electron has no login items', () => {
    expect(launchAtLoginSwitch({ platform: 'linux', isPackaged: true, app: fakeApp() })).toBeUndefined();
  });

  it('is not offered by a development build, which would register the bare Electron binary', () => {
    expect(launchAtLoginSwitch({ platform: 'win32', isPackaged: false, app: fakeApp() })).toBeUndefined();
  });
});
