import * as oidc from 'openid-client';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { clientSecretKey, type Profile } from '../config/profile.js';
import { redirectUriFor } from '../config/redirect-uri-for.js';
import type { Disposable, ErrorView, SignInStarted } from '../common/contract.js';
import type { ErrorCode } from '../common/error-catalogue.js';
import { toErrorView } from '../common/error-view.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ExternalBrowser } from '../ports/external-browser.js';
import type { Logger } from '../ports/logger.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { Session } from '../session/session.js';
import type { SessionManager } from '../session/session-manager.js';
import { LoopbackListener } from './loopback-listener.js';
import { PendingAuthorizations, type EndReason, type PendingAuthorization, type SignInPurpose } from './pending-authorizations.js';
import { discoverProvider, discoveryTimeoutMs } from './provider-discovery.js';
import { parseRedirect } from './redirect-parser.js';
import { sessionFromTokens, type TokenResponse } from './session-from-tokens.js';
import { mapTokenExchangeError } from './token-error-mapping.js';

export { idTokenIatToleranceMs } from './session-from-tokens.js';

export type SignInPhase =
  | { phase: 'idle' }
  | { phase: 'waitingForBrowser'; authorizationUrl: string; signInExpiresAt: number }
  | { phase: 'exchanging' }
  | { phase: 'error'; error: ErrorView };

export type SignInEvent =
  | { type: 'started'; profileId: string; prompt?: 'login'; purpose: SignInPurpose }
  | { type: 'exchanging'; profileId: string }
  | { type: 'completed'; profileId: string; subject: string; name?: string; reauthenticated: boolean; purpose: SignInPurpose }
  | { type: 'refreshed'; profileId: string }
  | { type: 'failed'; profileId: string; code: ErrorCode }
  | { type: 'ended'; profileId: string; reason: EndReason; code: EndCode }
  | { type: 'redirectIgnored'; reason: string; code: IgnoreCode };

/** Stable codes (app/common/error-catalogue.ts) for how a pending sign-in ended without a callback. */
export type EndCode = 'sign_in_superseded' | 'sign_in_cancelled' | 'sign_in_timed_out';
const endCodes: Record<EndReason, EndCode> = {
  superseded: 'sign_in_superseded',
  cancelled: 'sign_in_cancelled',
  timedOut: 'sign_in_timed_out',
};

/** Stable codes for an ignored redirect: none pending (S7), not ours (S4), or malformed (S8). */
export type IgnoreCode = 'no_pending_sign_in' | 'state_mismatch' | 'invalid_redirect';

export type RedirectOutcome =
  | { kind: 'signedIn'; profileId: string }
  | { kind: 'failed'; profileId: string; error: ErrorView }
  | { kind: 'ignored'; reason: string; code: IgnoreCode };

interface Deps {
  clock: Clock;
  browser: ExternalBrowser;
  logger: Logger;
  secrets: SecretStore;
  sessions: SessionManager;
  scheme: string;
  profile: (profileId: string) => Profile | undefined;
  /** Bound on every request to the provider (discovery, token, userinfo); default 10 s (S14, S16). */
  httpTimeoutMs?: number;
  /**
   * HCSS partner profiles: records the company the consenting user connected, from the new
   * session's claims. Runs before the session is put in place; a throw fails the sign-in.
   */
  connectCompany?: (profile: Profile, session: Session) => Promise<void>;
}

/**
 * Runs Authorization Code + PKCE sign-ins in the system browser and redeems their callbacks, in
 * every redirect mode: custom scheme, loopback (ephemeral or fixed port) and the https bounce
 * page, whose callback arrives on the custom scheme. openid-client does PKCE, state, nonce,
 * RFC 9207 `iss` and ID token checks; this service adds what it leaves to us: one-shot pending
 * entries, redirect shape checks, token sanity (S18), `iat` in the future (S23), refresh, and
 * messages a clinic user can act on.
 */
export class SignInService {
  readonly #pending: PendingAuthorizations;
  readonly #loopbacks = new Map<string, LoopbackListener>();
  readonly #phases = new Map<string, SignInPhase>();
  readonly #configs = new Map<string, Promise<oidc.Configuration>>();
  readonly #listeners = new Set<(event: SignInEvent) => void>();

  constructor(private readonly deps: Deps) {
    this.#pending = new PendingAuthorizations(deps.clock, (entry, reason) => this.#onPendingEnded(entry, reason));
  }

