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
