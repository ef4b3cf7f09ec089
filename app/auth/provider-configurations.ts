import { createRemoteJWKSet, customFetch } from 'jose';
import type * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import { directHttpFetch, type HttpFetch } from '../ports/http-fetch.js';
import { discoverProvider, discoveryTimeoutMs } from './provider-discovery.js';

/** Where a confidential client's secret comes from: the profile registry, which owns it. */
export interface ClientSecretSource {
  clientSecret(profileId: string): Promise<string | undefined>;
}

/** A provider's published signing keys (JWKS), fetched through the host's HttpFetch. */
export type SigningKeys = ReturnType<typeof createRemoteJWKSet>;

/**
 * After fetching the keys, how long an unknown `kid` waits before the keys are fetched again:
 * jose's default, so a stream of tokens with a forged `kid` cannot make us hammer the provider.
 * A sign-in that meets a new key inside it fails once with `signing_keys_changed` and forgets the
 * keys, so the retry fetches them at once (S54).
 */
export const signingKeysCooldownMs = 30_000;

/**
 * Each profile's provider configuration (openid-client) and signing keys (jose), discovered once
 * and shared by sign-in, refresh, revocation and the HCSS company grant. Every request they make
 * goes through the host's `HttpFetch` (S50). A failed discovery is forgotten, so the next use
 * tries again; an edited profile, or keys that changed, are forgotten explicitly.
 */
export class ProviderConfigurations {
  readonly #configs = new Map<string, Promise<oidc.Configuration>>();
  readonly #keys = new Map<string, { jwksUri: string; keys: SigningKeys }>();
  /** Bound on every request to the provider (discovery, token, userinfo, revocation); S14, S16. */
  readonly timeoutMs: number;
  /** The host's network stack, for the requests made outside openid-client (pre-flight). */
  readonly fetch: HttpFetch;

  constructor(private readonly deps: { clientSecrets: ClientSecretSource; timeoutMs?: number; fetch?: HttpFetch }) {
    this.timeoutMs = deps.timeoutMs ?? discoveryTimeoutMs;
    this.fetch = deps.fetch ?? directHttpFetch;
  }

  configuration(profile: Profile): Promise<oidc.Configuration> {
    let config = this.#configs.get(profile.id);
    if (!config) {
      config = (async () => {
        const secret = profile.clientAuth === 'none' ? undefined : await this.deps.clientSecrets.clientSecret(profile.id);
        return discoverProvider(profile, secret, { timeoutMs: this.timeoutMs, fetch: this.fetch });
      })();
      this.#configs.set(profile.id, config);
      config.catch(() => this.#configs.delete(profile.id));
    }
    return config;
  }

  /** The provider's signing keys, or undefined when it publishes none (no `jwks_uri`). */
  async signingKeys(profile: Profile): Promise<SigningKeys | undefined> {
    const jwksUri = (await this.configuration(profile)).serverMetadata().jwks_uri;
    if (typeof jwksUri !== 'string') return undefined;
    const cached = this.#keys.get(profile.id);
    if (cached?.jwksUri === jwksUri) return cached.keys;
    const keys = createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: this.timeoutMs,
      cooldownDuration: signingKeysCooldownMs,
      [customFetch]: (url, init) => this.fetch(url, init),
    });
    this.#keys.set(profile.id, { jwksUri, keys });
    return keys;
  }

  forget(profileId: string): void {
    this.#configs.delete(profileId);
    this.#keys.delete(profileId);
  }
}
