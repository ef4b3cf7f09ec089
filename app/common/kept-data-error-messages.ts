/**
 * The error catalogue's section for what the app keeps on disk about runs: run logs, run
 * artifacts and the audit trail (docs/providers.md). Spread into errorCatalogue.
 */
import { maxRetentionDays } from './patient-data.js';

export const keptDataErrorMessages = {
  // Run logs
  run_log_missing: (runId: string) =>
    `The log files of run "${runId}" are no longer on this computer, so the full log cannot be downloaded. The lines shown on screen can still be downloaded.`,
  run_log_unreadable: (runId: string, detail: string) =>
    `The log files of run "${runId}" could not be read (${detail}). Check the permissions of the app's data folder, then try again.`,
  log_too_large: (megabytes: number, limitMegabytes: number) =>
    `This run's log files hold ${megabytes} MB, more than the ${limitMegabytes} MB that can be downloaded at once. Copy the files from the logs folder in the app's data folder instead.`,

  // Retention
  retention_days_invalid: () => `Enter the number of days as a whole number from 1 to ${maxRetentionDays.toLocaleString('en-GB')}, for example 30.`,

  // Run artifacts
  screenshots_not_allowed: () =>
    "Screenshots are turned off for this bot's provider profile, because they may show patient data. An administrator can allow them in the profile or the machine policy.",
  // `cap` has no default: the catalogue's arity is the factory's length, and a default would hide it.
  // Sizes come formatted (formatBytes): room rounded down, a file's size rounded up.
  artifact_too_large: (room: string, cap?: 'allRuns') =>
    cap === 'allRuns'
      ? `The file is larger than the ${room} left for the files of all runs on this computer, so it was not kept. Files are deleted with their run's log when the retention period ends; a shorter retention period frees room sooner.`
      : `The file is larger than the ${room} left for this run's files, so it was not kept. Attach smaller files, or fewer.`,
  artifact_too_large_to_open: (size: string, limit: string, runId: string) =>
    `This file is ${size}, more than the ${limit} the window can open or download at once. It is kept: copy it from the folder artifacts/${runId} in the app's data folder instead.`,
  artifact_missing: () => 'This file is no longer on this computer: it was deleted, perhaps by retention.',

  // Audit trail
  audit_chain_broken: (line: number, why: string) =>
    `The audit trail has been changed or damaged at line ${line}: ${why}. Keep a copy of the file and tell your administrator.`,
  audit_repaired: (bytes: number, quarantineFile: string) =>
    `The audit trail ended with a partly written record (${bytes} bytes), probably from a crash. It was moved to ${quarantineFile}; the rest of the trail is intact.`,
  audit_write_failed: (dropped: number) =>
    `${dropped} audit record${dropped === 1 ? '' : 's'} could not be written to disk. Check the free space and permissions of the app's data folder.`,
  audit_unavailable: () => 'The audit trail could not be opened. Check the permissions of the app data folder, then restart RPA Supervisor.',
  audit_records_cut: (lastSeq: number, expectedSeq: number, source: string) =>
    `The audit trail ends at record ${lastSeq}, but ${source} shows it reached record ${expectedSeq}: records were cut off its end. Keep a copy of the file and tell your administrator.`,
  audit_checkpoint_mismatch: (seq: number) =>
    `Record ${seq} of the audit trail does not match the checkpoint: the trail was rewritten after the checkpoint was made. Keep a copy of the file and tell your administrator.`,
  audit_checkpoint_invalid: (why: string) =>
    `The checkpoint could not be used: ${why}. Choose the checkpoint file saved with an audit export, unchanged.`,
  audit_forwarding_managed: () =>
    'Audit forwarding is set by your administrator in the machine policy, so it cannot be changed here. Ask your administrator.',
  audit_forwarding_failed: (collector: string, detail: string) =>
    `Audit records could not be sent to the syslog collector at ${collector} (${detail}). They are kept on this computer and sent when the collector answers again; check the address in Settings or tell your administrator.`,
};
