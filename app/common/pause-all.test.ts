import { describe, expect, it } from 'vitest';
import { planPauseAll } from './pause-all.js';
import type { RunControlView, RunStatus, RunView } from './views.js';

function run(id: string, status: RunStatus, control?: Partial<RunControlView>): RunView {
  return {
    id,
    botId: id,
    botName: id,
    profileId: 'sandbox',
    status,
    startedAt: 1,
    ...(control ? { control: { pause: 'signal', safeStop: false, ...control } } : {}),
  };
}

describe('planPauseAll', () => {
  it('pauses every working or waiting run that can pause, by signal or at its checkpoint', () => {
    const plan = planPauseAll([
      run('plain', 'running', { pause: 'signal' }),
      run('sdk', 'running', { pause: 'checkpoint', safeStop: true }),
      run('sign-in', 'waitingForSignIn', { pause: 'signal' }),
      run('supervisor', 'waitingForSupervisor', { pause: 'checkpoint', safeStop: true }),
    ]);
    expect(plan).toEqual({ pause: ['plain', 'sdk', 'sign-in', 'supervisor'], unavailable: [] });
  });

  it('leaves paused, queued, starting and ended runs alone', () => {
    const plan = planPauseAll([
      run('paused', 'paused', { pause: 'signal' }),
      run('queued', 'queued'),
      run('starting', 'starting'),
      run('done', 'succeeded'),
      run('halted', 'halted'),
    ]);
    expect(plan).toEqual({ pause: [], unavailable: [] });
  });

  it('names plain bots on Windows (pause unavailable) instead of pausing them', () => {
    expect(planPauseAll([run('win-plain', 'running', { pause: 'unavailable' }), run('win-sdk', 'running', { pause: 'checkpoint' })])).toEqual({ pause: ['win-sdk'], unavailable: ['win-plain'] });
  });

  it('leaves a run that was asked to stop at its next safe point to stop, and a run without controls (a core without supervision)', () => {
    expect(planPauseAll([run('stopping', 'running', { pause: 'checkpoint', stopRequested: true }), run('bare', 'running')])).toEqual({ pause: [], unavailable: [] });
  });
});
