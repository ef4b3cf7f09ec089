import { describe, expect, it } from 'vitest';
import { maxDeepLinkBytes, parseDeepLink, unknownLinkReasons as reasons, type DeepLink } from './parse-deep-link.js';

const scheme = 'uk.co.rpasupervisor';
const target = { scheme };
const code = 'abc123SECRET';
const good = `${scheme}://auth/callback?code=${code}&state=s1&iss=http%3A%2F%2F127.0.0.1%3A1234`;

describe('parseDeepLink: what a link is', () => {
  it('a sign-in answer on the custom scheme, with its state and the query to redeem', () => {
    expect(parseDeepLink(good, target)).toEqual({
      kind: 'authCallback',
      route: 'customScheme',
      state: 's1',
      answer: { kind: 'code', search: `?code=${code}&state=s1&iss=http%3A%2F%2F127.0.0.1%3A1234` },
    });
  });

  it('S6 an error answer, with the provider description as plain text', () => {
    const denied = `${scheme}://auth/callback?error=access_denied&error_description=User%20said%20no%0A%1B%5B31m&state=s1`;
    expect(parseDeepLink(denied, target)).toEqual({
      kind: 'authCallback',
      route: 'customScheme',
      state: 's1',
      answer: { kind: 'error', error: 'access_denied', description: 'User said no  [31m' },
    });
  });

  it('S6 a provider description cannot reorder or hide what the card says: bidirectional and invisible characters go', () => {
    // "Call 0800 ‮123 654‬ now" would show the digits reversed; U+200B hides a break inside a word.
    const reordering = `${scheme}://auth/callback?error=access%E2%80%8B_denied&error_description=Call%200800%20%E2%80%AE123%20654%E2%80%AC%20now%E2%81%A6&state=s1`;
    expect(parseDeepLink(reordering, target)).toMatchObject({ answer: { kind: 'error', error: 'access_denied', description: 'Call 0800 123 654 now' } });
  });

  it('an error answer keeps its iss, for the same RFC 9207 check as a code answer (S2, S3)', () => {
    const denied = `${scheme}://auth/callback?error=access_denied&state=s1&iss=https%3A%2F%2Fidp.example`;
    expect(parseDeepLink(denied, target)).toMatchObject({ answer: { kind: 'error', iss: 'https://idp.example' } });
    expect(parseDeepLink(`${denied}&iss=x`, target)).toEqual({ kind: 'unknown', reason: reasons.repeated });
  });

  it('a self-test link, which is never a sign-in answer', () => {
    expect(parseDeepLink(`${scheme}://selftest?nonce=0123abcd`, target)).toEqual({ kind: 'selfTest', nonce: '0123abcd' });
    expect(parseDeepLink(`${scheme}://selftest/?nonce=0123abcd`, target)).toEqual({ kind: 'selfTest', nonce: '0123abcd' });
  });

  it('a loopback answer, only at the exact port and path of its listener', () => {
    const loopback = { loopback: { port: 5555, path: '/callback' } };
    expect(parseDeepLink('http://127.0.0.1:5555/callback?code=a&state=s', loopback)).toMatchObject({ kind: 'authCallback', route: 'loopback', state: 's' });
    expect(parseDeepLink('http://127.0.0.1:5556/callback?code=a&state=s', loopback)).toEqual({ kind: 'unknown', reason: reasons.wrongPort });
    expect(parseDeepLink('http://localhost:5555/callback?code=a&state=s', loopback)).toEqual({ kind: 'unknown', reason: reasons.wrongHost });
    expect(parseDeepLink('http://127.0.0.1:5555/other?code=a&state=s', loopback)).toEqual({ kind: 'unknown', reason: reasons.wrongPath });
    // A custom-scheme answer is not a loopback answer, and vice versa.
    expect(parseDeepLink(good, loopback)).toEqual({ kind: 'unknown', reason: reasons.wrongScheme });
    expect(parseDeepLink('http://127.0.0.1:5555/callback?code=a&state=s', target)).toEqual({ kind: 'unknown', reason: reasons.wrongScheme });
  });

  it('accepts the scheme and host in any letter case (RFC 3986)', () => {
    expect(parseDeepLink(good.replace(`${scheme}://auth`, `${scheme.toUpperCase()}://AUTH`), target)).toMatchObject({ kind: 'authCallback' });
  });
});

