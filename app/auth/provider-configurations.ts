import type * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { discoverProvider, discoveryTimeoutMs } from './provider-discovery.js';

/** Where a confidential client's secret comes from: the profile registry, which owns it. */
export interface ClientSecretSource {
  clientSecret(profileId: string): Promise<string | undefined>;
}

/**
 * Each profile's provider configuration (openid-client), discovered once and shared by sign-in,
 * refresh, revocation and the HCSS company grant. A failed discovery is forgotten, so the next
 * use tries again; an edited profile is forgotten explicitly.
 */
export class ProviderConfigurations {
  readonly #configs = new Map<string, Promise<oidc.Configuration>>();
  /** Bound on every request to the provider (discovery, token, userinfo, revocation); S14, S16. */
  readonly timeoutMs: number;

  constructor(private readonly deps: { clientSecrets: ClientSecretSource; timeoutMs?: number }) {
    this.timeoutMs = deps.timeoutMs ?? discoveryTimeoutMs;
  }

  configuration(profile: Profile): Promise<oidc.Configuration> {
    let config = this.#configs.get(profile.id);
    if (!config) {
      config = (async () => {
        const secret = profile.clientAuth === 'none' ? undefined : await this.deps.clientSecrets.clientSecret(profile.id);
        return discoverProvider(profile, secret, { timeoutMs: this.timeoutMs });
      })();
      this.#configs.set(profile.id, config);
      config.catch(() => this.#configs.delete(profile.id));
    }
    return config;
  }

  forget(profileId: string): void {
    this.#configs.delete(profileId);
  }
}
