import { supervisorError } from '../error-catalogue.js';

/** A signed-in session for one profile. Held only on the privileged side; never sent to a view. */
export interface Session {
  profileId: string;
  /** The issuer that minted the token; a stored session for another issuer is discarded. */
  issuer: string;
  accessToken: string;
  tokenType: 'Bearer';
  /** When the token stops being served (provider expiry minus skew). */
  expiresAt: number;
  receivedAt: number;
  subject: string;
  name?: string;
  scopes: string[];
  company?: string;
  refreshToken?: string;
  /** Kept only to send as `id_token_hint`; never shown. */
  idToken?: string;
}

/** What a view may know about a session: who and until when, never a token. */
export type SessionSummary = Pick<Session, 'subject' | 'name' | 'expiresAt' | 'scopes' | 'company'>;

export type LiveStatus = 'active' | 'expiring' | 'expired';

/**
 * One profile's session. Each member carries exactly its own data: the token exists only while
 * there is something it may be used for (serving, refreshing, revoking at sign-out); a session
 * found expired at start-up keeps only who it was and when it ended (S28).
 */
export type SessionState =
  | { status: 'signedOut' }
  /** `announced`: warning thresholds already announced for this token, so each fires once. */
  | { status: 'active'; session: Session; announced: readonly number[]; refreshFailed: boolean }
  | { status: 'refreshing'; session: Session; announced: readonly number[]; request: Promise<boolean> }
  /** Expired while the app ran: never served, kept for the sign-out record and revocation. */
  | { status: 'expired'; session: Session }
  /** Expired in storage: the token was deleted; shown as Expired while the profile keeps its issuer. */
  | { status: 'expiredAtStart'; issuer: string; summary: SessionSummary };

export type SessionStatus = SessionState['status'];

/**
 * Allowed moves (docs/architecture.md has the diagram). Re-authentication swaps the token in
 * place (active → active); a refresh that lands after expiry still brings the session back.
 */
export const sessionTransitions: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  signedOut: ['active', 'expiredAtStart'],
  active: ['active', 'refreshing', 'expired', 'signedOut'],
  refreshing: ['active', 'expired', 'signedOut'],
  expired: ['active', 'signedOut'],
  expiredAtStart: ['active', 'signedOut'],
};

export function canTransitionSession(from: SessionStatus, to: SessionStatus): boolean {
  return sessionTransitions[from].includes(to);
}

/** An impossible move is a bug in this app, never the user's doing. */
export function assertSessionTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canTransitionSession(from, to)) throw supervisorError('internal_error', { cause: new Error(`a session cannot go from ${from} to ${to}`) });
}

/** The session a state holds, if it still holds one. */
export function sessionOf(state: SessionState): Session | undefined {
  return state.status === 'signedOut' || state.status === 'expiredAtStart' ? undefined : state.session;
}

export function summaryOf(session: Session): SessionSummary {
  return {
    subject: session.subject,
    ...(session.name !== undefined ? { name: session.name } : {}),
    expiresAt: session.expiresAt,
    scopes: session.scopes,
    ...(session.company !== undefined ? { company: session.company } : {}),
  };
}

/** Status of a session at `now`, and the most urgent warning threshold crossed. */
export function sessionStatusAt(
  expiresAt: number,
  now: number,
  warningMinutes: readonly number[],
): { status: LiveStatus; warningMinutes?: number } {
  if (now >= expiresAt) return { status: 'expired' };
  const leftMs = expiresAt - now;
  const crossed = warningMinutes.filter((m) => leftMs <= m * 60_000);
  if (crossed.length === 0) return { status: 'active' };
  return { status: 'expiring', warningMinutes: Math.min(...crossed) };
}

/** When the status next changes: the next threshold, or expiry. */
export function nextStatusChangeAt(expiresAt: number, now: number, warningMinutes: readonly number[]): number | undefined {
  const points = [...warningMinutes.map((m) => expiresAt - m * 60_000), expiresAt].filter((at) => at > now);
  return points.length > 0 ? Math.min(...points) : undefined;
}

/** A session with a refresh token is renewed when this share of its lifetime has passed. */
export const refreshAtLifetimeShare = 0.8;

/** When a session with a refresh token should be renewed. */
export function refreshDueAt(session: Session): number {
  return session.receivedAt + Math.floor((session.expiresAt - session.receivedAt) * refreshAtLifetimeShare);
}
