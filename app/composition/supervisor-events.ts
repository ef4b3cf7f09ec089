import { followExpiryPolicy } from '../bots/expiry-policy.js';
import type { RunManager } from '../bots/run-manager.js';
import type { Disposable, UserView } from '../common/contract.js';
import type { ProfileRegistry } from '../config/profile-registry.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';
import type { EffectiveSupervision } from '../policy/supervision-policy.js';
import type { Logger } from '../ports/logger.js';
import type { PresenceSource } from '../ports/presence-source.js';
import type { SignInService } from '../auth/sign-in-service.js';
import type { SessionManager } from '../session/session-manager.js';
import type { Supervision } from '../supervision/supervision.js';

/** Something whose changes show in the state snapshot. */
interface Changing {
  onDidChange(listener: () => void): Disposable;
}

export interface SupervisorEventDeps {
  logger: Logger;
  profiles: Pick<ProfileRegistry, 'get' | 'list'>;
  notices: NoticeBoard;
  signIn: SignInService;
  sessions: SessionManager;
  runs: RunManager;
  supervision: Supervision;
  supervisionPolicy: EffectiveSupervision;
  /** Every other service whose changes the page must see. */
  changing: readonly Changing[];
  publish(): void;
  signedInUser(): UserView | undefined;
  /** The host's presence signals, when it has its own (Electron). */
  presence: PresenceSource | undefined;
}

/**
 * How the services react to each other once composed: expiry halts runs by policy, sign-in and
 * session problems become notices, absence halts the runs of profiles that stop then, and every
 * change publishes one state snapshot.
 */
export function wireSupervisorEvents(deps: SupervisorEventDeps): Disposable[] {
  const { logger, profiles, notices, signIn, sessions, runs, supervision, supervisionPolicy, publish } = deps;
  return [
    followExpiryPolicy({
      sessions,
      runs,
      policyOf: (profileId) => profiles.get(profileId)?.expiryPolicy,
      onError: (error) => logger.error('Halting runs at expiry failed', { error: String(error) }),
    }),
    sessions.onDidEvent((event) => {
      if (event.type === 'discarded' && event.reason === 'unreadable') notices.post('warning', supervisorError('session_unreadable'));
      if (event.type === 'refreshFailed') notices.post('warning', supervisorError('token_refresh_failed', profiles.get(event.profileId)?.name ?? event.profileId));
      // Sign-out closes that profile's questions: nobody is there to answer them.
      if (event.type === 'signedOut') supervision.questions.closeForProfile(event.profileId);
    }),
    signIn.onDidEvent((event) => {
      if (event.type === 'redirectIgnored') notices.post('warning', supervisorError('invalid_redirect', event.reason));
      publish();
    }),
    ...[sessions, runs, supervision, ...deps.changing].map((source) => source.onDidChange(publish)),
    // Attestation checks run only while someone is signed in.
    sessions.onDidChange(() => supervision.presence.setSupervising(deps.signedInUser() !== undefined)),
    // Absence under a "stop" policy halts the runs of every profile that follows it.
    supervision.presence.onDidChange((event) => {
      if (event.type !== 'absent') return;
      for (const profile of profiles.list()) {
        if ((supervisionPolicy.onAbsence ?? profile.absencePolicy ?? 'wait') !== 'stop') continue;
        runs.haltProfile(profile.id, 'The supervisor was away, and this profile stops its bots then.', 'absence').catch((error: unknown) => logger.error('Halting runs on absence failed', { error: String(error) }));
      }
    }),
    ...(deps.presence ? [deps.presence.onDidSignal((signal) => supervision.presence.signal(signal))] : []),
  ];
}
