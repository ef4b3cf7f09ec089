import { describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import { extractDeepLink } from './deep-link-intake.js';
import { devAppPathFromArgv, protocolRegistration } from './protocol-registration.js';

const sentinel = appIdentity.deepLinkSentinel;

describe('protocolRegistration', () => {
  it('registers the packaged app as App.exe --deep-link %1', () => {
    expect(
      protocolRegistration({ scheme: appIdentity.protocolScheme.production, sentinel, isPackaged: true, execPath: 'C:\\Apps\\RPA Supervisor.exe' }),
    ).toEqual({ scheme: 'uk.co.rpasupervisor', executable: 'C:\\Apps\\RPA Supervisor.exe', args: ['--deep-link'] });
  });

  it('registers a dev build as electron.exe <app path> --deep-link %1', () => {
    expect(
      protocolRegistration({
        scheme: appIdentity.protocolScheme.development,
        sentinel,
        isPackaged: false,
        execPath: 'C:\\src\\app\\node_modules\\electron\\dist\\electron.exe',
        resolvedAppPath: 'C:\\src\\app',
      }),
    ).toEqual({
      scheme: 'uk.co.rpasupervisor.dev',
      executable: 'C:\\src\\app\\node_modules\\electron\\dist\\electron.exe',
      args: ['C:\\src\\app', '--deep-link'],
    });
  });

  it('refuses a dev registration without the app path, which would launch a bare Electron', () => {
    expect(() => protocolRegistration({ scheme: 's', sentinel, isPackaged: false, execPath: 'electron' })).toThrow(/app path/);
  });

  it.each([true, false])('produces a launch command the intake accepts (isPackaged: %s)', (isPackaged) => {
    const scheme = isPackaged ? appIdentity.protocolScheme.production : appIdentity.protocolScheme.development;
    const registration = protocolRegistration({ scheme, sentinel, isPackaged, execPath: '/x/app', resolvedAppPath: '/src/app' });
    const url = `${scheme}://auth/callback?code=c&state=s`;
    // What the OS runs: the registered executable and args, then the URL in place of %1.
    const argv = [registration.executable, ...registration.args, url];
    expect(extractDeepLink(argv, { scheme, sentinel, platform: 'win32', isPackaged, appPath: '/src/app' })).toEqual({ kind: 'url', url });
  });
});

describe('devAppPathFromArgv', () => {
  const resolve = (value: string) => `/repo/${value}`.replace('/repo/.', '/repo');

  it('takes the folder of `electron .`', () => {
    expect(devAppPathFromArgv(['/repo/node_modules/electron/dist/electron', '.'], resolve)).toBe('/repo');
  });

  it('skips the switches Playwright puts before the app folder', () => {
    expect(devAppPathFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', '.'], resolve)).toBe('/repo');
  });

  it('is undefined when Electron was started without an app folder', () => {
    expect(devAppPathFromArgv(['electron', '--version'], resolve)).toBeUndefined();
  });
});
