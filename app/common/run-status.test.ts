import { describe, expect, it } from 'vitest';
import { isTerminalRunStatus, runTransitions, type RunPhase } from '../bots/run-state.js';
import type { RunStatus } from './contract.js';
import { endedRunWords, hasRunProcess, isLiveRunStatus, liveRunStatuses, processRunStatuses } from './run-status.js';

describe('live run statuses', () => {
  // `stopping` is a core-only phase; a view shows a stopping run as `running`.
  const allStatuses = (Object.keys(runTransitions) as RunPhase[]).filter((phase): phase is RunStatus => phase !== 'stopping');

  it('are exactly the statuses the run state machine can still leave', () => {
    expect(allStatuses.filter(isLiveRunStatus)).toEqual(['queued', 'starting', 'running', 'waitingForSignIn', 'waitingForSupervisor', 'paused']);
    expect(allStatuses.filter((status) => !isTerminalRunStatus(status))).toEqual([...liveRunStatuses]);
  });

  it('have a process exactly when the bot is working, waiting or paused', () => {
    expect(allStatuses.filter(hasRunProcess)).toEqual([...processRunStatuses]);
    expect(processRunStatuses.every((status) => isLiveRunStatus(status))).toBe(true);
    expect(hasRunProcess('queued') || hasRunProcess('starting')).toBe(false);
  });
});

describe('endedRunWords', () => {
  it('says how a run ended in the words of the status labels, never a status name', () => {
    expect(['succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted'].map((status) => endedRunWords(status as RunStatus))).toEqual([
      'succeeded',
      'failed',
      'stopped',
      'timed out',
      'halted (the session ended)',
      'interrupted',
    ]);
  });
});
