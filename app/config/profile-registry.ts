import type { ProfileView } from '../contract.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { customSchemeRedirectUri } from './app-identity.js';
import { profileSchema, sandboxProfileId, type Profile } from './profile.js';

/**
 * The profiles this instance can sign in to, and the embedded sandbox provider behind the Local
 * sandbox profile. The sandbox starts only when asked for, so a production install that never
 * uses it opens no extra port.
 */
export class ProfileRegistry {
  readonly #profiles = new Map<string, Profile>();

  private constructor(
    private readonly scheme: string,
    readonly sandbox: RunningSandbox | undefined,
    profiles: Profile[],
  ) {
    for (const profile of profiles) this.#profiles.set(profile.id, profile);
  }

  static async create(options: {
    scheme: string;
    sandbox: { port?: number; accessTokenTtlSeconds?: number } | undefined;
    extra: Profile[];
  }): Promise<ProfileRegistry> {
    const profiles: Profile[] = [];
    let sandbox: RunningSandbox | undefined;
    if (options.sandbox) {
      sandbox = await startSandbox({
        ...(options.sandbox.port !== undefined ? { port: options.sandbox.port } : {}),
        ...(options.sandbox.accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds: options.sandbox.accessTokenTtlSeconds } : {}),
        customSchemes: [options.scheme],
      });
      profiles.push(sandboxProfile(sandbox));
    }
    profiles.push(...options.extra);
    return new ProfileRegistry(options.scheme, sandbox, profiles);
  }

  get(profileId: string): Profile | undefined {
    return this.#profiles.get(profileId);
  }

  list(): Profile[] {
    return [...this.#profiles.values()];
  }

  views(hasClientSecret: (profileId: string) => boolean = () => false): ProfileView[] {
    return this.list().map((profile) => profileView(profile, this.scheme, hasClientSecret(profile.id)));
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}

/** The redirect URI to register with the provider, exactly as it must appear. */
export function redirectUriFor(profile: Profile, scheme: string): string {
  switch (profile.redirect.mode) {
    case 'customScheme':
      return customSchemeRedirectUri(scheme);
    case 'bounce':
      return profile.redirect.url;
    case 'loopback':
      return profile.redirect.port === 0
        ? `http://127.0.0.1${profile.redirect.path}`
        : `http://127.0.0.1:${profile.redirect.port}${profile.redirect.path}`;
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
