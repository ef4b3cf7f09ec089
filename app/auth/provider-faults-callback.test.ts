import { describe, expect, it } from 'vitest';
import type { MisbehavingProvider } from './test-support/misbehaving-provider.js';
import { useProviderFaults } from './test-support/provider-faults-fixture.js';

/**
 * Through the misbehaving provider: the authorization response itself (S2, S3, S5), checked
 * before any token request, which the provider counts.
 */
let provider: MisbehavingProvider;
const { setup } = useProviderFaults((started) => {
  provider = started;
});

describe('through the misbehaving provider', () => {
  it('a clean sign-in through the proxy works (baseline)', async () => {
    const { signIn, sessions, profile } = await setup();
    expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    expect(sessions.tokenFor(profile.id, 0).ok).toBe(true);
  });

  it('S2 a callback whose iss differs from the issuer is rejected before any token request', async () => {
    const { rig, sessions, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = new URL(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    callback.searchParams.set('iss', 'https://evil.example');
    const tokenRequests = provider.count('/token');
    const outcome = await rig.deliver(callback.href);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'issuer_mismatch' } });
    expect(provider.count('/token')).toBe(tokenRequests);
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S3 a callback without iss is rejected before any token request, because the provider advertises it', async () => {
    const { rig, sessions, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    expect((await rig.providers.configuration(profile)).serverMetadata().authorization_response_iss_parameter_supported).toBe(true);
    const callback = new URL(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    callback.searchParams.delete('iss');
    const tokenRequests = provider.count('/token');
    const outcome = await rig.deliver(callback.href);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'issuer_mismatch' } });
    expect(provider.count('/token')).toBe(tokenRequests);
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S5 a replayed loopback-free callback makes exactly one token request', async () => {
    const { rig, profile } = await setup();
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl);
    const before = provider.count('/token');
    await Promise.all([rig.deliver(callback), rig.deliver(callback)]);
    expect(provider.count('/token') - before).toBe(1);
  });
});
