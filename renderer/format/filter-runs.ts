import type { RunStatus, RunView } from '../../app/common/contract.js';
import { runOutcomeOf, type RunOutcome } from '../../app/common/run-status.js';
import { isInRange, runDateRange } from './run-date-range.js';

/**
 * The outcome groups the history filter offers: Today's counts (runOutcomeOf), and "live" for
 * running and waiting together.
 */
export type RunOutcomeFilter = 'all' | 'live' | RunOutcome;

export const runOutcomeFilters: readonly RunOutcomeFilter[] = ['all', 'live', 'running', 'waiting', 'succeeded', 'failed', 'stopped'];

function hasOutcome(status: RunStatus, filter: RunOutcomeFilter): boolean {
  const outcome = runOutcomeOf(status);
  return filter === 'all' || outcome === filter || (filter === 'live' && (outcome === 'running' || outcome === 'waiting'));
}

export interface RunFilter {
  /** Empty for every bot. */
  botId: string;
  outcome: RunOutcomeFilter;
  /** Local calendar days (`YYYY-MM-DD`) the run started on or after, and on or before; '' for any. */
  from: string;
  to: string;
  /** Matched against bot name, supervisor, reason, last error and run id, ignoring case. */
  text: string;
}

export const emptyRunFilter: RunFilter = { botId: '', outcome: 'all', from: '', to: '', text: '' };

export function isFilterActive(filter: RunFilter): boolean {
  return filter.botId !== '' || filter.outcome !== 'all' || filter.from !== '' || filter.to !== '' || filter.text.trim() !== '';
}

export function filterRuns(runs: readonly RunView[], filter: RunFilter): RunView[] {
  const needle = filter.text.trim().toLowerCase();
  const range = runDateRange(filter.from, filter.to);
  return runs.filter((run) => {
    if (filter.botId !== '' && run.botId !== filter.botId) return false;
    if (!hasOutcome(run.status, filter.outcome)) return false;
    if (!isInRange(run.startedAt, range)) return false;
    if (needle === '') return true;
    // The last error is what a failed run's reader looks for: "503", "Service Unavailable".
    const haystack = [run.botName, run.id, run.supervisor?.name, run.supervisor?.subject, run.reason, run.lastError].filter(Boolean).join('\n').toLowerCase();
    return haystack.includes(needle);
  });
}

/**
 * The history to show: runs fetched with listRuns, overlaid with the fresher copies the state
 * snapshot carries (a running run's status changes there first), newest first.
 */
export function mergeRuns(fetched: readonly RunView[], fromState: readonly RunView[]): RunView[] {
  const byId = new Map<string, RunView>();
  for (const run of fetched) byId.set(run.id, run);
  for (const run of fromState) byId.set(run.id, run);
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id));
}
