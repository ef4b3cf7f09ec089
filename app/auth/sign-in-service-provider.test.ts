import { describe, expect, it } from 'vitest';
import type { Profile } from '../config/profile.js';
import { useSignInService } from './test-support/sign-in-service-fixture.js';

/**
 * SignInService and the provider itself: an issuer it must refuse or cannot reach (S14, S15),
 * and revocation at sign-out (S29).
 */
let profile: Profile;
const { setup, startAndLogIn } = useSignInService((started) => {
  ({ profile } = started);
});

describe('SignInService against the real sandbox', () => {
  it('S15 an http issuer that is not on loopback is refused', async () => {
    const { rig, service } = await setup({ issuer: 'http://auth.example.org' });
    await expect(rig.start(profile.id)).rejects.toMatchObject({ code: 'insecure_issuer' });
    expect(service.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'insecure_issuer' } });
  });

  it('S14 an unreachable discovery document names the URL and leaves the profile usable', async () => {
    const { rig } = await setup({ issuer: 'http://127.0.0.1:9/' });
    const attempt = rig.start(profile.id);
    await expect(attempt).rejects.toMatchObject({ code: 'discovery_failed', message: expect.stringContaining('http://127.0.0.1:9/') });
  });

  it('S29 sign-out calls the revocation endpoint; a JWT access token is reported as not revocable', async () => {
    const { rig, sessions } = await setup();
    await rig.deliver(await startAndLogIn(rig));
    const session = sessions.session(profile.id);
    expect(session).toBeDefined();
    if (!session) return;
    // oidc-provider answers unsupported_token_type for self-contained JWTs (RFC 7009 §2.2.1).
    expect(await rig.tokens.revoke(session)).toBe('unsupported');
    const { rig: other } = await setup({ issuer: 'http://127.0.0.1:9/' });
    expect(await other.tokens.revoke({ ...session })).toBe('failed');
  });
});
