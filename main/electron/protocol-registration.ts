/**
 * How this process registers itself as the handler of its custom scheme, via
 * `app.setAsDefaultProtocolClient(scheme, executable, args)`.
 *
 * The registered command always ends `… --deep-link "%1"`, so the deep-link intake can tell the
 * OS-supplied URL from every other argument (S8).
 *
 * - **Packaged:** the executable is the app itself: `App.exe --deep-link %1`. On Windows this
 *   writes `HKCU\Software\Classes\<scheme>\shell\open\command`; the NSIS installer writes the
 *   same command (build/installer.nsh) so links work before the first launch. On macOS the
 *   handler comes from Info.plist (electron-builder `protocols`) and the args are ignored. On
 *   Linux the .desktop file's `Exec=… --deep-link %U` is what counts; this call only asks
 *   xdg-settings to make that desktop file the default.
 * - **Development:** the executable is the Electron binary, so it must be told which app to
 *   load: `electron.exe <absolute app path> --deep-link %1`. The path must be absolute because
 *   the browser launches the handler from an arbitrary working directory. Dev builds use their
 *   own scheme, so they never hijack production links.
 */
export interface ProtocolRegistration {
  scheme: string;
  executable: string;
  args: string[];
}

export function protocolRegistration(input: {
  scheme: string;
  sentinel: string;
  isPackaged: boolean;
  /** `process.execPath` */
  execPath: string;
  /** Development only: `path.resolve(process.argv[1])`, the folder Electron was started with. */
  resolvedAppPath?: string;
}): ProtocolRegistration {
  if (input.isPackaged) return { scheme: input.scheme, executable: input.execPath, args: [input.sentinel] };
  if (input.resolvedAppPath === undefined) throw new Error('A development build must know its app path to register its scheme.');
  return { scheme: input.scheme, executable: input.execPath, args: [input.resolvedAppPath, input.sentinel] };
}

/**
 * The app folder a development Electron was started with: the first argument after the binary
 * that is not a switch. Playwright puts `--inspect=0 --remote-debugging-port=0` before it, so
 * `argv[1]` alone would register `<cwd>/--inspect=0` as the app to launch.
 */
export function devAppPathFromArgv(argv: readonly string[], resolve: (value: string) => string): string | undefined {
  const appArg = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return appArg === undefined ? undefined : resolve(appArg);
}
