import { CompanyGrants } from '../../auth/company-grants.js';
import { ProviderConfigurations } from '../../auth/provider-configurations.js';
import { ProviderTokens } from '../../auth/provider-tokens.js';
import type { SignInPurpose } from '../../auth/sign-in-attempts.js';
import { SignInService, type RedirectOutcome } from '../../auth/sign-in-service.js';
import type { SignInStarted } from '../../common/contract.js';
import { ProfileRegistry } from '../../config/profile-registry.js';
import { clientSecretKey, type Profile } from '../../config/profile.js';
import { parseDeepLink } from '../../deep-link/parse-deep-link.js';
import { systemClock, type Clock } from '../../ports/clock.js';
import type { ExternalBrowser } from '../../ports/external-browser.js';
import type { HttpFetch } from '../../ports/http-fetch.js';
import { nullLogger, type Logger } from '../../ports/logger.js';
import { MemorySecretStore, type SecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore, type SettingsStore } from '../../ports/settings-store.js';
import { CompanyConnections } from '../../session/company-connections.js';
import { SessionManager } from '../../session/session-manager.js';
import { completeSignIn, startSignIn } from '../session-commands.js';

export interface SignInRig {
  profiles: ProfileRegistry;
  providers: ProviderConfigurations;
  signIn: SignInService;
  tokens: ProviderTokens;
  sessions: SessionManager;
  companies: CompanyConnections;
  secrets: SecretStore;
  settings: SettingsStore;
  /** Starts a sign-in as the `signIn` command does; a loopback answer is completed the same way. */
  start(profileId: string, options?: { prompt?: 'login'; purpose?: SignInPurpose }): Promise<SignInStarted>;
  /** Hands over a raw callback URL as a host does: parsed once, then completed. */
  deliver(url: string): Promise<RedirectOutcome>;
  dispose(): void;
}

/**
 * The sign-in, session and company services wired in the composition root's order, with the
 * real provider behind them, for tests that need the sign-in without the whole supervisor.
 */
export async function startSignInRig(options: {
  scheme: string;
  profiles: Profile[];
  clock?: Clock;
  logger?: Logger;
  secrets?: SecretStore;
  settings?: SettingsStore;
  browser?: ExternalBrowser;
  /** Client secrets by profile id, stored before the registry reads them. */
  clientSecrets?: Record<string, string>;
  timeoutMs?: number;
  /** The network stack for provider requests (a host's HttpFetch); default Node's fetch, direct. */
  http?: HttpFetch;
  /** The machine policy's `supervision.askWhoSignsIn`. */
  askWhoSignsIn?: () => boolean;
}): Promise<SignInRig> {
  const { scheme } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? nullLogger;
  const secrets = options.secrets ?? new MemorySecretStore();
  const settings = options.settings ?? new MemorySettingsStore();
  for (const [profileId, secret] of Object.entries(options.clientSecrets ?? {})) await secrets.set(clientSecretKey(profileId), secret);
  const profiles = await ProfileRegistry.create({ scheme, sandbox: undefined, extra: options.profiles, secrets });
  const providers = new ProviderConfigurations({ clientSecrets: profiles, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.http ? { fetch: options.http } : {}) });
  const signIn = new SignInService({ clock, browser: options.browser ?? { open: async () => undefined }, logger, scheme, profiles, providers, ...(options.askWhoSignsIn ? { askWhoSignsIn: options.askWhoSignsIn } : {}) });
  const tokens = new ProviderTokens({ clock, logger, scheme, profiles, providers });
  const companies = new CompanyConnections({ settings, clock, logger, profiles, grants: new CompanyGrants({ providers, clock, logger }) });
  const sessions = new SessionManager({ clock, logger, notifier: { notify: () => undefined }, secrets, profiles, refresher: tokens, companyTokens: companies });
  const steps = { signIn, sessions, companies, tokens };
  return {
    profiles,
    providers,
    signIn,
    tokens,
    sessions,
    companies,
    secrets,
    settings,
    start: (profileId, startOptions = {}) => startSignIn(steps, profileId, startOptions),
    deliver: async (url) => {
      const link = parseDeepLink(url, { scheme });
      if (link.kind === 'selfTest') throw new Error('a self-test link is not a sign-in answer');
      return completeSignIn(steps, link);
    },
    dispose: () => {
      signIn.dispose();
      sessions.dispose();
      companies.dispose();
    },
  };
}
