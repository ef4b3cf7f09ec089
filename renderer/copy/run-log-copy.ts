/**
 * A run's log, its patient-data redactions and its artifacts. Part of `copy` (renderer/copy.ts).
 */
import { formatCount } from '../../app/common/format-count.js';
import { formatBytes } from '../../app/common/format-bytes.js';
import type { PatientIdentifierKind, RedactionKind } from '../../app/common/patient-data.js';
import { plural } from './plural.js';

export const runLogCopy = {
  runLog: {
    heading: 'Run detail',
    headingFor: (botName: string) => `Run detail — ${botName}`,
    noneSelected: 'Start a bot, or choose View log, to see its output here.',
    status: 'Status',
    exitCode: 'Exit code',
    signal: 'Signal',
    duration: 'Duration',
    startedAt: 'Started',
    queuedFor: 'In the queue for',
    queuedAt: 'Queued at',
    supervisor: 'Supervised by',
    reason: 'Stop reason',
    lastError: 'Last error from the bot',
    notApplicable: '—',
    runAgain: 'Run again',
    runAgainLabel: (botName: string) => `Run again: ${botName}`,
    runAgainGone: (botName: string) => `${botName} is no longer set up, so it cannot run again from here.`,
    runAgainProfileChanged: (botName: string) =>
      `${botName} now signs in with a different profile than this run did, so it is not started from here. Start it from the Overview.`,
    loading: 'Loading log…',
    empty: 'No output yet.',
    earlierHidden: (count: number) => `Showing the latest ${formatCount(count)} lines. Use Download full log for the earlier ones.`,
    earlierIncomplete: 'Some earlier lines could not be shown here because they scrolled past too quickly. Use Download full log to get every line.',
    logLabel: 'Log output',
    stderr: 'Error output',
    system: 'RPA Supervisor',
    toolbarLabel: 'Log tools',
    search: 'Search the log',
    searchPlaceholder: 'Search',
    lineCount: (shown: number, total: number) =>
      shown === total ? plural(total, 'line', 'lines') : `${formatCount(shown)} of ${plural(total, 'line', 'lines')} match`,
    searchHint: 'Enter goes to the next match, Shift+Enter to the previous one.',
    previous: 'Previous',
    next: 'Next',
    previousMatch: 'Previous match',
    nextMatch: 'Next match',
    matchPosition: (position: number, count: number) => `Match ${formatCount(position)} of ${formatCount(count)}`,
    matchesFound: (count: number) => (count === 1 ? '1 line matches' : `${plural(count, 'line', 'lines')} match`),
    /** Unticked, the whole log shows with the matches marked, so a match is read in its context. */
    onlyMatching: 'Only matching lines',
    followTail: 'Follow output',
    jumpToLatest: 'Jump to latest',
    copy: 'Copy',
    copyMatching: 'Copy matching lines',
    copied: (count: number) => `${plural(count, 'line', 'lines')} copied.`,
    /** The lines in the view, as shown (which may be only the latest: see earlierHidden). */
    download: 'Download shown lines',
    /** While only matching lines show: those lines, so the name says what the file holds. */
    downloadMatching: 'Download matching lines',
    /** Every line, from the run's log files. */
    downloadFull: 'Download full log',
    downloadingFull: 'Preparing full log…',
    downloadedFull: (fileName: string) => `Saved ${fileName} to your downloads.`,
    noMatches: 'No lines match your search.',
    redactions: 'Hidden from the log',
    redactionsNone: 'Nothing',
    redactionKinds: {
      nhsNumber: ['NHS number', 'NHS numbers'],
      dateOfBirth: ['date of birth', 'dates of birth'],
      postcode: ['postcode', 'postcodes'],
      email: ['email address', 'email addresses'],
      phone: ['phone number', 'phone numbers'],
      secret: ['token or secret', 'tokens or secrets'],
    } satisfies Record<RedactionKind, [string, string]>,
    logDeleted: (when: string) => `The log and files of this run were deleted on ${when}, when they reached the retention period. The summary above is kept.`,
  },

  patientData: {
    legend: 'Patient data in bot output',
    intro: 'What RPA Supervisor hides from the logs of this profile’s bots, before anything is saved or shown.',
    kinds: {
      nhsNumber: 'Hide NHS numbers',
      dateOfBirth: 'Hide dates of birth',
      postcode: 'Hide postcodes',
      email: 'Hide email addresses',
      phone: 'Hide phone numbers',
    } satisfies Record<PatientIdentifierKind, string>,
    byPolicy: '(set by your administrator)',
    screenshots: 'Let bots keep screenshots',
    screenshotsHint: 'Screenshots may contain patient data. Leave this off unless your clinic needs them.',
    retentionDays: 'Keep run logs and files for (days)',
    retentionHint: 'Older run logs, files and diagnostic logs are deleted automatically. The run history keeps a summary.',
    retentionByPolicy: 'Set by your administrator for every profile, so it cannot be changed here.',
    shortenTitle: (toDays: number) => `Delete run logs and files older than ${plural(toDays, 'day', 'days')}?`,
    shortenBody: (fromDays: number, toDays: number) =>
      `This profile keeps run logs and the files its bots attached for ${plural(fromDays, 'day', 'days')}. With ${plural(toDays, 'day', 'days')}, those of its runs that ended more than ${plural(toDays, 'day', 'days')} ago are deleted for good at the next automatic clean-up, within a day. Their summaries stay in the run history.`,
    shortenCannotUndo: 'Deleted logs and files cannot be brought back, even if you set a longer period again.',
    shortenConfirm: 'Save and delete older logs',
    shortenCancel: 'Keep editing',
    lengthenHint: 'A longer period keeps logs from now on; logs already deleted do not come back.',
  },

  artifacts: {
    heading: (kept: number, refused: number) => `Files the bot attached (${kept === 0 && refused > 0 ? 'none kept' : formatCount(kept)})`,
    /** Files refused (screenshots off, a cap): how many, then one line per reason in the error catalogue's words. */
    notKept: (count: number) => `${count === 1 ? '1 file the bot attached was' : `${plural(count, 'file', 'files')} the bot attached were`} not kept:`,
    notKeptReason: (count: number, names: readonly string[], reason: string) =>
      `${names.join(', ')}${count > names.length ? ` (${formatCount(count)} in all)` : ''}: ${reason}`,
    screenshotWarning: 'Screenshots may contain patient data. Open and share them only as your clinic allows; they are deleted with the run log when the retention period ends.',
    describe: (kind: 'screenshot' | 'file', bytes: number, when: string) =>
      `${kind === 'screenshot' ? 'Screenshot' : 'File'}, ${formatBytes(bytes, 'up')}, ${when}`,
    redacted: (summary: string) => `Hidden from this file: ${summary}.`,
    preview: (name: string) => `Preview ${name}`,
    previewAlt: (name: string) => `Screenshot ${name}`,
    download: (name: string) => `Download ${name}`,
  },
} as const;
