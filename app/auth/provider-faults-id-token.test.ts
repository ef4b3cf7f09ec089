import { describe, expect, it } from 'vitest';
import type { MisbehavingProvider } from './test-support/misbehaving-provider.js';
import { useProviderFaults } from './test-support/provider-faults-fixture.js';

/**
 * Through the misbehaving provider: ID tokens re-signed with a wrong claim, no signature or a
 * broken one (S20–S23) are rejected and no session is kept.
 */
let provider: MisbehavingProvider;
const { setup, tokenJson, idToken } = useProviderFaults((started) => {
  provider = started;
});

describe('through the misbehaving provider', () => {
  const badIdTokens: Array<[string, string, Parameters<MisbehavingProvider['resign']>[1], RegExp]> = [
    ['S20', 'a wrong nonce', (_h, c) => void (c.nonce = 'someone-elses-nonce'), /nonce/],
    ['S20', 'a wrong iss', (_h, c) => void (c.iss = 'https://evil.example'), /issuer/],
    ['S20', 'a wrong aud', (_h, c) => void (c.aud = 'another-client'), /audience/],
    ['S20', 'several audiences without azp', (_h, c) => {
      c.aud = [provider.sandbox.clientId, 'another-client'];
      delete c.azp;
    }, /audience|authorised party/],
    ['S21', 'an expired token', (_h, c) => {
      const now = Math.floor(Date.now() / 1000);
      c.iat = now - 7200;
      c.exp = now - 3600;
    }, /expired/],
    ['S21', 'alg none', (h) => {
      h.alg = 'none';
      delete h.kid;
    }, /algorithm|signature|not valid/],
    ['S21', 'no sub', (_h, c) => void delete c.sub, /subject/],
    ['S23', 'an iat an hour in the future', (_h, c) => {
      c.iat = Math.floor(Date.now() / 1000) + 3600;
      c.exp = c.iat + 3600;
    }, /future/],
  ];
  it.each(badIdTokens)('%s an ID token with %s is rejected', async (_case, _name, change, detail) => {
    const { signIn, sessions, profile } = await setup();
    idToken(change);
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'id_token_invalid', message: expect.stringMatching(detail) } });
    expect(sessions.session(profile.id)).toBeUndefined();
  });

  it('S22 an ID token with a bad signature is rejected (non-repudiation checks are on)', async () => {
    const { signIn, sessions, profile } = await setup();
    tokenJson((json) => {
      const [header, payload, signature] = (json.id_token as string).split('.') as [string, string, string];
      const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
      json.id_token = `${header}.${payload}.${flipped}`;
    });
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'id_token_invalid', message: expect.stringMatching(/signature/) } });
    expect(sessions.session(profile.id)).toBeUndefined();
  });
});
