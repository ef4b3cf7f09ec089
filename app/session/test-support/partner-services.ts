import type { MisbehavingProvider } from '../../auth/test-support/misbehaving-provider.js';
import type { RedirectOutcome } from '../../auth/sign-in-service.js';
import { startSignInRig, type SignInRig } from '../../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../../config/profile.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';

export const partnerScheme = 'uk.co.rpasupervisor.dev';
/** The confidential client the provider is started with (`confidentialClient`). */
export const partnerClient = { clientId: 'partner-client', clientSecret: 'partner-secret-for-tests' };

export interface PartnerServices extends SignInRig {
  profile: Profile;
  /** Connects a company: PKCE sign-in through the provider, completed without a browser. */
  connect(): Promise<RedirectOutcome>;
}

/**
 * An HCSS-style partner profile wired to the real sign-in, session and company services, against
 * a provider started with `confidentialClient: partnerClient` and `customSchemes: [partnerScheme]`.
 */
export async function startPartnerServices(provider: MisbehavingProvider, options: { clock: Clock; logger: Logger }): Promise<PartnerServices> {
  const profile = profileSchema.parse({
    id: 'hcss',
    name: 'HCSS partner',
    kind: 'partner',
    issuer: provider.issuer,
    clientId: partnerClient.clientId,
    clientAuth: 'client_secret_basic',
    scopes: ['openid', 'profile', 'api'],
  });
  const rig = await startSignInRig({
    scheme: partnerScheme,
    profiles: [profile],
    clock: options.clock,
    logger: options.logger,
    clientSecrets: { [profile.id]: partnerClient.clientSecret },
    // The product's bound: no test here is about a provider that hangs, and a tight bound would
    // only fail ordinary requests on a busy computer.
    timeoutMs: 10_000,
  });
  return {
    ...rig,
    profile,
    connect: async () => {
      const { authorizationUrl } = await rig.start(profile.id, { purpose: 'connectCompany' });
      return rig.deliver(await provider.sandbox.completeLoginWithoutBrowser(authorizationUrl));
    },
  };
}
