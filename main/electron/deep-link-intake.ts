/**
 * Finds the OAuth redirect in the argv that the OS hands the app (Windows and Linux cold start,
 * and the `second-instance` argv) or in a macOS `open-url` event, before any OAuth code runs
 * (S7 and S8 in docs/security-matrix.md).
 *
 * Only the *argv* is checked here: one URL-like argument, behind the sentinel, with nothing else
 * an attacker could have smuggled in. The URL itself (scheme, size, characters, host, path,
 * query) is parsed once, by `parseDeepLink` (app/deep-link/parse-deep-link.ts), which the router
 * calls on what this returns. Rejection reasons are fixed sentences: they never quote an
 * argument, so an authorization code can never reach a log through them.
 */

export type DeepLinkIntake = { kind: 'url'; url: string } | { kind: 'none' } | { kind: 'rejected'; reason: string };

export interface DeepLinkIntakeOptions {
  /** The custom scheme this build answers to, without the colon. */
  scheme: string;
  /** The argument that the registered launch command puts right before `%1` / `%u`. */
  sentinel: string;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /**
   * Development only: the app folder registered as the first launch argument
   * (`electron.exe <appPath> --deep-link %1`). Chromium moves positional arguments behind all
   * switches when it rebuilds a second instance's argv, so this path can show up after the
   * sentinel; it is the only extra positional tolerated there, and never in packaged builds.
   */
  appPath?: string;
}

// Two or more scheme characters, so a Windows drive path such as `C:\app` is not a URL.
const urlLikePattern = /^[A-Za-z][A-Za-z0-9+.-]+:/;

// Switches Electron and Chromium append to the command line a second instance forwards: the
// process singleton sends the second process's own parsed command line, switches first, so
// these land between the marker and the URL. Each is matched exactly (value shape included),
// so an injected switch cannot pass for one of them.
// - Electron, every OS: file access for file:// pages. macOS: AVFoundation.
// - Electron on Linux (40+, and the releases it was backported to): the Ozone platform it
//   picked (x11, wayland), and on some Chromium versions the `auto` hint that led to it.
//   Without these, no Linux link reaches a running app.
// - Chromium on Windows, when notifying the running instance: its start time, and the launch
//   metrics of a start from a shortcut or an AppUserModelID.
const chromiumAddedSwitches = [
  /^--allow-file-access-from-files$/,
  /^--enable-avfoundation$/,
  /^--ozone-platform=[a-z0-9-]+$/,
  /^--ozone-platform-hint=[a-z0-9-]+$/,
  /^--original-process-start-time=\d+$/,
  /^--source-app-id$/,
  /^--source-shortcut=[^"]+\.lnk$/i,
];

// Switches that run code or weaken the app (CVE-2018-1000006 used `--gpu-launcher`). Their
// presence next to a deep link means someone is trying to inject arguments.
const dangerousSwitchPattern =
  /^--(gpu-launcher|renderer-cmd-prefix|utility-cmd-prefix|plugin-launcher|ppapi-plugin-launcher|browser-subprocess-path|inspect|inspect-brk|inspect-port|remote-debugging-port|remote-debugging-pipe|remote-allow-origins|js-flags|host-rules|host-resolver-rules|proxy-server|proxy-pac-url|load-extension|disable-web-security|user-data-dir)(=|$)/i;

const reasons = {
  noSentinel: 'a link for this app arrived without the deep-link marker',
  repeatedSentinel: 'the deep-link marker appears more than once',
  inlineSentinel: 'the deep-link marker must be a separate argument',
  severalUrls: 'several URLs were passed at once',
  dangerousSwitch: 'a command-line switch that can run code was passed with the link',
  unexpectedSwitch: 'an unexpected switch follows the deep-link marker',
  unexpectedArgument: 'an unexpected argument follows the deep-link marker',
  urlBeforeSentinel: 'the URL does not follow the deep-link marker',
} as const;

/** Picks the deep link, if any, out of a cold-start or `second-instance` argv, unparsed. */
export function extractDeepLink(argv: readonly string[], options: DeepLinkIntakeOptions): DeepLinkIntake {
  // argv[0] is the executable; everything the OS or an attacker controls comes after it.
  const args = argv.slice(1);
  const isSwitch = (arg: string): boolean => arg.startsWith('-') || (options.platform === 'win32' && arg.startsWith('/'));
  const isUrl = (arg: string): boolean => !isSwitch(arg) && urlLikePattern.test(arg);

  const sentinelAt = args.flatMap((arg, index) => (arg === options.sentinel ? [index] : []));
  const urls = args.filter(isUrl);
  if (args.some((arg) => arg.startsWith(`${options.sentinel}=`))) return rejected(reasons.inlineSentinel);

  const [firstSentinel] = sentinelAt;
  if (firstSentinel === undefined) {
    // A plain launch (or Playwright's `--inspect=0 .`) is not a deep link; our scheme without
    // the marker is, and came from somewhere that is not our registration.
    return urls.some((arg) => hasScheme(arg, options.scheme)) ? rejected(reasons.noSentinel) : { kind: 'none' };
  }
  if (sentinelAt.length > 1) return rejected(reasons.repeatedSentinel);
  if (args.some((arg) => dangerousSwitchPattern.test(arg))) return rejected(reasons.dangerousSwitch);
  if (urls.length > 1) return rejected(reasons.severalUrls);

  let url: string | undefined;
  for (const arg of args.slice(firstSentinel + 1)) {
    if (isSwitch(arg)) {
      if (chromiumAddedSwitches.some((pattern) => pattern.test(arg))) continue;
      return rejected(reasons.unexpectedSwitch);
    }
    if (isUrl(arg)) {
      url = arg;
      continue;
    }
    if (!options.isPackaged && isDevAppPath(arg, options)) continue;
    return rejected(reasons.unexpectedArgument);
  }
  if (url === undefined) {
    // `Exec=app --deep-link %U` launched from the menu has no URL: an ordinary start.
    return urls.length > 0 ? rejected(reasons.urlBeforeSentinel) : { kind: 'none' };
  }
  return { kind: 'url', url };
}

/** Only to tell our link without the marker from an ordinary argument; the parser checks the scheme. */
function hasScheme(arg: string, scheme: string): boolean {
  // Schemes are case-insensitive (RFC 3986 §3.1); the colon stops `scheme.dev:` from matching.
  return arg.toLowerCase().startsWith(`${scheme.toLowerCase()}:`);
}

function isDevAppPath(arg: string, options: DeepLinkIntakeOptions): boolean {
  if (arg === '.') return true;
  if (options.appPath === undefined) return false;
  const normalise = (value: string): string => {
    const trimmed = value.replace(/[\\/]+$/, '');
    return options.platform === 'win32' ? trimmed.toLowerCase() : trimmed;
  };
  return normalise(arg) === normalise(options.appPath);
}

function rejected(reason: string): { kind: 'rejected'; reason: string } {
  return { kind: 'rejected', reason };
}
