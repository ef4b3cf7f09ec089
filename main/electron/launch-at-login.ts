import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { appIdentity } from '../../app/config/app-identity.js';

/** The slice of Electron's `app` that login items need; tests pass a fake. */
export interface LoginItemApi {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export interface LaunchAtLoginSwitch {
  get(): boolean;
  set(enabled: boolean): void;
}

/** Where the Linux switch looks; defaults to this process's environment. */
export interface LinuxSession {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The running binary; an AppImage's `APPIMAGE` variable wins, since execPath is inside its temporary mount. */
  execPath: string;
}

/**
 * The "launch at login" preference. Windows (a Run registry value for this exe) and macOS (a
 * login item) use Electron's login items. Electron has none on Linux, so there it is an XDG
 * autostart entry (see `linuxAutostartEntry`). A development build would register the bare
 * Electron binary, so it gets `undefined` and the preference is not offered
 * (PreferencesView.launchAtLogin stays undefined).
 */
export function launchAtLoginSwitch(input: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  app: LoginItemApi;
  linux?: LinuxSession;
}): LaunchAtLoginSwitch | undefined {
  if (!input.isPackaged) return undefined;
  if (input.platform === 'linux') {
    const entry = linuxAutostartEntry(input.linux ?? { env: process.env, homeDir: homedir(), execPath: process.execPath });
    return entry ? linuxAutostartSwitch(entry) : undefined;
  }
  if (input.platform !== 'win32' && input.platform !== 'darwin') return undefined;
  const { app } = input;
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
}

export interface AutostartEntry {
  path: string;
  contents: string;
}

/**
 * The XDG autostart entry that starts this app at login (freedesktop.org Desktop Application
 * Autostart Specification): `$XDG_CONFIG_HOME/autostart/<appId>.desktop`, `~/.config` when that
 * variable is unset or not absolute (the spec says to ignore relative values). Exec names the
 * AppImage file when running from one (`APPIMAGE`), else the installed binary. Undefined when the
 * path cannot be written into a desktop entry safely (a control character), so no switch is offered.
 */
export function linuxAutostartEntry(session: LinuxSession): AutostartEntry | undefined {
  const configured = session.env.XDG_CONFIG_HOME;
  const configHome = configured && path.posix.isAbsolute(configured) ? configured : path.posix.join(session.homeDir, '.config');
  const appImage = session.env.APPIMAGE;
  const target = appImage && path.posix.isAbsolute(appImage) ? appImage : session.execPath;
  if (/[\u0000-\u001f\u007f]/.test(target) || !path.posix.isAbsolute(target)) return undefined;
  return {
    path: path.posix.join(configHome, 'autostart', `${appIdentity.appId}.desktop`),
    contents: [
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      `Name=${appIdentity.productName}`,
      `Comment=Starts ${appIdentity.productName} when you log in`,
      `Exec=${quoteExecArgument(target)}`,
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  };
}

/**
 * Quotes one Exec argument (Desktop Entry Specification, "The Exec key"): inside double quotes,
 * `"`, `` ` ``, `$` and `\` take a backslash; then, because Exec is a string value, every
 * backslash is doubled again; and a literal `%` is written `%%` so it is not read as a field code.
 * Installed paths contain spaces (`/opt/RPA Supervisor/…`), so the argument is always quoted.
 */
export function quoteExecArgument(argument: string): string {
  const quoted = `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** Whether an autostart file's contents still start the app: desktops turn it off with these keys. */
export function isAutostartEnabled(contents: string): boolean {
  return !/^Hidden\s*=\s*true\s*$/m.test(contents) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(contents);
}

/**
 * Thin fs glue over `linuxAutostartEntry`. The file is written atomically (temp file, fsync,
 * rename), so a crash never leaves a half-written entry that the desktop would try to run;
 * turning the preference off removes it.
 *
 * An enabled entry that names another binary is rewritten when the switch is made (at start-up):
 * AppImage file names carry the version, so an update would otherwise leave login starting the
 * old file, or nothing. An entry the desktop turned off is left alone.
 */
export function linuxAutostartSwitch(entry: AutostartEntry): LaunchAtLoginSwitch {
  const read = (): string | undefined => {
    try {
      return readFileSync(entry.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const toggle: LaunchAtLoginSwitch = {
    get: () => {
      const contents = read();
      return contents !== undefined && isAutostartEnabled(contents);
    },
    set: (enabled) => {
      if (enabled) writeFileAtomicSync(entry.path, entry.contents);
      else rmSync(entry.path, { force: true });
    },
  };
  try {
    const current = read();
    if (current !== undefined && current !== entry.contents && isAutostartEnabled(current)) toggle.set(true);
  } catch {
    // Best effort: an unreadable or read-only autostart folder must not stop the app starting.
  }
  return toggle;
}

function writeFileAtomicSync(target: string, contents: string): void {
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
