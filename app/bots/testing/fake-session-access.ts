import type { Disposable, UserView } from '../../common/contract.js';
import { ListenerSet } from '../../common/listener-set.js';
import type { SessionAccess, TokenGrant } from '../session-access.js';

interface FakeSession {
  accessToken: string;
  expiresAt: number;
  supervisor: UserView;
  company?: string;
  expired: boolean;
}

/**
 * A stand-in for the session core in tests: the bot machinery only sees the SessionAccess port,
 * so faking it here keeps the tests about processes and HTTP rather than about OAuth.
 */
export class FakeSessionAccess implements SessionAccess {
  readonly #sessions = new Map<string, FakeSession>();
  readonly #listeners = new ListenerSet<string>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  signIn(profileId: string, session: { accessToken: string; expiresAt: number; supervisor?: UserView; company?: string }): void {
    this.#sessions.set(profileId, { supervisor: { subject: 'demo-user', name: 'Demo User' }, ...session, expired: false });
    this.#listeners.emit(profileId);
  }

  expire(profileId: string): void {
    const session = this.#sessions.get(profileId);
    if (session) session.expired = true;
    this.#listeners.emit(profileId);
  }

  signOut(profileId: string): void {
    this.#sessions.delete(profileId);
    this.#listeners.emit(profileId);
  }

  tokenFor(profileId: string, minValidityMs: number): TokenGrant {
    const session = this.#sessions.get(profileId);
    if (!session) return { ok: false, code: 'signed_out', message: `Nobody is signed in to ${profileId}.` };
    const now = this.#now();
    if (session.expired || session.expiresAt <= now) {
      return { ok: false, code: 'session_expired', message: `The session for ${profileId} has expired.`, expiresAt: session.expiresAt };
    }
    if (session.expiresAt - now < minValidityMs) {
      return { ok: false, code: 'insufficient_validity', message: 'Re-authentication needed.', expiresAt: session.expiresAt };
    }
    return {
      ok: true,
      accessToken: session.accessToken,
      expiresAt: session.expiresAt,
      profileId,
      supervisor: session.supervisor,
      ...(session.company === undefined ? {} : { company: session.company }),
    };
  }

  onDidChange(listener: (profileId: string) => void): Disposable {
    return this.#listeners.add(listener);
  }
}
