import { describe, expect, it, vi } from 'vitest';
import { externalOriginsOf, isAllowedExternalUrl } from '../../app/common/external-url-allowlist.js';
import { openExternalUrl } from './open-external-url.js';

const profiles = [
  { issuer: 'http://127.0.0.1:4000' },
  { issuer: 'https://auth.healthcode.example/oidc', bounceUrl: 'https://clinic.example/rpa/' },
  { issuer: 'https://legacy.example', endpoints: { authorization: 'https://login.legacy.example/authorize', token: 'https://legacy.example/token' } },
];
const origins = externalOriginsOf(profiles);

describe('externalOriginsOf', () => {
  it('is each profile\'s issuer, entered authorization endpoint and bounce page, by origin', () => {
    expect([...origins].sort()).toEqual(['http://127.0.0.1:4000', 'https://auth.healthcode.example', 'https://clinic.example', 'https://legacy.example', 'https://login.legacy.example']);
  });

  it('leaves out addresses that could never be opened: plain http off loopback, user info, other schemes', () => {
    expect([...externalOriginsOf([{ issuer: 'http://auth.example' }, { issuer: 'https://user:pw@auth.example' }, { issuer: 'ftp://auth.example' }])]).toEqual([]);
  });
});

describe('openExternalUrl (S47)', () => {
  it('opens a profile provider\'s URL in a new tab without an opener', () => {
    const open = vi.fn();
    expect(openExternalUrl('http://127.0.0.1:4000/auth?state=x', origins, open)).toBe(true);
    expect(open).toHaveBeenCalledWith('http://127.0.0.1:4000/auth?state=x', '_blank', 'noopener');
    expect(openExternalUrl('https://login.legacy.example/authorize?x=1', origins, vi.fn())).toBe(true);
  });

  it.each([
    'https://evil.example/auth',
    'https://auth.healthcode.example.evil.example/',
    'https://auth.healthcode.example@evil.example/',
    'http://127.0.0.1:4001/auth',
    'http://auth.healthcode.example/oidc',
    'https:auth.healthcode.example/oidc',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'file:///etc/passwd',
    'com.example.app://cb',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    const open = vi.fn();
    expect(openExternalUrl(url, origins, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(isAllowedExternalUrl(url, origins)).toBe(false);
  });

  it('refuses everything when there are no profiles', () => {
    expect(openExternalUrl('http://127.0.0.1:4000/auth', new Set(), vi.fn())).toBe(false);
  });
});
