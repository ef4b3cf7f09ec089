import type { SupervisorState } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import { buildSessionView } from './session-view.js';

export type SnapshotSources = Pick<
  SupervisorServices,
  'clock' | 'host' | 'profiles' | 'signIn' | 'sessions' | 'companies' | 'runs' | 'notices' | 'preferences' | 'selfTest'
>;

/** The view the renderer gets, without attention and presence (added by the composition): never a token (S45). */
export function buildSnapshot(sources: SnapshotSources): Omit<SupervisorState, 'attention' | 'presence'> {
  const { profiles, signIn, sessions, runs, notices, preferences, selfTest, clock, host, companies } = sources;
  return {
    at: clock.now(),
    host,
    profiles: profiles.views(),
    sessions: profiles.list().map((profile) =>
      buildSessionView(profile, signIn.phase(profile.id), sessions.summary(profile.id), sessions.status(profile.id)),
    ),
    companies: companies.views(),
    bots: runs.listBots(),
    runs: runs.listRuns({ limit: 200 }),
    notices: notices.list(),
    preferences: preferences.view(),
    selfTest: selfTest.view(),
  };
}
