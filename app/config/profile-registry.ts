import { randomBytes } from 'node:crypto';
import type { ProfileView } from '../common/contract.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { Logger } from '../ports/logger.js';
import type { AccessTokenFormat, RunningSandbox } from '../sandbox/sandbox-provider.js';
import type { SandboxUser } from '../sandbox/sandbox-accounts.js';
import type { ProfileStore } from './profile-store.js';
import { isDraft } from './profile-validation.js';
import { redirectUriFor } from './redirect-uri-for.js';
import { clientSecretKey, profileSchema, sandboxPartnerProfileId, sandboxProfileId, type Profile } from './profile.js';

export interface SandboxProfileOptions {
  port?: number;
  accessTokenTtlSeconds?: number;
  issueRefreshTokens?: boolean;
  /** Default 'jwt'; 'opaque' proves the app and its leak checks do not depend on JWT-shaped tokens. */
  accessTokenFormat?: AccessTokenFormat;
  /**
   * Adds "Local sandbox (HCSS partner)": a confidential sandbox client allowed the `company`
   * grant, so the partner flow can be tried without HCSS. Default false.
   */
  partner?: boolean;
  /** Show the final app link on a page with a Copy button (a browser that cannot open it). */
  appLinkPage?: boolean;
  /** The sandbox's users (tests of a second person, S67). Default: only `demoUser`; with `partner`, `partnerDemoUsers`. */
  users?: SandboxUser[];
}

/** Finding a profile by id: all that most services need of the registry. */
export interface ProfileLookup {
  get(profileId: string): Profile | undefined;
}

/**
 * The profiles this instance can sign in to: the built-in ones (the Local sandbox, its HCSS
 * partner profile when asked for, the administrator's profiles from the machine policy, and any
 * the host passes in) followed by the user's stored profiles, and the embedded sandbox provider
 * behind the Local sandbox profiles. The sandbox starts only when asked for (demo mode), and its
 * code is loaded only then, so a production install that never uses it opens no extra port and
 * never loads the provider.
 * Stored profiles are read live from the store, so an edit is visible at once; a stored profile
 * can never shadow a built-in one. The registry also owns each profile's client secret: the
 * secret lives in the SecretStore, and the registry knows which profiles have one, so views can
 * say "a secret is stored" without reading it.
 */
export class ProfileRegistry implements ProfileLookup {
  readonly #builtIn = new Map<string, Profile>();
  /** Ids of the machine policy's profiles: shown locked, never editable or replaceable here. */
  readonly #managed = new Set<string>();
  readonly #withSecret = new Set<string>();

  private constructor(
    private readonly scheme: string,
    readonly sandbox: RunningSandbox | undefined,
    profiles: Profile[],
    private readonly store: ProfileStore | undefined,
    private readonly secrets: SecretStore,
  ) {
    for (const profile of profiles) this.#builtIn.set(profile.id, profile);
  }

