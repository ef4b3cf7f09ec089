import type { BotView, ProfileView, RunView, SessionView } from '../../app/common/contract.js';
import { changesProviderIdentity, type ProviderIdentity } from '../../app/common/provider-identity.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { isSessionSignedIn } from './status-labels.js';

/** Who would be signed out of a profile, and how many of its runs would stop. */
export interface SignOutImpact {
  signedInAs: string;
  liveRuns: number;
}

export interface DeleteImpact extends Partial<SignOutImpact> {
  liveRuns: number;
  /** Bots whose manifest names the profile, scheduled ones first: they can no longer start. */
  bots: string[];
  scheduledBots: string[];
}

type Sessions = { sessions: readonly SessionView[]; runs: readonly RunView[] };

/**
 * What saving `after` over `before` would end (app/commands/profile-commands.ts signs the session
 * out and halts its runs when the provider identity changes): undefined when nobody is signed in
 * or the edit keeps the session.
 */
export function editImpact(before: ProfileView, after: ProviderIdentity, state: Sessions): SignOutImpact | undefined {
  if (!changesProviderIdentity(before, after)) return undefined;
  return signOutImpact(before.id, state);
}

/** What deleting a profile ends: its session and live runs, and the bots that use it. */
export function deleteImpact(profile: Pick<ProfileView, 'id'>, state: Sessions & { bots: readonly BotView[] }): DeleteImpact {
  const using = state.bots.filter((bot) => bot.profileId === profile.id);
  const scheduled = using.filter((bot) => bot.schedule?.enabled === true).map((bot) => bot.name);
  const others = using.filter((bot) => bot.schedule?.enabled !== true).map((bot) => bot.name);
  const session = signOutImpact(profile.id, state);
  return { ...(session ?? { liveRuns: 0 }), bots: [...scheduled, ...others], scheduledBots: scheduled };
}

function signOutImpact(profileId: string, { sessions, runs }: Sessions): SignOutImpact | undefined {
  const session = sessions.find((candidate) => candidate.profileId === profileId);
  if (!session || !isSessionSignedIn(session.status)) return undefined;
  return {
    signedInAs: session.user?.name ?? session.user?.subject ?? session.profileName,
    liveRuns: runs.filter((run) => run.profileId === profileId && isLiveRunStatus(run.status)).length,
  };
}
