import type { MisbehavingProvider } from '../../auth/test-support/misbehaving-provider.js';
import { SignInService } from '../../auth/sign-in-service.js';
import { clientSecretKey, profileSchema, type Profile } from '../../config/profile.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import { CompanyConnections } from '../company-connections.js';
import { SessionManager } from '../session-manager.js';

export const partnerScheme = 'uk.co.rpasupervisor.dev';
/** The confidential client the provider is started with (`confidentialClient`). */
export const partnerClient = { clientId: 'partner-client', clientSecret: 'partner-secret-for-tests' };

export interface PartnerServices {
  profile: Profile;
  service: SignInService;
  sessions: SessionManager;
  companies: CompanyConnections;
  /** Connects a company: PKCE sign-in through the provider, completed without a browser. */
  connect(): ReturnType<SignInService['handleRedirect']>;
  dispose(): void;
}

/**
 * An HCSS-style partner profile wired to the real sign-in, session and company services, against
 * a provider started with `confidentialClient: partnerClient` and `customSchemes: [partnerScheme]`.
 */
export async function startPartnerServices(provider: MisbehavingProvider, options: { clock: Clock; logger: Logger }): Promise<PartnerServices> {
  const { clock, logger } = options;
  const profile = profileSchema.parse({
    id: 'hcss',
    name: 'HCSS partner',
    kind: 'partner',
    issuer: provider.issuer,
    clientId: partnerClient.clientId,
    clientAuth: 'client_secret_basic',
    scopes: ['openid', 'profile', 'api'],
  });
  const lookup = (id: string) => (id === profile.id ? profile : undefined);
  const secrets = new MemorySecretStore();
  await secrets.set(clientSecretKey(profile.id), partnerClient.clientSecret);
  // The product's bound: no test here is about a provider that hangs, and a tight bound would
  // only fail ordinary requests on a busy computer.
  const companies = new CompanyConnections({ settings: new MemorySettingsStore(), clock, logger, profile: lookup, configuration: (p) => service.configuration(p), httpTimeoutMs: 10_000 });
  const sessions = new SessionManager({ clock, logger, notifier: { notify: () => undefined }, secrets, profile: lookup, companyTokens: companies });
  const service: SignInService = new SignInService({
    clock,
    browser: { open: async () => undefined },
    logger,
    secrets,
    sessions,
    scheme: partnerScheme,
    profile: lookup,
    connectCompany: async (p, session) => void (await companies.connect(p, session)),
  });
  return {
    profile,
    service,
    sessions,
    companies,
    connect: async () => {
      const { authorizationUrl } = await service.start(profile.id, undefined, 'connectCompany');
      return service.handleRedirect(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    },
    dispose: () => {
      service.dispose();
      sessions.dispose();
      companies.dispose();
    },
  };
}
