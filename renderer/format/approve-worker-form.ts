import type { ErrorView } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { listInWords } from '../../app/common/list-in-words.js';
import { poolNamePattern } from '../../app/common/worker-views.js';

export type ApproveWorkerField = 'name' | 'pools';

export type ApproveWorkerFormCheck =
  | { ok: true; name: string; pools: string[] }
  | { ok: false; errors: Partial<Record<ApproveWorkerField, ErrorView>> };

/**
 * Checks Approve's name and pools before they are sent, by the core's own pool rules (a pool name,
 * and one the worker was started for, `served`), so the admin is told at the field, in words,
 * rather than by a request error about the whole command.
 */
export function checkApproveWorkerForm(values: { name: string; pools: string }, served: readonly string[]): ApproveWorkerFormCheck {
  const name = values.name.trim();
  const pools = [...new Set(values.pools.split(',').map((pool) => pool.trim()).filter((pool) => pool !== ''))];
  const wrong = pools.filter((pool) => !poolNamePattern.test(pool));
  const errors: Partial<Record<ApproveWorkerField, ErrorView>> = {};
  if (name === '') errors.name = errorView('fleet_worker_name_missing');
  if (pools.length === 0) errors.pools = errorView('fleet_pools_missing');
  else if (wrong.length > 0) errors.pools = errorView('fleet_pools_invalid', wrong.map((pool) => `“${pool}”`).join(', '));
  else if (pools.some((pool) => !served.includes(pool))) errors.pools = errorView('fleet_pools_not_served', name || 'This worker', listInWords(pools.filter((pool) => !served.includes(pool))), listInWords(served));
  return errors.name === undefined && errors.pools === undefined ? { ok: true, name, pools } : { ok: false, errors };
}
