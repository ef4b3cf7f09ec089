import { describe, expect, it } from 'vitest';
import { maxRedirectUrlLength, parseRedirect } from './redirect-parser.js';

const expected = { redirectUri: 'uk.co.rpasupervisor://auth/callback' };
const good = 'uk.co.rpasupervisor://auth/callback?code=abc123&state=s1&iss=http%3A%2F%2F127.0.0.1%3A1234';

describe('parseRedirect', () => {
  it('accepts a well-formed authorization response and returns its state', () => {
    const result = parseRedirect(good, expected);
    expect(result.kind).toBe('authorizationResponse');
    if (result.kind === 'authorizationResponse') expect(result.state).toBe('s1');
  });

  it('returns error responses with their description (S6)', () => {
    const result = parseRedirect(
      'uk.co.rpasupervisor://auth/callback?error=access_denied&error_description=User%20said%20no&state=s1',
      expected,
    );
    expect(result).toMatchObject({ kind: 'errorResponse', error: 'access_denied', errorDescription: 'User said no', state: 's1' });
  });

  const rejected: Array<[string, unknown, RegExp]> = [
    ['S8 wrong scheme', 'uk.co.evil://auth/callback?code=a&state=s', /scheme/],
    ['S8 wrong host', 'uk.co.rpasupervisor://evil/callback?code=a&state=s', /host/],
    ['S8 wrong path', 'uk.co.rpasupervisor://auth/other?code=a&state=s', /path/],
    ['S8 userinfo', 'uk.co.rpasupervisor://user:pw@auth/callback?code=a&state=s', /user information/],
    ['S8 over 8 KB', `${good}&pad=${'x'.repeat(maxRedirectUrlLength)}`, /longer than/],
    ['S8 several URLs glued together', `${good} ${good}`, /spaces/],
    ['S8 control characters', `${good}\n--gpu-launcher=evil`, /control/],
    ['S8 not a URL', 'notaurl', /not a URL/],
    ['S8 not text', 42, /not text/],
    ['S8 fragment', `${good}#frag`, /fragment/],
    ['S8 port on a custom scheme', 'uk.co.rpasupervisor://auth:99/callback?code=a&state=s', /port/],
    ['S4 missing state', 'uk.co.rpasupervisor://auth/callback?code=a', /no state/],
    ['missing code', 'uk.co.rpasupervisor://auth/callback?state=s', /no authorization code/],
    ['duplicated code', 'uk.co.rpasupervisor://auth/callback?code=a&code=b&state=s', /more than once/],
  ];

  it.each(rejected)('%s is rejected', (_name, input, reason) => {
    const result = parseRedirect(input, expected);
    expect(result.kind).toBe('rejected');
    if (result.kind === 'rejected') {
      expect(result.reason).toMatch(reason);
      // The reason must never echo the code.
      expect(result.reason).not.toContain('abc123');
    }
  });

  it('checks the port for loopback redirects', () => {
    const loopback = { redirectUri: 'http://127.0.0.1:5555/callback' };
    expect(parseRedirect('http://127.0.0.1:5555/callback?code=a&state=s', loopback).kind).toBe('authorizationResponse');
    expect(parseRedirect('http://127.0.0.1:5556/callback?code=a&state=s', loopback)).toMatchObject({ kind: 'rejected' });
  });
});
