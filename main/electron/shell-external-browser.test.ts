import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../../app/errors.js';
import { ShellExternalBrowser } from './shell-external-browser.js';

describe('ShellExternalBrowser', () => {
  it('opens an https authorization URL in the system browser', async () => {
    const opened: string[] = [];
    const browser = new ShellExternalBrowser(async (url) => void opened.push(url));
    await browser.open('https://auth.healthcode.co.uk/connect/authorize?state=s');
    expect(opened).toEqual(['https://auth.healthcode.co.uk/connect/authorize?state=s']);
  });

  it('opens the loopback sandbox over http', async () => {
    const opened: string[] = [];
    await new ShellExternalBrowser(async (url) => void opened.push(url)).open('http://127.0.0.1:4000/auth');
    expect(opened).toEqual(['http://127.0.0.1:4000/auth']);
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'http://idp.example/auth?state=SECRET-STATE', 'smb://host/share'])(
    'S47 refuses %s without calling the shell or echoing the URL',
    async (url) => {
      const opened: string[] = [];
      const browser = new ShellExternalBrowser(async (u) => void opened.push(u));
      const error = await browser.open(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isSupervisorError(error)).toBe(true);
      expect(isSupervisorError(error) && error.code).toBe('external_url_refused');
      expect(String((error as Error).message)).not.toContain('SECRET-STATE');
      expect(opened).toEqual([]);
    },
  );
});
