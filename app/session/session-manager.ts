import { z } from 'zod';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import type { Disposable } from '../common/contract.js';
import { isErrorCode, type ErrorCode } from '../common/error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SecretStore } from '../ports/secret-store.js';
import { nextStatusChangeAt, sessionStatusAt, type LiveStatus, type Session, type SessionSummary } from './session.js';

/** Where company tokens (HCSS partner profiles) come from; see CompanyConnections. */
export interface CompanyTokenSource {
  tokenFor(
    profileId: string,
    companyId: string,
    minValidityMs: number,
  ): { ok: true; accessToken: string; expiresAt: number } | { ok: false; code: 'signed_out' | 'session_expired' | 'insufficient_validity'; message: string };
  onDidChange(listener: (profileId: string) => void): Disposable;
}

/** A session with a refresh token is renewed when this share of its lifetime has passed. */
export const refreshAtLifetimeShare = 0.8;

export type SessionEvent =
  | { type: 'established'; profileId: string; session: Session; replaced: boolean }
  | { type: 'signedOut'; profileId: string; session: Session }
  | { type: 'warning'; profileId: string; minutesLeft: number }
  | { type: 'expired'; profileId: string; session: Session }
  | { type: 'restored'; profileId: string; session: Session }
  | { type: 'discarded'; profileId: string; reason: 'expired' | 'unreadable' }
  | { type: 'refreshed'; profileId: string; session: Session }
  | { type: 'refreshFailed'; profileId: string; code: ErrorCode };

interface ProfileSettings {
  name: string;
  warningMinutes: readonly number[];
}

const storedSessionSchema = z.object({
  profileId: z.string(),
  issuer: z.string(),
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresAt: z.number(),
  receivedAt: z.number(),
  subject: z.string(),
  name: z.string().optional(),
  scopes: z.array(z.string()),
  company: z.string().optional(),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
});

const sessionKey = (profileId: string) => `session:${profileId}`;

/**
 * Owns the live sessions, one per profile, and everything time-based about them: warnings,
 * expiry, refresh and what the broker may serve. Status is always computed from the wall clock;
 * timers only prompt a `recheck`, so sleep and resume cannot leave a stale status (DESIGN: Clock).
 * Sessions with a refresh token are renewed at 80% of their lifetime; concurrent callers share
 * one refresh, and a failed refresh keeps the current token until it expires.
 */
export class SessionManager implements SessionAccess {
  readonly #sessions = new Map<string, Session>();
  readonly #refreshing = new Map<string, Promise<boolean>>();
  /** Sessions whose refresh failed: not retried, the token is used until it expires. */
  readonly #refreshFailed = new WeakSet<Session>();
  readonly #subscriptions: Disposable[] = [];
  /** Warning thresholds already announced, per profile, so each fires once per token. */
  readonly #announced = new Map<string, Set<number | 'expired'>>();
  readonly #listeners = new Set<(event: SessionEvent) => void>();
  readonly #changeListeners = new Set<(profileId: string) => void>();
  /**
   * Sessions found expired at start-up (S28): the token is deleted, but who it was and when it
   * ended are kept in memory so the profile shows Expired, not Signed out, until the user signs
   * in or out. Never persisted, and holds nothing secret.
   */
  readonly #expiredAtStart = new Map<string, SessionSummary & { issuer: string }>();
  #timer: Disposable | undefined;

