import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import type { SupervisorError } from '../errors.js';
import { nullLogger } from '../ports/logger.js';
import { defaultMachinePolicy, lockedDownPolicy, machinePolicySchema } from './machine-policy.js';
import { policyChangeHandler, policyDifference, type PolicyApprovals } from './policy-change.js';
import type { MachinePolicyState } from './read-machine-policy.js';

const path = '/etc/rpa-supervisor/policy.json';
const ward = { fingerprint: 'AAAA-BBBB-CCCC-DDDD', name: 'Ward PC', pools: ['ward'] };
const desk = { fingerprint: 'EEEE-FFFF-0000-1111', name: 'Desk PC', pools: ['ward'] };

function applied(approvedWorkers: PolicyApprovals, extra: Record<string, unknown> = {}): MachinePolicyState {
  const policy = machinePolicySchema.parse({ version: 1, fleet: { enabled: true, redisUrl: 'redis://127.0.0.1:6379', approvedWorkers }, ...extra });
  return { kind: 'applied', path, policy, profiles: [] };
}

const lockedDown: MachinePolicyState = { kind: 'lockedDown', path, policy: lockedDownPolicy, profiles: [], code: 'policy_invalid', detail: 'it is not valid JSON' };
const absent: MachinePolicyState = { kind: 'absent', path, policy: defaultMachinePolicy, profiles: [] };

function harness(initial: MachinePolicyState, fleetOn = true) {
  const applies: PolicyApprovals[] = [];
  const notices: { level: string; error: SupervisorError }[] = [];
  const audit: AuditEvent[] = [];
  const changed = policyChangeHandler({
    initial,
    applyApprovals: fleetOn
      ? async (list) => {
          applies.push(list);
        }
      : undefined,
    notices: { post: (level, error) => notices.push({ level, error }) },
    audit: { record: (event) => audit.push(event) },
    logger: nullLogger,
  });
  return { changed, applies, notices, audit };
}

describe('a machine policy that changes while the app runs', () => {
  it('tells the approvals apart from the rest', () => {
    expect(policyDifference(applied([ward]), applied([ward]))).toEqual({ approvals: false, rest: false });
    expect(policyDifference(applied([ward]), applied([ward, desk]))).toEqual({ approvals: true, rest: false });
    expect(policyDifference(applied([ward]), applied([ward], { allowUserProfiles: false }))).toEqual({ approvals: false, rest: true });
    expect(policyDifference(applied([ward]), lockedDown)).toEqual({ approvals: true, rest: true });
  });

  it('applies new worker approvals at once, audited as the policy, with no restart notice', async () => {
    const h = harness(applied([ward, desk]));
    await h.changed(applied([ward]));
    expect(h.applies).toEqual([[ward]]);
    expect(h.notices).toEqual([]);
    expect(h.audit).toEqual([{ type: 'policyLoaded', actor: { subject: 'machine-policy', name: 'Machine policy' }, detail: `Machine policy at ${path} changed. Worker approvals applied now.` }]);
  });

  it('says that other settings apply at the next start, and leaves unchanged approvals alone', async () => {
    const h = harness(applied([ward]));
    await h.changed(applied([ward], { allowUserProfiles: false }));
    expect(h.applies).toEqual([]);
    expect(h.notices.map((n) => [n.level, n.error.code])).toEqual([['warning', 'policy_changed_restart']]);
    expect(h.notices[0]?.error.message).toBe(`The machine policy at ${path} changed. Restart RPA Supervisor to apply the change.`);
    expect(h.audit[0]?.detail).toBe(`Machine policy at ${path} changed. Other settings apply at the next start.`);
  });

  it('approvals applied now and other settings changed too: the notice says which is which', async () => {
    const h = harness(applied([ward]));
    await h.changed(applied([ward, desk], { allowUserProfiles: false }));
    expect(h.applies).toEqual([[ward, desk]]);
    expect(h.notices[0]?.error.message).toBe(`The machine policy at ${path} changed. Its worker approvals apply now; restart RPA Supervisor to apply the rest.`);
  });

  it('S77 a file that can no longer be trusted approves no worker (fail closed) and says why', async () => {
    const h = harness(applied([ward]));
    await h.changed(lockedDown);
    expect(h.applies).toEqual([[]]);
    expect(h.notices.map((n) => [n.level, n.error.code])).toEqual([['error', 'policy_change_refused']]);
    expect(h.notices[0]?.error.message).toContain('it is not valid JSON');
    expect(h.audit[0]?.detail).toContain('cannot be trusted (policy_invalid: it is not valid JSON)');
  });

  it('a file still broken, but in another way, says the new problem and audits why', async () => {
    const h = harness(applied([ward]));
    await h.changed(lockedDown);
    const typo: MachinePolicyState = { ...lockedDown, detail: 'demoMod is not a policy setting (did you mean demoMode?)' };
    await h.changed(typo);
    expect(h.notices.map((n) => [n.level, n.error.code])).toEqual([['error', 'policy_change_refused'], ['error', 'policy_change_refused']]);
    expect(h.notices[1]?.error.message).toContain('did you mean demoMode?');
    expect(h.audit.map((event) => event.detail)).toEqual([
      `Machine policy at ${path} changed and cannot be trusted (policy_invalid: it is not valid JSON); the workers it approved are stopped.`,
      `Machine policy at ${path} changed and cannot be trusted (policy_invalid: demoMod is not a policy setting (did you mean demoMode?)); the workers it approved are stopped.`,
    ]);
    // The same problem saved again is no change.
    await h.changed({ ...typo });
    expect(h.notices).toHaveLength(2);
  });

  it('a removed policy file takes its approvals with it', async () => {
    const h = harness(applied([ward]));
    await h.changed(absent);
    expect(h.applies).toEqual([[]]);
    expect(h.audit[0]?.detail).toContain('was removed');
  });

  it('a corrected file applies its approvals again', async () => {
    const h = harness(applied([ward]));
    await h.changed(lockedDown);
    await h.changed(applied([ward]));
    expect(h.applies).toEqual([[], [ward]]);
  });

  it('a change event with nothing changed does nothing', async () => {
    const h = harness(applied([ward]));
    await h.changed(applied([ward]));
    expect([h.applies, h.notices, h.audit]).toEqual([[], [], []]);
  });

  it('without fleet mode a change in approvals waits for the next start, and says so', async () => {
    const h = harness(applied([ward]), false);
    await h.changed(applied([desk]));
    expect(h.applies).toEqual([]);
    expect(h.notices.map((n) => n.error.code)).toEqual(['policy_changed_restart']);
    // Nothing about worker approvals applying now: without fleet mode none did.
    expect(h.notices[0]?.error.message).toBe(`The machine policy at ${path} changed. Restart RPA Supervisor to apply the change.`);
  });

  it('without fleet mode an untrustworthy change says nothing of workers, in the window or the audit trail', async () => {
    const h = harness(applied([ward]), false);
    await h.changed(lockedDown);
    expect(h.notices.map((n) => n.error.code)).toEqual(['policy_change_refused']);
    expect(h.notices[0]?.error.message).not.toMatch(/worker/i);
    expect(h.notices[0]?.error.message).toContain('RPA Supervisor keeps the policy it started with until it restarts');
    expect(h.audit[0]?.detail).not.toMatch(/worker/i);
  });

  it('changes apply one at a time, in order', async () => {
    const h = harness(applied([ward]));
    await Promise.all([h.changed(applied([ward, desk])), h.changed(applied([desk])), h.changed(applied([desk]))]);
    expect(h.applies).toEqual([[ward, desk], [desk]]);
  });
});
