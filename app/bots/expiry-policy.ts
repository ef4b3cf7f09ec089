import type { Disposable } from '../common/contract.js';

export type ExpiryPolicy = 'wait' | 'stop';

/**
 * At expiry, running bots follow their profile's policy. `wait` (the default) does nothing here:
 * the broker already answers `session_expired`, and bots long-poll until someone re-authenticates.
 * `stop` halts the profile's runs. Sign-out is different: a human ended supervision, so it always
 * halts (see signOutProfile in app/commands/session-commands.ts).
 */
export function followExpiryPolicy(deps: {
  sessions: { onDidEvent(listener: (event: { type: string; profileId: string }) => void): Disposable };
  runs: { haltProfile(profileId: string, reason: string, haltedBy?: 'expiry'): Promise<void> };
  policyOf: (profileId: string) => ExpiryPolicy | undefined;
  onError?: (error: unknown) => void;
}): Disposable {
  return deps.sessions.onDidEvent((event) => {
    if (event.type !== 'expired' || (deps.policyOf(event.profileId) ?? 'wait') !== 'stop') return;
    deps.runs.haltProfile(event.profileId, 'The session expired, and this profile stops its bots at expiry.', 'expiry').catch((error: unknown) => deps.onError?.(error));
  });
}
