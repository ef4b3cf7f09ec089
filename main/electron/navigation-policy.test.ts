import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen } from './navigation-policy.js';

describe('decideNavigation (S47)', () => {
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'uk.co.rpasupervisor://auth/callback?code=x',
  ])('denies navigating to %s', (url) => {
    expect(decideNavigation(url)).toEqual({ allow: false });
  });
});

describe('decideWindowOpen (S47)', () => {
  it('never opens an Electron window, but sends an https link to the system browser', () => {
    expect(decideWindowOpen('https://www.healthcode.co.uk/help')).toEqual({
      action: 'deny',
      openExternally: true,
      url: 'https://www.healthcode.co.uk/help',
    });
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'http://evil.example/', 'https://a@evil.example/', 'about:blank', 'javascript:alert(1)'])(
    'denies %s outright',
    (url) => {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
    },
  );
});
