import { describe, expect, it } from 'vitest';
import type { RunView } from '../../app/common/contract.js';
import { pauseAllRuns, type PauseAllApi } from './pause-all-runs.js';

function fakeApi(runs: RunView[], refuse: Record<string, string> = {}) {
  const paused: string[] = [];
  const api = {
    invoke: async (command: string, params: { runId?: string }) => {
      if (command === 'getState') return { runs };
      const code = refuse[params.runId as string];
      if (code) throw Object.assign(new Error('refused'), { code });
      paused.push(params.runId as string);
      return undefined;
    },
  } as unknown as PauseAllApi;
  return { api, paused };
}

const live = (id: string, pause: 'signal' | 'checkpoint' | 'unavailable'): RunView => ({ id, botId: id, botName: id, profileId: 'p', status: 'running', startedAt: 1, control: { pause, safeStop: pause === 'checkpoint' } });

describe('pauseAllRuns', () => {
  it('pauses each pausable run with pauseRun and logs the counts', async () => {
    const { api, paused } = fakeApi([live('a', 'signal'), live('b', 'checkpoint'), live('c', 'unavailable')]);
    const lines: Array<[string, Record<string, unknown>]> = [];
    expect(await pauseAllRuns(api, (message, fields) => lines.push([message, fields]))).toEqual({ paused: 2, unavailable: 1, failed: 0 });
    expect(paused).toEqual(['a', 'b']);
    expect(lines).toEqual([['pause all', { code: 'pause_all', paused: 2, unavailable: 1, failed: 0 }]]);
  });

  it('a run that ended meanwhile is counted with its code and does not stop the others', async () => {
    const { api, paused } = fakeApi([live('gone', 'signal'), live('b', 'signal')], { gone: 'run_not_running' });
    const lines: Array<Record<string, unknown>> = [];
    expect(await pauseAllRuns(api, (_message, fields) => lines.push(fields))).toEqual({ paused: 1, unavailable: 0, failed: 1 });
    expect(paused).toEqual(['b']);
    expect(lines[0]).toMatchObject({ codes: ['run_not_running'] });
  });
});
