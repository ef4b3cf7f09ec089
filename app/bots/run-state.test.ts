import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../common/contract.js';
import { isSupervisorError } from '../errors.js';
import { assertRunTransition, canTransitionRun, isLiveRunStatus, isTerminalRunStatus, runTransitions } from './run-state.js';

const allStatuses = Object.keys(runTransitions) as RunStatus[];

const allowed: [RunStatus, RunStatus][] = [
  ['queued', 'starting'],
  ['queued', 'cancelled'],
  ['queued', 'halted'],
  ['queued', 'interrupted'],
  ['starting', 'running'],
  ['starting', 'failed'],
  ['starting', 'cancelled'],
  ['starting', 'halted'],
  ['starting', 'interrupted'],
  ['running', 'succeeded'],
  ['running', 'failed'],
  ['running', 'cancelled'],
  ['running', 'timedOut'],
  ['running', 'halted'],
  ['running', 'interrupted'],
];

describe('run state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransitionRun(from, to)).toBe(true);
    expect(() => assertRunTransition(from, to)).not.toThrow();
  });

  const forbidden = allStatuses.flatMap((from) =>
    allStatuses.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as [RunStatus, RunStatus]),
  );

  it.each(forbidden)('forbids %s → %s with invalid_run_transition', (from, to) => {
    expect(canTransitionRun(from, to)).toBe(false);
    try {
      assertRunTransition(from, to);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(isSupervisorError(error) && error.code).toBe('invalid_run_transition');
    }
  });

  it('knows which statuses are live and which are terminal', () => {
    expect(allStatuses.filter(isLiveRunStatus)).toEqual(['queued', 'starting', 'running']);
    expect(allStatuses.filter(isTerminalRunStatus)).toEqual(['succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted']);
  });
});
