import { supervisorError } from '../error-catalogue.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/**
 * Signing out is a human ending supervision, so unlike expiry (where bots may wait for
 * re-authentication) it halts that profile's runs, revoking their broker secrets (S29).
 */
export async function signOutProfile(services: SupervisorServices, profileId: string): Promise<void> {
  const { profiles, signIn, runs, sessions, notices } = services;
  if (!profiles.get(profileId)) throw supervisorError('unknown_profile', profileId);
  signIn.cancel(profileId);
  await runs.haltProfile(profileId, 'The supervisor signed out.');
  const session = await sessions.signOut(profileId);
  if (session && (await signIn.revoke(session)) === 'failed') notices.post('warning', supervisorError('revocation_failed'));
}

export function sessionCommands(services: SupervisorServices): SomeHandlers<'signIn' | 'cancelSignIn' | 'signOut' | 'stopAll'> {
  return {
    signIn: async ({ profileId, prompt }) => services.signIn.start(profileId, prompt),
    cancelSignIn: async ({ profileId }) => services.signIn.cancel(profileId),
    signOut: async ({ profileId }) => signOutProfile(services, profileId),
    // The kill switch: stop every bot first, then (optionally) end every session.
    stopAll: async ({ signOut }) => {
      await services.runs.stopAll('Stopped by the operator (stop all).');
      if (signOut) for (const profile of services.profiles.list()) await signOutProfile(services, profile.id);
    },
  };
}
