// @ts-check
/**
 * Which browser a Playwright bot launches: a pure rule, so it can be tested for every platform.
 * Nothing is ever downloaded: the browser is one the computer already has.
 *
 * 1. A path the bot passes itself (`launchBrowser({ executablePath })`).
 * 2. RPA_BROWSER_PATH: the supervisor's setting (Settings → Bots and policies → Browser for
 *    Playwright bots), or the bot manifest's `env` (CHROMIUM_PATH is accepted as its older name).
 * 3. An installed Microsoft Edge or Google Chrome, launched through Playwright's `channel`
 *    (Edge first on Windows, where every supported version has it; Chrome first elsewhere); on
 *    Linux then the distribution's Chromium, which has no channel and is launched by its path.
 * 4. Otherwise a `browser_not_found` error saying what to install or set.
 *
 * A configured path that does not exist is an error (`browser_path_missing`), never a silent
 * fall-back to another browser: an administrator who chose one must hear that it is gone.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the setting is, in the words of the supervisor's window. */
const settingPlace = "RPA Supervisor's Settings → Bots and policies → Browser for Playwright bots";

/**
 * Where Playwright's channels expect each browser (its own install locations for stable builds),
 * and on Linux where distributions put Chromium (no channel: launched by the path found).
 * @param {NodeJS.Platform} platform
 * @param {Record<string, string | undefined>} env
 * @returns {Array<{ channel?: 'msedge' | 'chrome'; name: string; paths: string[] }>}
 */
export function installedBrowserCandidates(platform, env) {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.PROGRAMFILES ?? env.ProgramFiles, env.LOCALAPPDATA].filter(
      /** @returns {root is string} */ (root) => typeof root === 'string' && root !== '',
    );
    return [
      { channel: 'msedge', name: 'Microsoft Edge', paths: roots.map((root) => path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')) },
      { channel: 'chrome', name: 'Google Chrome', paths: roots.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')) },
    ];
  }
  if (platform === 'darwin') {
    return [
      { channel: 'chrome', name: 'Google Chrome', paths: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'] },
      { channel: 'msedge', name: 'Microsoft Edge', paths: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'] },
    ];
  }
  return [
    { channel: 'chrome', name: 'Google Chrome', paths: ['/opt/google/chrome/chrome'] },
    { channel: 'msedge', name: 'Microsoft Edge', paths: ['/opt/microsoft/msedge/msedge'] },
    { name: 'Chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'] },
  ];
}

/**
 * @typedef {{ ok: true; source: 'option' | 'setting' | 'installed'; launch: { executablePath: string } | { channel: 'msedge' | 'chrome' }; name: string }
 *   | { ok: false; code: 'browser_not_found' | 'browser_path_missing'; message: string }} BrowserChoice
 */

/**
 * @param {{ executablePath?: string | undefined; env: Record<string, string | undefined>; platform: NodeJS.Platform; exists?: (file: string) => boolean }} input
 * @returns {BrowserChoice}
 */
export function chooseBrowser(input) {
  const exists = input.exists ?? existsSync;
  const fromOption = input.executablePath?.trim();
  const fromSetting = input.env.RPA_BROWSER_PATH?.trim() || input.env.CHROMIUM_PATH?.trim();
  const configured = fromOption || fromSetting;
  if (configured) {
    if (!exists(configured)) {
      return {
        ok: false,
        code: 'browser_path_missing',
        message: `The browser set for this bot (${configured}) was not found. Correct the browser path in ${settingPlace} (or RPA_BROWSER_PATH in the bot's manifest), or clear it to use an installed Microsoft Edge or Google Chrome.`,
      };
    }
    return { ok: true, source: fromOption ? 'option' : 'setting', launch: { executablePath: configured }, name: configured };
  }
  for (const candidate of installedBrowserCandidates(input.platform, input.env)) {
    const found = candidate.paths.find((file) => exists(file));
    if (found === undefined) continue;
    return { ok: true, source: 'installed', launch: candidate.channel ? { channel: candidate.channel } : { executablePath: found }, name: candidate.name };
  }
  const install = input.platform === 'win32' ? 'Microsoft Edge or Google Chrome' : input.platform === 'darwin' ? 'Google Chrome or Microsoft Edge' : 'Google Chrome, Microsoft Edge or Chromium';
  return {
    ok: false,
    code: 'browser_not_found',
    message: `No browser for this bot was found. Install ${install}, or set the full path of a Chromium-based browser in ${settingPlace}.`,
  };
}
