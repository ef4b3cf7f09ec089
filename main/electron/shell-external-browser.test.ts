import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appIdentity } from '../../app/config/app-identity.js';
import { isSupervisorError } from '../../app/errors.js';
import { DeepLinkSelfTest } from '../../app/self-test/deep-link-self-test.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { ShellExternalBrowser } from './shell-external-browser.js';

const scheme = appIdentity.protocolScheme.development;
const nonce = '0123456789abcdef0123456789abcdef';

function recording(): { opened: string[]; browser: ShellExternalBrowser } {
  const opened: string[] = [];
  return { opened, browser: new ShellExternalBrowser(async (url) => void opened.push(url), { scheme }) };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('ShellExternalBrowser.open (the core ExternalBrowser port)', () => {
  it('opens an https authorization URL in the system browser', async () => {
    const { opened, browser } = recording();
    await browser.open('https://auth.healthcode.co.uk/connect/authorize?state=s');
    expect(opened).toEqual(['https://auth.healthcode.co.uk/connect/authorize?state=s']);
  });

  it('opens the loopback sandbox over http', async () => {
    const { opened, browser } = recording();
    await browser.open('http://127.0.0.1:4000/auth');
    expect(opened).toEqual(['http://127.0.0.1:4000/auth']);
  });

  it("opens our own scheme's self-test link, exactly as the first-run wizard builds it", async () => {
    const { opened, browser } = recording();
    const selfTest = new DeepLinkSelfTest({ clock: new FakeClock(0), browser, scheme });
    const { url } = await selfTest.start();
    expect(opened).toEqual([url]);
    expect(selfTest.view().status).toBe('waiting');
    selfTest.dispose();
  });

  it.each([
    ['file URLs', 'file:///C:/Windows/System32/calc.exe'],
    ['plain http off loopback', 'http://idp.example/auth?state=SECRET-STATE'],
    ['smb shares', 'smb://host/share'],
    ['our scheme with a sign-in callback', `${scheme}://auth/callback?code=SECRET-STATE`],
    ['the self-test link of another scheme', `${appIdentity.protocolScheme.production}://selftest?nonce=${nonce}`],
    ['the self-test link with an extra parameter', `${scheme}://selftest?nonce=${nonce}&state=SECRET-STATE`],
    ['the self-test link with a path', `${scheme}://selftest/x?nonce=${nonce}`],
    ['the self-test link with user info', `${scheme}://a@selftest?nonce=${nonce}`],
    ['the self-test link with a short nonce', `${scheme}://selftest?nonce=abc`],
    ['a scheme that merely starts with ours', `${scheme}x://selftest?nonce=${nonce}`],
  ])('S47 refuses %s without calling the shell or echoing the URL', async (_name, url) => {
    const { opened, browser } = recording();
    const error = await refusal(browser.open(url));
    expect(isSupervisorError(error) && error.code).toBe('external_url_refused');
    expect(String((error as Error).message)).not.toContain('SECRET-STATE');
    expect(opened).toEqual([]);
  });
});

describe('ShellExternalBrowser.openWebLink (links the page opens)', () => {
  it('hands a web page to the system browser', () => {
    const { opened, browser } = recording();
    expect(browser.openWebLink('https://www.healthcode.co.uk/help')).toBe(true);
    expect(opened).toEqual(['https://www.healthcode.co.uk/help']);
  });

  it('S47 never lets the page trigger a custom scheme, not even the self-test link', () => {
    const { opened, browser } = recording();
    expect(browser.openWebLink(`${scheme}://selftest?nonce=${nonce}`)).toBe(false);
    expect(browser.openWebLink('file:///etc/passwd')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('logs a failed hand-over without the URL instead of throwing', async () => {
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const logger = { info: () => undefined, error: () => undefined, warn: (_m: string, fields?: Record<string, unknown>) => void warnings.push(fields) };
    let rejected: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (rejected = resolve));
    const browser = new ShellExternalBrowser(
      async () => {
        rejected();
        throw new Error('no browser');
      },
      { scheme, logger },
    );
    expect(browser.openWebLink('https://example.com/?token=SECRET')).toBe(true);
    await settled;
    await expect.poll(() => warnings).toEqual([{ code: 'open_external_failed' }]);
  });
});

describe('one validated path to shell.openExternal (S47)', () => {
  it('no main-process source outside index.ts calls shell.openExternal, and index.ts only feeds ShellExternalBrowser', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const callers = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => /\bopenExternal\s*\(/.test(readFileSync(path.join(dir, name), 'utf8').replace(/#openExternal\s*\(/g, '')));
    expect(callers).toEqual(['index.ts']);
    const index = readFileSync(path.join(dir, 'index.ts'), 'utf8');
    expect(index.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(index).toMatch(/new ShellExternalBrowser\(\(url\) => shell\.openExternal\(url\)/);
  });
});
