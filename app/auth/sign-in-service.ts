import * as oidc from 'openid-client';
import type { Profile } from '../config/profile.js';
import type { ProfileLookup } from '../config/profile-registry.js';
import { redirectUriFor } from '../config/redirect-uri-for.js';
import type { Disposable, ErrorView, SignInStarted } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { ListenerSet } from '../common/listener-set.js';
import type { CallbackAnswer, DeepLink } from '../deep-link/parse-deep-link.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ExternalBrowser } from '../ports/external-browser.js';
import type { Logger } from '../ports/logger.js';
import { preflightAuthorization, preflightView } from './authorization-preflight.js';
import { asksWhoSignsIn, buildAuthorizationRequest } from './authorization-request.js';
import { exchangeCode } from './exchange-code.js';
import { LoopbackListener } from './loopback-listener.js';
import type { ProviderConfigurations } from './provider-configurations.js';
import { endCodes, phaseView, SignInAttempts, type EndReason, type SignInPhaseView, type WaitingForBrowser } from './sign-in-attempts.js';
import type { IgnoreCode, Redeemed, RedirectOutcome, SignInEvent, StartOptions } from './sign-in-types.js';
import { formatPeriodWords } from '../common/format-duration.js';

export type { IgnoreCode, Redeemed, RedirectOutcome, SignInEvent, StartOptions } from './sign-in-types.js';

interface Deps {
  clock: Clock;
  browser: ExternalBrowser;
  logger: Logger;
  scheme: string;
  profiles: ProfileLookup;
  providers: ProviderConfigurations;
  /** The machine policy's `supervision.askWhoSignsIn`: true makes every sign-in ask who is signing in. */
  askWhoSignsIn?: () => boolean;
}

/**
 * Runs Authorization Code + PKCE sign-ins in the system browser and redeems their answers, in
 * every redirect mode: custom scheme, loopback (ephemeral or fixed port) and the https bounce
 * page, whose answer arrives on the custom scheme. openid-client does PKCE, state, nonce, RFC 9207
 * `iss` and ID token checks; this service adds what it leaves to us: one-shot attempts, token
 * sanity (S18), `iat` in the future (S23), and messages a clinic user can act on. It returns
 * sessions and never stores one: `completeSignIn` (app/commands) does that.
 */
export class SignInService {
  readonly #attempts = new SignInAttempts();
  /** States whose answer was being redeemed when Cancel or sign-out came: their token is dropped (S124). */
  readonly #cancelledExchanges = new Set<string>();
  /** Cancels per profile, so a start still on its way (discovery, pre-flight) sees one came meanwhile. */
  readonly #cancels = new Map<string, number>();
  readonly #events: ListenerSet<SignInEvent>;

  constructor(private readonly deps: Deps) {
    this.#events = new ListenerSet((error) => deps.logger.error('a sign-in listener failed', { error: errorName(error) }));
  }