  phase(profileId: string): SignInPhase {
    return this.#phases.get(profileId) ?? { phase: 'idle' };
  }

  onDidEvent(listener: (event: SignInEvent) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /** The provider configuration, discovered once per profile and retried after a failure. */
  async configuration(profile: Profile): Promise<oidc.Configuration> {
    let config = this.#configs.get(profile.id);
    if (!config) {
      config = (async () => {
        const secret = profile.clientAuth === 'none' ? undefined : await this.deps.secrets.get(clientSecretKey(profile.id));
        return discoverProvider(profile, secret, { timeoutMs: this.#timeoutMs });
      })();
      this.#configs.set(profile.id, config);
      config.catch(() => this.#configs.delete(profile.id));
    }
    return config;
  }

  /** Forgets a cached discovery, e.g. after the profile was edited. */
  forgetConfiguration(profileId: string): void {
    this.#configs.delete(profileId);
  }

  /**
   * Starts a sign-in and opens the system browser (S1). A second start for the same profile ends
   * the first deterministically (S11). `connectCompany` is the HCSS consent-and-verify sign-in.
   */
  async start(profileId: string, prompt?: 'login', purpose: SignInPurpose = 'signIn'): Promise<SignInStarted> {
    const profile = this.#requireProfile(profileId);
    let config: oidc.Configuration;
    try {
      config = await this.configuration(profile);
    } catch (error) {
      throw this.#fail(profileId, error);
    }

    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const wantsIdToken = profile.scopes.includes('openid');
    const nonce = wantsIdToken ? oidc.randomNonce() : '';
    let loopback: LoopbackListener | undefined;
    if (profile.redirect.mode === 'loopback') {
      try {
        loopback = await LoopbackListener.open({
          port: profile.redirect.port,
          path: profile.redirect.path,
          expectedState: state,
          logger: this.deps.logger,
          deliver: async (url) => (await this.#handle(url, 'loopback')).kind === 'signedIn',
        });
      } catch (error) {
        throw this.#fail(profileId, error);
      }
    }
    const redirectUri = loopback?.redirectUri ?? redirectUriFor(profile, this.deps.scheme);
    const parameters: Record<string, string> = {
      ...profile.extraAuthParams,
      redirect_uri: redirectUri,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    };
    // Healthcode's guide sends no scope at all; an empty `scope=` would be a different request.
    if (profile.scopes.length > 0) parameters.scope = profile.scopes.join(' ');
    if (wantsIdToken) parameters.nonce = nonce;
    if (prompt) parameters.prompt = prompt;
    const authorizationUrl = oidc.buildAuthorizationUrl(config, parameters).href;

    const now = this.deps.clock.now();
    const signInExpiresAt = now + profile.signInTimeoutMs;
    // Superseding the previous sign-in closes its listener before this one is registered.
    this.#pending.add({
      state,
      profileId,
      codeVerifier,
      nonce,
      redirectUri,
      authorizationUrl,
      createdAt: now,
      expiresAt: signInExpiresAt,
      channel: loopback ? 'loopback' : 'deepLink',
      purpose,
    });
    if (loopback) this.#loopbacks.set(state, loopback);
    this.#setPhase(profileId, { phase: 'waitingForBrowser', authorizationUrl, signInExpiresAt });
    this.#emit({ type: 'started', profileId, purpose, ...(prompt ? { prompt } : {}) });

    try {
      await this.deps.browser.open(authorizationUrl);
    } catch (error) {
      // The link stays visible in the UI, so the user can still open it by hand.
      this.deps.logger.warn('could not open the system browser', { profileId, error: errorName(error) });
    }
    return { profileId, authorizationUrl };
  }

  cancel(profileId: string): void {
    this.#pending.cancel(profileId);
  }

  /**
   * Revokes a signed-out session's tokens at the provider, when it has a revocation endpoint
   * (S29). The local copy is gone whatever this returns. `unsupported` is the RFC 7009 answer for
   * self-contained JWT access tokens, which many providers cannot revoke; they simply expire.
   */
  async revoke(session: Session): Promise<'revoked' | 'unsupported' | 'noEndpoint' | 'failed'> {
    const profile = this.deps.profile(session.profileId);
    if (!profile) return 'noEndpoint';
    try {
      const config = await this.configuration(profile);
      if (!config.serverMetadata().revocation_endpoint) return 'noEndpoint';
      let result: 'revoked' | 'unsupported' = 'revoked';
      if (session.refreshToken) await oidc.tokenRevocation(config, session.refreshToken, { token_type_hint: 'refresh_token' });
      try {
        await oidc.tokenRevocation(config, session.accessToken, { token_type_hint: 'access_token' });
      } catch (error) {
        if (!(error instanceof oidc.ResponseBodyError && error.error === 'unsupported_token_type')) throw error;
        result = 'unsupported';
      }
      return result;
    } catch (error) {
      this.deps.logger.warn('token revocation failed', { profileId: session.profileId, error: errorName(error) });
      return 'failed';
    }
  }

  /**
   * Renews a session with its refresh token (providers that issue one; Healthcode does not).
   * A rotated refresh token replaces the old one. Throws a SupervisorError on failure; the caller
   * keeps the current token until it expires.
   */
  async refresh(session: Session): Promise<Session> {
    const profile = this.#requireProfile(session.profileId);
    if (!session.refreshToken) throw supervisorError('token_refresh_failed', profile.name);
    const config = await this.configuration(profile);
    const receivedAt = this.deps.clock.now();
    let tokens: TokenResponse;
    try {
      tokens = await oidc.refreshTokenGrant(config, session.refreshToken);
    } catch (error) {
      throw mapTokenExchangeError(error, {
        tokenEndpoint: config.serverMetadata().token_endpoint ?? profile.issuer,
        redirectUri: redirectUriFor(profile, this.deps.scheme),
        timeoutMs: this.#timeoutMs,
      });
    }
    const renewed = sessionFromTokens({ profile, tokens, receivedAt, now: this.deps.clock.now(), previous: session });
    this.#emit({ type: 'refreshed', profileId: profile.id });
    return renewed;
  }

  /**
   * Deep-link intake (custom scheme, and the bounce page, which forwards to it). Never throws:
   * the result is reported to the caller and reflected in the profile's phase.
   */
  async handleRedirect(raw: unknown): Promise<RedirectOutcome> {
    return this.#handle(raw, 'deepLink');
  }

  async #handle(raw: unknown, channel: 'deepLink' | 'loopback'): Promise<RedirectOutcome> {
    const state = stateOf(raw);
    const expectedUri = channel === 'loopback' && state !== undefined ? this.#pending.peek(state)?.redirectUri : customSchemeRedirectUri(this.deps.scheme);
    if (expectedUri === undefined) return this.#ignore('no sign-in is in progress', 'no_pending_sign_in');
    const shape = parseRedirect(raw, { redirectUri: expectedUri });
    if (shape.kind === 'rejected') return this.#ignore(shape.reason, 'invalid_redirect');

    const waiting = shape.state === undefined ? undefined : this.#pending.peek(shape.state);
    if (waiting && waiting.channel !== channel) {
      // A loopback sign-in never answers on the custom scheme, and vice versa.
      return this.#ignore('it arrived by a different route than the sign-in in progress expects', 'invalid_redirect');
    }
    const pending = shape.state === undefined ? undefined : this.#pending.take(shape.state);
    if (!pending) {
      // S4 / S7: nothing is waiting for this state. A live sign-in is left alone, so a forged or
      // stale link cannot cancel it; the user can simply carry on or start again.
      return this.#pending.size > 0
        ? this.#ignore('its state does not match the sign-in in progress', 'state_mismatch')
        : this.#ignore('no sign-in is in progress', 'no_pending_sign_in');
    }
    // The listener answers this hit and then closes itself; it is no longer this service's to close.
    this.#loopbacks.delete(pending.state);

    const profile = this.deps.profile(pending.profileId);
    if (!profile) return this.#ignore('its profile no longer exists', 'invalid_redirect');

    if (shape.kind === 'errorResponse') {
      const error = supervisorError('provider_refused', shape.error, shape.errorDescription);
      this.#fail(pending.profileId, error);
      return { kind: 'failed', profileId: pending.profileId, error: toErrorView(error, 'internal_error') };
    }

    this.#setPhase(pending.profileId, { phase: 'exchanging' });
    this.#emit({ type: 'exchanging', profileId: pending.profileId });
    try {
      const session = await this.#redeem(profile, pending, shape.url);
      if (pending.purpose === 'connectCompany') await this.deps.connectCompany?.(profile, session);
      const reauthenticated = this.deps.sessions.session(profile.id) !== undefined;
      await this.deps.sessions.establish(session);
      this.#setPhase(profile.id, { phase: 'idle' });
      this.#emit({
        type: 'completed',
        profileId: profile.id,
        subject: session.subject,
        ...(session.name !== undefined ? { name: session.name } : {}),
        reauthenticated,
        purpose: pending.purpose ?? 'signIn',
      });
      return { kind: 'signedIn', profileId: profile.id };
    } catch (error) {
      const failure = this.#fail(profile.id, error);
      return { kind: 'failed', profileId: profile.id, error: toErrorView(failure, 'internal_error') };
    }
  }

