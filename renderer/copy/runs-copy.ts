/**
 * Bots, the run queue, schedules, runs and run history. Part of `copy` (renderer/copy.ts).
 */
import { formatCount } from '../../app/common/format-count.js';
import type { RunStatus, HaltCause } from '../../app/common/contract.js';
import type { RunOutcomeFilter } from '../format/filter-runs.js';
import { plural } from './plural.js';

export const runsCopy = {
  bots: {
    heading: 'Bots',
    none: 'No bots are set up yet. Put a bot’s .bot.json file in the bots folder, and it appears here.',
    folder: 'Bots folder',
    copyFolder: 'Copy the folder path',
    folderCopied: 'Folder path copied. Paste it into your file manager’s address bar to open the folder.',
    changeFolder: 'To use another folder, change Bots folder in Settings.',
    removedFromFolder: 'Removed from the bots folder',
    lastRun: 'Last run',
    neverRun: 'Not run yet',
    profile: 'Signs in with',
    company: 'Acts for company',
    duration: 'Duration',
    start: 'Start',
    stop: 'Stop',
    viewLog: 'View log',
    startBot: (botName: string) => `Start ${botName}`,
    stopBot: (botName: string) => `Stop ${botName}`,
    viewLogOf: (botName: string) => `View log of ${botName}`,
    reauthenticateFor: (botName: string, profileName: string) => `Re-authenticate to ${profileName} so that ${botName} can start`,
    reauthenticateForAll: (profileName: string) => `Re-authenticate to ${profileName} so that these bots can start`,
    signInForAll: (profileName: string) => `Sign in to ${profileName} so that these bots can start`,
    blockedAll: (count: number) => (count === 2 ? 'Both bots are waiting for this.' : `All ${formatCount(count)} bots are waiting for this.`),
    blockedSome: (count: number, total: number) => `${formatCount(count)} of ${plural(total, 'bot is', 'bots are')} waiting for this.`,
    warning: 'Warning:',
    envTokenDelivery: 'Gets the token in its environment — less protected than the broker.',
    stopAll: 'Stop all and sign out',
    stopAllTitle: 'Stop all bots and sign out?',
    stopAllBody: (running: number) =>
      `${running === 0 ? 'No bots are running.' : `${plural(running, 'bot run', 'bot runs')} will be stopped.`} You will be signed out of every provider, and no bot can start until someone signs in again.`,
    stopAllConfirm: 'Stop all and sign out',
    /** With nothing running, "Keep running" would promise something that is not happening. */
    stopAllCancel: (running: number) => (running === 0 ? 'Cancel' : 'Keep running'),
    stopAllDone: 'All bots were stopped and every provider is signed out.',
  },

  queue: {
    heading: (count: number) => `Waiting to start (${formatCount(count)})`,
    hint: 'Runs start in this order when a slot is free. Move a run to change the order; it then keeps its place over priorities.',
    priority: { high: 'High priority', normal: 'Normal priority', low: 'Low priority' },
    waitingFor: { slot: 'Waiting for a free slot', exclusive: 'Waiting for the bot using the screen to finish', worker: 'Waiting for a worker', approval: 'Waiting for your approval' },
    uses: 'Uses the screen',
    moved: 'Moved by hand',
    queuedAt: (time: string) => `queued at ${time}`,
    noWorkerForPool: (pool: string) => `No approved worker takes pool ${pool}: approve one in Settings → Workers.`,
    workersDown: (pool: string, workers: string) => `No worker of pool ${pool} is up: start the worker program on ${workers}.`,
    moveUp: 'Move up',
    moveDown: 'Move down',
    cancel: 'Cancel',
    // The visible word first, so speech input ("click Move up") finds the button (WCAG 2.5.3).
    moveUpOf: (botName: string, place: number) => `Move up: ${botName}, place ${place}`,
    moveDownOf: (botName: string, place: number) => `Move down: ${botName}, place ${place}`,
    cancelOf: (botName: string, place: number) => `Cancel: ${botName}, place ${place} in the queue`,
    listLabel: 'Queued runs, next first',
  },

  schedule: {
    label: 'Schedule',
    off: (cron: string) => `${cron} (off)`,
    fromSettings: 'set in RPA Supervisor',
    fromManifest: 'from the bot’s manifest',
    next: 'Next scheduled run',
    last: 'Last scheduled run',
    started: (time: string) => `Started at ${time}`,
    skipped: (time: string) => `Skipped at ${time}`,
    exclusive: 'Uses the screen: runs alone',
    priority: 'Priority',
    edit: 'Change schedule',
    add: 'Add a schedule',
    // The visible words first, so speech input finds the button (WCAG 2.5.3).
    editOf: (label: string, botName: string) => `${label}: ${botName}`,
    formLabel: (botName: string) => `Schedule of ${botName}`,
    cron: 'Cron pattern',
    cronHint: 'Local time. For example 0 9 * * 1-5 runs at 09:00 on weekdays. Leave empty to keep the bot’s own pattern.',
    enabled: 'Run on this schedule',
    save: 'Save schedule',
    useManifest: 'Use the bot’s own schedule',
    cancel: 'Cancel',
    /** The Start priority picker. */
    startPriority: 'Priority of the next run',
    startPriorityOf: (botName: string) => `Priority of the next run of ${botName}`,
    defaultPriority: (label: string) => `${label} (the bot’s default)`,
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
      waitingForSignIn: 'Waiting for sign-in',
      waitingForSupervisor: 'Waiting for supervisor',
      paused: 'Paused',
    } satisfies Record<RunStatus, string>,
    haltedBy: {
      signOut: 'Halted — signed out',
      expiry: 'Halted — session expired',
      absence: 'Halted — supervisor away',
      shutdown: 'Halted — app closed',
    } satisfies Record<HaltCause, string>,
  },

  history: {
    heading: 'Run history',
    filtersLabel: 'Filter runs',
    bot: 'Bot',
    allBots: 'All bots',
    outcome: 'Outcome',
    outcomes: {
      all: 'Any outcome',
      live: 'Running or waiting',
      running: 'Running',
      waiting: 'Waiting',
      succeeded: 'Succeeded',
      failed: 'Failed or timed out',
      stopped: 'Stopped, halted or interrupted',
    } satisfies Record<RunOutcomeFilter, string>,
    search: 'Search',
    searchHint: 'Bot, supervisor, stop reason, error or run id',
    from: 'From (date)',
    to: 'To (date)',
    rangeReversed: 'The From date is after the To date, so no run can match.',
    /** The chosen days in words under the date fields, whose own format follows the browser's language. */
    daysInWords: (from: string | undefined, to: string | undefined) => (from && to ? `Runs started from ${from} to ${to}.` : from ? `Runs started on or after ${from}.` : `Runs started on or before ${to}.`),
    /** While the runs back to the From date are fetched, a page at a time. */
    lookingBack: (date: string) => `Loading runs back to ${date}…`,
    clearFilters: 'Clear filters',
    count: (shown: number, total: number, more = false) => {
      const count = shown === total ? plural(total, 'run', 'runs') : `${formatCount(shown)} of ${plural(total, 'run', 'runs')}`;
      return more ? `${count} loaded. Load older runs to look further back.` : count;
    },
    loadOlder: 'Load older runs',
    loadingOlder: 'Loading older runs…',
    none: 'No runs yet. Start a bot from the Overview, and its run appears here.',
    noMatch: 'No runs match these filters. Clear the filters to see every run.',
    noMatchLoaded: 'No loaded run matches these filters. Load older runs to look further back, or clear the filters.',
    loading: 'Loading runs…',
    columns: { bot: 'Bot', status: 'Status', started: 'Started', duration: 'Duration', supervisor: 'Supervised by', exitCode: 'Exit code', reason: 'Stop reason' },
    /** Hidden before the last error in the Stop reason cell, so a screen reader says what it is. */
    lastErrorPrefix: 'Last error:',
    download: 'Download these runs (CSV)',
    downloaded: (count: number, fileName: string) => `Saved ${plural(count, 'run', 'runs')} as ${fileName}.`,
    print: 'Print',
    /** The columns of the CSV download, in order (the table's and more). */
    csvColumns: [
      'Bot',
      'Bot id',
      'Status',
      'Started (local time, UTC offset)',
      'Ended (local time, UTC offset)',
      'Duration',
      'Duration (seconds)',
      'Supervised by',
      'Supervisor subject',
      'Exit code',
      'Signal',
      'Stop reason',
      'Last error',
      'Hidden from the log',
      'Run id',
    ],
    open: (botName: string, started: string) => `Open the run of ${botName} started ${started}`,
    selectHint: 'Choose a run to see its details and log.',
  },
} as const;
