import type { UserView } from '../common/contract.js';
import type { AuditEvent } from '../audit/audit-record.js';
import { listInWords } from '../common/list-in-words.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';
import type { MachinePolicyState } from '../policy/read-machine-policy.js';

export interface StartUpFacts {
  policy: MachinePolicyState;
  /** The bots folder the user chose but the policy does not allow, if any. */
  ignoredBotsDir: string | undefined;
  allowedFolders: readonly string[] | undefined;
  /** Where the host moved a corrupt settings file aside (S27). */
  settingsBackupPath: string | undefined;
  /** Stores that found an invalid value and went back to defaults. */
  preferencesReset: boolean;
  profilesReset: boolean;
  /** The stored HCSS companies were unreadable: all of them, or only the ones `dropped` names. */
  companiesRecovered: { dropped?: string[] } | undefined;
  schedulesReset: boolean;
  secretsPersistent: boolean;
}

/**
 * What start-up found that a person must know: the machine policy applied or distrusted (audited,
 * S56), settings that were reset, and secrets kept in memory only. Nothing here stops the start.
 */
export function reportStartUp(facts: StartUpFacts, out: { notices: Pick<NoticeBoard, 'post'>; audit: { record(event: AuditEvent): void }; person: () => UserView }): void {
  const { policy } = facts;
  const { notices, audit, person } = out;
  if (policy.kind === 'applied') audit.record({ type: 'policyLoaded', actor: person(), detail: `Machine policy applied from ${policy.path}.` });
  if (policy.kind === 'lockedDown') {
    // Why, as the change records say it: an auditor reading the trail later has no notice to open.
    audit.record({ type: 'policyLoaded', actor: person(), detail: `Machine policy at ${policy.path} could not be trusted (${policy.code}: ${policy.detail}); locked down.` });
    // S56: a policy file that exists but cannot be trusted is never silently ignored.
    notices.post('error', supervisorError(policy.code, policy.path, policy.detail));
  }
  if (facts.ignoredBotsDir !== undefined) notices.post('warning', supervisorError('bots_folder_not_allowed', facts.ignoredBotsDir, (facts.allowedFolders ?? []).join(', ')));
  // S27: the host moved a corrupt settings file aside; everything after it read defaults.
  if (facts.settingsBackupPath !== undefined) notices.post('warning', supervisorError('settings_corrupt', facts.settingsBackupPath));
  const allCompaniesReset = facts.companiesRecovered !== undefined && facts.companiesRecovered.dropped === undefined;
  if (facts.preferencesReset || allCompaniesReset || facts.schedulesReset) notices.post('warning', supervisorError('settings_reset'));
  const dropped = facts.companiesRecovered?.dropped ?? [];
  if (dropped.length > 0) notices.post('warning', supervisorError('companies_dropped', listInWords(dropped, 'and')));
  if (facts.profilesReset) notices.post('warning', supervisorError('profiles_reset'));
}

/** Posted after stored sessions are restored, so it is the last thing start-up says. */
export function reportMemoryOnlySecrets(facts: Pick<StartUpFacts, 'secretsPersistent'>, notices: Pick<NoticeBoard, 'post'>): void {
  if (!facts.secretsPersistent) notices.post('warning', supervisorError('secrets_memory_only'));
}
