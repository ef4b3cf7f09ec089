import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import {
  isAutostartEnabled,
  launchAtLoginSwitch,
  linuxAutostartEntry,
  quoteExecArgument,
  type LinuxSession,
  type LoginItemApi,
} from './launch-at-login.js';

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

  it('is not offered by a development build, which would register the bare Electron binary', () => {
    expect(launchAtLoginSwitch({ platform: 'win32', isPackaged: false, app: fakeApp() })).toBeUndefined();
    expect(launchAtLoginSwitch({ platform: 'linux', isPackaged: false, app: fakeApp() })).toBeUndefined();
  });

  it('is not offered where there is no known mechanism', () => {
    expect(launchAtLoginSwitch({ platform: 'freebsd', isPackaged: true, app: fakeApp() })).toBeUndefined();
  });
});

describe('linuxAutostartEntry (pure)', () => {
  const deb: LinuxSession = { env: {}, homeDir: '/home/ann', execPath: '/opt/RPA Supervisor/rpa-supervisor' };

  it('is ~/.config/autostart/<appId>.desktop, running the installed binary', () => {
    const entry = linuxAutostartEntry(deb);
    expect(entry?.path).toBe(`/home/ann/.config/autostart/${appIdentity.appId}.desktop`);
    expect(entry?.contents).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=RPA Supervisor',
        'Comment=Starts RPA Supervisor when you log in',
        'Exec="/opt/RPA Supervisor/rpa-supervisor"',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('respects an absolute XDG_CONFIG_HOME and ignores a relative one, as the spec says', () => {
    expect(linuxAutostartEntry({ ...deb, env: { XDG_CONFIG_HOME: '/srv/cfg' } })?.path).toBe(`/srv/cfg/autostart/${appIdentity.appId}.desktop`);
    expect(linuxAutostartEntry({ ...deb, env: { XDG_CONFIG_HOME: 'cfg' } })?.path).toBe(`/home/ann/.config/autostart/${appIdentity.appId}.desktop`);
  });

  it('runs the AppImage file, not the binary inside its temporary mount', () => {
    const entry = linuxAutostartEntry({
      env: { APPIMAGE: '/home/ann/Apps/RPA Supervisor-0.1.0-x86_64.AppImage' },
      homeDir: '/home/ann',
      execPath: '/tmp/.mount_RPA SuXXXX/rpa-supervisor',
    });
    expect(entry?.contents).toContain('\nExec="/home/ann/Apps/RPA Supervisor-0.1.0-x86_64.AppImage"\n');
  });

  it('offers nothing for a path that cannot be written into a desktop entry safely', () => {
    expect(linuxAutostartEntry({ ...deb, execPath: '/opt/evil\nExec=/bin/sh' })).toBeUndefined();
    expect(linuxAutostartEntry({ ...deb, execPath: 'relative/rpa-supervisor' })).toBeUndefined();
  });

  it('quotes Exec per the Desktop Entry Specification', () => {
    expect(quoteExecArgument('/opt/RPA Supervisor/rpa')).toBe('"/opt/RPA Supervisor/rpa"');
    // `$` gets a backslash inside quotes, and that backslash is doubled as a string-value escape.
    expect(quoteExecArgument('/a$b')).toBe('"/a\\\\$b"');
    expect(quoteExecArgument('/a"b`c\\d')).toBe('"/a\\\\"b\\\\`c\\\\\\\\d"');
    expect(quoteExecArgument('/100%/rpa')).toBe('"/100%%/rpa"');
  });

  it('reads an entry the desktop turned off as off', () => {
    expect(isAutostartEnabled('[Desktop Entry]\nExec=x\n')).toBe(true);
    expect(isAutostartEnabled('[Desktop Entry]\nHidden=true\n')).toBe(false);
    expect(isAutostartEnabled('[Desktop Entry]\nX-GNOME-Autostart-enabled=false\n')).toBe(false);
  });
});

describe('launch at login on Linux (real files in a temp folder)', () => {
  let home: string;
  let session: LinuxSession;
  let file: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'autostart-'));
    session = { env: { XDG_CONFIG_HOME: path.join(home, 'cfg') }, homeDir: home, execPath: '/opt/RPA Supervisor/rpa-supervisor' };
    file = path.join(home, 'cfg', 'autostart', `${appIdentity.appId}.desktop`);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const linuxSwitch = () => launchAtLoginSwitch({ platform: 'linux', isPackaged: true, app: fakeApp(), linux: session });

  it('enabling writes the entry (creating the folder), disabling removes it', () => {
    const toggle = linuxSwitch();
    expect(toggle?.get()).toBe(false);
    toggle?.set(true);
    expect(toggle?.get()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(linuxAutostartEntry(session)?.contents);
    // Written through a temp file that does not linger.
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    toggle?.set(false);
    expect(toggle?.get()).toBe(false);
    expect(existsSync(file)).toBe(false);
    // Disabling twice is fine.
    toggle?.set(false);
  });

  it('an entry the desktop turned off reads as off and is not rewritten at start-up', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '[Desktop Entry]\nExec="/old/path"\nHidden=true\n');
    expect(linuxSwitch()?.get()).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('/old/path');
  });

  it('an enabled entry naming an old AppImage is pointed at the running one at start-up', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '[Desktop Entry]\nType=Application\nExec="/home/ann/RPA Supervisor-0.0.9-x86_64.AppImage"\n');
    session = { ...session, env: { ...session.env, APPIMAGE: '/home/ann/RPA Supervisor-0.1.0-x86_64.AppImage' } };
    expect(linuxSwitch()?.get()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ann/RPA Supervisor-0.1.0-x86_64.AppImage"');
  });
});