  static async create(options: {
    scheme: string;
    sandbox: SandboxProfileOptions | undefined;
    extra: Profile[];
    /** The machine policy's profiles (already validated and locked). */
    managed?: Profile[];
    store?: ProfileStore;
    /** Where the partner sandbox profile's client secret is put, as for any other profile. */
    secrets: SecretStore;
    /** The sandbox's own failures (a request it failed, a connection it could not accept). */
    logger?: Logger;
  }): Promise<ProfileRegistry> {
    const profiles: Profile[] = [];
    let sandbox: RunningSandbox | undefined;
    if (options.sandbox) {
      const { partnerDemoUsers, sandboxPartnerClientId, startSandbox } = await import('../sandbox/sandbox-provider.js');
      // Fresh for every launch: the client exists only in this process's sandbox, so the secret
      // has nothing to outlive, and it never has to appear in settings, a log or the renderer.
      const partnerSecret = options.sandbox.partner === true ? randomBytes(32).toString('base64url') : undefined;
      sandbox = await startSandbox({
        ...(options.sandbox.port !== undefined ? { port: options.sandbox.port } : {}),
        ...(options.sandbox.accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds: options.sandbox.accessTokenTtlSeconds } : {}),
        ...(options.sandbox.issueRefreshTokens !== undefined ? { issueRefreshTokens: options.sandbox.issueRefreshTokens } : {}),
        ...(options.sandbox.accessTokenFormat !== undefined ? { accessTokenFormat: options.sandbox.accessTokenFormat } : {}),
        ...(options.sandbox.appLinkPage !== undefined ? { appLinkPage: options.sandbox.appLinkPage } : {}),
        // The partner sandbox is a practice group: a second clinic's account and a colleague's, so
        // two companies and two people can be tried by hand and in tests.
        ...(options.sandbox.users !== undefined ? { users: options.sandbox.users } : partnerSecret !== undefined ? { users: [...partnerDemoUsers] } : {}),
        ...(partnerSecret !== undefined ? { confidentialClient: { clientId: sandboxPartnerClientId, clientSecret: partnerSecret } } : {}),
        customSchemes: [options.scheme],
        ...(options.logger ? { logger: options.logger } : {}),
      });
      profiles.push(sandboxProfile(sandbox));
      if (partnerSecret !== undefined) {
        try {
          await options.secrets.set(clientSecretKey(sandboxPartnerProfileId), partnerSecret);
        } catch (error) {
          await sandbox.close();
          throw error;
        }
        profiles.push(sandboxPartnerProfile(sandbox, sandboxPartnerClientId));
      }
    }
    const managed = (options.managed ?? []).filter((profile) => !profiles.some((builtIn) => builtIn.id === profile.id));
    profiles.push(...managed, ...options.extra);
    const registry = new ProfileRegistry(options.scheme, sandbox, profiles, options.store, options.secrets);
    for (const profile of managed) registry.#managed.add(profile.id);
    for (const profile of registry.list()) {
      // An unreadable keychain entry counts as no secret: the admin is asked for it again.
      if (profile.clientAuth !== 'none' && (await options.secrets.get(clientSecretKey(profile.id)).catch(() => undefined)) !== undefined) {
        registry.#withSecret.add(profile.id);
      }
    }
    return registry;
  }

  get(profileId: string): Profile | undefined {
    return this.#builtIn.get(profileId) ?? this.store?.get(profileId);
  }

  list(): Profile[] {
    const stored = (this.store?.list() ?? []).filter((profile) => !this.#builtIn.has(profile.id));
    return [...this.#builtIn.values(), ...stored];
  }

  /** The administrator's profiles from the machine policy: locked, and no user profile may take their id. */
  isManaged(profileId: string): boolean {
    return this.#managed.has(profileId);
  }

  /** Built-in profiles (the machine policy's included) cannot be edited, deleted or replaced by an import. */
  isBuiltIn(profileId: string): boolean {
    return this.#builtIn.has(profileId) || profileId === sandboxProfileId || profileId === sandboxPartnerProfileId;
  }

  hasClientSecret(profileId: string): boolean {
    return this.#withSecret.has(profileId);
  }

  async clientSecret(profileId: string): Promise<string | undefined> {
    return this.secrets.get(clientSecretKey(profileId));
  }

  async setClientSecret(profileId: string, secret: string): Promise<void> {
    await this.secrets.set(clientSecretKey(profileId), secret);
    this.#withSecret.add(profileId);
  }

  async deleteClientSecret(profileId: string): Promise<void> {
    await this.secrets.delete(clientSecretKey(profileId));
    this.#withSecret.delete(profileId);
  }

  view(profile: Profile): ProfileView {
    // A managed profile shows as locked (by the administrator), not as part of the app.
    return profileView(profile, this.scheme, this.hasClientSecret(profile.id), this.isBuiltIn(profile.id) && !this.isManaged(profile.id));
  }

  views(): ProfileView[] {
    return this.list().map((profile) => this.view(profile));
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}

export function profileView(profile: Profile, scheme: string, hasClientSecret: boolean, builtIn = false): ProfileView {
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
    reuseBrowserSignIn: profile.reuseBrowserSignIn,
    expiryPolicy: profile.expiryPolicy,
    ...(profile.absencePolicy ? { absencePolicy: profile.absencePolicy } : {}),
    ...(profile.kind === 'partner' ? { companyClaim: profile.companyClaim } : {}),
    redaction: { ...profile.redaction },
    screenshots: profile.screenshots,
    retentionDays: profile.retentionDays,
    locked: profile.locked,
    builtIn,
    draft: isDraft(profile),
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

/** The HCSS partner flow against the Local sandbox: its confidential client, the company grant. */
export function sandboxPartnerProfile(sandbox: RunningSandbox, clientId: string): Profile {
  return profileSchema.parse({
    id: sandboxPartnerProfileId,
    name: 'Local sandbox (HCSS partner)',
    kind: 'partner',
    preset: 'sandbox',
    issuer: sandbox.issuer,
    clientId,
    clientAuth: 'client_secret_basic',
    scopes: ['openid', 'profile', 'api'],
  });
}
