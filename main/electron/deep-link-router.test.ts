import { describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import { parseDeepLink, unknownLinkReasons, type DeepLink } from '../../app/deep-link/parse-deep-link.js';
import { completeSignIn } from '../../app/commands/session-commands.js';
import { startSignInRig } from '../../app/commands/test-support/sign-in-rig.js';
import type { Logger } from '../../app/ports/logger.js';
import type { DeepLinkIntakeOptions } from './deep-link-intake.js';
import { DeepLinkRouter } from './deep-link-router.js';

/**
 * The intake as the shell runs it: real argv arrays for every OS shape, fed in the order the OS
 * delivers them, with the core attaching only once it is ready. The core receives each link
 * parsed, once.
 */
const scheme = appIdentity.protocolScheme.production;
const devScheme = appIdentity.protocolScheme.development;
const sentinel = appIdentity.deepLinkSentinel;
const code = 'SECRET-AUTH-CODE-987';
const link = `${scheme}://auth/callback?code=${code}&state=s1&iss=https%3A%2F%2Fidp.example`;
const devLink = `${devScheme}://auth/callback?code=${code}&state=s1`;

function recordingLogger(): Logger & { warnings: Array<{ message: string; fields?: Record<string, unknown> }> } {
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  return { warnings, info: () => undefined, error: () => undefined, warn: (message, fields) => void warnings.push({ message, fields }) };
}

function router(options: DeepLinkIntakeOptions, capacity?: number) {
  const logger = recordingLogger();
  const delivered: DeepLink[] = [];
  const instance = new DeepLinkRouter({ ...options, logger, ...(capacity === undefined ? {} : { capacity }) });
  return { instance, logger, delivered, attach: () => instance.attach((link) => delivered.push(link)) };
}

/** What the core receives for `url`: the parser's answer for the build's own scheme. */
function parsed(url: string): DeepLink {
  return parseDeepLink(url, { scheme: url.startsWith(`${devScheme}:`) ? devScheme : scheme });
}

const macPackaged: DeepLinkIntakeOptions = { scheme, sentinel, platform: 'darwin', isPackaged: true };
const winPackaged: DeepLinkIntakeOptions = { scheme, sentinel, platform: 'win32', isPackaged: true };
const winDev: DeepLinkIntakeOptions = { scheme: devScheme, sentinel, platform: 'win32', isPackaged: false, appPath: 'C:\\src\\rpa-supervisor' };
const linuxPackaged: DeepLinkIntakeOptions = { scheme, sentinel, platform: 'linux', isPackaged: true };
const linuxDev: DeepLinkIntakeOptions = { scheme: devScheme, sentinel, platform: 'linux', isPackaged: false, appPath: '/home/ann/rpa-supervisor' };

describe('DeepLinkRouter: every OS delivery path reaches the core once', () => {
  it('macOS: open-url before ready (registered in will-finish-launching) waits for the core', () => {
    const { instance, delivered, attach } = router(macPackaged);
    // A cold start by URL: argv holds only the binary (and, on old macOS, a -psn_ switch).
    instance.fromArgv(['/Applications/RPA Supervisor.app/Contents/MacOS/RPA Supervisor', '-psn_0_1234567'], 'argv');
    instance.fromOpenUrl(link);
    expect(delivered).toEqual([]);
    expect(instance.pending).toBe(1);
    attach();
    expect(delivered).toEqual([parsed(link)]);
    // A second link while running goes straight through.
    instance.fromOpenUrl(link.replace('s1', 's2'));
    expect(delivered).toEqual([parsed(link), parsed(link.replace('s1', 's2'))]);
  });

  it('Windows packaged cold start: "RPA Supervisor.exe" "--deep-link" "%1"', () => {
    const { instance, delivered, attach } = router(winPackaged);
    instance.fromArgv(['C:\\Users\\ann\\AppData\\Local\\Programs\\RPA Supervisor\\RPA Supervisor.exe', sentinel, link], 'argv');
    attach();
    expect(delivered).toEqual([parsed(link)]);
  });

  it('Windows packaged second instance, with the switches Chromium appends', () => {
    const { instance, delivered, attach } = router(winPackaged);
    attach();
    instance.fromArgv(
      ['C:\\Program Files\\RPA Supervisor\\RPA Supervisor.exe', sentinel, '--allow-file-access-from-files', '--original-process-start-time=13380000000000000', link],
      'second-instance',
    );
    expect(delivered).toEqual([parsed(link)]);
  });

  it('Windows dev cold start: electron.exe . --deep-link <url>', () => {
    const { instance, delivered, attach } = router(winDev);
    instance.fromArgv(['C:\\src\\rpa-supervisor\\node_modules\\electron\\dist\\electron.exe', '.', sentinel, devLink], 'argv');
    attach();
    expect(delivered).toEqual([parsed(devLink)]);
  });

  it('Windows dev second instance from the registered command: electron.exe <app path> --deep-link <url>', () => {
    const { instance, delivered, attach } = router(winDev);
    attach();
    // Chromium rebuilds the forwarded command line with switches first.
    instance.fromArgv(['C:\\src\\rpa-supervisor\\node_modules\\electron\\dist\\electron.exe', sentinel, '--allow-file-access-from-files', 'C:\\src\\rpa-supervisor', devLink], 'second-instance');
    expect(delivered).toEqual([parsed(devLink)]);
  });

  it('Linux deb cold start: Exec="/opt/RPA Supervisor/rpa-supervisor" --deep-link %u', () => {
    const { instance, delivered, attach } = router(linuxPackaged);
    instance.fromArgv(['/opt/RPA Supervisor/rpa-supervisor', sentinel, link], 'argv');
    attach();
    expect(delivered).toEqual([parsed(link)]);
  });

  it('Linux AppImage second instance: AppRun --deep-link %U, with --no-sandbox added by AppRun', () => {
    const { instance, delivered, attach } = router(linuxPackaged);
    attach();
    instance.fromArgv(['/tmp/.mount_RPA_Su1234/rpa-supervisor', '--no-sandbox', sentinel, link], 'second-instance');
    expect(delivered).toEqual([parsed(link)]);
  });

  it('Linux deb second instance: Chromium forwards the switches Electron appended (file access, Ozone platform)', () => {
    const { instance, logger, delivered, attach } = router(linuxPackaged);
    attach();
    // Electron (40+, and backports) appends --ozone-platform=x11|wayland to every Linux browser
    // process before the app's script runs, and the process singleton forwards that command
    // line, switches first.
    instance.fromArgv(['/opt/RPA Supervisor/rpa-supervisor', sentinel, '--allow-file-access-from-files', '--ozone-platform=x11', link], 'second-instance');
    expect(delivered).toEqual([parsed(link)]);
    expect(logger.warnings).toEqual([]);
  });

  it('Linux dev: electron <app path> --deep-link %u from a hand-made .desktop file', () => {
    const { instance, delivered, attach } = router(linuxDev);
    instance.fromArgv(['/home/ann/rpa-supervisor/node_modules/electron/dist/electron', '/home/ann/rpa-supervisor', sentinel, devLink], 'argv');
    attach();
    expect(delivered).toEqual([parsed(devLink)]);
  });

  it('keeps arrival order across sources while the core starts', () => {
    const { instance, delivered, attach } = router(linuxPackaged);
    const second = link.replace('s1', 's2');
    instance.fromArgv(['/opt/RPA Supervisor/rpa-supervisor', sentinel, link], 'argv');
    instance.fromArgv(['/opt/RPA Supervisor/rpa-supervisor', sentinel, second], 'second-instance');
    attach();
    expect(delivered).toEqual([parsed(link), parsed(second)]);
  });
});

describe('DeepLinkRouter: rejected and surplus links (S7, S8)', () => {
  it.each([
    ['S8 Windows --gpu-launcher injection after the URL', winPackaged, ['C:\\Apps\\RPA Supervisor.exe', sentinel, link, '--gpu-launcher=cmd /c calc']],
    ['S8 Windows --gpu-launcher injection before the URL', winPackaged, ['C:\\Apps\\RPA Supervisor.exe', sentinel, '--gpu-launcher=cmd /c calc', link]],
    ['S8 Windows quote breakout producing a second argument', winPackaged, ['C:\\Apps\\RPA Supervisor.exe', sentinel, `${link}"`, '--gpu-launcher=calc']],
    ['S8 two URLs from a %U launcher', linuxPackaged, ['/opt/RPA Supervisor/rpa-supervisor', sentinel, link, link]],
    ['S8 our link without the marker', winPackaged, ['C:\\Apps\\RPA Supervisor.exe', link]],
  ])('%s is logged with its source and no code, and never delivered', (_name, options, argv) => {
    const { instance, logger, delivered, attach } = router(options);
    instance.fromArgv(argv, 'second-instance');
    attach();
    expect(delivered).toEqual([]);
    expect(logger.warnings).toEqual([
      { message: 'ignored a malformed deep link', fields: { code: 'invalid_redirect', source: 'second-instance', reason: expect.any(String) } },
    ]);
    expect(JSON.stringify(logger.warnings)).not.toContain(code);
    expect(JSON.stringify(logger.warnings)).not.toContain('calc');
  });

  it('S8 a macOS open-url of another scheme is logged as such', async () => {
    // The router hands it to the core as unknown; the core's sign-in step logs it, without the link.
    const { instance, delivered, attach } = router(macPackaged);
    const coreLog: string[] = [];
    const record = (m: string, f?: object) => void coreLog.push(`${m} ${JSON.stringify(f ?? {})}`);
    const rig = await startSignInRig({ scheme, profiles: [], logger: { info: record, warn: record, error: record } });
    instance.fromOpenUrl(`https://evil.example/?code=${code}`);
    attach();
    expect(delivered).toEqual([{ kind: 'unknown', reason: unknownLinkReasons.wrongScheme }]);
    const [link] = delivered;
    if (link?.kind !== 'unknown') throw new Error('expected an unknown link');
    expect(await completeSignIn(rig, link)).toEqual({ kind: 'ignored', reason: unknownLinkReasons.wrongScheme, code: 'invalid_redirect' });
    expect(coreLog).toEqual([`sign-in redirect ignored ${JSON.stringify({ code: 'invalid_redirect', reason: unknownLinkReasons.wrongScheme })}`]);
    expect(JSON.stringify([delivered, coreLog])).not.toContain(code);
    rig.dispose();
  });

  it.each([
    ['S8 wrong scheme after the marker', winPackaged, `https://auth/callback?code=${code}`, unknownLinkReasons.wrongScheme],
    ['S8 the dev scheme in a production build', winPackaged, devLink, unknownLinkReasons.wrongScheme],
    ['S8 whitespace inside the link', linuxPackaged, `${link} x`, unknownLinkReasons.badCharacters],
    ['S8 a control character inside the link', linuxPackaged, `${link}\u0000`, unknownLinkReasons.badCharacters],
    ['S8 a quote breaking out of "%1"', winPackaged, `${link}"`, unknownLinkReasons.badCharacters],
    ['S8 a link over 8 KB', linuxPackaged, `${link}&pad=${'a'.repeat(8192)}`, unknownLinkReasons.tooLong],
  ])('%s: the argv is fine, the one parse says unknown', (_name, options, url, reason) => {
    const { instance, logger, delivered, attach } = router(options);
    instance.fromArgv(['/opt/app', sentinel, url], 'argv');
    attach();
    expect(delivered).toEqual([{ kind: 'unknown', reason }]);
    expect(logger.warnings).toEqual([]);
  });

  it('a second attach is a bug', () => {
    const { instance, attach } = router(macPackaged);
    attach();
    expect(() => instance.attach(() => undefined)).toThrow(/already attached/);
  });

  it('an ordinary start logs nothing', () => {
    const { instance, logger } = router(winPackaged);
    instance.fromArgv(['C:\\Apps\\RPA Supervisor.exe'], 'argv');
    expect(logger.warnings).toEqual([]);
    expect(instance.pending).toBe(0);
  });

  it('drops links beyond its capacity before the core is ready, logging each drop without the link', () => {
    const { instance, logger, delivered, attach } = router(macPackaged, 2);
    for (let i = 0; i < 4; i += 1) instance.fromOpenUrl(link.replace('s1', `s${i}`));
    attach();
    expect(delivered).toHaveLength(2);
    expect(logger.warnings.map((w) => w.fields?.code)).toEqual(['deep_link_dropped', 'deep_link_dropped']);
    expect(JSON.stringify(logger.warnings)).not.toContain(code);
  });
});
