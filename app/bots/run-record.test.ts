import { describe, expect, it } from 'vitest';
import type { BotManifest } from './bot-manifest.js';
import type { BotProcess } from './bot-process.js';
import type { RunLog } from './run-log.js';
import { isEndedRunState, runEvent, runView, storedRun, type Run, type RunState } from './run-record.js';

const bot: BotManifest = { id: 'b', name: 'Bot', description: '', command: 'node', args: [], profileId: 'p', tokenDelivery: 'broker', concurrency: 1 };
const process = {} as BotProcess;
const base = { id: 'run-1', botId: 'b', botName: 'Bot', profileId: 'p', startedAt: 100 };

function run(state: RunState, supervised = true): Run {
  return {
    id: 'run-1',
    bot,
    createdAt: 100,
    log: { redactionCounts: () => ({}), lastError: () => 'Error: no batch' } as unknown as RunLog,
    supervision: supervised ? { supervisor: { subject: 's', name: 'Sam' }, company: 'c1' } : undefined,
    state,
    ended: { promise: Promise.resolve(), resolve: () => undefined },
  };
}

describe('run record views', () => {
  it('shows each live phase with only what a view may hold; stopping shows running', () => {
    expect(runView(run({ status: 'queued' }, false))).toEqual({ ...base, status: 'queued' });
    expect(storedRun(run({ status: 'starting', pendingStop: undefined }, false))).toEqual({ ...base, status: 'starting' });
    const running = run({ status: 'running', pid: 42, process, deadlineAt: 500 });
    expect(runView(running)).toEqual({ ...base, status: 'running', supervisor: { subject: 's', name: 'Sam' } });
    expect(storedRun(running)).toEqual({ ...base, status: 'running', supervisor: { subject: 's', name: 'Sam' }, pid: 42 });
    const stopping = run({ status: 'stopping', pid: 42, process, intent: { status: 'cancelled', reason: 'r' }, since: 300 });
    expect(storedRun(stopping)).toEqual({ ...base, status: 'running', supervisor: { subject: 's', name: 'Sam' }, pid: 42 });
  });

  it('shows a held run with since when, and what a supervisor wait is for', () => {
    const facts = { pid: 42, process, deadlineAt: undefined };
    expect(runView(run({ status: 'waitingForSignIn', since: 200, ...facts }))).toMatchObject({ status: 'waitingForSignIn', since: 200 });
    expect(runView(run({ status: 'waitingForSupervisor', since: 210, reason: 'answer', ...facts }))).toMatchObject({ status: 'waitingForSupervisor', since: 210, waitingFor: 'answer' });
    expect(storedRun(run({ status: 'paused', since: 220, mode: 'signal', ...facts }))).toMatchObject({ status: 'paused', since: 220, pid: 42 });
    expect(runView(run({ status: 'paused', since: 220, mode: 'checkpoint', ...facts }))).not.toHaveProperty('waitingFor');
  });

  it('says what halted a run', () => {
    expect(runView(run({ status: 'halted', endedAt: 300, reason: 'The supervisor signed out.', exit: undefined, haltedBy: 'signOut' }))).toMatchObject({ status: 'halted', haltedBy: 'signOut' });
  });

  it('shows an ended run with its end, reason and exit (a failed one with its last error), and keeps the pid in the stored entry', () => {
    const exited = run({ status: 'failed', endedAt: 900, reason: 'The bot exited with code 7.', exit: { code: 7, signal: null, pid: 42 } });
    expect(storedRun(exited)).toEqual({
      ...base,
      status: 'failed',
      supervisor: { subject: 's', name: 'Sam' },
      endedAt: 900,
      reason: 'The bot exited with code 7.',
      lastError: 'Error: no batch',
      exitCode: 7,
      signal: null,
      pid: 42,
    });
    const neverStarted = run({ status: 'cancelled', endedAt: 150, reason: undefined, exit: undefined }, false);
    expect(storedRun(neverStarted)).toEqual({ ...base, status: 'cancelled', endedAt: 150 });
    const timedOut = run({ status: 'timedOut', endedAt: 950, reason: 'Stopped after its time limit of 1 min.', exit: { code: null, signal: 'SIGTERM', pid: 42 } });
    expect(runView(timedOut)).not.toHaveProperty('lastError');
  });

  it('tells ended states from live ones, and carries the company only in events', () => {
    expect((['queued', 'starting', 'running', 'waitingForSignIn', 'waitingForSupervisor', 'paused', 'stopping'] as const).some((status) => isEndedRunState({ status } as RunState))).toBe(false);
    expect(isEndedRunState({ status: 'interrupted', endedAt: 1, reason: undefined, exit: undefined })).toBe(true);
    const live = run({ status: 'running', pid: 42, process, deadlineAt: undefined });
    expect(runEvent('started', live)).toEqual({ type: 'started', run: runView(live), company: 'c1' });
    expect(runEvent('ended', run({ status: 'halted', endedAt: 1, reason: 'x', exit: undefined }, false))).not.toHaveProperty('company');
  });
});
