import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { clientSecretKey, type Profile } from '../config/profile.js';
import type { Disposable, ErrorView, SignInStarted } from '../contract.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ExternalBrowser } from '../ports/external-browser.js';
import type { Logger } from '../ports/logger.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { Session } from '../session/session.js';
import type { SessionManager } from '../session/session-manager.js';
import { computeExpiresAt } from '../session/token-expiry.js';
import { PendingAuthorizations, type EndReason, type PendingAuthorization } from './pending-authorizations.js';
import { discoverProvider } from './provider-discovery.js';
import { parseRedirect } from './redirect-parser.js';
import { mapTokenExchangeError } from './token-error-mapping.js';

/** Tolerance for an ID token `iat` in the future (S23); openid-client accepts any. */
export const idTokenIatToleranceMs = 60_000;

export type SignInPhase =
  | { phase: 'idle' }
  | { phase: 'waitingForBrowser'; authorizationUrl: string; signInExpiresAt: number }
  | { phase: 'exchanging' }
  | { phase: 'error'; error: ErrorView };

export type SignInEvent =
  | { type: 'started'; profileId: string; prompt?: 'login' }
  | { type: 'exchanging'; profileId: string }
  | { type: 'completed'; profileId: string; subject: string; name?: string; reauthenticated: boolean }
  | { type: 'failed'; profileId: string; code: string }
  | { type: 'ended'; profileId: string; reason: EndReason }
  | { type: 'redirectIgnored'; reason: string };

export type RedirectOutcome =
  | { kind: 'signedIn'; profileId: string }
  | { kind: 'failed'; profileId: string; error: ErrorView }
  | { kind: 'ignored'; reason: string };

interface Deps {
  clock: Clock;
  browser: ExternalBrowser;
  logger: Logger;
  secrets: SecretStore;
  sessions: SessionManager;
  scheme: string;
  profile: (profileId: string) => Profile | undefined;
}

/**
 * Runs Authorization Code + PKCE sign-ins in the system browser and redeems their callbacks.
 * openid-client does PKCE, state, nonce, RFC 9207 `iss` and ID token checks; this service adds
 * what it leaves to us: one-shot pending entries, redirect shape checks, token sanity (S18),
 * `iat` in the future (S23), and messages a clinic user can act on.
 */
