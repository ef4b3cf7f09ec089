import type { UserView } from '../common/contract.js';
import type { AuditEvent } from '../audit/audit-record.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';
import type { Logger } from '../ports/logger.js';
import type { FleetPolicy } from './fleet-policy.js';
import type { MachinePolicyState } from './read-machine-policy.js';

export type PolicyApprovals = NonNullable<FleetPolicy['approvedWorkers']>;

export interface PolicyChangeDeps {
  /** The policy the app started with. */
  initial: MachinePolicyState;
  /** Fleet mode's `WorkerAdmin.applyPolicy`; undefined when fleet mode is off. */
  applyApprovals: ((list: PolicyApprovals) => Promise<void>) | undefined;
  notices: Pick<NoticeBoard, 'post'>;
  audit: { record(event: AuditEvent): void };
  logger: Logger;
}

/** The administrator edits the file; nobody signed in here made the change. */
const policyActor: UserView = { subject: 'machine-policy', name: 'Machine policy' };

/** What a change to the policy file means while the app runs. */
export interface PolicyDifference {
  approvals: boolean;
  /** Anything other than the worker approvals, which applies at the next start only. */
  rest: boolean;
}

/** The approvals a state grants: none when the file cannot be trusted, as at start (S56). */
export function approvalsOf(state: MachinePolicyState): PolicyApprovals {
  return state.kind === 'applied' ? (state.policy.fleet?.approvedWorkers ?? []) : [];
}

export function policyDifference(before: MachinePolicyState, after: MachinePolicyState): PolicyDifference {
  return {
    approvals: JSON.stringify(approvalsOf(before)) !== JSON.stringify(approvalsOf(after)),
    rest: JSON.stringify(withoutApprovals(before)) !== JSON.stringify(withoutApprovals(after)),
  };
}

function withoutApprovals(state: MachinePolicyState): unknown {
  const fleet = state.policy.fleet === undefined ? undefined : { ...state.policy.fleet, approvedWorkers: undefined };
  // A file broken in a new way is a change: the window and the audit trail must say the new problem.
  const refusal = state.kind === 'lockedDown' ? { code: state.code, detail: state.detail } : undefined;
  return { kind: state.kind, policy: { ...state.policy, fleet }, profiles: state.profiles, refusal };
}

/**
 * A policy file changed while the app runs. Worker approvals apply at once, because taking a
 * worker out of the file is how an administrator cuts off a lost or stolen machine; a file that
 * can no longer be trusted approves no worker (fail closed, as a locked-down start would). Every
 * other setting was composed into the running app at start and applies at the next start: the
 * window says so. Each change is audited as the policy's.
 */
export function policyChangeHandler(deps: PolicyChangeDeps): (next: MachinePolicyState) => Promise<void> {
  let current = deps.initial;
  let queue = Promise.resolve();
  const apply = async (next: MachinePolicyState): Promise<void> => {
    const difference = policyDifference(current, next);
    if (!difference.approvals && !difference.rest) return;
    current = next;
    const applyApprovals = difference.approvals ? deps.applyApprovals : undefined;
    const restart = difference.rest || (difference.approvals && applyApprovals === undefined);
    if (next.kind === 'lockedDown') {
      const workersStopped = deps.applyApprovals !== undefined;
      deps.audit.record({ type: 'policyLoaded', actor: policyActor, detail: `Machine policy at ${next.path} changed and cannot be trusted (${next.code}: ${next.detail}); ${workersStopped ? 'the workers it approved are stopped' : 'the policy the app started with stays until it restarts'}.` });
      deps.notices.post('error', supervisorError('policy_change_refused', next.path, next.detail, workersStopped));
    } else {
      const what = next.kind === 'absent' ? 'was removed' : 'changed';
      deps.audit.record({ type: 'policyLoaded', actor: policyActor, detail: `Machine policy at ${next.path} ${what}.${applyApprovals ? ' Worker approvals applied now.' : ''}${restart ? ' Other settings apply at the next start.' : ''}` });
      if (restart) deps.notices.post('warning', supervisorError('policy_changed_restart', next.path, applyApprovals !== undefined));
    }
    if (applyApprovals) {
      try {
        await applyApprovals(approvalsOf(next));
      } catch (error) {
        deps.logger.warn('Fleet policy approvals not applied', { error: String(error) });
      }
    }
  };
  // Changes apply one at a time, in the order the file went through them.
  return (next) => (queue = queue.then(() => apply(next)));
}
