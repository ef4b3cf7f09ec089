import { describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import { maxDeepLinkBytes } from '../../app/deep-link/parse-deep-link.js';
import { extractDeepLink, type DeepLinkIntakeOptions } from './deep-link-intake.js';

const scheme = appIdentity.protocolScheme.production;
const devScheme = appIdentity.protocolScheme.development;
const sentinel = appIdentity.deepLinkSentinel;
const secretCode = 'SECRET-AUTH-CODE-123';
const link = `${scheme}://auth/callback?code=${secretCode}&state=abc&iss=https%3A%2F%2Fidp.example`;
const devLink = `${devScheme}://auth/callback?code=${secretCode}&state=abc`;

const winPackaged: DeepLinkIntakeOptions = { scheme, sentinel, platform: 'win32', isPackaged: true };
const winDev: DeepLinkIntakeOptions = { scheme: devScheme, sentinel, platform: 'win32', isPackaged: false, appPath: 'C:\\src\\rpa-supervisor' };
const linuxPackaged: DeepLinkIntakeOptions = { scheme, sentinel, platform: 'linux', isPackaged: true };
const linuxDev: DeepLinkIntakeOptions = { scheme: devScheme, sentinel, platform: 'linux', isPackaged: false, appPath: '/home/ann/rpa-supervisor' };

const winExe = 'C:\\Program Files\\RPA Supervisor\\RPA Supervisor.exe';
const electronExe = 'C:\\src\\rpa-supervisor\\node_modules\\electron\\dist\\electron.exe';

describe('extractDeepLink: accepted shapes', () => {
  it('Windows packaged cold start: App.exe --deep-link <url>', () => {
    expect(extractDeepLink([winExe, sentinel, link], winPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('Windows packaged second instance with the switches Chromium appends', () => {
    const argv = [winExe, sentinel, '--allow-file-access-from-files', '--original-process-start-time=13380000000000000', link];
    expect(extractDeepLink(argv, winPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('Windows dev cold start: electron.exe . --deep-link <url>', () => {
    expect(extractDeepLink([electronExe, '.', sentinel, devLink], winDev)).toEqual({ kind: 'url', url: devLink });
  });

  it('Windows dev cold start with the registered absolute app path', () => {
    expect(extractDeepLink([electronExe, 'C:\\src\\rpa-supervisor', sentinel, devLink], winDev)).toEqual({ kind: 'url', url: devLink });
  });

  it('Windows dev second instance, where Chromium moved the app path behind the switches', () => {
    const argv = [electronExe, sentinel, '--allow-file-access-from-files', 'c:\\SRC\\rpa-supervisor\\', devLink];
    expect(extractDeepLink(argv, winDev)).toEqual({ kind: 'url', url: devLink });
  });

  it('Windows dev second instance with "." moved behind the switches', () => {
    expect(extractDeepLink([electronExe, sentinel, '.', devLink], winDev)).toEqual({ kind: 'url', url: devLink });
  });

  it('Linux deb: Exec=rpa-supervisor --deep-link %u', () => {
    expect(extractDeepLink(['/opt/RPA Supervisor/rpa-supervisor', sentinel, link], linuxPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('Linux AppImage: AppRun adds --no-sandbox before the marker', () => {
    const argv = ['/tmp/.mount_RPA/rpa-supervisor', '--no-sandbox', sentinel, link];
    expect(extractDeepLink(argv, linuxPackaged)).toEqual({ kind: 'url', url: link });
  });

  // Chromium forwards a second instance's own parsed command line, switches first, including
  // what Electron and Chromium appended to it before the app's JavaScript ran.
  it('Linux deb second instance, with the switches Electron appends (file access, Ozone platform)', () => {
    const argv = ['/opt/RPA Supervisor/rpa-supervisor', sentinel, '--allow-file-access-from-files', '--ozone-platform=wayland', link];
    expect(extractDeepLink(argv, linuxPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('Linux AppImage second instance, with an Ozone hint and platform after the marker', () => {
    const argv = ['/tmp/.mount_RPA/rpa-supervisor', '--no-sandbox', sentinel, '--allow-file-access-from-files', '--ozone-platform-hint=auto', '--ozone-platform=x11', link];
    expect(extractDeepLink(argv, linuxPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('Windows second instance started from a shortcut, with the launch-metrics switches Chromium adds', () => {
    const shortcut = 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\RPA Supervisor.lnk';
    const argv = [winExe, sentinel, '--allow-file-access-from-files', '--source-app-id', `--source-shortcut=${shortcut}`, '--original-process-start-time=13380000000000000', link];
    expect(extractDeepLink(argv, winPackaged)).toEqual({ kind: 'url', url: link });
  });

  it('macOS second instance started from a shell, with the switch Electron appends there', () => {
    const argv = ['/Applications/RPA Supervisor.app/Contents/MacOS/RPA Supervisor', sentinel, '--allow-file-access-from-files', '--enable-avfoundation', link];
    expect(extractDeepLink(argv, { scheme, sentinel, platform: 'darwin', isPackaged: true })).toEqual({ kind: 'url', url: link });
  });

  it('Linux dev second instance with the absolute app path after the marker', () => {
    const argv = ['/home/ann/rpa-supervisor/node_modules/electron/dist/electron', sentinel, '/home/ann/rpa-supervisor', devLink];
    expect(extractDeepLink(argv, linuxDev)).toEqual({ kind: 'url', url: devLink });
  });

  it('accepts the scheme in any letter case (RFC 3986)', () => {
    const upper = link.replace(scheme, scheme.toUpperCase());
    expect(extractDeepLink([winExe, sentinel, upper], winPackaged)).toEqual({ kind: 'url', url: upper });
  });

  it(`accepts a link of exactly ${maxDeepLinkBytes} bytes`, () => {
    const prefix = `${scheme}://auth/callback?state=`;
    const exact = prefix + 'a'.repeat(maxDeepLinkBytes - prefix.length);
    expect(extractDeepLink([winExe, sentinel, exact], winPackaged)).toEqual({ kind: 'url', url: exact });
  });
});

describe('extractDeepLink: ordinary launches are not deep links', () => {
  it.each([
    ['a bare start', [winExe], winPackaged],
    ['a Linux menu start (Exec with %U expanded to nothing)', ['/opt/RPA Supervisor/rpa-supervisor', sentinel], linuxPackaged],
    ['an AppImage menu start', ['/tmp/.mount_RPA/rpa-supervisor', '--no-sandbox', sentinel], linuxPackaged],
    ['Playwright launching the dev app', [electronExe, '--inspect=0', '--remote-debugging-port=0', '.'], winDev],
    ['a second instance started from the Start menu', [winExe, '--allow-file-access-from-files'], winPackaged],
    [
      'a Linux menu start while the app runs (the forwarded argv carries what Electron appended)',
      ['/opt/RPA Supervisor/rpa-supervisor', sentinel, '--allow-file-access-from-files', '--ozone-platform=x11'],
      linuxPackaged,
    ],
    ['an unrelated https argument without the marker', [winExe, 'https://example.com/'], winPackaged],
  ] as const)('%s', (_name, argv, options) => {
    expect(extractDeepLink(argv, options)).toEqual({ kind: 'none' });
  });
});

describe('extractDeepLink: S8 rejections', () => {
  const cases: Array<[string, string[], DeepLinkIntakeOptions]> = [
    ['S8 our link without the marker', [winExe, link], winPackaged],
    ['S8 several URLs in argv', [winExe, sentinel, link, `${scheme}://auth/callback?code=other`], winPackaged],
    ['S8 several URLs from %U on Linux', ['/opt/RPA Supervisor/rpa-supervisor', sentinel, link, link], linuxPackaged],
    ['S8 a second URL of another scheme', [winExe, sentinel, link, 'https://evil.example/'], winPackaged],
    ['S8 junk argument after the URL', [winExe, sentinel, link, 'junk'], winPackaged],
    ['S8 junk argument between marker and URL', [winExe, sentinel, 'junk', link], winPackaged],
    ['S8 Windows --gpu-launcher injection after the URL', [winExe, sentinel, link, '--gpu-launcher=cmd /c calc'], winPackaged],
    ['S8 Windows --gpu-launcher injection reordered before the URL', [winExe, sentinel, '--gpu-launcher=cmd /c calc', link], winPackaged],
    ['S8 a code-running switch anywhere with a link', [winExe, '--renderer-cmd-prefix=calc', sentinel, link], winPackaged],
    ['S8 --inspect injected with a link', [electronExe, '.', sentinel, '--inspect=9229', devLink], winDev],
    ['S8 a Windows /switch after the marker', [winExe, sentinel, '/prefetch:1', link], winPackaged],
    ['S8 an unknown switch after the marker', [winExe, sentinel, '--enable-logging', link], winPackaged],
    ['S8 "--" after the marker', [winExe, sentinel, '--', link], winPackaged],
    ['S8 an Ozone platform switch with a smuggled value', ['/opt/app', sentinel, '--ozone-platform=x11 --gpu-launcher=calc', link], linuxPackaged],
    ['S8 an unknown switch beside the switches Electron appends', ['/opt/app', sentinel, '--ozone-platform=x11', '--enable-logging', link], linuxPackaged],
    ['S8 a source-shortcut switch that names no shortcut', [winExe, sentinel, '--source-shortcut=C:\\evil\\calc.exe', link], winPackaged],

    ['S8 the marker twice', [winExe, sentinel, sentinel, link], winPackaged],
    ['S8 the marker glued to the URL', [winExe, `${sentinel}=${link}`], winPackaged],
    ['S8 the URL before the marker', [winExe, link, sentinel], winPackaged],
    ['S8 an app-path argument in a packaged build', [winExe, sentinel, 'C:\\src\\rpa-supervisor', link], { ...winPackaged, appPath: 'C:\\src\\rpa-supervisor' }],
    ['S8 a different folder in a dev build', [electronExe, sentinel, 'C:\\evil', devLink], winDev],
    ['S8 dev path matching is case-sensitive on Linux', [electronExe, sentinel, '/HOME/ann/rpa-supervisor', devLink], linuxDev],
  ];

  it.each(cases)('%s', (_name, argv, options) => {
    const result = extractDeepLink(argv, options);
    expect(result.kind).toBe('rejected');
    // The reason is a fixed sentence: no code, no query, no argument text (S7, S30).
    const reason = result.kind === 'rejected' ? result.reason : '';
    expect(reason.length).toBeGreaterThan(0);
    expect(reason).not.toContain(secretCode);
    expect(reason).not.toContain('?');
    expect(reason).not.toContain('calc');
  });
});

describe('extractDeepLink leaves the URL to the parser', () => {
  // Scheme, size, characters, host and path are parseDeepLink's (app/deep-link/parse-deep-link.test.ts):
  // the intake hands the argument over unchanged, and the router parses it once.
  it.each([
    ['another scheme after the marker', `https://auth/callback?code=${secretCode}`],
    ['the dev scheme in a production build', devLink],
    ['a quote breaking out of "%1"', `${link}"`],
    ['a link over 8 KB', `${link}&pad=${'a'.repeat(maxDeepLinkBytes)}`],
  ])('%s is picked out as it is', (_name, url) => {
    expect(extractDeepLink([winExe, sentinel, url], winPackaged)).toEqual({ kind: 'url', url });
  });
});
