import { testProviderConnection } from '../auth/connection-test.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/** A profile's network reach: "Test connection" in Settings, and the sign-in page after a refused pre-flight (S55). */
export function connectionCommands(
  services: Pick<SupervisorServices, 'profiles' | 'providers' | 'signIn' | 'clock'> & { scheme: string },
): SomeHandlers<'openSignInPage' | 'testConnection'> {
  return {
    openSignInPage: async ({ profileId }) => services.signIn.openSignInPage(profileId),
    testConnection: async ({ profileId }) => {
      const profile = services.profiles.get(profileId);
      if (!profile) throw supervisorError('unknown_profile', profileId);
      const { providers } = services;
      return testProviderConnection({ fetch: providers.fetch, clock: services.clock, scheme: services.scheme, timeoutMs: providers.timeoutMs }, profile);
    },
  };
}
