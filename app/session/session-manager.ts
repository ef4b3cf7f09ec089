import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import type { Disposable } from '../common/contract.js';
import { isErrorCode, type ErrorCode } from '../common/error-catalogue.js';
import { ListenerSet } from '../common/listener-set.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { CompanyTokenSource } from './company-connections.js';
import { assertSessionTransition, nextStatusChangeAt, refreshDueAt, sessionOf, sessionStatusAt, summaryOf, type LiveStatus, type Session, type SessionState, type SessionSummary } from './session.js';
import { StoredSessions } from './stored-sessions.js';

/** Renews a session with its refresh token (app/auth/provider-tokens.ts); throws on failure. */
export interface SessionRefresher {
  refresh(session: Session): Promise<Session>;
}

/** What the session manager reads from a profile. */
export interface SessionProfiles {
  get(profileId: string): { name: string; warningMinutes: readonly number[]; issuer: string } | undefined;
}

/** Longest wait between looks at the wall clock: timers count awake time only, and the browser host hears of no wake. */
export const wallClockCheckMs = 30_000;

export type SessionEvent =
  | { type: 'established'; profileId: string; session: Session; replaced: boolean }
  | { type: 'signedOut'; profileId: string; session: Session }
  | { type: 'warning'; profileId: string; minutesLeft: number }
  | { type: 'expired'; profileId: string; session: Session }
  | { type: 'restored'; profileId: string; session: Session }
  | { type: 'discarded'; profileId: string; reason: 'expired' | 'unreadable' }
  | { type: 'refreshed'; profileId: string; session: Session }
  | { type: 'refreshFailed'; profileId: string; code: ErrorCode };

interface Deps {
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  secrets: SecretStore;
  profiles: SessionProfiles;
  /** Absent when no provider issues refresh tokens. */
  refresher?: SessionRefresher;
  companyTokens?: CompanyTokenSource;
}

/**
 * Owns each profile's session state (app/session/session.ts) and everything time-based about it:
 * warnings, expiry, refresh and what the broker may serve. Status is always computed from the
 * wall clock; timers only prompt a `recheck`, so sleep and resume cannot leave a stale status.
 * Sessions with a refresh token are renewed at 80% of their lifetime; concurrent callers share
 * one refresh, and a failed refresh keeps the current token until it expires. Every change is
 * announced as it happens, before its disk write ends: a sign-out meanwhile is heard after the
 * sign-in it ends (S103), and a failed delete still leaves the session ended and announced.
 */
export class SessionManager implements SessionAccess {
  readonly #states = new Map<string, SessionState>();
  readonly #stored: StoredSessions;
  readonly #events: ListenerSet<SessionEvent>;
  readonly #changes: ListenerSet<string>;
  readonly #subscriptions: Disposable[] = [];
  #timer: Disposable | undefined;

