/**
 * The frame around every screen: the connection, navigation, header, banners, sign-in cards,
 * today's summary, keyboard shortcuts and notices. Part of `copy` (renderer/copy.ts).
 */
import { formatCount } from '../../app/common/format-count.js';
import type { ErrorCode } from '../../app/common/error-catalogue.js';
import type { SessionStatus } from '../../app/common/contract.js';
import type { SignInBusy } from '../format/sign-in-busy.js';
import { plural } from './plural.js';

export const shellCopy = {
  appName: 'RPA Supervisor',
  skipToContent: 'Skip to content',

  connection: {
    connecting: 'Connecting to RPA Supervisor…',
    lost: 'Connection to RPA Supervisor lost — reconnecting…',
    unresponsive:
      'RPA Supervisor is not responding, so this page may be out of date and cannot start or stop bots. This notice goes away by itself when it responds again; if it does not within a few minutes, restart RPA Supervisor.',
    gone: 'RPA Supervisor has stopped or restarted, so this page can no longer reach it. Its buttons are turned off.',
    goneBrowserHost:
      'If it is not running, start it with npm run start:browser. When it opens its new page, this page connects again by itself and keeps what you typed. Open the new address RPA Supervisor printed when it started again (the line that begins “Open: http://127.0.0.1”) if this page stays disconnected.',
    goneDesktop: 'Close this window and open RPA Supervisor again.',
    /** Prefixed to the window title while the page cannot reach the core. */
    disconnectedTitle: 'Disconnected',
  },

  dismiss: 'Dismiss',
  errorCode: (code: ErrorCode) => `Error code: ${code}`,

  /** The toggle that shows an error's full message and code (ErrorMessage). */
  errorDetails: 'Details',


  nav: {
    label: 'Sections',
    overview: 'Overview',
    runs: 'Run history',
    audit: 'Audit trail',
    settings: 'Settings',
  },

  header: {
    sessionsLabel: 'Sign-in status',
    noProfiles: 'No provider profiles',
    notSignedIn: 'Not signed in',
    signingIn: 'Signing in…',
    signedInAs: (name: string) => `Signed in as ${name}`,
    endingSoon: 'Session ending soon',
    /** The last warning threshold: stronger words to go with the danger colour. */
    endingVerySoon: (minutes: number) => `Last warning: session ends within ${plural(minutes, 'minute', 'minutes')}`,
    ended: 'Session ended — re-authenticate',
    problem: 'Sign-in problem',
    /** A profile whose runs wait for re-authentication: outranks every other header state. */
    waitingForSignIn: (runs: number) => `Waiting for sign-in — ${plural(runs, 'run waits', 'runs wait')}`,
    withProfile: (profileName: string, summary: string) => `${profileName}: ${summary}`,
    more: (count: number) => `${formatCount(count)} more`,
    moreNeedAttention: ' (one or more need attention)',
    otherSessionsLabel: 'Other sign-ins',
    until: (time: string) => `until ${time}`,
    left: 'left',
    signInTo: (profileName: string) => `Sign in to ${profileName}`,
    reauthenticateTo: (profileName: string) => `Re-authenticate to ${profileName}`,
    cancelSignInTo: (profileName: string) => `Cancel sign-in to ${profileName}`,
    /** The browser host only: to the waiting card's paste box, which only the Overview has. */
    pasteLink: 'Paste the link',
    pasteLinkFor: (profileName: string) => `Paste the link for ${profileName}`,
  },

  banners: {
    /** `timeLeft` from formatTimeLeft: minutes, or seconds in the last minute. */
    expiring: (profileName: string, timeLeft: string) => `Your session for ${profileName} ends in ${timeLeft}. Re-authenticate to keep bots running.`,
    expiringFinal: (profileName: string, timeLeft: string) =>
      `Last warning: your session for ${profileName} ends in ${timeLeft}. Re-authenticate now, or bots cannot get a token when it ends.`,
    expired: (profileName: string) =>
      `Your session for ${profileName} has ended. Bots cannot get a token until you re-authenticate.`,
    /** Several sessions at once: one banner, a line each, so together they stay short on a narrow window. */
    several: 'Re-authenticate to keep bots running:',
    severalExpiring: (profileName: string, timeLeft: string) => `${profileName}: ends in ${timeLeft}.`,
    severalFinal: (profileName: string, timeLeft: string) => `Last warning: ${profileName} ends in ${timeLeft}.`,
    severalExpired: (profileName: string) => `${profileName} has ended: bots cannot get a token.`,
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
    /** Why Sign in or Re-authenticate starts nothing now: its description, and said when pressed. */
    signInBusy: {
      starting: (profileName: string) => `Opening the sign-in to ${profileName} in your browser…`,
      waiting: (profileName: string) => `A sign-in to ${profileName} is already waiting in your browser. Finish it there, or choose Cancel on its sign-in card and start again.`,
      finishing: (profileName: string) => `The sign-in to ${profileName} is finishing. This takes a few seconds.`,
    } satisfies Record<SignInBusy, (profileName: string) => string>,
    signedOutHint: 'Sign in so that bots can work with this provider.',
    waitingHint: 'Complete the sign-in in the browser window that opened, then come back here.',
    signInEndsIn: 'This attempt stops in',
    exchangingHint: 'Checking the answer from the provider. This takes a few seconds.',
    browserDidntOpen: "Browser didn't open?",
    continueInBrowser: 'Continue in the browser anyway',
    refusedWaitingHint: 'The browser was not opened, because the provider would only show an error page. If you continue in the browser and sign in, come back here.',
    preflightUnreachableHint: 'Your browser may still reach the provider by another route, so the sign-in page was opened; finishing the sign-in needs this computer to reach it too.',
    copySignInLink: 'Copy the sign-in link',
    linkCopied: 'Sign-in link copied. Paste it into your browser’s address bar.',
    user: 'Signed in as',
    company: 'Company',
    timeLeft: 'Time left',
    endsAt: 'Ends',
    sessionExpired: 'Session expired',
    expiredHint: 'Bots cannot get a token until you re-authenticate.',
    lastUser: 'Last signed in as',
    reauthenticationFailed: 'Re-authentication did not complete; the current session still works until it ends.',
    noProfiles: 'There are no provider profiles yet. Add one in Settings, or run the setup wizard.',
  },

  pasteLink: {
    label: 'Paste the link your browser could not open',
    hint: 'When the provider’s last page shows a link for RPA Supervisor, copy it and paste it here. It works once, for a few minutes.',
    submit: 'Use this link',
  },

  today: {
    heading: 'Today',
    runs: 'Runs',
    succeeded: 'Succeeded',
    failed: 'Failed',
    running: 'Running',
    waiting: 'Waiting',
    stopped: 'Stopped',
    nextScheduled: (botName: string, at: string) => `Next scheduled: ${botName}, ${at}`,
    noneScheduled: 'No runs scheduled',
    /** The accessible name of a count (its visible number first), which opens Run history on those runs. */
    open: (outcome: 'runs' | 'succeeded' | 'failed' | 'running' | 'waiting' | 'stopped', count: number) => {
      const what = { runs: count === 1 ? 'run' : 'runs', succeeded: 'succeeded', failed: 'failed or timed out', running: 'running', waiting: 'waiting', stopped: 'stopped, halted or interrupted' }[outcome];
      return `${formatCount(count)} ${what} today: show ${count === 1 ? 'it' : 'them'} in Run history`;
    },
  },

  hotkeys: {
    heading: 'Global shortcuts',
    hint: 'They work anywhere on this computer, even when RPA Supervisor is in the background. Write them as Electron accelerators, for example CommandOrControl+Alt+Shift+S.',
    desktopOnly: 'Global shortcuts for Pause all and Stop all work in the desktop app only.',
    enabled: 'Use global shortcuts',
    stopAll: 'Stop all',
    pauseAll: 'Pause all',
    acceleratorHint: 'One or more of Control, Alt, Shift, Command or CommandOrControl, then one key.',
    pauseAllNotOffered: 'This app cannot pause every run from a shortcut yet; the shortcut is kept for when it can.',
  },

  notices: {
    level: { info: 'Information', warning: 'Warning', error: 'Problem' },
    /** A notice the core posted several times: "×16", read out as "16 times". */
    count: (count: number) => `×${formatCount(count)}`,
    countSpoken: (count: number) => `${formatCount(count)} times`,
    dismissAll: (count: number) => `Dismiss all ${formatCount(count)} notices`,
    /** Where focus goes once the person has dismissed the last notice. */
    noneLeft: 'No notices left.',
  },

  copyButton: {
    copied: 'Copied.',
  },
} as const;
