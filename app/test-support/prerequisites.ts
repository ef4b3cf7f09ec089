import { existsSync } from 'node:fs';

/** Debian's Chromium, the browser Playwright bots are set to use; browsers are never downloaded (no `npx playwright install`). */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium-headless-shell: the same Blink and V8 built without the browser's UI. */
export const headlessShellPath = '/usr/bin/chromium-headless-shell';

/**
 * The browser the tests themselves drive (the supervisor's page, a sandbox's login page): the
 * headless shell where installed (the headless build Playwright itself runs by default), which
 * uses about a fifth less CPU per page than the full browser, else Debian's Chromium. CHROMIUM_PATH
 * still chooses one browser for everything.
 */
export function testBrowserPath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return exists(headlessShellPath) ? headlessShellPath : '/usr/bin/chromium';
}

/** CI installs every prerequisite (.ci/run), so there a missing one is a failure, not a skip. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Whether tests needing `what` must skip here. Where it is installed: false. Where it is
 * missing on a developer's machine: true, after printing why. In CI (CI=true): it throws, which
 * fails the suite that asked, because a skipped suite there would hide that nothing ran.
 */
export function prerequisiteMissing(what: string, installed: boolean, howToInstall: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (installed) return false;
  const reason = `${what} is not installed (${howToInstall})`;
  if (isCi(env)) throw new Error(`${reason}; CI must install it, so these tests fail instead of skipping.`);
  console.warn(`Skipping: ${reason}.`);
  return true;
}

/** `prerequisiteMissing` for Debian's Chromium, which the browser tests drive. */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): boolean {
  return prerequisiteMissing(`Chromium at ${chromiumExecutablePath}`, exists(chromiumExecutablePath), 'apt-get install chromium', env);
}
