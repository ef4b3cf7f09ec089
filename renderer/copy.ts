/**
 * Every string the renderer writes itself, in UK English, in one place so wording stays
 * consistent and can be reviewed (and later translated) without reading components.
 *
 * Error messages are NOT here: the core owns the error catalogue and sends each message in an
 * ErrorView. The only error wording kept here is for failures the core cannot report because the
 * connection to it is down.
 */
import type { RunStatus, SessionStatus } from '../app/contract.js';

export const copy = {
  appName: 'RPA Supervisor',

  connection: {
    connecting: 'Connecting to RPA Supervisor…',
    lost: 'Connection to RPA Supervisor lost — reconnecting…',
    rejected:
      'This page could not connect to RPA Supervisor because its link is missing or out of date. Open RPA Supervisor again to get a new link.',
    notConnected: 'RPA Supervisor is not connected. Wait until it reconnects, then try again.',
    interrupted:
      'The connection to RPA Supervisor dropped before it answered. Check whether the action took effect, then try again if needed.',
  },

  unexpectedError: 'Something went wrong. Try again; if it keeps happening, restart RPA Supervisor.',
  dismiss: 'Dismiss',

  header: {
    noProfiles: 'No provider profiles',
    notSignedIn: 'Not signed in',
    signingIn: 'Signing in…',
    signedInAs: (name: string) => `Signed in as ${name}`,
    endingSoon: 'Session ending soon',
    ended: 'Session ended — re-authenticate',
    problem: 'Sign-in problem',
    withProfile: (profileName: string, summary: string) => `${profileName}: ${summary}`,
  },

  sessions: {
    heading: 'Sign-in',
    status: {
      signedOut: 'Signed out',
      waitingForBrowser: 'Waiting for your browser…',
      exchanging: 'Finishing sign-in…',
      active: 'Active',
      expiring: 'Expiring soon',
      expired: 'Expired',
      error: 'Sign-in failed',
    } satisfies Record<SessionStatus, string>,
    signIn: 'Sign in',
    cancel: 'Cancel',
    reauthenticate: 'Re-authenticate',
    signOut: 'Sign out',
    tryAgain: 'Try again',
    signedOutHint: 'Sign in so that bots can work with this provider.',
    waitingHint: 'Complete the sign-in in the browser window that opened, then come back here.',
    exchangingHint: 'Checking the answer from the provider.',
    browserDidntOpen: "Browser didn't open?",
    copySignInLink: 'Copy the sign-in link',
    linkCopied: 'Sign-in link copied. Paste it into your browser’s address bar.',
    copyFailed: 'The link could not be copied automatically. Select it below and copy it.',
    user: 'Signed in as',
    company: 'Company',
    timeLeft: 'Time left',
    endsAt: 'Ends',
    expiringBanner: (minutes: number) =>
      `Your session ends in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Re-authenticate to keep bots running.`,
    sessionExpired: 'Session expired',
    expiredHint: 'Bots cannot get a token until you re-authenticate.',
    lastUser: 'Last signed in as',
  },

  bots: {
    heading: 'Bots',
    none: 'No bots are set up yet.',
    lastRun: 'Last run',
    neverRun: 'Not run yet',
    start: 'Start',
    stop: 'Stop',
    viewLog: 'View log',
  },

  runs: {
    status: {
      queued: 'Queued',
      starting: 'Starting',
      running: 'Running',
      succeeded: 'Succeeded',
      failed: 'Failed',
      cancelled: 'Stopped',
      timedOut: 'Timed out',
      halted: 'Halted — session ended',
      interrupted: 'Interrupted',
    } satisfies Record<RunStatus, string>,
  },

  runLog: {
    heading: 'Run log',
    headingFor: (botName: string) => `Run log — ${botName}`,
    noneSelected: 'Start a bot, or choose View log, to see its output here.',
    status: 'Status',
    exitCode: 'Exit code',
    signal: 'Signal',
    duration: 'Duration',
    startedAt: 'Started',
    supervisor: 'Supervised by',
    reason: 'Reason',
    notApplicable: '—',
    loading: 'Loading log…',
    empty: 'No output yet.',
    earlierHidden: (count: number) => `Showing the latest ${count.toLocaleString('en-GB')} lines. Earlier lines are not shown here.`,
    logLabel: 'Log output',
    stderr: 'Error output',
    system: 'RPA Supervisor',
  },

  notices: {
    level: { info: 'Information', warning: 'Warning', error: 'Problem' },
  },

} as const;
