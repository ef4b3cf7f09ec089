/** The slice of Electron's `app` that login items need; tests pass a fake. */
export interface LoginItemApi {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export interface LaunchAtLoginSwitch {
  get(): boolean;
  set(enabled: boolean): void;
}

/**
 * The "launch at login" preference, where the OS supports it through Electron: Windows (a Run
 * registry value for this exe) and macOS (a login item). Electron has no login items on Linux,
 * and a development build would register the bare Electron binary, so both get `undefined` and
 * the preference is not offered (PreferencesView.launchAtLogin stays undefined).
 */
export function launchAtLoginSwitch(input: { platform: NodeJS.Platform; isPackaged: boolean; app: LoginItemApi }): LaunchAtLoginSwitch | undefined {
  if (!input.isPackaged || (input.platform !== 'win32' && input.platform !== 'darwin')) return undefined;
  const { app } = input;
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
}