describe('parseDeepLink: S8 one size limit, in bytes', () => {
  it(`accepts a link of exactly ${maxDeepLinkBytes} bytes and refuses one byte more`, () => {
    const prefix = `${scheme}://auth/callback?code=c&state=`;
    const exact = prefix + 's'.repeat(maxDeepLinkBytes - prefix.length);
    expect(parseDeepLink(exact, target)).toMatchObject({ kind: 'authCallback' });
    expect(parseDeepLink(`${exact}s`, target)).toEqual({ kind: 'unknown', reason: reasons.tooLong });
  });

  it('counts bytes, not characters', () => {
    const prefix = `${scheme}://auth/callback?code=c&state=`;
    // 'é' is two bytes in UTF-8: under the limit in characters, over it in bytes.
    const multiByte = prefix + 'é'.repeat(Math.ceil((maxDeepLinkBytes - prefix.length) / 2) + 1);
    expect(multiByte.length).toBeLessThan(maxDeepLinkBytes);
    expect(parseDeepLink(multiByte, target)).toEqual({ kind: 'unknown', reason: reasons.tooLong });
  });
});

describe('parseDeepLink: S8 malformed links are unknown, and the reason never quotes them', () => {
  const unknown: Array<[string, unknown, string]> = [
    ['S8 wrong scheme', `uk.co.evil://auth/callback?code=${code}&state=s`, reasons.wrongScheme],
    ['S8 a scheme that merely starts with ours', `${scheme}x://auth/callback?code=${code}&state=s`, reasons.wrongScheme],
    ['S8 the other build flavour', `${scheme}.dev://auth/callback?code=${code}&state=s`, reasons.wrongScheme],
    ['S8 wrong host', `${scheme}://evil/callback?code=${code}&state=s`, reasons.wrongHost],
    ['S8 wrong path', `${scheme}://auth/other?code=${code}&state=s`, reasons.wrongPath],
    ['S8 userinfo', `${scheme}://user:pw@auth/callback?code=${code}&state=s`, reasons.userinfo],
    ['S8 over 8 KB', `${good}&pad=${'x'.repeat(maxDeepLinkBytes)}`, reasons.tooLong],
    ['S8 several URLs glued together', `${good} ${good}`, reasons.badCharacters],
    ['S8 control characters', `${good}\n--gpu-launcher=evil`, reasons.badCharacters],
    ['S8 raw whitespace', `${good} more`, reasons.badCharacters],
    ['S8 a quote breaking out of "%1"', `${good}"`, reasons.badCharacters],
    ['S8 a NUL byte', `${good}\u0000`, reasons.badCharacters],
    ['S8 not a URL', 'notaurl', reasons.notUrl],
    ['S8 not text', 42, reasons.notText],
    ['S8 not a string', undefined, reasons.notText],
    ['S8 empty', '', reasons.notText],
    ['S8 fragment', `${good}#frag`, reasons.fragment],
    ['S8 port on a custom scheme', `${scheme}://auth:99/callback?code=${code}&state=s`, reasons.port],
    ['S4 missing state', `${scheme}://auth/callback?code=${code}`, reasons.noState],
    ['missing code', `${scheme}://auth/callback?state=s`, reasons.noCode],
    ['duplicated code', `${scheme}://auth/callback?code=a&code=b&state=s`, reasons.repeated],
    ['duplicated state', `${scheme}://auth/callback?code=a&state=s&state=t`, reasons.repeated],
    ['a self-test link without a nonce', `${scheme}://selftest`, reasons.noNonce],
    ['a self-test link with a path', `${scheme}://selftest/x?nonce=1`, reasons.wrongPath],
  ];

  it.each(unknown)('%s', (_name, input, reason) => {
    const link: DeepLink = parseDeepLink(input, target);
    expect(link).toEqual({ kind: 'unknown', reason });
    expect(JSON.stringify(link)).not.toContain(code);
  });

  it('every reason is a fixed sentence', () => {
    for (const reason of Object.values(reasons)) expect(reason).toMatch(/^[a-z][^?&=]*$/);
  });
});
