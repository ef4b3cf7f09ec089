import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import type { ProfileView, SessionView, SupervisorState } from '../../app/common/contract.js';
import { JsonLinesLogger } from '../../app/logging/json-lines-logger.js';
import { systemClock } from '../../app/ports/clock.js';
import { silentNotifier } from '../../app/ports/notifier.js';
import { MemorySecretStore } from '../../app/ports/secret-store.js';
import { MemorySettingsStore } from '../../app/ports/settings-store.js';
import type { RunningSandbox } from '../../app/sandbox/sandbox-provider.js';
import { createSupervisor, type Supervisor } from '../../app/supervisor.js';
import { waitFor } from './wait-for.js';

export const sandboxProfileId = 'sandbox';
export const firstCallBotId = 'bench-first-call';
const stateTimeoutMs = 20_000;

/** A completed bare openid-client authorization: the callback and the checks to redeem it with. */
export interface BareAuthorization {
  callbackUrl: string;
  codeVerifier: string;
  state: string;
  nonce: string | undefined;
}

/**
 * The core as a host composes it (createSupervisor with in-memory secret and settings stores, the
 * JSON-lines file logger and the Local sandbox), plus a bare openid-client configuration for the
 * same sandbox and client, for baselines. One harness is shared by the in-process benchmarks:
 * starting a provider costs ~1 s.
 */
export class CoreHarness {
  #lastState: SupervisorState | undefined;

  private constructor(
    readonly supervisor: Supervisor,
    readonly sandbox: RunningSandbox,
    readonly profile: ProfileView,
    readonly oidcConfig: oidc.Configuration,
    readonly dataDir: string,
  ) {
    supervisor.api.on('state', (state) => {
      this.#lastState = state;
    });
  }

  static async start(repoRoot: string): Promise<CoreHarness> {
    const dataDir = await mkdtemp(join(tmpdir(), 'rpa-bench-core-'));
    const botsDir = join(dataDir, 'bots');
    await mkdir(botsDir);
    await writeFile(
      join(botsDir, `${firstCallBotId}.bot.json`),
      JSON.stringify({
        id: firstCallBotId,
        name: 'Benchmark: first authorised call',
        command: 'node',
        args: [join(repoRoot, 'bench', 'support', 'first-call-bot.mjs')],
        profileId: sandboxProfileId,
        env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' },
        timeoutMs: 60_000,
      }),
    );
    const supervisor = await createSupervisor({
      ports: {
        // The benchmark completes the login itself (completeLoginWithoutBrowser), so no browser opens.
        browser: { open: async () => undefined },
        secrets: new MemorySecretStore(),
        settings: new MemorySettingsStore(),
        clock: systemClock,
        notifier: silentNotifier,
        // A real file logger, as the hosts use: its synchronous appends are part of the app's cost.
        logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
      },
      dataDir,
      flavour: 'development',
      botsDir,
      sandbox: {},
    });
    try {
      const sandbox = supervisor.sandbox;
      if (!sandbox) throw new Error('The supervisor started without its Local sandbox.');
      const state = await supervisor.api.invoke('getState', {});
      const profile = state.profiles.find((p) => p.id === sandboxProfileId);
      if (!profile) throw new Error('The Local sandbox profile is missing.');
      // The same discovery the app performs (loopback http allowed, ID token signatures checked),
      // so the baseline differs from the app only by what the app adds around the grant.
      const oidcConfig = await oidc.discovery(new URL(profile.issuer), profile.clientId, undefined, oidc.None(), {
        execute: [oidc.allowInsecureRequests],
      });
      oidc.enableNonRepudiationChecks(oidcConfig);
      return new CoreHarness(supervisor, sandbox, profile, oidcConfig, dataDir);
    } catch (error) {
      await supervisor.shutdown();
      throw error;
    }
  }

  session(state: SupervisorState | undefined = this.#lastState): SessionView | undefined {
    return state?.sessions.find((s) => s.profileId === sandboxProfileId);
  }

  /** Resolves with the first `state` event that satisfies `predicate`; subscribe before acting. */
  nextState(predicate: (state: SupervisorState) => boolean, what: string): Promise<SupervisorState> {
    return waitFor((listener) => this.supervisor.api.on('state', listener), predicate, stateTimeoutMs, what);
  }

  /** Starts a sign-in in the core and completes the provider's login without a browser. */
  async beginSignIn(): Promise<string> {
    const { authorizationUrl } = await this.supervisor.api.invoke('signIn', { profileId: sandboxProfileId });
    return this.sandbox.completeLoginWithoutBrowser(authorizationUrl);
  }

  async signIn(): Promise<void> {
    if (this.session()?.status === 'active') return;
    const callback = await this.beginSignIn();
    const active = this.nextState((s) => this.session(s)?.status === 'active', 'sign-in');
    await this.supervisor.deliverRedirect(callback);
    await active;
  }

  async signOut(): Promise<void> {
    await this.supervisor.api.invoke('signOut', { profileId: sandboxProfileId });
  }

  /** A fresh code for a bare openid-client request, with the same parameters the app sends. */
  async bareAuthorization(): Promise<BareAuthorization> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = this.profile.scopes.includes('openid') ? oidc.randomNonce() : undefined;
    const url = oidc.buildAuthorizationUrl(this.oidcConfig, {
      ...this.profile.extraAuthParams,
      redirect_uri: this.profile.redirectUri,
      scope: this.profile.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      ...(nonce ? { nonce } : {}),
    }).href;
    return { callbackUrl: await this.sandbox.completeLoginWithoutBrowser(url), codeVerifier, state, nonce };
  }

  /** The bare token exchange the app's sign-in is compared with. */
  redeem(pending: BareAuthorization): Promise<oidc.TokenEndpointResponse> {
    return oidc.authorizationCodeGrant(this.oidcConfig, new URL(pending.callbackUrl), {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      ...(pending.nonce ? { expectedNonce: pending.nonce, idTokenExpected: true } : {}),
    });
  }

  /** An access token for the sandbox's demo user, obtained outside the app (for baselines). */
  async freshAccessToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const pending = await this.bareAuthorization();
    const tokens = await this.redeem(pending);
    return { accessToken: tokens.access_token, expiresInSeconds: tokens.expires_in ?? 3600 };
  }

  async close(): Promise<void> {
    await this.supervisor.shutdown();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
