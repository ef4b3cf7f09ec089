import { describe, expect, it } from 'vitest';
import { discoveryTimeoutMs } from './provider-discovery.js';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { useProviderFaults } from './test-support/provider-faults-fixture.js';

/**
 * Through the misbehaving provider: a broken or insecure discovery document (S14, S15) fails
 * the sign-in clearly, is not cached, and no request goes to an endpoint it advertises.
 */
let provider: MisbehavingProvider;
const { setup } = useProviderFaults((started) => {
  provider = started;
});

describe('through the misbehaving provider', () => {
  const discoveryPath = '/.well-known/openid-configuration';
  const brokenDiscovery: Array<[string, Rewrite | ((json: Record<string, unknown>) => Rewrite), string, RegExp]> = [
    // The issuer URL is a web page's, not the provider's: "could not be reached" would send the admin to the network.
    [
      'is not JSON (an HTML page)',
      { status: 200, contentType: 'text/html', body: '<html><body><h1>Welcome to nginx!</h1></body></html>' },
      'discovery_not_a_provider',
      /answered, but not with a discovery document: it sent a text\/html page instead of JSON/,
    ],
    ['is not there (HTTP 404)', { status: 404, contentType: 'text/plain', body: 'Not found' }, 'discovery_not_a_provider', /answered, but not with a discovery document: it answered HTTP 404/],
    ['is JSON of another kind', { status: 200, contentType: 'application/json', body: '{"status":"ok"}' }, 'discovery_not_a_provider', /its answer is not a valid discovery document/],
    // The provider is there but failing: the issuer URL is not the first thing to doubt.
    ['is a server error (HTTP 503)', { status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }, 'discovery_provider_error', /answered with an error \(HTTP 503\)/],
    [
      'names another issuer',
      (json) => ({ body: JSON.stringify({ ...json, issuer: 'https://login.other.example/' }) }),
      'discovery_issuer_mismatch',
      /names a different issuer \(https:\/\/login\.other\.example\/\)/,
    ],
    ['hangs', 'hang', 'discovery_timeout', /did not answer within 1 s/],
  ];
  it.each(brokenDiscovery)(
    'S14 a discovery document that %s gives a clear error naming the URL; afterwards the same profile signs in',
    async (_name, rewrite, code, detail) => {
      const { rig, service, signIn, sessions, profile, logs, opened } = await setup({}, undefined, { timeoutMs: rewrite === 'hang' ? 1_000 : discoveryTimeoutMs });
      provider.rewrite(discoveryPath, (upstream) => (typeof rewrite === 'function' ? rewrite(upstream.json ?? {}) : rewrite));
      const startedAt = Date.now();
      const attempt = rig.start(profile.id);
      await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(detail) });
      await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining(`${provider.issuer}/`) });
      expect(Date.now() - startedAt).toBeLessThan(8_000);
      expect(opened).toEqual([]);
      // The error sits on the profile, which stays as it was: nothing was cached or changed.
      expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code } });
      expect(sessions.session(profile.id)).toBeUndefined();
      expect(logs.join('\n')).toContain(`"code":"${code}"`);

      // The provider recovers: the failure was not cached, so discovery runs again and works.
      provider.clear();
      const discoveries = provider.count(discoveryPath);
      expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
      expect(provider.count(discoveryPath)).toBe(discoveries + 1);
      expect(service.phase(profile.id)).toEqual({ phase: 'idle' });
      expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
    },
  );

  it.each(['token_endpoint', 'authorization_endpoint', 'revocation_endpoint'])(
    'S15 a discovery document advertising a plain-http %s off loopback is refused before any request to it',
    async (key) => {
      const { rig, service, signIn, profile, opened } = await setup();
      provider.rewrite(discoveryPath, (upstream) => ({ body: JSON.stringify({ ...upstream.json, [key]: 'http://auth.example.org/oauth/x' }) }));
      const tokenRequests = provider.count('/token');
      await expect(rig.start(profile.id)).rejects.toMatchObject({
        code: 'insecure_issuer',
        message: expect.stringContaining('http://auth.example.org does not use https'),
      });
      expect(opened).toEqual([]);
      expect(provider.count('/token')).toBe(tokenRequests);
      expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'insecure_issuer' } });

      provider.clear();
      expect((await signIn()).outcome.kind).toBe('signedIn');
    },
  );
});
