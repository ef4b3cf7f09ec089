import type { PresenceView } from '../../app/common/contract.js';
import { formatCount } from '../../app/common/format-count.js';
import { listInWords } from '../../app/common/list-in-words.js';
import { plural } from './plural.js';

/**
 * Words for attention, questions, approvals, presence and run controls (docs/ui.md). Part of
 * `copy` (renderer/copy.ts).
 */
export const supervisionCopy = {
  attention: {
    heading: 'Needs attention',
    /** First in the strip, seen when it has focus: past every item to Today's counts. */
    skipToToday: 'Skip to Today',
    countLabel: (count: number) => `${formatCount(count)} new`,
    acknowledge: 'Mark as seen',
    acknowledgeAll: 'Mark all as seen',
    seen: 'Seen',
    openRun: 'Open run',
    openCompany: 'Open in Settings',
    endedAt: (when: string) => `Ended at ${when}`,
    /** An interrupted run's end is only when it was last known alive. */
    lastKnownRunning: (when: string) => `Last known running at ${when}`,
    startedEndUnknown: (when: string) => `Started at ${when}; when it stopped is not known`,
    waitingSince: (when: string) => `Waiting since ${when}`,
    workersLastHeard: (when: string) => `Last heard from at ${when}`,
    workersNeverHeard: 'Not heard from since this app started',
    lastError: 'Last error from the bot:',
    timeLeft: 'Time left',
    timeUp: {
      question: 'Time is up: the bot has been told nobody answered, and carries on as it was written to.',
      attestationWait: 'Time is up. Sign-in tokens are held back and bots wait for you: confirm you are still supervising to let them continue.',
      attestationStop: 'Time is up. Running bots were stopped, because bots stop while nobody supervises. Confirm you are still supervising before you start them again.',
      attestationMixed: (stopping: readonly string[]) =>
        `Time is up. Sign-in tokens are held back and bots wait for you; bots signed in to ${listInWords(stopping)} were stopped, as those profiles say. Confirm you are still supervising to let the others continue.`,
    },
    nothingLeft: 'Nothing else needs you now.',
    nothingNew: 'Nothing new needs you now.',
    seenEarlier: (count: number) => `Seen earlier (${formatCount(count)})`,
    bot: 'Bot',
    system: 'System',
    company: 'Company',
    worker: 'Worker',
    toastRegion: 'New items that need attention',
    openItem: 'Show',
    closeToast: 'Close',
  },
  question: {
    answerLabel: 'Your answer',
    send: 'Send answer',
    sent: 'Answer sent.',
    choices: 'Choose an answer',
  },
  approval: {
    review: 'Review and approve…',
    title: (botName: string) => `Approve ${botName}?`,
    intro: 'This run waits for your approval before it may use your sign-in.',
    bot: 'Bot',
    system: 'System (profile)',
    company: 'HCSS company',
    noCompany: 'None',
    scopes: 'Access (scopes)',
    noScopes: 'None listed',
    duration: 'Expected duration',
    unknownDuration: 'Not stated',
    approve: 'Approve run',
    refuse: 'Refuse run',
  },
  attestation: {
    confirm: "I'm still supervising",
  },
  presence: {
    away: {
      locked: 'The screen is locked: bots wait until you are back.',
      idle: 'Nobody has used the computer for a while: bots wait until you are back.',
      attestationMissed: 'A "Still supervising?" check went unanswered: bots wait until you confirm.',
    } satisfies Record<NonNullable<PresenceView['absentReason']>, string>,
  },
  runControls: {
    pause: 'Pause',
    resume: 'Resume',
    stopSafe: 'Stop at next safe point',
    stopNow: 'Stop now',
    stopRequested: 'Stopping at the next safe point…',
    holding: 'Held at a safe point.',
    pausing: 'Pausing at the next safe point…',
    pauseUnavailable: 'Pause is not available: Windows cannot pause a program from outside, and this bot does not use checkpoints from the bot SDK.',
    waitingFor: {
      approval: 'Waiting for your approval.',
      presence: 'Waiting for the supervisor: bots wait while you are away.',
      answer: 'Waiting for your answer to its question.',
      company: 'Waiting for its HCSS company’s token: Needs attention and Settings → Companies say what the company needs.',
    },
    waitingForSignIn: 'Waiting for sign-in: sign in again to let it continue.',
  },
  signOut: {
    title: (profileName: string) => `Sign out of ${profileName}?`,
    // The count can reach 0 while the dialog is open: the last bot finished after Sign out was pressed.
    body: (count: number) => (count === 0 ? 'No bot is running with this sign-in any more.' : `${plural(count, 'bot is', 'bots are')} running with this sign-in and will stop.`),
    confirm: (count: number) => (count === 0 ? 'Sign out' : `Sign out and stop ${plural(count, 'bot', 'bots')}`),
    cancel: 'Keep signed in',
  },
} as const;
