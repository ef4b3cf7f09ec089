import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';

/**
 * The catalogue error for a claim the coordinator refused (its `reason` and `detail`): which
 * worker problem, which forged or stale claim, a worker whose clock is off (`detail`: the
 * `clockFact`), a second claim for a run already started, or which of the supervisor's own rules.
 */
export function refusalError(reason: string, detail: string): SupervisorError {
  switch (reason) {
    case 'unknown_worker':
    case 'wrong_pool':
      return supervisorError('fleet_worker_unapproved', detail);
    case 'bad_signature':
    case 'wrong_run':
    case 'stale':
    case 'unknown_run':
      return supervisorError('fleet_claim_invalid', detail);
    case 'already_started':
      return supervisorError('fleet_run_already_started');
    case 'clock_off':
      return supervisorError('fleet_worker_clock_off', detail);
    default:
      return supervisorError('fleet_policy_refused', detail);
  }
}