  phase(profileId: string): SignInPhaseView {
    return phaseView(this.#attempts.get(profileId));
  }

  onDidEvent(listener: (event: SignInEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  /** Starts a sign-in and opens the system browser (S1). A new start ends a waiting one (S11). */
  async start(profileId: string, options: StartOptions = {}): Promise<SignInStarted> {
    const profile = this.#requireProfile(profileId);
    const purpose = options.purpose ?? 'signIn';
    const cancelsAtStart = this.#cancels.get(profileId) ?? 0;
    const state = oidc.randomState();
    let config: oidc.Configuration;
    let loopback: LoopbackListener | undefined;
    try {
      config = await this.deps.providers.configuration(profile);
      const previous = this.#attempts.get(profileId);
      // Free a fixed loopback port before this attempt binds it.
      if (previous.phase === 'waitingForBrowser') await previous.loopback?.close();
      if (profile.redirect.mode === 'loopback') loopback = await this.#openLoopback(profile, state, options.onLoopbackAnswer);
    } catch (error) {
      throw this.#failStart(profileId, error);
    }
    const redirectUri = loopback?.redirectUri ?? redirectUriFor(profile, this.deps.scheme);
    const prompt = options.prompt ?? (asksWhoSignsIn(profile, this.deps.askWhoSignsIn?.() === true) ? 'login' : undefined);
    const { authorizationUrl, codeVerifier, nonce } = await buildAuthorizationRequest(config, profile, { state, redirectUri, ...(prompt ? { prompt } : {}) });
    // Ask the provider ourselves first, so a refusal before its login page shows at once (S55).
    const preflight = await preflightAuthorization(this.deps.providers.fetch, { authorizationUrl, redirectUri, clientId: profile.clientId }, this.deps.logger);
    // A Cancel or sign-out while this start was on its way wins: no browser opens, nothing waits.
    if ((this.#cancels.get(profileId) ?? 0) !== cancelsAtStart) {
      await loopback?.close();
      throw supervisorError('sign_in_cancelled');
    }
    const startedAt = this.deps.clock.now();
    const expiresAt = startedAt + profile.signInTimeoutMs;
    const timer = this.deps.clock.setTimer(() => this.#timeOut(profileId, state), expiresAt - startedAt);
    const route = loopback ? 'loopback' : 'customScheme';
    const found = preflightView(preflight);
    const waiting: WaitingForBrowser = { phase: 'waitingForBrowser', profileId, purpose, state, codeVerifier, nonce, redirectUri, route, authorizationUrl, startedAt, expiresAt, timer, ...(found ? { preflight: found } : {}) };
    this.#replace(profileId, loopback ? { ...waiting, loopback } : waiting);
    this.#events.emit({ type: 'started', profileId, purpose, ...(prompt ? { prompt } : {}) });
    // A refused request would only show the provider's bare error page; the card explains it.
    if (preflight.outcome !== 'refused') await this.#openBrowser(profileId, authorizationUrl);
    return { profileId, authorizationUrl };
  }

  /** Opens the waiting sign-in's page in the system browser, e.g. after a refused pre-flight. */
  async openSignInPage(profileId: string): Promise<void> {
    const attempt = this.#attempts.get(profileId);
    if (attempt.phase !== 'waitingForBrowser') throw supervisorError('no_sign_in_waiting');
    await this.#openBrowser(profileId, attempt.authorizationUrl);
  }

  async #openBrowser(profileId: string, authorizationUrl: string): Promise<void> {
    // On failure the link stays visible in the UI, so the user can still open it by hand.
    await this.deps.browser.open(authorizationUrl).catch((error: unknown) => this.deps.logger.warn('could not open the system browser', { profileId, error: errorName(error) }));
  }

  cancel(profileId: string): void {
    this.#cancels.set(profileId, (this.#cancels.get(profileId) ?? 0) + 1);
    const attempt = this.#attempts.get(profileId);
    if (attempt.phase === 'failed') return this.#attempts.move(profileId, { phase: 'idle' });
    if (attempt.phase === 'exchanging') {
      // A sign-out (the kill switch) ends supervision: a code already redeeming must not undo it.
      this.#cancelledExchanges.add(attempt.state);
      this.#attempts.move(profileId, { phase: 'idle' });
      return this.#ended(attempt, 'cancelled');
    }
    if (attempt.phase !== 'waitingForBrowser') return;
    this.#attempts.move(profileId, { phase: 'idle' });
    this.#ended(attempt, 'cancelled');
  }

  /**
   * Redeems an answer from any route: takes its waiting attempt once, by state, and exchanges the
   * code. Never throws; what went wrong is reported and reflected in the profile's attempt.
   */
  async redeem(link: Exclude<DeepLink, { kind: 'selfTest' }>): Promise<Redeemed | Exclude<RedirectOutcome, { kind: 'signedIn' }>> {
    if (link.kind === 'unknown') return this.#ignore(link.reason, 'invalid_redirect');
    const taken = this.#attempts.take(link.state, link.route, this.deps.clock.now());
    if (taken.kind === 'wrongRoute') return this.#ignore('it arrived by a different route than the sign-in in progress expects', 'invalid_redirect');
    if (taken.kind === 'expired') this.#timeOut(taken.attempt.profileId, taken.attempt.state);
    if (taken.kind !== 'taken') {
      // S4 / S7: nothing waits for this state. A waiting sign-in is left alone, so a forged or
      // stale link cannot cancel it; the user can simply carry on or start again.
      return this.#attempts.hasWaiting()
        ? this.#ignore('its state does not match the sign-in in progress', 'state_mismatch')
        : this.#ignore('no sign-in is in progress', 'no_pending_sign_in');
    }
    const { attempt } = taken;
    const profile = this.deps.profiles.get(attempt.profileId);
    if (!profile) {
      this.#attempts.move(attempt.profileId, { phase: 'idle' });
      return this.#ignore('its profile no longer exists', 'invalid_redirect');
    }
    if (link.answer.kind === 'error') {
      const error = await this.#refusal(profile, link.answer).catch((failure: unknown) => failure);
      return { kind: 'failed', profileId: profile.id, error: this.fail(attempt, error) };
    }
    this.#events.emit({ type: 'exchanging', profileId: profile.id });
    try {
      const session = await exchangeCode(this.deps, profile, attempt, link.answer.search);
      if (this.#cancelledExchanges.has(attempt.state)) return cancelledOutcome(profile.id);
      return { kind: 'redeemed', profile, session, purpose: attempt.purpose, state: attempt.state };
    } catch (error) {
      if (this.#cancelledExchanges.has(attempt.state)) return cancelledOutcome(profile.id);
      return { kind: 'failed', profileId: profile.id, error: this.fail(attempt, error) };
    } finally {
      this.#cancelledExchanges.delete(attempt.state);
    }
  }

  /** The redeemed session is in place: the attempt is over. */
  succeed(redeemed: Redeemed, reauthenticated: boolean): void {
    const { profile, session } = redeemed;
    if (this.#isExchanging(profile.id, redeemed.state)) this.#attempts.move(profile.id, { phase: 'idle' });
    this.#events.emit({
      type: 'completed',
      profileId: profile.id,
      subject: session.subject,
      ...(session.name !== undefined ? { name: session.name } : {}),
      reauthenticated,
      purpose: redeemed.purpose,
    });
  }

  /** The attempt failed after its answer was taken; a newer attempt for the profile is left alone. */
  fail(attempt: { profileId: string; state: string }, error: unknown): ErrorView {
    const failure = this.#asFailure(attempt.profileId, error);
    if (this.#isExchanging(attempt.profileId, attempt.state)) this.#attempts.move(attempt.profileId, { phase: 'failed', error: toErrorView(failure, 'internal_error') });
    return toErrorView(failure, 'internal_error');
  }

  dispose(): void {
    this.#attempts.dispose();
    this.#events.clear();
  }

  /**
   * An error answer is held to RFC 9207 as openid-client holds a code answer (S2, S3): in a mix-up
   * another provider answers for this sign-in, and its words must not appear in this one's name.
   */
  async #refusal(profile: Profile, answer: Extract<CallbackAnswer, { kind: 'error' }>): Promise<SupervisorError> {
    const metadata = (await this.deps.providers.configuration(profile)).serverMetadata();
    const wrongIssuer = answer.iss === undefined ? metadata.authorization_response_iss_parameter_supported === true : answer.iss !== metadata.issuer;
    return wrongIssuer ? supervisorError('issuer_mismatch') : supervisorError('provider_refused', answer.error, answer.description);
  }

  async #openLoopback(profile: Profile, state: string, deliver: StartOptions['onLoopbackAnswer']): Promise<LoopbackListener> {
    if (profile.redirect.mode !== 'loopback' || !deliver) throw supervisorError('internal_error');
    return LoopbackListener.open({ port: profile.redirect.port, path: profile.redirect.path, expectedState: state, logger: this.deps.logger, deliver });
  }

  /** Moves to a new attempt; a waiting one it replaces was superseded (S11). */
  #replace(profileId: string, next: WaitingForBrowser | { phase: 'failed'; error: ErrorView }): void {
    const previous = this.#attempts.get(profileId);
    this.#attempts.move(profileId, next);
    if (previous.phase === 'waitingForBrowser') this.#ended(previous, 'superseded');
  }

  #timeOut(profileId: string, state: string): void {
    const attempt = this.#attempts.get(profileId);
    if (attempt.phase !== 'waitingForBrowser' || attempt.state !== state) return;
    const within = formatPeriodWords(this.deps.profiles.get(profileId)?.signInTimeoutMs ?? 600_000);
    this.#attempts.move(profileId, { phase: 'failed', error: toErrorView(supervisorError('sign_in_timed_out', within), 'internal_error') });
    this.#ended(attempt, 'timedOut');
  }

  #ended(attempt: { profileId: string }, reason: EndReason): void {
    const code = endCodes[reason];
    this.deps.logger.info('sign-in ended without an answer', { profileId: attempt.profileId, code });
    this.#events.emit({ type: 'ended', profileId: attempt.profileId, reason, code });
  }

  #failStart(profileId: string, error: unknown): SupervisorError {
    const failure = this.#asFailure(profileId, error);
    this.#replace(profileId, { phase: 'failed', error: toErrorView(failure, 'internal_error') });
    return failure;
  }

