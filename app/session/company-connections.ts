import * as oidc from 'openid-client';
import { z } from 'zod';
import { readClaims, stringClaim } from '../auth/session-from-tokens.js';
import { mapTokenExchangeError } from '../auth/token-error-mapping.js';
import type { Profile } from '../config/profile.js';
import type { CompanyView, Disposable, ErrorView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { CompanyTokenSource } from './session-manager.js';
import type { Session } from './session.js';
import { computeExpiresAt } from './token-expiry.js';

export const companiesSettingsKey = 'companies';
/** A company token is renewed this long before it stops being served (or at 80% of a short one). */
export const companyTokenRenewMarginMs = 5 * 60_000;
/** OIDC scopes belong to the user's sign-in, never to a company token request. */
/**
 * After a failed company grant, automatic retries wait this long, doubling up to the maximum.
 * Without it every state snapshot and every waiting bot's poll would ask the provider again at
 * once, in a loop. Connecting the company again, or an explicit fetch, retries at once.
 */
export const companyRetryFirstMs = 30_000;
export const companyRetryMaxMs = 5 * 60_000;

const userOnlyScopes = new Set(['openid', 'profile', 'email', 'offline_access']);

const associationSchema = z.object({
  profileId: z.string().min(1),
  companyId: z.string().min(1).max(200),
  connectedBy: z.object({ subject: z.string(), name: z.string().optional() }),
  connectedAt: z.number(),
});
const storedSchema = z.object({ schemaVersion: z.literal(1), companies: z.array(associationSchema) });

export type CompanyAssociation = z.infer<typeof associationSchema>;

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  renewAt: number;
}

interface Deps {
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  profile: (profileId: string) => Profile | undefined;
  /** The partner profile's provider configuration, with its client authentication. */
  configuration: (profile: Profile) => Promise<oidc.Configuration>;
  httpTimeoutMs: number;
}

/**
 * HCSS partner companies: the association each consenting user made (company id, who, when),
 * kept in settings, and the company tokens obtained with the `company` grant, cached until
 * shortly before they expire. Tokens are fetched when a bot first asks and renewed in the
 * background while bots keep asking; concurrent requests for one company share one fetch.
 */
export class CompanyConnections implements CompanyTokenSource {
  #associations: CompanyAssociation[] = [];
  readonly #tokens = new Map<string, CachedToken>();
  readonly #fetching = new Map<string, Promise<void>>();
  readonly #errors = new Map<string, ErrorView>();
  /** Per company key: when automatic fetching may try again, and the wait used last time. */
  readonly #retry = new Map<string, { at: number; waitMs: number }>();
  readonly #listeners = new Set<(profileId: string) => void>();
  /** Set when the stored value was unreadable; names the backup key. */
  readonly recovered: { backupKey: string } | undefined;

  constructor(private readonly deps: Deps) {
    this.recovered = this.#load();
  }

  /**
   * Records the company a user just connected, from the configured claim: the access-token JWT
   * first, then the ID token, then userinfo. Throws `company_claim_missing` when none has it.
   */
  async connect(profile: Profile, session: Session): Promise<CompanyAssociation> {
    if (profile.kind !== 'partner') throw supervisorError('not_partner_profile', profile.name);
    const companyId = companyIdFromTokens(profile.companyClaim, session) ?? (await this.#companyIdFromUserinfo(profile, session));
    if (companyId === undefined) throw supervisorError('company_claim_missing', profile.companyClaim);
    const association: CompanyAssociation = {
      profileId: profile.id,
      companyId,
      connectedBy: { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) },
      connectedAt: this.deps.clock.now(),
    };
    this.#associations = [...this.#associations.filter((a) => !(a.profileId === profile.id && a.companyId === companyId)), association];
    this.#errors.delete(keyOf(profile.id, companyId));
    this.#retry.delete(keyOf(profile.id, companyId));
    this.#write();
    this.#changed(profile.id);
    return association;
  }

  remove(profileId: string, companyId: string): void {
    const before = this.#associations.length;
    this.#associations = this.#associations.filter((a) => !(a.profileId === profileId && a.companyId === companyId));
    if (this.#associations.length === before) {
      throw supervisorError('unknown_company', companyId, this.deps.profile(profileId)?.name ?? profileId);
    }
    this.#forgetToken(profileId, companyId);
    this.#write();
    this.#changed(profileId);
  }

