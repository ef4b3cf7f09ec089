import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { assertRunTransition, canTransitionRun, isLiveRunPhase, isTerminalRunStatus, runTransitions, viewStatusOf, type RunPhase } from './run-state.js';

const allPhases = Object.keys(runTransitions) as RunPhase[];

const allowed: [RunPhase, RunPhase][] = [
  ['queued', 'starting'],
  ['queued', 'cancelled'],
  ['queued', 'halted'],
  ['queued', 'interrupted'],
  ['starting', 'running'],
  ['starting', 'failed'],
  ['starting', 'halted'],
  ['starting', 'interrupted'],
  ['running', 'stopping'],
  ['running', 'succeeded'],
  ['running', 'failed'],
  ['running', 'interrupted'],
  ['running', 'waitingForSignIn'],
  ['running', 'waitingForSupervisor'],
  ['running', 'paused'],
  ['waitingForSignIn', 'running'],
  ['waitingForSignIn', 'waitingForSupervisor'],
  ['waitingForSignIn', 'paused'],
  ['waitingForSignIn', 'stopping'],
  ['waitingForSignIn', 'succeeded'],
  ['waitingForSignIn', 'failed'],
  ['waitingForSignIn', 'interrupted'],
  ['waitingForSupervisor', 'running'],
  ['waitingForSupervisor', 'waitingForSignIn'],
  ['waitingForSupervisor', 'paused'],
  ['waitingForSupervisor', 'stopping'],
  ['waitingForSupervisor', 'succeeded'],
  ['waitingForSupervisor', 'failed'],
  ['waitingForSupervisor', 'interrupted'],
  ['paused', 'running'],
  ['paused', 'waitingForSignIn'],
  ['paused', 'waitingForSupervisor'],
  ['paused', 'stopping'],
  ['paused', 'succeeded'],
  ['paused', 'failed'],
  ['paused', 'interrupted'],
  ['stopping', 'cancelled'],
  ['stopping', 'timedOut'],
  ['stopping', 'halted'],
];

describe('run state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransitionRun(from, to)).toBe(true);
    expect(() => assertRunTransition(from, to)).not.toThrow();
  });

  const forbidden = allPhases.flatMap((from) =>
    allPhases.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as [RunPhase, RunPhase]),
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

  it('knows which phases are live and which are terminal', () => {
    expect(allPhases.filter(isLiveRunPhase)).toEqual(['queued', 'starting', 'running', 'waitingForSignIn', 'waitingForSupervisor', 'paused', 'stopping']);
    expect(allPhases.filter(isTerminalRunStatus)).toEqual(['succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted']);
  });

  it('shows stopping as running, and every other phase as itself', () => {
    expect(allPhases.map((phase) => [phase, viewStatusOf(phase)]).filter(([phase, status]) => phase !== status)).toEqual([['stopping', 'running']]);
  });
});
