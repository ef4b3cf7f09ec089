import type { ErrorView } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { poolNamePattern } from '../../app/common/worker-views.js';

export type ApproveWorkerField = 'name' | 'pools';

export type ApproveWorkerFormCheck =
  | { ok: true; name: string; pools: string[] }
  | { ok: false; errors: Partial<Record<ApproveWorkerField, ErrorView>> };

/**
 * Checks Approve's name and pools before they are sent, by the core's own pool rule, so the admin
 * is told at the field, in words, rather than by a request error about the whole command.
 */
export function checkApproveWorkerForm(values: { name: string; pools: string }): ApproveWorkerFormCheck {
  const name = values.name.trim();
  const pools = [...new Set(values.pools.split(',').map((pool) => pool.trim()).filter((pool) => pool !== ''))];
  const wrong = pools.filter((pool) => !poolNamePattern.test(pool));
  const errors: Partial<Record<ApproveWorkerField, ErrorView>> = {};
  if (name === '') errors.name = errorView('fleet_worker_name_missing');
  if (pools.length === 0) errors.pools = errorView('fleet_pools_missing');
  else if (wrong.length > 0) errors.pools = errorView('fleet_pools_invalid', wrong.map((pool) => `“${pool}”`).join(', '));
  return errors.name === undefined && errors.pools === undefined ? { ok: true, name, pools } : { ok: false, errors };
}
