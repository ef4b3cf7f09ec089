import { supervisorError } from '../error-catalogue.js';
import { SupervisorError } from '../errors.js';
import { companyRefusalsNeedingAPerson } from '../session/company-denial.js';
import type { Clock } from '../ports/clock.js';
import type { BotManifest } from './bot-manifest.js';
import type { SessionAccess, TokenGrant } from './session-access.js';
import { formatTimeLeftAtMost } from '../common/format-duration.js';

/**
 * Whether a bot may start a run now, asked when Start is pressed, when the bot list is drawn,
 * and again when a queued run's turn comes (the session may have changed while it waited).
 */
export class RunStartPolicy {
  readonly #sessions: SessionAccess;
  readonly #clock: Clock;
  readonly #profileName: (profileId: string) => string | undefined;
  readonly #allowEnvTokenDelivery: boolean;
  readonly #profileIds: (() => readonly string[]) | undefined;

  constructor(deps: {
    sessions: SessionAccess;
    clock: Clock;
    profileName?: ((profileId: string) => string | undefined) | undefined;
    /** The machine policy's `bots.allowEnvTokenDelivery`; default true. */
    allowEnvTokenDelivery?: boolean | undefined;
    /** The profiles set up here, so a manifest naming another is told so; unchecked when absent. */
    profileIds?: (() => readonly string[]) | undefined;
  }) {
    this.#sessions = deps.sessions;
    this.#clock = deps.clock;
    this.#profileName = deps.profileName ?? (() => undefined);
    this.#allowEnvTokenDelivery = deps.allowEnvTokenDelivery ?? true;
    this.#profileIds = deps.profileIds;
  }

  /** Why `bot` may not start another run, given how many of its runs are live; undefined if it may. */
  blocker(bot: BotManifest, liveRunsOfBot: number): SupervisorError | undefined {
    // Policy first: no session or sign-in can make this bot startable here.
    if (bot.tokenDelivery === 'env' && !this.#allowEnvTokenDelivery) return supervisorError('bot_env_token_not_allowed', bot.name);
    const unknownProfile = this.#unknownProfile(bot);
    if (unknownProfile) return unknownProfile;
    if (liveRunsOfBot >= bot.concurrency) return supervisorError('bot_already_running', bot.name, bot.concurrency);
    const grant = this.#sessions.tokenFor(bot.profileId, bot.expectedDurationMs ?? 0);
    if (!grant.ok) return this.denial(bot, grant);
    if (bot.company !== undefined) {
      // A token still on its way, or a provider briefly unreachable, is waited out by the SDK; a
      // company that withdrew consent (or a refused client) needs a person first.
      const companyGrant = this.#sessions.tokenFor(bot.profileId, 0, bot.company);
      if (!companyGrant.ok && companyGrant.code === 'company_not_connected') return supervisorError('bot_company_mismatch', bot.name, bot.company);
      if (!companyGrant.ok && companyGrant.code === 'company_not_yours') return this.denial(bot, companyGrant);
      if (!companyGrant.ok && companyGrant.code === 'company_unavailable' && companyGrant.reason !== undefined && companyRefusalsNeedingAPerson.has(companyGrant.reason)) {
        return new SupervisorError(companyGrant.reason, companyGrant.message);
      }
    }
    return undefined;
  }

  /** The user-facing error for a refused token grant. */
  denial(bot: BotManifest, grant: Extract<TokenGrant, { ok: false }>): SupervisorError {
    const profileName = this.#profileName(bot.profileId) ?? bot.profileId;
    switch (grant.code) {
      case 'signed_out':
        // Nobody can sign in to a profile that is not set up: "Sign in to healthcode" would send
        // the operator looking for a sign-in card that does not exist.
        return this.#unknownProfile(bot) ?? supervisorError('not_signed_in', profileName);
      case 'session_expired':
        return supervisorError('session_expired', profileName);
      case 'company_not_yours':
        return supervisorError('company_not_yours', bot.company ?? '', grant.owner ?? 'another person', ...(grant.others ?? []));
      case 'company_not_connected':
        return supervisorError('bot_company_mismatch', bot.name, bot.company ?? '');
      case 'company_token_pending':
        return supervisorError('company_token_pending', bot.company ?? '');
      case 'company_unavailable':
        return new SupervisorError(grant.reason ?? 'company_token_failed', grant.message);
      case 'insufficient_validity': {
        const leftMs = grant.expiresAt === undefined ? 0 : grant.expiresAt - this.#clock.now();
        return supervisorError('run_would_outlast_token', formatTimeLeftAtMost(leftMs));
      }
    }
  }

  #unknownProfile(bot: BotManifest): SupervisorError | undefined {
    const ids = this.#profileIds?.();
    if (ids === undefined || ids.includes(bot.profileId)) return undefined;
    const known = ids.map((id) => `"${id}" (${this.#profileName(id) ?? id})`).join(', ');
    return supervisorError('bot_profile_unknown', bot.name, bot.profileId, known);
  }
}
