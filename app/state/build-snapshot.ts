import type { SupervisorState } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import { sessionCompanies } from './session-companies.js';
import { buildSessionView } from './session-view.js';
import { summariseToday } from './today-summary.js';

export type SnapshotSources = Pick<
  SupervisorServices,
  'clock' | 'host' | 'profiles' | 'signIn' | 'sessions' | 'companies' | 'runs' | 'notices' | 'preferences' | 'selfTest'
> & {
  /** The bots' schedules: each bot's schedule view and the next scheduled run, for "Today". */
  schedules?: Pick<SupervisorServices['schedules'], 'view' | 'nextScheduled'>;
  /** IANA time zone whose midnight starts "today"; default the computer's own. */
  timeZone?: string;
};

/** The runs "Today" can count: the history file keeps at most this many. */
const todayRunLimit = 1000;

/** The view the renderer gets, without attention and presence (added by the composition): never a token (S45). */
export function buildSnapshot(sources: SnapshotSources): Omit<SupervisorState, 'attention' | 'presence'> {
  const { profiles, signIn, sessions, runs, notices, preferences, selfTest, clock, host, companies, schedules } = sources;
  const now = clock.now();
  const companyViews = companies.views();
  return {
    at: now,
    host,
    profiles: profiles.views(),
    sessions: profiles.list().map((profile) => {
      const view = buildSessionView(profile, signIn.phase(profile.id), sessions.summary(profile.id), sessions.status(profile.id));
      const subject = view.user?.subject;
      if (profile.kind !== 'partner' || subject === undefined) return view;
      return { ...view, companies: sessionCompanies(companyViews, { profileId: profile.id, subject, isAdmin: companies.isAdmin(subject) }) };
    }),
    companies: companyViews,
    bots: runs.listBots().map((bot) => {
      const schedule = schedules?.view(bot);
      return schedule ? { ...bot, schedule } : bot;
    }),
    runs: runs.listRuns({ limit: 200 }),
    queue: runs.queued(),
    notices: notices.list(),
    preferences: preferences.view(),
    selfTest: selfTest.view(),
    today: summariseToday({ runs: runs.listRuns({ limit: todayRunLimit }), now, timeZone: sources.timeZone, nextScheduled: schedules?.nextScheduled() }),
  };
}