  /** Drops every company of a profile, e.g. when the profile is deleted. */
  removeAll(profileId: string): void {
    const mine = this.#associations.filter((a) => a.profileId === profileId);
    if (mine.length === 0) return;
    for (const association of mine) this.#forgetToken(profileId, association.companyId);
    this.#associations = this.#associations.filter((a) => a.profileId !== profileId);
    this.#write();
    this.#changed(profileId);
  }

  list(): CompanyAssociation[] {
    return [...this.#associations];
  }

  views(): CompanyView[] {
    const now = this.deps.clock.now();
    return this.#associations.map((association) => {
      const key = keyOf(association.profileId, association.companyId);
      const token = this.#tokens.get(key);
      const error = this.#errors.get(key);
      const view: CompanyView = {
        profileId: association.profileId,
        companyId: association.companyId,
        connectedBy: association.connectedBy,
        connectedAt: association.connectedAt,
        status: error ? 'error' : token && token.expiresAt > now ? 'tokenValid' : 'connected',
      };
      if (token && token.expiresAt > now) view.tokenExpiresAt = token.expiresAt;
      if (error) view.error = error;
      return view;
    });
  }

  /** Synchronous, for the broker: a cached token, or a denial while one is being fetched. */
  tokenFor(
    profileId: string,
    companyId: string,
    minValidityMs: number,
  ): ReturnType<CompanyTokenSource['tokenFor']> {
    const profileName = this.deps.profile(profileId)?.name ?? profileId;
    if (!this.#associations.some((a) => a.profileId === profileId && a.companyId === companyId)) {
      return { ok: false, code: 'signed_out', message: `The company ${companyId} is not connected to ${profileName}.` };
    }
    const key = keyOf(profileId, companyId);
    const now = this.deps.clock.now();
    const token = this.#tokens.get(key);
    const mayFetch = !this.#fetching.has(key) && now >= (this.#retry.get(key)?.at ?? 0);
    if (mayFetch && (!token || now >= token.renewAt)) void this.fetchToken(profileId, companyId).catch(() => undefined);
    if (token && token.expiresAt - now > minValidityMs && token.expiresAt > now) {
      return { ok: true, accessToken: token.accessToken, expiresAt: token.expiresAt };
    }
    const error = this.#errors.get(key);
    // `session_expired` makes the bot SDK wait; the broker answers it when the token arrives.
    return {
      ok: false,
      code: 'session_expired',
      message: error ? error.message : `A token for company ${companyId} is being obtained; the bot will get it in a moment.`,
    };
  }

  /** Gets a fresh company token with the `company` grant and client authentication. */
  fetchToken(profileId: string, companyId: string): Promise<void> {
    const key = keyOf(profileId, companyId);
    const inFlight = this.#fetching.get(key);
    if (inFlight) return inFlight;
    const attempt = (async () => {
      const profile = this.deps.profile(profileId);
      if (!profile) throw supervisorError('unknown_profile', profileId);
      try {
        const config = await this.deps.configuration(profile);
        const scope = profile.scopes.filter((s) => !userOnlyScopes.has(s)).join(' ');
        const receivedAt = this.deps.clock.now();
        const tokens = await oidc.genericGrantRequest(config, 'company', { CompanyId: companyId, ...(scope ? { scope } : {}) });
        if (typeof tokens.access_token !== 'string' || tokens.access_token === '') {
          throw supervisorError('token_response_invalid', 'there is no access token');
        }
        const expiresAt = computeExpiresAt({
          receivedAt,
          expiresInSeconds: tokens.expires_in,
          accessToken: tokens.access_token,
          defaultLifetimeMs: profile.defaultTokenLifetimeMs,
        });
        const lifetimeMs = expiresAt - receivedAt;
        const renewAt = expiresAt - Math.min(companyTokenRenewMarginMs, Math.floor(lifetimeMs / 5));
        // The association may have been removed while the request was out.
        if (!this.#associations.some((a) => a.profileId === profileId && a.companyId === companyId)) return;
        this.#tokens.set(key, { accessToken: tokens.access_token, expiresAt, renewAt });
        this.#errors.delete(key);
        this.#retry.delete(key);
      } catch (error) {
        const failure = asCompanyError(error, companyId, tokenEndpointOf(profile), this.deps.httpTimeoutMs);
        this.#errors.set(key, toErrorView(failure, 'internal_error'));
        const waitMs = Math.min(companyRetryMaxMs, (this.#retry.get(key)?.waitMs ?? companyRetryFirstMs / 2) * 2);
        this.#retry.set(key, { at: this.deps.clock.now() + waitMs, waitMs });
        this.deps.logger.warn('company token request failed', { profileId, code: failure.code, retryInMs: waitMs });
        throw failure;
      } finally {
        this.#fetching.delete(key);
        this.#changed(profileId);
      }
    })();
    this.#fetching.set(key, attempt);
    return attempt;
  }

  onDidChange(listener: (profileId: string) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  dispose(): void {
    this.#listeners.clear();
    this.#tokens.clear();
  }

  async #companyIdFromUserinfo(profile: Profile, session: Session): Promise<string | undefined> {
    try {
      const config = await this.deps.configuration(profile);
      if (!config.serverMetadata().userinfo_endpoint) return undefined;
      const userinfo = await oidc.fetchUserInfo(config, session.accessToken, session.subject === 'unknown' ? oidc.skipSubjectCheck : session.subject);
      return stringClaim(userinfo[profile.companyClaim]);
    } catch (error) {
      // Many providers' userinfo refuses API tokens; the claim is then simply not found.
      this.deps.logger.info('userinfo gave no company claim', { profileId: profile.id, error: isSupervisorError(error) ? error.code : 'request_failed' });
      return undefined;
    }
  }

  #forgetToken(profileId: string, companyId: string): void {
    this.#tokens.delete(keyOf(profileId, companyId));
    this.#errors.delete(keyOf(profileId, companyId));
    this.#retry.delete(keyOf(profileId, companyId));
  }

  #load(): { backupKey: string } | undefined {
    const raw = this.deps.settings.get(companiesSettingsKey);
    if (raw === undefined) return undefined;
    const parsed = storedSchema.safeParse(raw);
    if (parsed.success) {
      this.#associations = parsed.data.companies;
      return undefined;
    }
    const backupKey = `companies-backup-${this.deps.clock.now()}`;
    this.deps.settings.set(backupKey, JSON.stringify(raw));
    this.#write();
    this.deps.logger.warn('stored company connections were not valid; a backup was kept', { code: 'settings_reset', backupKey });
    return { backupKey };
  }

  #write(): void {
    this.deps.settings.set(companiesSettingsKey, { schemaVersion: 1, companies: this.#associations });
  }

  #changed(profileId: string): void {
    for (const listener of this.#listeners) listener(profileId);
  }
}

/** The company id from the access-token JWT, else from the (already verified) ID token. */
export function companyIdFromTokens(claim: string, session: Pick<Session, 'accessToken' | 'idToken'>): string | undefined {
  const fromAccess = stringClaim(readClaims(session.accessToken)?.[claim]);
  if (fromAccess !== undefined) return fromAccess;
  return session.idToken === undefined ? undefined : stringClaim(readClaims(session.idToken)?.[claim]);
}

function keyOf(profileId: string, companyId: string): string {
  return `${profileId}\u0000${companyId}`;
}

function tokenEndpointOf(profile: Profile | undefined): { tokenEndpoint: string } {
  return { tokenEndpoint: profile?.endpoints?.token ?? profile?.issuer ?? 'the provider' };
}

function asCompanyError(error: unknown, companyId: string, where: { tokenEndpoint: string }, timeoutMs: number): SupervisorError {
  const mapped = mapTokenExchangeError(error, { tokenEndpoint: where.tokenEndpoint, redirectUri: '(not used by the company grant)', timeoutMs });
  if (mapped.code === 'authorization_code_rejected') {
    return supervisorError('company_token_failed', companyId, 'the provider refused it (the company may have removed the app)', { cause: error });
  }
  return supervisorError('company_token_failed', companyId, lowerFirst(mapped.message.replace(/\.$/, '')), { cause: error });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