  constructor(
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      notifier: Notifier;
      secrets: SecretStore;
      profile: (profileId: string) => (ProfileSettings & { issuer: string }) | undefined;
      /** Renews a session with its refresh token; absent when no provider issues them. */
      refresh?: (session: Session) => Promise<Session>;
      companyTokens?: CompanyTokenSource;
    },
  ) {
    const companies = deps.companyTokens?.onDidChange((profileId) => this.#changed(profileId));
    if (companies) this.#subscriptions.push(companies);
  }

  /** Puts a new token in place. Re-authentication swaps it in place, so waiting bots continue. */
  async establish(session: Session): Promise<void> {
    const replaced = this.#sessions.has(session.profileId);
    this.#sessions.set(session.profileId, session);
    this.#expiredAtStart.delete(session.profileId);
    this.#announced.delete(session.profileId);
    await this.#persist(session);
    this.#emit({ type: 'established', profileId: session.profileId, session, replaced });
    this.recheck();
  }

  async signOut(profileId: string): Promise<Session | undefined> {
    const session = this.#sessions.get(profileId);
    const hadExpiredAtStart = this.#expiredAtStart.delete(profileId);
    this.#sessions.delete(profileId);
    this.#announced.delete(profileId);
    await this.deps.secrets.delete(sessionKey(profileId));
    if (session) this.#emit({ type: 'signedOut', profileId, session });
    else if (hadExpiredAtStart) this.#changed(profileId);
    this.recheck();
    return session;
  }

  /**
   * Loads stored sessions; expired or unreadable ones are discarded, never served (S25, S28). An
   * expired one still shows as Expired (see `summary`), so the user knows to re-authenticate.
   */
  async restore(profileIds: readonly string[]): Promise<void> {
    for (const profileId of profileIds) {
      let raw: string | undefined;
      try {
        raw = await this.deps.secrets.get(sessionKey(profileId));
      } catch (error) {
        // S25: the keyring was reset or the entry is damaged. Drop it and ask for a sign-in.
        this.deps.logger.warn('a stored session could not be decrypted', { profileId, error: errorName(error) });
        await this.#forget(profileId);
        this.#emit({ type: 'discarded', profileId, reason: 'unreadable' });
        continue;
      }
      if (raw === undefined) continue;
      const parsed = safeJson(raw, storedSessionSchema);
      if (!parsed || parsed.profileId !== profileId || parsed.issuer !== this.deps.profile(profileId)?.issuer) {
        await this.#forget(profileId);
        this.#emit({ type: 'discarded', profileId, reason: 'unreadable' });
        continue;
      }
      if (parsed.expiresAt <= this.deps.clock.now()) {
        await this.#forget(profileId);
        this.#expiredAtStart.set(profileId, {
          issuer: parsed.issuer,
          subject: parsed.subject,
          ...(parsed.name !== undefined ? { name: parsed.name } : {}),
          expiresAt: parsed.expiresAt,
          scopes: parsed.scopes,
          ...(parsed.company !== undefined ? { company: parsed.company } : {}),
        });
        this.#emit({ type: 'discarded', profileId, reason: 'expired' });
        continue;
      }
      this.#sessions.set(profileId, parsed);
      this.#expiredAtStart.delete(profileId);
      this.#emit({ type: 'restored', profileId, session: parsed });
    }
    this.recheck();
  }

  session(profileId: string): Session | undefined {
    return this.#sessions.get(profileId);
  }

  /**
   * What the view may show about a profile's session: the live one, or the non-secret remains of
   * one found expired at start-up. Never a token.
   */
  summary(profileId: string): SessionSummary | undefined {
    const session = this.#sessions.get(profileId);
    if (session) {
      return {
        subject: session.subject,
        ...(session.name !== undefined ? { name: session.name } : {}),
        expiresAt: session.expiresAt,
        scopes: session.scopes,
        ...(session.company !== undefined ? { company: session.company } : {}),
      };
    }
    const expired = this.#expiredAtStartFor(profileId);
    if (!expired) return undefined;
    const { issuer: _issuer, ...summary } = expired;
    return summary;
  }

  status(profileId: string): { status: LiveStatus | 'signedOut'; warningMinutes?: number } {
    const session = this.#sessions.get(profileId);
    if (!session) return this.#expiredAtStartFor(profileId) ? { status: 'expired' } : { status: 'signedOut' };
    return sessionStatusAt(session.expiresAt, this.deps.clock.now(), this.#warningMinutes(profileId));
  }

  /**
   * What the broker may hand a bot right now (S35, S36). With `company` (a bot manifest's
   * `company` on an HCSS partner profile) the grant carries that company's token, served only
   * while the supervising user's own session for the profile is live.
   */
  tokenFor(profileId: string, minValidityMs: number, company?: string): TokenGrant {
    const session = this.#sessions.get(profileId);
    const name = this.deps.profile(profileId)?.name ?? profileId;
    if (!session) {
      // The token itself is gone; bots learn the session expired, so they wait for re-authentication.
      const expired = this.#expiredAtStartFor(profileId);
      if (expired) return { ok: false, code: 'session_expired', message: `The session for ${name} has expired.`, expiresAt: expired.expiresAt };
      return { ok: false, code: 'signed_out', message: `Nobody is signed in to ${name}.` };
    }
    const leftMs = session.expiresAt - this.deps.clock.now();
    if (leftMs <= 0) {
      return { ok: false, code: 'session_expired', message: `The session for ${name} has expired.`, expiresAt: session.expiresAt };
    }
    if (leftMs < minValidityMs) {
      return {
        ok: false,
        code: 'insufficient_validity',
        message: `The session for ${name} ends before the time the bot asked for; re-authentication is needed.`,
        expiresAt: session.expiresAt,
      };
    }
    const supervisor = { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) };
    if (company !== undefined) {
      const companyGrant = this.deps.companyTokens?.tokenFor(profileId, company, minValidityMs) ?? {
        ok: false as const,
        code: 'signed_out' as const,
        message: `${name} cannot issue company tokens.`,
      };
      if (!companyGrant.ok) return companyGrant;
      return { ok: true, accessToken: companyGrant.accessToken, expiresAt: companyGrant.expiresAt, profileId, company, supervisor };
    }
    return {
      ok: true,
      accessToken: session.accessToken,
      expiresAt: session.expiresAt,
      profileId,
      ...(session.company !== undefined ? { company: session.company } : {}),
      supervisor,
    };
  }

  /**
   * Renews a profile's session with its refresh token now. Concurrent callers share one request.
   * Resolves true when a new token is in place; false when there is nothing to refresh or the
   * refresh failed (the current token then stays in use until it expires, and a notice goes out).
   */
  refreshNow(profileId: string): Promise<boolean> {
    const inFlight = this.#refreshing.get(profileId);
    if (inFlight) return inFlight;
    const session = this.#sessions.get(profileId);
    const refresh = this.deps.refresh;
    if (!session?.refreshToken || !refresh) return Promise.resolve(false);
    const attempt = (async () => {
      try {
        const renewed = await refresh(session);
        // A sign-out or re-authentication while the request was out wins.
        if (this.#sessions.get(profileId) !== session) return false;
        this.#sessions.set(profileId, renewed);
        this.#announced.delete(profileId);
        await this.#persist(renewed);
        this.#emit({ type: 'refreshed', profileId, session: renewed });
        return true;
      } catch (error) {
        this.#refreshFailed.add(session);
        const raw = (error as { code?: unknown } | null)?.code;
        const code: ErrorCode = isErrorCode(raw) ? raw : 'internal_error';
        this.deps.logger.warn('token refresh failed; the current token is kept until it expires', { profileId, code });
        this.#emit({ type: 'refreshFailed', profileId, code });
        return false;
      } finally {
        this.#refreshing.delete(profileId);
        this.recheck();
      }
    })();
    this.#refreshing.set(profileId, attempt);
    return attempt;
  }

  /** Re-evaluates every session against the wall clock and re-arms the one timer. */
  recheck(): void {
    const now = this.deps.clock.now();
    let nextAt: number | undefined;
    for (const [profileId, session] of this.#sessions) {
      const minutes = this.#warningMinutes(profileId);
      const { status, warningMinutes } = sessionStatusAt(session.expiresAt, now, minutes);
      const announced = this.#announced.get(profileId) ?? new Set();
      this.#announced.set(profileId, announced);
      if (status === 'expired' && !announced.has('expired')) {
        announced.add('expired');
        this.#notify(profileId, 'expired');
        this.#emit({ type: 'expired', profileId, session });
      } else if (status === 'expiring' && warningMinutes !== undefined && !announced.has(warningMinutes)) {
        // Announce only the most urgent threshold crossed, so waking from sleep doesn't spam.
        for (const m of minutes) if (m >= warningMinutes) announced.add(m);
        this.#notify(profileId, warningMinutes);
        this.#emit({ type: 'warning', profileId, minutesLeft: warningMinutes });
      }
      let changeAt = nextStatusChangeAt(session.expiresAt, now, minutes);
      if (this.#wantsRefresh(session)) {
        const refreshAt = refreshDueAt(session);
        if (now >= refreshAt) void this.refreshNow(profileId);
        else if (changeAt === undefined || refreshAt < changeAt) changeAt = refreshAt;
      }
      if (changeAt !== undefined && (nextAt === undefined || changeAt < nextAt)) nextAt = changeAt;
    }
    this.#timer?.dispose();
    this.#timer = nextAt === undefined ? undefined : this.deps.clock.setTimer(() => this.recheck(), nextAt - now);
    for (const profileId of this.#sessions.keys()) this.#changed(profileId);
  }

  onDidEvent(listener: (event: SessionEvent) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /** SessionAccess for the broker and run manager: fires on any change to a profile's session. */
  onDidChange(listener: (profileId: string) => void): Disposable {
    this.#changeListeners.add(listener);
    return { dispose: () => this.#changeListeners.delete(listener) };
  }

  dispose(): void {
    this.#timer?.dispose();
    for (const subscription of this.#subscriptions.splice(0)) subscription.dispose();
    this.#listeners.clear();
    this.#changeListeners.clear();
  }

  #wantsRefresh(session: Session): boolean {
    return (
      session.refreshToken !== undefined &&
      this.deps.refresh !== undefined &&
      !this.#refreshFailed.has(session) &&
      !this.#refreshing.has(session.profileId) &&
      session.expiresAt > this.deps.clock.now()
    );
  }

  /** Only while the profile still names the issuer that minted it: an edited provider starts afresh. */
  #expiredAtStartFor(profileId: string): (SessionSummary & { issuer: string }) | undefined {
    const expired = this.#expiredAtStart.get(profileId);
    return expired && expired.issuer === this.deps.profile(profileId)?.issuer ? expired : undefined;
  }

  async #forget(profileId: string): Promise<void> {
    try {
      await this.deps.secrets.delete(sessionKey(profileId));
    } catch (error) {
      this.deps.logger.warn('could not delete a stored session', { profileId, error: errorName(error) });
    }
  }

  #warningMinutes(profileId: string): readonly number[] {
    return this.deps.profile(profileId)?.warningMinutes ?? [60, 15, 5];
  }

  #notify(profileId: string, what: number | 'expired'): void {
    const name = this.deps.profile(profileId)?.name ?? profileId;
    if (what === 'expired') {
      this.deps.notifier.notify({
        level: 'error',
        title: `${name}: session expired`,
        body: 'Bots have lost access. Re-authenticate to let them continue.',
      });
    } else {
      this.deps.notifier.notify({
        level: 'warning',
        title: `${name}: session ends in ${what} minutes`,
        body: 'Re-authenticate to keep bots running.',
      });
    }
  }

  async #persist(session: Session): Promise<void> {
    try {
      await this.deps.secrets.set(sessionKey(session.profileId), JSON.stringify(session));
    } catch (error) {
      // The session still works in memory; losing persistence must not lose the sign-in.
      this.deps.logger.warn('could not store session', { profileId: session.profileId, error: errorName(error) });
    }
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
    if (event.type !== 'warning') this.#changed(event.profileId);
  }

  #changed(profileId: string): void {
    for (const listener of this.#changeListeners) listener(profileId);
  }
}

/** When a session with a refresh token should be renewed. */
export function refreshDueAt(session: Session): number {
  return session.receivedAt + Math.floor((session.expiresAt - session.receivedAt) * refreshAtLifetimeShare);
}

function safeJson<T>(raw: string, schema: z.ZodType<T>): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
