import { describe, expect, it } from 'vitest';
import { isTerminalRunStatus, runTransitions } from '../bots/run-state.js';
import type { RunStatus } from './contract.js';
import { isLiveRunStatus, liveRunStatuses } from './run-status.js';

describe('live run statuses', () => {
  const allStatuses = Object.keys(runTransitions) as RunStatus[];

  it('are exactly the statuses the run state machine can still leave', () => {
    expect(allStatuses.filter(isLiveRunStatus)).toEqual(['queued', 'starting', 'running']);
    expect(allStatuses.filter((status) => !isTerminalRunStatus(status))).toEqual([...liveRunStatuses]);
  });
});
