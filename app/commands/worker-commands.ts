import type { UserView, WorkersView } from '../common/contract.js';
import type { WorkerAdmin } from '../fleet/worker-admin.js';
import type { SomeHandlers } from './command-handlers.js';
import { supervisorError } from '../error-catalogue.js';

const fleetOff: WorkersView = { enabled: false, canApprove: false, pending: [], approved: [] };

/**
 * Settings → Workers (fleet mode): list, approve and remove workers. Each change is audited by the
 * roster with the person at the app; without fleet mode the list is empty and changes are refused.
 */
export function workerCommands(deps: { workers: WorkerAdmin | undefined; person: () => UserView }): SomeHandlers<'listWorkers' | 'approveWorker' | 'removeWorker' | 'setBotPool'> {
  const admin = (): WorkerAdmin => {
    if (deps.workers === undefined) throw supervisorError('fleet_not_enabled');
    return deps.workers;
  };
  return {
    listWorkers: async () => (deps.workers === undefined ? fleetOff : deps.workers.view()),
    approveWorker: async ({ fingerprint, name, pools }) => {
      await admin().approve(fingerprint, { name, pools }, deps.person());
      return admin().view();
    },
    setBotPool: async ({ botId, pool }) => admin().setBotPool(botId, pool),
    removeWorker: async ({ workerId }) => {
      const removal = await admin().remove(workerId, deps.person());
      // Done whatever Redis does: a list that cannot be read now must not turn the removal into an error.
      const workers = await admin().view().catch(() => undefined);
      return workers === undefined ? removal : { ...removal, workers };
    },
  };
}
