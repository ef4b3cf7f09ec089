import { planPauseAll } from '../../app/common/pause-all.js';
import type { RunView } from '../../app/common/contract.js';

/** The slice of the core's API Pause all uses: the runs, and the same pauseRun the window sends. */
export interface PauseAllApi {
  invoke(command: 'getState', params: Record<string, never>): Promise<{ runs: RunView[] }>;
  invoke(command: 'pauseRun', params: { runId: string }): Promise<void>;
}

export interface PauseAllResult {
  paused: number;
  unavailable: number;
  failed: number;
}

/**
 * The Pause all shortcut (and tray item): pauses each run `planPauseAll` picks with the ordinary
 * `pauseRun` command, one after the other; a run that ended meanwhile or refuses is counted, not
 * fatal. Logs one line with the counts and the codes, never run output.
 */
export async function pauseAllRuns(api: PauseAllApi, log: (message: string, fields: Record<string, unknown>) => void): Promise<PauseAllResult> {
  const plan = planPauseAll((await api.invoke('getState', {})).runs);
  const result: PauseAllResult = { paused: 0, unavailable: plan.unavailable.length, failed: 0 };
  const codes: string[] = [];
  for (const runId of plan.pause) {
    try {
      await api.invoke('pauseRun', { runId });
      result.paused += 1;
    } catch (error) {
      result.failed += 1;
      codes.push(typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown');
    }
  }
  log('pause all', { code: 'pause_all', ...result, ...(codes.length > 0 ? { codes } : {}) });
  return result;
}
