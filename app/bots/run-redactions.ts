import type { Disposable } from '../common/contract.js';
import type { Redactor } from './redactor.js';
import type { SessionAccess } from './session-access.js';

/** Tokens a profile's runs may have seen, kept for redaction; older ones are forgotten first. */
const maxTokensPerProfile = 8;

interface LiveEntry {
  profileId: string;
  company: string | undefined;
  /** The run's broker secret and anything else known only to this run. */
  held: Disposable[];
}

/**
 * What the shared Redactor must know because of runs: each run's broker secret for the run's
 * life, and every token (the profile's and its companies') served while any run of the profile is
 * live, including one swapped in by re-authentication mid-run. The Redactor is shared with the
 * host's logger, so a token known here is redacted everywhere.
 */
export class RunRedactions {
  readonly #redactor: Redactor;
  readonly #sessions: SessionAccess;
  readonly #runs = new Map<string, LiveEntry>();
  readonly #profileTokens = new Map<string, Map<string, Disposable>>();
  readonly #subscription: Disposable;

  constructor(deps: { redactor: Redactor; sessions: SessionAccess }) {
    this.#redactor = deps.redactor;
    this.#sessions = deps.sessions;
    this.#subscription = deps.sessions.onDidChange((profileId) => this.#onSessionChange(profileId));
  }

  /** A run is live (from the moment it is queued) until `release`. */
  add(runId: string, profileId: string, company: string | undefined): void {
    this.#runs.set(runId, { profileId, company, held: [] });
  }

  /** Redacted until the run is released. */
  addRunSecret(runId: string, secret: string): void {
    const entry = this.#redactor.add(secret);
    const run = this.#runs.get(runId);
    if (run) run.held.push(entry);
    else entry.dispose();
  }

  /** Redacted while any run of the profile is live. */
  trackToken(profileId: string, token: string): void {
    let tokens = this.#profileTokens.get(profileId);
    if (!tokens) {
      tokens = new Map();
      this.#profileTokens.set(profileId, tokens);
    }
    if (tokens.has(token)) return;
    tokens.set(token, this.#redactor.add(token));
    for (const [old, entry] of tokens) {
      if (tokens.size <= maxTokensPerProfile) break;
      entry.dispose();
      tokens.delete(old);
    }
  }

  /** The run ended: its secret is forgotten, and its profile's tokens once no run of it is live. */
  release(runId: string): void {
    const run = this.#runs.get(runId);
    if (!run) return;
    this.#runs.delete(runId);
    for (const entry of run.held) entry.dispose();
    if (this.#isProfileLive(run.profileId)) return;
    for (const entry of this.#profileTokens.get(run.profileId)?.values() ?? []) entry.dispose();
    this.#profileTokens.delete(run.profileId);
  }

  dispose(): void {
    this.#subscription.dispose();
    for (const run of this.#runs.values()) for (const entry of run.held) entry.dispose();
    this.#runs.clear();
    for (const tokens of this.#profileTokens.values()) for (const entry of tokens.values()) entry.dispose();
    this.#profileTokens.clear();
  }

  /** A re-authentication swaps the token under running bots; the new one must be redacted too. */
  #onSessionChange(profileId: string): void {
    if (!this.#isProfileLive(profileId)) return;
    const grant = this.#sessions.tokenFor(profileId, 0);
    if (grant.ok) this.trackToken(profileId, grant.accessToken);
    // Company tokens served to partner bots must be redacted from their logs too.
    const companies = new Set<string>();
    for (const run of this.#runs.values()) if (run.profileId === profileId && run.company !== undefined) companies.add(run.company);
    for (const company of companies) {
      const companyGrant = this.#sessions.tokenFor(profileId, 0, company);
      if (companyGrant.ok) this.trackToken(profileId, companyGrant.accessToken);
    }
  }

  #isProfileLive(profileId: string): boolean {
    for (const run of this.#runs.values()) if (run.profileId === profileId) return true;
    return false;
  }
}