  dispose(): void {
    this.#pending.dispose();
    for (const listener of this.#loopbacks.values()) void listener.close();
    this.#loopbacks.clear();
    this.#listeners.clear();
  }

  get #timeoutMs(): number {
    return this.deps.httpTimeoutMs ?? discoveryTimeoutMs;
  }

  async #redeem(profile: Profile, pending: PendingAuthorization, callback: URL): Promise<Session> {
    const config = await this.configuration(profile);
    // Rebuild the URL on the registered redirect URI: for the bounce page the callback arrives on
    // our custom scheme, but the token request must name the https URI the provider saw.
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = callback.search;

    const receivedAt = this.deps.clock.now();
    let tokens: TokenResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        // Never optional: openid-client silently omits code_verifier without it (S13).
        pkceCodeVerifier: requireVerifier(pending.codeVerifier),
        expectedState: pending.state,
        ...(pending.nonce ? { expectedNonce: pending.nonce, idTokenExpected: true } : {}),
      });
    } catch (error) {
      throw mapTokenExchangeError(error, {
        tokenEndpoint: config.serverMetadata().token_endpoint ?? profile.issuer,
        redirectUri: pending.redirectUri,
        timeoutMs: this.#timeoutMs,
      });
    }
    return sessionFromTokens({ profile, tokens, receivedAt, now: this.deps.clock.now() });
  }

  #onPendingEnded(entry: PendingAuthorization, reason: EndReason): void {
    // No loopback listener outlives its sign-in (S9).
    void this.#loopbacks.get(entry.state)?.close();
    this.#loopbacks.delete(entry.state);
    const code = endCodes[reason];
    this.deps.logger.info('sign-in ended without an answer', { profileId: entry.profileId, code });
    this.#emit({ type: 'ended', profileId: entry.profileId, reason, code });
    if (reason === 'superseded') return; // The newer sign-in already owns the phase.
    if (reason === 'timedOut') {
      const profile = this.deps.profile(entry.profileId);
      const minutes = Math.round((profile?.signInTimeoutMs ?? 600_000) / 60_000);
      this.#setPhase(entry.profileId, { phase: 'error', error: toErrorView(supervisorError('sign_in_timed_out', minutes), 'internal_error') });
    } else {
      this.#setPhase(entry.profileId, { phase: 'idle' });
    }
  }

  #fail(profileId: string, error: unknown): SupervisorError {
    const failure = isSupervisorError(error) ? error : supervisorError('internal_error', { cause: error });
    if (!isSupervisorError(error)) this.deps.logger.error('sign-in failed unexpectedly', { profileId, error: errorName(error) });
    this.#setPhase(profileId, { phase: 'error', error: toErrorView(failure, 'internal_error') });
    this.#emit({ type: 'failed', profileId, code: failure.code });
    this.deps.logger.warn('sign-in failed', { profileId, code: failure.code });
    return failure;
  }

  #ignore(reason: string, code: IgnoreCode): RedirectOutcome {
    // Only the code and a fixed reason are logged: the URL may carry an authorization code (S7).
    this.deps.logger.warn('sign-in redirect ignored', { code, reason });
    this.#emit({ type: 'redirectIgnored', reason, code });
    return { kind: 'ignored', reason, code };
  }

  #requireProfile(profileId: string): Profile {
    const profile = this.deps.profile(profileId);
    if (!profile) throw supervisorError('unknown_profile', profileId);
    return profile;
  }

  #setPhase(profileId: string, phase: SignInPhase): void {
    this.#phases.set(profileId, phase);
  }

  #emit(event: SignInEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function requireVerifier(verifier: string): string {
  if (verifier.length < 43) throw supervisorError('internal_error');
  return verifier;
}

/** The state of a raw redirect, read leniently only to find which listener it claims to be for. */
function stateOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return URL.parse(raw)?.searchParams.get('state') ?? undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