  constructor(private readonly deps: Deps) {
    const onError = (error: unknown) => deps.logger.error('a session listener failed', { error: error instanceof Error ? error.name : typeof error });
    this.#events = new ListenerSet(onError);
    this.#changes = new ListenerSet(onError);
    this.#stored = new StoredSessions({ secrets: deps.secrets, logger: deps.logger });
    const companies = deps.companyTokens?.onDidChange((profileId) => this.#changes.emit(profileId));
    if (companies) this.#subscriptions.push(companies);
  }

  state(profileId: string): SessionState {
    return this.#states.get(profileId) ?? { status: 'signedOut' };
  }

  /** Puts a new token in place; true when it replaced one. Waiting bots continue with it. */
  async establish(session: Session): Promise<boolean> {
    const replaced = sessionOf(this.state(session.profileId)) !== undefined;
    this.#move(session.profileId, { status: 'active', session, announced: [], refreshFailed: false });
    const stored = this.#stored.write(session);
    this.#emit({ type: 'established', profileId: session.profileId, session, replaced });
    this.recheck();
    await stored;
    return replaced;
  }

  async signOut(profileId: string): Promise<Session | undefined> {
    const previous = this.state(profileId);
    if (previous.status !== 'signedOut') this.#move(profileId, { status: 'signedOut' });
    const deleted = this.#stored.delete(profileId);
    const session = sessionOf(previous);
    if (session) this.#emit({ type: 'signedOut', profileId, session });
    else if (previous.status === 'expiredAtStart') this.#changes.emit(profileId);
    this.recheck();
    await deleted;
    return session;
  }

  /**
   * Loads stored sessions; expired or unreadable ones are discarded, never served (S25, S28). An
   * expired one still shows as Expired (see `summary`), so the user knows to re-authenticate.
   */
  async restore(profileIds: readonly string[]): Promise<void> {
    for (const profileId of profileIds) {
      if (this.state(profileId).status !== 'signedOut') continue;
      const stored = await this.#stored.read(profileId);
      if (stored.kind === 'none') continue;
      const issuer = this.deps.profiles.get(profileId)?.issuer;
      if (stored.kind === 'unreadable' || stored.session.issuer !== issuer) {
        await this.#stored.discard(profileId);
        this.#emit({ type: 'discarded', profileId, reason: 'unreadable' });
      } else if (stored.session.expiresAt <= this.deps.clock.now()) {
        await this.#stored.discard(profileId);
        this.#move(profileId, { status: 'expiredAtStart', issuer, summary: summaryOf(stored.session) });
        this.#emit({ type: 'discarded', profileId, reason: 'expired' });
      } else {
        this.#move(profileId, { status: 'active', session: stored.session, announced: [], refreshFailed: false });
        this.#emit({ type: 'restored', profileId, session: stored.session });
      }
    }
    this.recheck();
  }

  session(profileId: string): Session | undefined {
    return sessionOf(this.state(profileId));
  }

  /** What a view may show: the live session, or what is left of one found expired at start-up. */
  summary(profileId: string): SessionSummary | undefined {
    const session = this.session(profileId);
    return session ? summaryOf(session) : this.#expiredAtStart(profileId)?.summary;
  }

  status(profileId: string): { status: LiveStatus | 'signedOut'; warningMinutes?: number } {
    const session = this.session(profileId);
    if (!session) return this.#expiredAtStart(profileId) ? { status: 'expired' } : { status: 'signedOut' };
    return sessionStatusAt(session.expiresAt, this.deps.clock.now(), this.#warningMinutes(profileId));
  }

  /**
   * What the broker may hand a bot right now (S35, S36). With `company` (a bot manifest's
   * `company` on an HCSS partner profile) the grant carries that company's token, served only
   * while the supervising user's own session for the profile is live.
   */
  tokenFor(profileId: string, minValidityMs: number, company?: string): TokenGrant {
    const session = this.session(profileId);
    const name = this.deps.profiles.get(profileId)?.name ?? profileId;
    const expired = (expiresAt: number): TokenGrant => ({ ok: false, code: 'session_expired', message: `The session for ${name} has expired.`, expiresAt });
    if (!session) {
      // The token itself is gone; bots learn the session expired, so they wait for re-authentication.
      const remains = this.#expiredAtStart(profileId);
      return remains ? expired(remains.summary.expiresAt) : { ok: false, code: 'signed_out', message: `Nobody is signed in to ${name}.` };
    }
    const leftMs = session.expiresAt - this.deps.clock.now();
    if (leftMs <= 0) return expired(session.expiresAt);
    if (leftMs < minValidityMs) {
      const message = `The session for ${name} ends before the time the bot asked for; re-authentication is needed.`;
      return { ok: false, code: 'insufficient_validity', message, expiresAt: session.expiresAt };
    }
    const supervisor = { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) };
    if (company !== undefined) {
      const noCompanies = { ok: false as const, code: 'company_not_connected' as const, message: `${name} cannot issue company tokens.` };
      const companyGrant = this.deps.companyTokens?.tokenFor(profileId, company, minValidityMs, supervisor) ?? noCompanies;
      if (!companyGrant.ok) return companyGrant;
      return { ok: true, accessToken: companyGrant.accessToken, expiresAt: companyGrant.expiresAt, profileId, company, supervisor };
    }
    const ownCompany = session.company !== undefined ? { company: session.company } : {};
    return { ok: true, accessToken: session.accessToken, expiresAt: session.expiresAt, profileId, ...ownCompany, supervisor };
  }

  /**
   * Renews a profile's session with its refresh token now. Concurrent callers share one request.
   * Resolves true when a new token is in place; false when there is nothing to refresh or the
   * refresh failed (the current token then stays in use until it expires, and a notice goes out).
   */
  refreshNow(profileId: string): Promise<boolean> {
    const state = this.state(profileId);
    if (state.status === 'refreshing') return state.request;
    const refresher = this.deps.refresher;
    if (state.status !== 'active' || !state.session.refreshToken || !refresher) return Promise.resolve(false);
    // Starts after the move, so the request always finds the session `refreshing`.
    const request = Promise.resolve().then(() => this.#refresh(profileId, state.session, refresher));
    this.#move(profileId, { status: 'refreshing', session: state.session, announced: state.announced, request });
    return request;
  }

  /**
   * Re-evaluates every session against the wall clock and re-arms the one timer. Announces only
   * what changed: an expiry, or a warning threshold crossed for the first time for this token.
   */
  recheck(): void {
    const now = this.deps.clock.now();
    let nextAt: number | undefined;
    for (const [profileId, state] of this.#states) {
      if (state.status !== 'active' && state.status !== 'refreshing') continue;
      const { session } = state;
      const minutes = this.#warningMinutes(profileId);
      const { status, warningMinutes } = sessionStatusAt(session.expiresAt, now, minutes);
      if (status === 'expired') {
        this.#move(profileId, { status: 'expired', session });
        this.#notify(profileId, 'expired');
        this.#emit({ type: 'expired', profileId, session });
        continue;
      }
      if (status === 'expiring' && warningMinutes !== undefined && !state.announced.includes(warningMinutes)) {
        // Announce only the most urgent threshold crossed, so waking from sleep doesn't spam.
        const announced = [...new Set([...state.announced, ...minutes.filter((m) => m >= warningMinutes)])];
        this.#states.set(profileId, { ...state, announced });
        this.#notify(profileId, warningMinutes);
        this.#emit({ type: 'warning', profileId, minutesLeft: warningMinutes });
      }
      let changeAt = nextStatusChangeAt(session.expiresAt, now, minutes);
      if (state.status === 'active' && !state.refreshFailed && session.refreshToken !== undefined && this.deps.refresher) {
        const refreshAt = refreshDueAt(session);
        if (now >= refreshAt) void this.refreshNow(profileId);
        else if (changeAt === undefined || refreshAt < changeAt) changeAt = refreshAt;
      }
      if (changeAt !== undefined && (nextAt === undefined || changeAt < nextAt)) nextAt = changeAt;
    }
    this.#timer?.dispose();
    this.#timer = nextAt === undefined ? undefined : this.deps.clock.setTimer(() => this.recheck(), Math.min(nextAt - now, wallClockCheckMs));
  }

  onDidEvent(listener: (event: SessionEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  /** SessionAccess for the broker and run manager: fires on any change to a profile's session. */
  onDidChange(listener: (profileId: string) => void): Disposable {
    return this.#changes.add(listener);
  }

  dispose(): void {
    this.#timer?.dispose();
    for (const subscription of this.#subscriptions.splice(0)) subscription.dispose();
    this.#events.clear();
    this.#changes.clear();
  }

  async #refresh(profileId: string, session: Session, refresher: SessionRefresher): Promise<boolean> {
    try {
      const renewed = await refresher.refresh(session);
      // A sign-out or re-authentication while the request was out wins.
      if (this.session(profileId) !== session) return false;
      this.#move(profileId, { status: 'active', session: renewed, announced: [], refreshFailed: false });
      const stored = this.#stored.write(renewed);
      this.#emit({ type: 'refreshed', profileId, session: renewed });
      await stored;
      return true;
    } catch (error) {
      const current = this.state(profileId);
      if (current.status === 'refreshing' && current.session === session) {
        this.#move(profileId, { status: 'active', session, announced: current.announced, refreshFailed: true });
      }
      const raw = (error as { code?: unknown } | null)?.code;
      const code: ErrorCode = isErrorCode(raw) ? raw : 'internal_error';
      this.deps.logger.warn('token refresh failed; the current token is kept until it expires', { profileId, code });
      this.#emit({ type: 'refreshFailed', profileId, code });
      return false;
    } finally {
      this.recheck();
    }
  }

  #move(profileId: string, next: SessionState): void {
    assertSessionTransition(this.state(profileId).status, next.status);
    this.#states.set(profileId, next);
  }

  /** Only while the profile still names the issuer that minted it: an edited provider starts afresh. */
  #expiredAtStart(profileId: string): Extract<SessionState, { status: 'expiredAtStart' }> | undefined {
    const state = this.state(profileId);
    return state.status === 'expiredAtStart' && state.issuer === this.deps.profiles.get(profileId)?.issuer ? state : undefined;
  }

  #warningMinutes(profileId: string): readonly number[] {
    return this.deps.profiles.get(profileId)?.warningMinutes ?? [60, 15, 5];
  }

  #notify(profileId: string, what: number | 'expired'): void {
    const name = this.deps.profiles.get(profileId)?.name ?? profileId;
    this.deps.notifier.notify(
      what === 'expired'
        ? { level: 'error', title: `${name}: session expired`, body: 'Bots have lost access. Re-authenticate to let them continue.' }
        : { level: 'warning', title: `${name}: session ends in ${what === 1 ? '1 minute' : `${what} minutes`}`, body: 'Re-authenticate to keep bots running.' },
    );
  }

  #emit(event: SessionEvent): void {
    this.#events.emit(event);
    this.#changes.emit(event.profileId);
  }
}
