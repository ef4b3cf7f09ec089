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

  views(): ProfileView[] {
    return this.list().map((profile) => ({
      id: profile.id,
      name: profile.name,
      kind: profile.kind,
      issuer: profile.issuer,
      redirectMode: profile.redirect.mode,
      redirectUri:
        profile.redirect.mode === 'customScheme'
          ? customSchemeRedirectUri(this.scheme)
          : profile.redirect.mode === 'bounce'
            ? profile.redirect.url
            : `http://127.0.0.1:${profile.redirect.port || '<any port>'}${profile.redirect.path}`,
    }));
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}

export function sandboxProfile(sandbox: RunningSandbox): Profile {
  return profileSchema.parse({
    id: sandboxProfileId,
    name: 'Local sandbox',
    kind: 'sandbox',
    issuer: sandbox.issuer,
    clientId: sandbox.clientId,
    clientAuth: 'none',
    scopes: ['openid', 'profile', 'api'],
  });
}
