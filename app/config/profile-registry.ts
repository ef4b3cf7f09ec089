import type { ProfileView } from '../contract.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import type { ProfileStore } from './profile-store.js';
import { redirectUriFor } from './redirect-uri-for.js';
import { profileSchema, sandboxProfileId, type Profile } from './profile.js';

/**
 * The profiles this instance can sign in to: the built-in ones (the Local sandbox, and any the
 * host passes in) followed by the admin's stored profiles, and the embedded sandbox provider
 * behind the Local sandbox profile. The sandbox starts only when asked for, so a production
 * install that never uses it opens no extra port. Stored profiles are read live from the store,
 * so an edit is visible at once; a stored profile can never shadow a built-in one.
 */
export class ProfileRegistry {
  readonly #builtIn = new Map<string, Profile>();

  private constructor(
    private readonly scheme: string,
    readonly sandbox: RunningSandbox | undefined,
    profiles: Profile[],
    private readonly store: ProfileStore | undefined,
  ) {
    for (const profile of profiles) this.#builtIn.set(profile.id, profile);
  }

  static async create(options: {
    scheme: string;
    sandbox: { port?: number; accessTokenTtlSeconds?: number; issueRefreshTokens?: boolean } | undefined;
    extra: Profile[];
    store?: ProfileStore;
  }): Promise<ProfileRegistry> {
    const profiles: Profile[] = [];
    let sandbox: RunningSandbox | undefined;
    if (options.sandbox) {
      sandbox = await startSandbox({
        ...(options.sandbox.port !== undefined ? { port: options.sandbox.port } : {}),
        ...(options.sandbox.accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds: options.sandbox.accessTokenTtlSeconds } : {}),
        ...(options.sandbox.issueRefreshTokens !== undefined ? { issueRefreshTokens: options.sandbox.issueRefreshTokens } : {}),
        customSchemes: [options.scheme],
      });
      profiles.push(sandboxProfile(sandbox));
    }
    profiles.push(...options.extra);
    return new ProfileRegistry(options.scheme, sandbox, profiles, options.store);
  }

  get(profileId: string): Profile | undefined {
    return this.#builtIn.get(profileId) ?? this.store?.get(profileId);
  }

  list(): Profile[] {
    const stored = (this.store?.list() ?? []).filter((profile) => !this.#builtIn.has(profile.id));
    return [...this.#builtIn.values(), ...stored];
  }

  /** Built-in profiles cannot be edited, deleted or replaced by an import. */
  isBuiltIn(profileId: string): boolean {
    return this.#builtIn.has(profileId) || profileId === sandboxProfileId;
  }

  view(profile: Profile, hasClientSecret: boolean): ProfileView {
    return profileView(profile, this.scheme, hasClientSecret);
  }

  views(hasClientSecret: (profileId: string) => boolean = () => false): ProfileView[] {
    return this.list().map((profile) => profileView(profile, this.scheme, hasClientSecret(profile.id)));
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}

export function profileView(profile: Profile, scheme: string, hasClientSecret: boolean): ProfileView {
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    preset: profile.preset,
    issuer: profile.issuer,
    clientId: profile.clientId,
    clientAuth: profile.clientAuth,
    hasClientSecret,
    scopes: profile.scopes,
    extraAuthParams: profile.extraAuthParams,
    redirectMode: profile.redirect.mode,
    ...(profile.redirect.mode === 'loopback' ? { loopbackPort: profile.redirect.port, loopbackPath: profile.redirect.path } : {}),
    ...(profile.redirect.mode === 'bounce' ? { bounceUrl: profile.redirect.url } : {}),
    ...(profile.endpoints ? { endpoints: profile.endpoints } : {}),
    redirectUri: redirectUriFor(profile, scheme),
    warningMinutes: profile.warningMinutes,
    defaultTokenLifetimeMs: profile.defaultTokenLifetimeMs,
    signInTimeoutMs: profile.signInTimeoutMs,
    expiryPolicy: profile.expiryPolicy,
    ...(profile.kind === 'partner' ? { companyClaim: profile.companyClaim } : {}),
    locked: profile.locked,
  };
}

export function sandboxProfile(sandbox: RunningSandbox): Profile {
  return profileSchema.parse({
    id: sandboxProfileId,
    name: 'Local sandbox',
    kind: 'sandbox',
    preset: 'sandbox',
    issuer: sandbox.issuer,
    clientId: sandbox.clientId,
    clientAuth: 'none',
    scopes: ['openid', 'profile', 'api'],
  });
}
