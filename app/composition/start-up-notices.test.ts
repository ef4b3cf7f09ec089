import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import { lockedDownPolicy } from '../policy/machine-policy.js';
import { reportStartUp, type StartUpFacts } from './start-up-notices.js';

const quiet: Omit<StartUpFacts, 'policy'> = { ignoredBotsDir: undefined, allowedFolders: undefined, settingsBackupPath: undefined, preferencesReset: false, profilesReset: false, companiesReset: false, schedulesReset: false, secretsPersistent: true };

describe('reportStartUp', () => {
  it('S56 audits a distrusted machine policy with its reason, as the change records do, and posts the notice', () => {
    const audit: AuditEvent[] = [];
    const posted: { level: string; code: string }[] = [];
    const detail = 'it is not valid JSON: remove the comma after the last entry at line 3, column 20';
    reportStartUp(
      { ...quiet, policy: { kind: 'lockedDown', path: '/etc/rpa-supervisor/policy.json', policy: lockedDownPolicy, profiles: [], code: 'policy_invalid', detail } },
      { notices: { post: (level, error) => void posted.push({ level, code: error.code }) }, audit: { record: (event) => audit.push(event) }, person: () => ({ subject: 'local-user', name: 'Practice manager' }) },
    );
    expect(audit).toEqual([{ type: 'policyLoaded', actor: { subject: 'local-user', name: 'Practice manager' }, detail: `Machine policy at /etc/rpa-supervisor/policy.json could not be trusted (policy_invalid: ${detail}); locked down.` }]);
    expect(posted).toEqual([{ level: 'error', code: 'policy_invalid' }]);
  });
});
