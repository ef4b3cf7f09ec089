import { describe, expect, it } from 'vitest';
import { profileSchema, type ProfileInput } from '../config/profile.js';
import { ProviderConfigurations } from './provider-configurations.js';

// Explicit endpoints: a configuration without a discovery request, so this runs offline.
const endpoints = { authorization: 'https://id.example/authorize', token: 'https://id.example/token' };
const profile = (input: Partial<ProfileInput> = {}) =>
  profileSchema.parse({ id: 'p', name: 'P', kind: 'oidc', issuer: 'https://id.example', clientId: 'rpa-client', endpoints, ...input });

function setup({ secret }: { secret: string | undefined } = { secret: 'the-secret' }) {
  const asked: string[] = [];
  const providers = new ProviderConfigurations({ clientSecrets: {
      clientSecret: async (id) => {
        asked.push(id);
        return secret;
      },
    }, timeoutMs: 2_000 });
  return { providers, asked };
}

describe('ProviderConfigurations', () => {
  it('discovers once per profile and shares the result; forget makes the next use start afresh', async () => {
    const { providers } = setup();
    const first = await providers.configuration(profile());
    expect(await providers.configuration(profile())).toBe(first);
    providers.forget('p');
    expect(await providers.configuration(profile())).not.toBe(first);
    expect(providers.timeoutMs).toBe(2_000);
  });

  it('reads the client secret from the registry only for confidential clients', async () => {
    const { providers, asked } = setup();
    await providers.configuration(profile());
    expect(asked).toEqual([]);
    await providers.configuration(profile({ id: 'c', clientAuth: 'client_secret_basic' }));
    expect(asked).toEqual(['c']);
  });

  it('S14 a failure is not cached: the next use tries again', async () => {
    const { providers, asked } = setup({ secret: undefined });
    const confidential = profile({ id: 'c', clientAuth: 'client_secret_post' });
    await expect(providers.configuration(confidential)).rejects.toMatchObject({ code: 'client_secret_missing' });
    await expect(providers.configuration(confidential)).rejects.toMatchObject({ code: 'client_secret_missing' });
    expect(asked).toEqual(['c', 'c']);
  });
});
