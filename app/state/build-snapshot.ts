import type { SupervisorState } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import { buildSessionView } from './session-view.js';

export type SnapshotSources = Pick<
  SupervisorServices,
  'clock' | 'host' | 'profiles' | 'signIn' | 'sessions' | 'companies' | 'runs' | 'notices' | 'preferences' | 'selfTest'
> & { schedules?: Pick<SupervisorServices['schedules'], 'view' | 'nextScheduled'> };

/** The full view the renderer gets: status, who, until when; never a token (S45). */
export function buildSnapshot(sources: SnapshotSources): SupervisorState {
  const { profiles, signIn, sessions, runs, notices, preferences, selfTest, clock, host, companies, schedules } = sources;
  return {
    at: clock.now(),
    host,
    profiles: profiles.views(),
    sessions: profiles.list().map((profile) =>
      buildSessionView(profile, signIn.phase(profile.id), sessions.summary(profile.id), sessions.status(profile.id)),
    ),
    companies: companies.views(),
    bots: runs.listBots().map((bot) => {
      const schedule = schedules?.view(bot);
      return schedule ? { ...bot, schedule } : bot;
    }),
    runs: runs.listRuns({ limit: 200 }),
    queue: runs.queued(),
    ...(nextScheduledOf(schedules) ?? {}),
    notices: notices.list(),
    preferences: preferences.view(),
    selfTest: selfTest.view(),
  };
}

function nextScheduledOf(schedules: SnapshotSources['schedules']): { nextScheduled: { botName: string; at: number } } | undefined {
  const next = schedules?.nextScheduled();
  return next ? { nextScheduled: next } : undefined;
}
