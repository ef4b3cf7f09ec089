import type { Profile } from '../config/profile.js';
import type { ProfileLookup } from '../config/profile-registry.js';
import type { CompanyView, Disposable, ErrorView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { Session } from './session.js';
import { companyRefusalsNeedingAPerson, type CompanyDenial } from './company-denial.js';
import { mayUseCompany, withConnection, type CompanyAssociation, type CompanyPerson } from './company-people.js';
import { parseStoredCompanies } from './parse-stored-companies.js';

export const companiesSettingsKey = 'companies';
/** A company token is renewed this long before it stops being served (or at 80% of a short one). */
export const companyTokenRenewMarginMs = 5 * 60_000;
/**
 * After a failed company grant, automatic retries wait this long, doubling up to the maximum.
 * Without it every state snapshot and every waiting bot's poll would ask the provider again at
 * once, in a loop. Connecting the company again, or an explicit fetch, retries at once.
 */
export const companyRetryFirstMs = 30_000;
export const companyRetryMaxMs = 5 * 60_000;

export type { CompanyAssociation } from './company-people.js';

export interface CompanyToken {
  accessToken: string;
  expiresAt: number;
  /** When the request was sent; the token's lifetime counts from here. */
  receivedAt: number;
}

/** Where the session manager gets company tokens (HCSS partner profiles). */
export interface CompanyTokenSource {
  /** `requester`: the person whose session asks; only the one who connected it (or an admin) is served. */
  tokenFor(
    profileId: string,
    companyId: string,
    minValidityMs: number,
    requester?: { subject: string; name?: string },
  ): { ok: true; accessToken: string; expiresAt: number } | CompanyDenial;
  onDidChange(listener: (profileId: string) => void): Disposable;
}

/** The provider side of the partner flow (app/auth/company-grants.ts). */
export interface CompanyTokenProvider {
  /** The company a consenting user connected, from the profile's configured claim. */
  companyIdFor(profile: Profile, session: Session): Promise<string | undefined>;
  /** Throws a SupervisorError (`company_token_failed`). */
  requestToken(profile: Profile, companyId: string): Promise<CompanyToken>;
}

/** A person's session asked for a company another person connected. */
export interface CompanyRefusal {
  profileId: string;
  companyId: string;
  requester: { subject: string; name?: string };
  /** The first who connected it; `others` connected it too, and may use it as well. */
  owner: CompanyPerson;
  others?: CompanyPerson[];
}

interface Refusal {
  error: ErrorView;
  /** When automatic fetching may try again, and the wait used this time. */
  retryAt: number;
  waitMs: number;
}

/**
 * The company grant for one company: no request out, a request out (still showing the last
 * refusal while it retries), or refused and backing off.
 */
type GrantState = { kind: 'ready' } | { kind: 'fetching'; request: Promise<void>; lastRefusal?: Refusal } | { kind: 'refused'; refusal: Refusal };

/** Everything about one connected company, in one place. */
interface CompanyEntry {
  association: CompanyAssociation;
  token?: CompanyToken & { renewAt: number };
  grant: GrantState;
}

/**
 * HCSS partner companies: the association each consenting user made (company id, who, when),
 * kept in settings, and the company tokens obtained with the `company` grant, cached until
 * shortly before they expire. Tokens are fetched when a bot first asks and renewed in the
 * background while bots keep asking; concurrent requests for one company share one fetch.
 */
export class CompanyConnections implements CompanyTokenSource {
  readonly #entries = new Map<string, CompanyEntry>();
  /** Refusals already audited: every snapshot and every poll asks again, the trail says it once. */
  readonly #refusalsTold = new Set<string>();
  readonly #changes: ListenerSet<string>;
  /** Set when the stored value, or some of its companies (`dropped`), was unreadable; names the backup key. */
  readonly recovered: { backupKey: string; dropped?: string[] } | undefined;

  constructor(
    private readonly deps: {
      settings: SettingsStore;
      clock: Clock;
      logger: Logger;
      profiles: ProfileLookup;
      grants: CompanyTokenProvider;
      /** Subjects the machine policy names as admins: served every company (`companyAccess.admins`). */
      admins?: () => readonly string[];
      /** Told once per person and company when another person's company is refused (S67, audited). */
      onRefused?: (refusal: CompanyRefusal) => void;
      /** Told when a person connects a company: that person, and the sign-in that proved it (audited). */
      onConnected?: (connection: { profileId: string; companyId: string; connectedBy: CompanyPerson; connectedAt: number; verifiedBy?: CompanyPerson }) => void;
      /** Told once per new kind of refusal of a company's grant (audited), not at every retry. */
      onTokenRefused?: (refusal: { association: CompanyAssociation; error: ErrorView }) => void;
    },
  ) {
    this.#changes = new ListenerSet((error) => deps.logger.error('a company listener failed', { error: error instanceof Error ? error.name : typeof error }));
    this.recovered = this.#load();
  }

  /**
   * Records the company that `verified` (a fresh sign-in) names, for `person`: the one signed in
   * whom it is connected for, by default the verifying sign-in's own person. Throws
   * `company_claim_missing` when no token names a company.
   */
  async connect(profile: Profile, verified: Session, person: CompanyPerson = personOf(verified)): Promise<CompanyAssociation> {
    if (profile.kind !== 'partner') throw supervisorError('not_partner_profile', profile.name);
    const companyId = await this.deps.grants.companyIdFor(profile, verified);
    if (companyId === undefined) throw supervisorError('company_claim_missing', profile.companyClaim);
    const key = keyOf(profile.id, companyId);
    const previous = this.#entries.get(key);
    const connectedAt = this.deps.clock.now();
    const verifiedBy = verified.subject === person.subject ? undefined : personOf(verified);
    const association = withConnection(previous?.association, { profileId: profile.id, companyId }, { person, at: connectedAt, ...(verifiedBy ? { verifiedBy } : {}) });
    // Connecting again clears a refusal, so the next ask retries at once.
    this.#entries.delete(key);
    this.#entries.set(key, { association, ...(previous?.token ? { token: previous.token } : {}), grant: previous?.grant.kind === 'fetching' ? { kind: 'fetching', request: previous.grant.request } : { kind: 'ready' } });
    this.#write();
    this.deps.onConnected?.({ profileId: profile.id, companyId, connectedBy: person, connectedAt, ...(verifiedBy ? { verifiedBy } : {}) });
    this.#changes.emit(profile.id);
    return association;
  }

  remove(profileId: string, companyId: string): void {
    if (!this.#entries.delete(keyOf(profileId, companyId))) {
      throw supervisorError('unknown_company', companyId, this.deps.profiles.get(profileId)?.name ?? profileId);
    }
    this.#write();
    this.#changes.emit(profileId);
  }

  /** Drops every company of a profile, e.g. when the profile is deleted. */
  removeAll(profileId: string): void {
    const mine = [...this.#entries.entries()].filter(([, entry]) => entry.association.profileId === profileId);
    if (mine.length === 0) return;
    for (const [key] of mine) this.#entries.delete(key);
    this.#write();
    this.#changes.emit(profileId);
  }

  list(): CompanyAssociation[] {
    return [...this.#entries.values()].map((entry) => entry.association);
  }

  views(): CompanyView[] {
    const now = this.deps.clock.now();
    return [...this.#entries.values()].map(({ association, token, grant }): CompanyView => {
      const refusal = refusalOf(grant);
      const valid = token !== undefined && token.expiresAt > now;
      return {
        ...association,
        status: refusal ? 'error' : valid ? 'tokenValid' : 'connected',
        ...(valid ? { tokenExpiresAt: token.expiresAt } : {}),
        ...(refusal ? { error: refusal.error, errorAt: refusal.retryAt - refusal.waitMs } : {}),
      };
    });
  }

  /**
   * Synchronous, for the broker: a cached token, or a denial while one is being fetched. A
   * company belongs to the person who connected it: another person's session is refused (S67).
   */
  tokenFor(profileId: string, companyId: string, minValidityMs: number, requester?: { subject: string; name?: string }): ReturnType<CompanyTokenSource['tokenFor']> {
    const entry = this.#entries.get(keyOf(profileId, companyId));
    if (!entry) {
      // Never connected, or removed: a bot working for it loses its token at once.
      const profileName = this.deps.profiles.get(profileId)?.name ?? profileId;
      return { ok: false, code: 'company_not_connected', message: supervisorError('unknown_company', companyId, profileName).message };
    }
    const owner = entry.association.connectedBy;
    if (requester !== undefined && !mayUseCompany(entry.association, requester.subject) && !this.isAdmin(requester.subject)) {
      const people = [owner, ...(entry.association.alsoConnectedBy ?? []).map(({ subject, name }) => ({ subject, ...(name !== undefined ? { name } : {}) }))];
      const [first, ...others] = people.map((person) => person.name ?? person.subject) as [string, ...string[]];
      const refusalKey = `${keyOf(profileId, companyId)}\u0000${requester.subject}\u0000${entry.association.connectedAt}`;
      if (!this.#refusalsTold.has(refusalKey)) {
        this.#refusalsTold.add(refusalKey);
        this.deps.onRefused?.({ profileId, companyId, requester, owner, ...(people.length > 1 ? { others: people.slice(1) } : {}) });
      }
      const message = supervisorError('company_not_yours', companyId, first, ...others).message;
      return { ok: false, code: 'company_not_yours', message, owner: first, ...(others.length > 0 ? { others } : {}) };
    }
    const now = this.deps.clock.now();
    const { token, grant } = entry;
    const mayFetch = grant.kind === 'ready' || (grant.kind === 'refused' && now >= grant.refusal.retryAt);
    if (mayFetch && (!token || now >= token.renewAt)) void this.fetchToken(profileId, companyId).catch(() => undefined);
    if (token && token.expiresAt - now > minValidityMs && token.expiresAt > now) {
      return { ok: true, accessToken: token.accessToken, expiresAt: token.expiresAt };
    }
    const error = refusalOf(this.#entries.get(keyOf(profileId, companyId))?.grant ?? grant)?.error;
    // Both make the bot SDK wait; the broker answers parked requests when the token arrives.
    if (error) return { ok: false, code: 'company_unavailable', message: error.message, reason: error.code };
    return { ok: false, code: 'company_token_pending', message: `A token for company ${companyId} is being obtained; the bot gets it in a moment.` };
  }

  /** The machine policy names `subject` an admin: served every company (`companyAccess.admins`). */
  isAdmin(subject: string): boolean {
    return (this.deps.admins?.() ?? []).includes(subject);
  }

  /** Gets a fresh company token with the `company` grant and client authentication. */
  fetchToken(profileId: string, companyId: string): Promise<void> {
    const key = keyOf(profileId, companyId);
    const entry = this.#entries.get(key);
    if (entry?.grant.kind === 'fetching') return entry.grant.request;
    const profile = this.deps.profiles.get(profileId);
    if (!profile) return Promise.reject(supervisorError('unknown_profile', profileId));
    const lastRefusal = entry ? refusalOf(entry.grant) : undefined;
    const request = (async () => {
      try {
        const token = await this.deps.grants.requestToken(profile, companyId);
        const renewAt = token.expiresAt - Math.min(companyTokenRenewMarginMs, Math.floor((token.expiresAt - token.receivedAt) / 5));
        // The association may have been removed while the request was out.
        const current = this.#entries.get(key);
        if (current) this.#entries.set(key, { association: current.association, token: { ...token, renewAt }, grant: { kind: 'ready' } });
      } catch (error) {
        const failure = isSupervisorError(error) ? error : supervisorError('company_token_failed', companyId, 'something unexpected went wrong', { cause: error });
        const waitMs = Math.min(companyRetryMaxMs, (lastRefusal?.waitMs ?? companyRetryFirstMs / 2) * 2);
        const refusal: Refusal = { error: { code: failure.code, message: failure.message }, retryAt: this.deps.clock.now() + waitMs, waitMs };
        const current = this.#entries.get(key);
        if (current) {
          // Once the company (or HCSS) says no, its cached token is no longer ours to use.
          const { token: _dropped, ...kept } = current;
          this.#entries.set(key, { ...(companyRefusalsNeedingAPerson.has(failure.code) ? kept : current), grant: { kind: 'refused', refusal } });
          if (lastRefusal?.error.code !== failure.code) this.deps.onTokenRefused?.({ association: current.association, error: refusal.error });
        }
        this.deps.logger.warn('company token request failed', { profileId, code: failure.code, retryInMs: waitMs });
        throw failure;
      } finally {
        this.#changes.emit(profileId);
      }
    })();
    if (entry) entry.grant = { kind: 'fetching', request, ...(lastRefusal ? { lastRefusal } : {}) };
    return request;
  }

  onDidChange(listener: (profileId: string) => void): Disposable {
    return this.#changes.add(listener);
  }

  dispose(): void {
    this.#changes.clear();
    for (const entry of this.#entries.values()) delete entry.token;
  }

  #load(): CompanyConnections['recovered'] {
    const raw = this.deps.settings.get(companiesSettingsKey);
    if (raw === undefined) return undefined;
    const parsed = parseStoredCompanies(raw);
    for (const association of parsed?.companies ?? []) this.#entries.set(keyOf(association.profileId, association.companyId), { association, grant: { kind: 'ready' } });
    if (parsed && parsed.dropped.length === 0) return undefined;
    // The whole value, the dropped companies with it, is kept for whoever sets them up again.
    const backupKey = `companies-backup-${this.deps.clock.now()}`;
    this.deps.settings.set(backupKey, JSON.stringify(raw));
    this.#write();
    const dropped = parsed ? { dropped: parsed.dropped } : {};
    this.deps.logger.warn('stored company connections were not valid; a backup was kept', { code: 'settings_reset', backupKey, ...dropped });
    return { backupKey, ...dropped };
  }

  #write(): void {
    this.deps.settings.set(companiesSettingsKey, { schemaVersion: 1, companies: this.list() });
  }
}

function refusalOf(grant: GrantState): Refusal | undefined {
  return grant.kind === 'refused' ? grant.refusal : grant.kind === 'fetching' ? grant.lastRefusal : undefined;
}

function personOf(session: Session): CompanyPerson {
  return { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) };
}

function keyOf(profileId: string, companyId: string): string {
  return `${profileId}\u0000${companyId}`;
}