  #asFailure(profileId: string, error: unknown): SupervisorError {
    const failure = isSupervisorError(error) ? error : supervisorError('internal_error', { cause: error });
    if (!isSupervisorError(error)) this.deps.logger.error('sign-in failed unexpectedly', { profileId, error: errorName(error) });
    this.#events.emit({ type: 'failed', profileId, code: failure.code });
    this.deps.logger.warn('sign-in failed', { profileId, code: failure.code });
    return failure;
  }

  #isExchanging(profileId: string, state: string): boolean {
    const attempt = this.#attempts.get(profileId);
    return attempt.phase === 'exchanging' && attempt.state === state;
  }

  #ignore(reason: string, code: IgnoreCode): RedirectOutcome & { kind: 'ignored' } {
    // Only the code and a fixed reason are logged: the link may carry an authorization code (S7).
    this.deps.logger.warn('sign-in redirect ignored', { code, reason });
    this.#events.emit({ type: 'redirectIgnored', reason, code });
    return { kind: 'ignored', reason, code };
  }

  #requireProfile(profileId: string): Profile {
    const profile = this.deps.profiles.get(profileId);
    if (!profile) throw supervisorError('unknown_profile', profileId);
    return profile;
  }
}

/** The token that arrived is dropped unused; the user already saw the sign-in end. */
function cancelledOutcome(profileId: string): RedirectOutcome & { kind: 'failed' } {
  return { kind: 'failed', profileId, error: toErrorView(supervisorError('sign_in_cancelled'), 'internal_error') };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
