import type { Disposable } from '../common/contract.js';
import type { AuditEvent } from '../audit/audit-record.js';
import type { WorkerAdmin } from '../fleet/worker-admin.js';
import type { NoticeBoard } from '../notice-board.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { policyChangeHandler } from '../policy/policy-change.js';
import { followPolicyFile } from '../policy/policy-file-watch.js';
import type { MachinePolicyState } from '../policy/read-machine-policy.js';

export interface FollowPolicyDeps {
  policy: MachinePolicyState;
  /** The host's re-read of the file; without it the policy is the one read at start. */
  reread: (() => Promise<MachinePolicyState>) | undefined;
  workers: Pick<WorkerAdmin, 'applyPolicy'> | undefined;
  notices: Pick<NoticeBoard, 'post'>;
  audit: { record(event: AuditEvent): void };
  clock: Clock;
  logger: Logger;
}

/** The running app's view of the policy file: worker approvals follow it, the rest waits for a restart. */
export function followPolicy(deps: FollowPolicyDeps): Disposable & { changed: (next: MachinePolicyState) => Promise<void> } {
  const { workers } = deps;
  const changed = policyChangeHandler({ initial: deps.policy, applyApprovals: workers && ((list) => workers.applyPolicy(list)), notices: deps.notices, audit: deps.audit, logger: deps.logger });
  const watch = deps.reread === undefined ? undefined : followPolicyFile({ path: deps.policy.path, read: deps.reread, apply: changed, clock: deps.clock, logger: deps.logger });
  return { changed, dispose: () => watch?.dispose() };
}
