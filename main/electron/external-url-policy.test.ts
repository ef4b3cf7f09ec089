import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isSelfTestUrl, maxExternalUrlLength } from './external-url-policy.js';

describe('isAllowedExternalUrl (S47)', () => {
  it.each([
    'https://auth.healthcode.co.uk/connect/authorize?client_id=x&code_challenge=y',
    'https://auth.uat.healthcode.co.uk/',
    'HTTPS://Example.com/path',
    'http://127.0.0.1:53111/auth?x=1',
    'http://[::1]:8080/',
    'http://localhost:3000/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http off loopback', 'http://auth.healthcode.co.uk/'],
    ['http on a host that merely starts with 127', 'http://127.0.0.1.evil.example/'],
    ['http on another private address', 'http://192.168.1.10/'],
    ['http on 127.0.0.2', 'http://127.0.0.2/'],
    ['userinfo hiding the real host', 'https://bank.example@evil.example/'],
    ['a password in the URL', 'https://user:pass@example.com/'],
    ['file URLs', 'file:///C:/Windows/System32/calc.exe'],
    ['smb shares', 'smb://evil.example/share'],
    ['javascript', 'javascript:alert(1)'],
    ['data URLs', 'data:text/html,<script>alert(1)</script>'],
    ['our own custom scheme', 'uk.co.rpasupervisor://auth/callback?code=x'],
    ['ms-settings and other OS handlers', 'ms-settings:privacy'],
    ['a scheme-relative URL', '//example.com/'],
    ['https without slashes', 'https:example.com'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
    ['a non-string', 42],
    ['an over-long URL', `https://example.com/${'a'.repeat(maxExternalUrlLength)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('isSelfTestUrl', () => {
  const nonce = 'a'.repeat(32);

  it('accepts exactly <scheme>://selftest?nonce=<32 hex>', () => {
    expect(isSelfTestUrl(`uk.co.rpasupervisor.dev://selftest?nonce=${nonce}`, 'uk.co.rpasupervisor.dev')).toBe(true);
  });

  it.each([
    ['a dot in the scheme is literal, not a wildcard', `ukXco.rpasupervisor.dev://selftest?nonce=${nonce}`],
    ['upper-case hex', `uk.co.rpasupervisor.dev://selftest?nonce=${'A'.repeat(32)}`],
    ['a trailing slash', `uk.co.rpasupervisor.dev://selftest/?nonce=${nonce}`],
    ['a fragment', `uk.co.rpasupervisor.dev://selftest?nonce=${nonce}#x`],
    ['a non-string', 42],
  ])('refuses %s', (_name, url) => {
    expect(isSelfTestUrl(url, 'uk.co.rpasupervisor.dev')).toBe(false);
  });

  it('refuses everything when the scheme itself is not a plain scheme name', () => {
    expect(isSelfTestUrl(`.*://selftest?nonce=${nonce}`, '.*')).toBe(false);
  });
});
