import type { SupervisorState } from '../common/contract.js';
import { buildSessionView } from '../session/session-view.js';
import type { SupervisorServices } from '../supervisor-services.js';

/** The full view the renderer gets: status, who, until when; never a token (S45). */
export function buildSnapshot(services: SupervisorServices): SupervisorState {
  const { profiles, signIn, sessions, runs, notices, preferences, selfTest, ports, host, profilesWithSecret } = services;
  return {
    at: ports.clock.now(),
    host,
    profiles: profiles.views((id) => profilesWithSecret.has(id)),
    sessions: profiles.list().map((profile) =>
      buildSessionView(profile, signIn.phase(profile.id), sessions.summary(profile.id), sessions.status(profile.id)),
    ),
    companies: services.companies.views(),
    bots: runs.listBots(),
    runs: runs.listRuns({ limit: 200 }),
    notices: notices.list(),
    preferences: preferences.view(),
    selfTest: selfTest.view(),
  };
}
