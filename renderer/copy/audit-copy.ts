/**
 * The audit trail and its settings. Part of `copy` (renderer/copy.ts).
 */
import type { AuditEventType } from '../../app/common/audit-views.js';
import type { BrokerDenialCode } from '../../app/broker/broker-denial.js';

export const auditCopy = {
  audit: {
    heading: 'Audit trail',
    intro: 'Every sign-in, sign-out, expiry, re-authentication, bot run and refused token request, in order. Each record seals the one before it, so a changed or deleted line shows.',
    verify: 'Check the trail',
    verifying: 'Checking…',
    verifiedOk: 'Intact',
    verifiedBroken: 'Tampering detected',
    verifyUnknown: 'Not checked yet',
    export: 'Export as CSV',
    exporting: 'Exporting…',
    exported: (fileName: string) => `Saved ${fileName} to your downloads.`,
    loadOlder: 'Load older records',
    loading: 'Loading the audit trail…',
    none: 'Nothing has been recorded yet. Signing in and running bots adds records here.',
    columns: { at: 'Time', type: 'Event', actor: 'Who', profile: 'Profile', subject: 'Bot or run', detail: 'Detail' },
    runId: 'Run id',
    /** The app knows an HCSS company only by the id HCSS gives it (its CompanyId): no name comes with it. */
    company: (companyId: string) => `Company ${companyId}`,
    /** An `auditKeyChanged` record, read out: what the key is for, and where its id shows again. */
    auditKeyStarted: (keyId: string, fromSeq: number) =>
      `From record ${fromSeq} on, each record is also sealed with a secret key kept on this computer, so a record changed or removed afterwards fails the check. The key's id, ${keyId}, is in the Key id column of an export.`,
    auditKeyEarlier: (lastSeq: number) =>
      lastSeq === 1 ? ' Record 1 was written before this key and is checked without it.' : ` Records 1 to ${lastSeq} were written before this key and are checked without it.`,
    auditKeySessionOnly: ' This computer keeps secrets in memory only, so the key lasts until the app closes and the next start begins a new one.',
    /** An `auditCheckpoint` record, read out: `reason` is daily or export. */
    checkpointSigned: (reason: string, seq: number, fingerprint: string) =>
      `${reason === 'daily' ? 'Daily checkpoint' : 'Checkpoint'} of ${seq === 1 ? 'record 1' : `records 1 to ${seq}`}${reason === 'export' ? ', saved with an export' : ''}, signed with this computer's checkpoint key (fingerprint ${fingerprint}, as Settings → Audit trail shows it). Checked against it, a record changed or cut off since shows.`,
    checkedAt: (time: string) => `Checked at ${time}.`,
    /** A safe stop the supervisor asked for reaches the bot as a declined token request: not a refusal. */
    stopDeclined: 'Token request declined',
    stopDeclinedDetail: (repeats: number) =>
      repeats === 0
        ? 'The run was asked to stop, so it got no token and stops at its next safe point.'
        : `${repeats} more token ${repeats === 1 ? 'request' : 'requests'} declined: the run was asked to stop.`,
    /** Why the token broker refused a request (docs/bots.md, "Responses"), as the end of "The broker refused a request: …". */
    brokerRefusals: {
      signed_out: 'nobody was signed in to its profile',
      session_expired: 'the sign-in had expired',
      insufficient_validity: 'the sign-in had too little time left for it',
      company_not_yours: "the company was connected by another person, so this person's sign-in may not use it",
      company_not_connected: 'its company is not connected (it was removed, or never connected)',
      company_token_pending: "its company's token was still on its way",
      company_unavailable: "HCSS refused its company's token, or could not be reached (the sign-in itself was fine)",
      invalid_secret: "the run's secret was missing or wrong",
      run_finished: 'the run had already ended',
      invalid_request: 'the request was malformed',
      body_not_allowed: 'the request carried data it may not carry',
      forbidden_host: 'it was addressed to another host name (a possible attack from a web page)',
      origin_not_allowed: 'it came from a web page',
      not_found: 'it asked for something the broker does not offer',
      method_not_allowed: 'it used a method the broker does not accept',
      screenshots_not_allowed: "screenshots are turned off for the bot's profile",
      artifact_too_large: 'the file was larger than the run may keep',
      internal_error: 'the broker had a problem',
      supervisor_absent: 'the supervisor was away',
      approval_pending: 'the run was still waiting for approval',
      run_refused: 'the supervisor refused the run',
      question_timed_out: "nobody answered the bot's question in time",
      too_many_questions: 'the bot already had too many questions waiting for an answer',
      supervisor_only: 'only the supervisor may do that, in the app',
      // Every code the broker refuses with, except the declined stop, which reads on its own (stopDeclined).
    } satisfies Record<Exclude<BrokerDenialCode, 'stop_requested'>, string> as Record<string, string>,
    preferencesChanged: (changes: string) => `Preferences changed. ${changes}.`,
    preferenceChange: (label: string, before: string, after: string) => `${label}: ${before} → ${after}`,
    /** The names Settings uses for each preference; a key not listed here is shown as it is. */
    preferenceLabels: {
      wizardCompleted: 'First-run setup finished',
      botsDir: 'Bots folder',
      browserPath: 'Browser for bots',
      maxConcurrentRuns: 'Runs at once',
      launchAtLogin: 'Start at login',
      hotkeys: 'Global shortcuts',
    } as Record<string, string>,
    preferenceValues: {
      yes: 'yes',
      no: 'no',
      notSet: 'not set',
      hotkeysOff: 'off',
      hotkeysOn: (stopAll: string, pauseAll: string) => `on (Stop all ${stopAll || 'none'}, Pause all ${pauseAll || 'none'})`,
    },
    filter: 'Search the records',
    eventTypes: {
      signedIn: 'Signed in',
      reauthenticated: 'Re-authenticated',
      signedOut: 'Signed out',
      sessionExpired: 'Session expired',
      sessionRestored: 'Session restored',
      sessionDiscarded: 'Stored session discarded',
      signInFailed: 'Sign-in failed',
      runStarted: 'Run started',
      runEnded: 'Run ended',
      brokerDenied: 'Token request refused',
      settingsChanged: 'Settings changed',
      auditRepaired: 'Audit trail repaired',
      auditGap: 'Records missing',
      auditExported: 'Audit trail exported',
      retentionPass: 'Old logs deleted (retention)',
      auditKeyChanged: 'Audit key started',
      auditCheckpoint: 'Checkpoint signed',
      signInCancelled: 'Sign-in cancelled',
      signInTimedOut: 'Sign-in timed out',
      policyLoaded: 'Machine policy loaded',
      companyConnected: 'Company connected',
      companyRemoved: 'Company removed',
      companyRefused: 'Company refused',
      companyTokenRefused: 'Company token refused',
      auditForwarding: 'Audit forwarding',
      runPaused: 'Run paused',
      runResumed: 'Run resumed',
      runSafeStopRequested: 'Safe stop asked',
      supervisorAway: 'Supervisor away',
      supervisorPresent: 'Supervisor back',
      attestationRequested: '"Still supervising?" asked',
      presenceAttested: 'Supervision confirmed',
      questionAsked: 'Bot asked a question',
      questionAnswered: 'Question answered',
      questionClosed: 'Question closed unanswered',
      approvalRequested: 'Approval asked',
      runApproved: 'Run approved',
      runRefused: 'Run refused',
      queuedRunMoved: 'Queued run moved',
      scheduledRunStarted: 'Scheduled run started',
      scheduledRunSkipped: 'Scheduled run skipped',
      workerApproved: 'Worker approved',
      workerRemoved: 'Worker removed',
    } satisfies Record<AuditEventType, string> as Record<string, string>,
    filters: {
      heading: 'Filter the records',
      from: 'From (date)',
      to: 'To (date)',
      type: 'Event',
      person: 'Who',
      bot: 'Bot',
      /** HCSS companies, by the id HCSS gives each (no name comes with it). */
      company: 'Company',
      any: 'Any',
      clear: 'Clear filters',
      /** `more`: older records (that the filters select) are not loaded yet. */
      shown: (count: number, { filtered, more }: { filtered: boolean; more: boolean }) => {
        const records = `${count} ${filtered ? 'matching ' : ''}record${count === 1 ? '' : 's'}`;
        if (more) return count === 0 ? 'No loaded record matches. Load older records to look further back.' : `The newest ${records} shown. Load older records to look further back.`;
        if (!filtered) return `All ${records} shown.`;
        return count === 0 ? 'No record matches these filters.' : `${count} record${count === 1 ? ' matches' : 's match'}.`;
      },
      /** While the rows still follow what was typed before (the search is applied after the keystroke shows). */
      searching: 'Searching…',
      /** Under the count while filters are on: Export as CSV is not a filtered copy. */
      exportScope: 'Export as CSV saves the whole trail, not only the records shown, so its checkpoint can check every record. In a spreadsheet, its Company and Local time columns find these again.',
      rangeReversed: 'The From date is after the To date, so no record can match.',
      /** The chosen days in words, under the date fields (which show the browser's own format). */
      daysInWords: (from: string | undefined, to: string | undefined) => (from && to ? `Records from ${from} to ${to}.` : from ? `Records on or after ${from}.` : `Records on or before ${to}.`),
    },
    /** The record at the line where the check failed, as it now reads. */
    brokenRecord: (event: string, at: string, seq: number, who: string | undefined) =>
      `The damaged record now reads: ${event}, ${at}${who ? `, ${who}` : ''} (record ${seq}). It may have been changed, so compare it with an earlier export or the syslog collector's copy.`,
    checkpoint: 'Check against a checkpoint file',
    checkpointHint: 'Choose the .checkpoint.json file saved with an export. The check then also proves no record was cut from the end since.',
    checkedAgainst: (seq: number, at: string, fingerprint: string, signedHere: boolean) =>
      `Checked against the checkpoint of ${at} (record ${seq}), signed with key ${fingerprint}${signedHere ? ", this computer's key" : ': not this computer\'s current key; compare it with the fingerprint you kept'}.`,
    exportedWithCheckpoint: (fileName: string, checkpointName: string) => `Saved ${fileName} and ${checkpointName} to your downloads. Keep the checkpoint file somewhere safe.`,
  },

  auditSettings: {
    heading: 'Audit trail',
    status: 'Status',
    keyIntro:
      'Checkpoints of the audit trail are signed with this computer\'s key. Give the fingerprint (or the copied public key) to your auditor: with it, a saved checkpoint proves that no record was changed or cut off since.',
    fingerprint: 'Checkpoint key fingerprint',
    copyKey: 'Copy public key',
    lastCheckpoint: 'Last checkpoint',
    checkpointAt: (seq: number, at: string) => `Record ${seq}, ${at}`,
    noCheckpoint: 'None yet',
    sessionOnly:
      'This computer keeps secrets in memory only, so the audit key lasts for this session: the trail is tamper-evident within the session only. Forward the trail to a syslog collector to keep a copy elsewhere.',
    forwardingHeading: 'Forward to a syslog collector',
    states: { off: 'Off', sending: 'Sending', upToDate: 'Up to date', retrying: 'Collector not answering' } as Record<'off' | 'sending' | 'upToDate' | 'retrying', string>,
    progress: (confirmed: number, pending: number) =>
      `${confirmed === 0 ? 'The collector has no record yet' : `The collector has every record up to ${confirmed}`}; ${pending} waiting on this computer.`,
    failingSince: (at: string) => `Not answering since ${at}.`,
    keptWhileOff: (pending: number) =>
      `${pending} record${pending === 1 ? '' : 's'} had not reached the collector when forwarding was switched off. They stay in the audit trail on this computer and are sent first when forwarding is switched on again.`,
    managed: 'Your administrator sets forwarding in the machine policy.',
    host: 'Collector host',
    hostHint: 'The name or address of the clinic\'s syslog server (RFC 5424 over TCP).',
    hostInvalid: 'Enter the collector’s host name or IP address: letters, digits, dots and hyphens, no spaces (for example syslog.clinic.example or 10.0.0.5).',
    port: 'Port',
    portInvalid: 'Enter a port number from 1 to 65535 (6514 for TLS, 514 without).',
    tls: 'Use TLS (recommended; port 6514)',
    save: 'Save forwarding',
    turnOff: 'Turn forwarding off',
  },
} as const;
