import { describe, expect, it } from 'vitest';
import { chooseBrowser } from './browser-choice.mjs';

const exists = (...files: string[]) => (file: string) => files.includes(file);
const windowsEnv = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\sam\\AppData\\Local' };
const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const chromeWin = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const chromeMac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

describe('chooseBrowser', () => {
  it('a path the bot passes wins over the setting', () => {
    expect(chooseBrowser({ executablePath: '/opt/my/chromium', env: { RPA_BROWSER_PATH: '/usr/bin/chromium' }, platform: 'linux', exists: exists('/opt/my/chromium', '/usr/bin/chromium') })).toEqual({
      ok: true,
      source: 'option',
      launch: { executablePath: '/opt/my/chromium' },
      name: '/opt/my/chromium',
    });
  });

  it('the setting (RPA_BROWSER_PATH), or its older name CHROMIUM_PATH, comes next', () => {
    expect(chooseBrowser({ env: { RPA_BROWSER_PATH: '/usr/bin/chromium' }, platform: 'linux', exists: exists('/usr/bin/chromium') })).toMatchObject({ ok: true, source: 'setting', launch: { executablePath: '/usr/bin/chromium' } });
    expect(chooseBrowser({ env: { CHROMIUM_PATH: '/usr/bin/chromium' }, platform: 'linux', exists: exists('/usr/bin/chromium') })).toMatchObject({ ok: true, launch: { executablePath: '/usr/bin/chromium' } });
    // A configured path beats an installed Chrome.
    expect(chooseBrowser({ env: { ...windowsEnv, RPA_BROWSER_PATH: 'D:\\Tools\\chrome.exe' }, platform: 'win32', exists: exists('D:\\Tools\\chrome.exe', edge) })).toMatchObject({ source: 'setting' });
  });

  it('a configured path that is missing is an error naming it, not a silent fall-back', () => {
    const choice = chooseBrowser({ env: { ...windowsEnv, RPA_BROWSER_PATH: 'D:\\Tools\\gone.exe' }, platform: 'win32', exists: exists(edge) });
    expect(choice).toMatchObject({ ok: false, code: 'browser_path_missing' });
    expect(!choice.ok && choice.message).toContain('D:\\Tools\\gone.exe');
  });

  it('Windows: an installed Edge through its channel, else Chrome', () => {
    expect(chooseBrowser({ env: windowsEnv, platform: 'win32', exists: exists(edge, chromeWin) })).toMatchObject({ ok: true, source: 'installed', launch: { channel: 'msedge' }, name: 'Microsoft Edge' });
    expect(chooseBrowser({ env: windowsEnv, platform: 'win32', exists: exists(chromeWin) })).toMatchObject({ ok: true, launch: { channel: 'chrome' } });
    expect(chooseBrowser({ env: windowsEnv, platform: 'win32', exists: exists('C:\\Users\\sam\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe') })).toMatchObject({ launch: { channel: 'chrome' } });
  });

  it('macOS: an installed Chrome, else Edge', () => {
    expect(chooseBrowser({ env: {}, platform: 'darwin', exists: exists(chromeMac) })).toMatchObject({ ok: true, launch: { channel: 'chrome' } });
    expect(chooseBrowser({ env: {}, platform: 'darwin', exists: exists('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge') })).toMatchObject({ launch: { channel: 'msedge' } });
  });

  it('Linux: an installed Chrome or Edge through its channel, else the distribution\'s Chromium by its path', () => {
    expect(chooseBrowser({ env: {}, platform: 'linux', exists: exists('/opt/google/chrome/chrome', '/usr/bin/chromium') })).toMatchObject({ ok: true, launch: { channel: 'chrome' } });
    expect(chooseBrowser({ env: {}, platform: 'linux', exists: exists('/usr/bin/chromium') })).toEqual({ ok: true, source: 'installed', launch: { executablePath: '/usr/bin/chromium' }, name: 'Chromium' });
    expect(chooseBrowser({ env: {}, platform: 'linux', exists: exists('/snap/bin/chromium') })).toMatchObject({ launch: { executablePath: '/snap/bin/chromium' } });
    // Chromium is a Linux fall-back only: a macOS or Windows machine is not searched for it.
    expect(chooseBrowser({ env: {}, platform: 'darwin', exists: exists('/usr/bin/chromium') })).toMatchObject({ ok: false, code: 'browser_not_found' });
  });

  it('nothing found: a coded error that says what to install or set', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const choice = chooseBrowser({ env: platform === 'win32' ? windowsEnv : {}, platform, exists: exists() });
      expect(choice).toMatchObject({ ok: false, code: 'browser_not_found' });
      expect(!choice.ok && choice.message).toMatch(/Install .*(Edge|Chrome).*Settings → Bots and policies → Browser for Playwright bots/);
    }
  });
});
