import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import { lockedDownPolicy } from '../policy/machine-policy.js';
import { reportStartUp, type StartUpFacts } from './start-up-notices.js';

const quiet: Omit<StartUpFacts, 'policy'> = { ignoredBotsDir: undefined, allowedFolders: undefined, settingsBackupPath: undefined, preferencesReset: false, profilesReset: false, companiesRecovered: undefined, schedulesReset: false, secretsPersistent: true };

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

  it('names the stored companies it could not read, and says the others stay connected; a wholly unreadable value is a reset', () => {
    const posts = (companiesRecovered: StartUpFacts['companiesRecovered']) => {
      const posted: { level: string; code: string; message: string }[] = [];
      reportStartUp({ ...quiet, companiesRecovered, policy: { kind: 'absent', path: '/etc/rpa-supervisor/policy.json', policy: lockedDownPolicy, profiles: [] } }, { notices: { post: (level, error) => void posted.push({ level, code: error.code, message: error.message }) }, audit: { record: () => undefined }, person: () => ({ subject: 'local-user' }) });
      return posted;
    };
    expect(posts({ dropped: ['company c2 of hcss', 'entry 4'] })).toEqual([
      { level: 'warning', code: 'companies_dropped', message: expect.stringContaining('The saved connection of company c2 of hcss and entry 4 could not be read, so it was removed; the other companies stay connected.') },
    ]);
    expect(posts({}).map((post) => post.code)).toEqual(['settings_reset']);
    expect(posts(undefined)).toEqual([]);
  });
});