export class SignInService {
  readonly #pending: PendingAuthorizations;
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
      const secret = profile.clientAuth === 'none' ? undefined : await this.deps.secrets.get(clientSecretKey(profile.id));
      config = discoverProvider(profile, secret);
      this.#configs.set(profile.id, config);
      config.catch(() => this.#configs.delete(profile.id));
    }
    return config;
  }

  /** Forgets a cached discovery, e.g. after the profile was edited. */
  forgetConfiguration(profileId: string): void {
    this.#configs.delete(profileId);
  }

  async start(profileId: string, prompt?: 'login'): Promise<SignInStarted> {
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
    const redirectUri = this.#redirectUriFor(profile);
    const parameters: Record<string, string> = {
      ...profile.extraAuthParams,
      redirect_uri: redirectUri,
      scope: profile.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    };
    if (wantsIdToken) parameters.nonce = nonce;
    if (prompt) parameters.prompt = prompt;
    const authorizationUrl = oidc.buildAuthorizationUrl(config, parameters).href;

    const now = this.deps.clock.now();
    const signInExpiresAt = now + profile.signInTimeoutMs;
    this.#pending.add({
      state,
      profileId,
      codeVerifier,
      nonce,
      redirectUri,
      authorizationUrl,
      createdAt: now,
      expiresAt: signInExpiresAt,
    });
    this.#setPhase(profileId, { phase: 'waitingForBrowser', authorizationUrl, signInExpiresAt });
    this.#emit({ type: 'started', profileId, ...(prompt ? { prompt } : {}) });

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
   * Intake for every redirect channel (deep link, loopback listener). Never throws: the result is
   * reported to the caller and reflected in the profile's phase.
   */
  async handleRedirect(raw: unknown): Promise<RedirectOutcome> {
    const shape = parseRedirect(raw, { redirectUri: customSchemeRedirectUri(this.deps.scheme) });
    if (shape.kind === 'rejected') return this.#ignore(shape.reason);

    const pending = shape.state === undefined ? undefined : this.#pending.take(shape.state);
    if (!pending) {
      // S4 / S7: nothing is waiting for this state. A live sign-in is left alone, so a forged or
      // stale link cannot cancel it; the user can simply carry on or start again.
      return this.#ignore(this.#pending.size > 0 ? 'its state does not match the sign-in in progress' : 'no sign-in is in progress');
    }

    const profile = this.deps.profile(pending.profileId);
    if (!profile) return this.#ignore('its profile no longer exists');

    if (shape.kind === 'errorResponse') {
      const error = supervisorError('provider_refused', shape.error, shape.errorDescription);
      this.#fail(pending.profileId, error);
      return { kind: 'failed', profileId: pending.profileId, error: toView(error) };
    }

    this.#setPhase(pending.profileId, { phase: 'exchanging' });
    this.#emit({ type: 'exchanging', profileId: pending.profileId });
    try {
      const session = await this.#redeem(profile, pending, shape.url);
      const reauthenticated = this.deps.sessions.session(profile.id) !== undefined;
      await this.deps.sessions.establish(session);
      this.#setPhase(profile.id, { phase: 'idle' });
      this.#emit({
        type: 'completed',
        profileId: profile.id,
        subject: session.subject,
        ...(session.name !== undefined ? { name: session.name } : {}),
        reauthenticated,
      });
      return { kind: 'signedIn', profileId: profile.id };
    } catch (error) {
      const failure = this.#fail(profile.id, error);
      return { kind: 'failed', profileId: profile.id, error: toView(failure) };
    }
  }

  dispose(): void {
    this.#pending.dispose();
    this.#listeners.clear();
  }

  async #redeem(profile: Profile, pending: PendingAuthorization, callback: URL): Promise<Session> {
    const config = await this.configuration(profile);
    // Rebuild the URL on the registered redirect URI: for the bounce page the callback arrives on
    // our custom scheme, but the token request must name the https URI the provider saw.
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = callback.search;

    const receivedAt = this.deps.clock.now();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
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
      });
    }
    return this.#sessionFrom(profile, tokens, receivedAt);
  }

  #sessionFrom(profile: Profile, tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, receivedAt: number): Session {
    const accessToken = tokens.access_token;
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
      throw supervisorError('token_response_invalid', 'there is no access token');
    }
    if (typeof tokens.token_type !== 'string' || tokens.token_type.toLowerCase() !== 'bearer') {
      throw supervisorError('token_response_invalid', 'the token type is not Bearer');
    }
    const idClaims = tokens.claims();
    if (idClaims && typeof idClaims.iat === 'number' && idClaims.iat * 1000 > this.deps.clock.now() + idTokenIatToleranceMs) {
      throw supervisorError('id_token_invalid', 'it was issued in the future');
    }
    const expiresAt = computeExpiresAt({
      receivedAt,
      expiresInSeconds: tokens.expires_in,
      accessToken,
      defaultLifetimeMs: profile.defaultTokenLifetimeMs,
    });
    const accessClaims = readClaims(accessToken);
    const subject = stringClaim(idClaims?.sub) ?? stringClaim(accessClaims?.sub) ?? 'unknown';
    const name = stringClaim(idClaims?.name) ?? stringClaim(accessClaims?.name);
    const company = stringClaim(accessClaims?.CompanyId);
    const scopes = typeof tokens.scope === 'string' && tokens.scope.length > 0 ? tokens.scope.split(' ') : profile.scopes;
    return {
      profileId: profile.id,
      issuer: profile.issuer,
      accessToken,
      tokenType: 'Bearer',
      expiresAt,
      receivedAt,
      subject,
      ...(name !== undefined ? { name } : {}),
      ...(company !== undefined ? { company } : {}),
      scopes,
      ...(typeof tokens.refresh_token === 'string' ? { refreshToken: tokens.refresh_token } : {}),
      ...(typeof tokens.id_token === 'string' ? { idToken: tokens.id_token } : {}),
    };
  }

  #redirectUriFor(profile: Profile): string {
    switch (profile.redirect.mode) {
      case 'customScheme':
        return customSchemeRedirectUri(this.deps.scheme);
      case 'bounce':
        return profile.redirect.url;
      case 'loopback':
        // The loopback listener arrives with the sign-in completion issue; until then refuse clearly.
        throw supervisorError('invalid_request', 'loopback redirects are not available in this build yet');
    }
  }

  #onPendingEnded(entry: PendingAuthorization, reason: EndReason): void {
    this.#emit({ type: 'ended', profileId: entry.profileId, reason });
    if (reason === 'superseded') return; // The newer sign-in already owns the phase.
    if (reason === 'timedOut') {
      const profile = this.deps.profile(entry.profileId);
      const minutes = Math.round((profile?.signInTimeoutMs ?? 600_000) / 60_000);
      this.#setPhase(entry.profileId, { phase: 'error', error: toView(supervisorError('sign_in_timed_out', minutes)) });
    } else {
      this.#setPhase(entry.profileId, { phase: 'idle' });
    }
  }

  #fail(profileId: string, error: unknown): SupervisorError {
    const failure = isSupervisorError(error) ? error : supervisorError('internal_error', { cause: error });
    if (!isSupervisorError(error)) this.deps.logger.error('sign-in failed unexpectedly', { profileId, error: errorName(error) });
    this.#setPhase(profileId, { phase: 'error', error: toView(failure) });
    this.#emit({ type: 'failed', profileId, code: failure.code });
    this.deps.logger.warn('sign-in failed', { profileId, code: failure.code });
    return failure;
  }

  #ignore(reason: string): RedirectOutcome {
    // Only the reason is logged: the URL may carry an authorization code (S7).
    this.deps.logger.warn('sign-in redirect ignored', { reason });
    this.#emit({ type: 'redirectIgnored', reason });
    return { kind: 'ignored', reason };
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

function readClaims(token: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function toView(error: SupervisorError): ErrorView {
  return { code: error.code, message: error.message };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
