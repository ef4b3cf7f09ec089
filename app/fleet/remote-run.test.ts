import { describe, expect, it } from 'vitest';
import type { BotManifest } from '../bots/bot-manifest.js';
import { PatientRedactor } from '../bots/patient-redactor.js';
import { Redactor } from '../bots/redactor.js';
import { RunLog } from '../bots/run-log.js';
import { systemClock } from '../ports/clock.js';
import { refusalError } from './fleet-refusal.js';
import type { RemoteStatus } from './fleet-channels.js';
import { endedRemoteView, fleetTicket, queuedRunView, remoteRunView, statusOutcome, type RemoteRun } from './remote-run.js';

const bot: BotManifest = { id: 'claims', name: 'Claims', description: '', command: 'node', args: [], profileId: 'p1', tokenDelivery: 'broker', concurrency: 1, pool: 'ward', expectedDurationMs: 60_000, company: 'ACME' };

function remote(overrides: Partial<RemoteRun> = {}): RemoteRun {
  const ticket = fleetTicket({ id: 'run-1', at: 100, bot, pool: 'ward', supervisor: { subject: 'u-ada', name: 'Dr Ada' } });
  return { view: { id: 'run-1', botId: 'claims', botName: 'Claims', profileId: 'p1', status: 'running', startedAt: 100, pool: 'ward' }, bot, ticket, log: new RunLog({ runId: 'run-1', clock: systemClock, redactor: new Redactor() }), phase: 'claimed', started: true, ...overrides };
}

const status = (value: RemoteStatus['status'], detail?: string): RemoteStatus => ({ runId: 'run-1', workerId: 'W1', workerName: 'Ward PC 1', status: value, at: 500, ...(detail ? { detail } : {}) });

describe('remote runs: tickets, views and what each worker status does', () => {
  it('the ticket carries bot, profile, company, supervising human, priority, pool and expected duration, and no secret', () => {
    expect(fleetTicket({ id: 'run-1', at: 100, bot, pool: 'ward', supervisor: { subject: 'u-ada' }, priority: 'high' })).toEqual({
      runId: 'run-1', botId: 'claims', profileId: 'p1', enqueuedAt: 100, priority: 'high', exclusive: false, companyId: 'ACME', supervisorId: 'u-ada', pool: 'ward', expectedDurationMs: 60_000,
    });
  });

  it('maps each worker status: running, held, ended; a safe stop or a stop the operator asked for ends as they asked', () => {
    expect(statusOutcome(status('running'), remote())).toEqual({ kind: 'running' });
    expect(statusOutcome(status('paused'), remote())).toEqual({ kind: 'held', status: 'paused', since: 500 });
    expect(statusOutcome(status('waiting for supervisor'), remote())).toEqual({ kind: 'held', status: 'waitingForSignIn', since: 500 });
    expect(statusOutcome(status('succeeded'), remote())).toEqual({ kind: 'end', status: 'succeeded', reason: undefined, exitCode: 0 });
    expect(statusOutcome(status('stopped', 'SIGTERM'), remote())).toEqual({ kind: 'end', status: 'cancelled', reason: 'Stopped on Ward PC 1 (SIGTERM).' });
    const asked = remote({ intent: { status: 'halted', reason: 'Signed out.', haltedBy: 'signOut' } });
    expect(statusOutcome(status('stopped', 'SIGTERM'), asked)).toEqual({ kind: 'end', status: 'halted', reason: 'Signed out.', haltedBy: 'signOut' });
    const safe = remote({ intent: { status: 'cancelled', reason: 'Stopped by Dr A at a safe point.' } });
    expect(statusOutcome(status('succeeded'), safe)).toMatchObject({ kind: 'end', status: 'cancelled' });
    expect(statusOutcome(status('failed', 'exit code 2'), remote())).toEqual({ kind: 'end', status: 'failed', reason: 'The worker could not finish the run: exit code 2. Check the bot on that worker, then use Run again.' });
    expect(statusOutcome(status('starting'), remote())).toEqual({ kind: 'none' });
  });

  it('the worker program stopped under a run: interrupted (not the operator\'s stop, not a bot failure), unless someone had asked first', () => {
    expect(statusOutcome(status('interrupted', 'its bot stopped within the 5 s it was given'), remote())).toEqual({
      kind: 'end', status: 'interrupted',
      reason: 'Interrupted — the worker program on Ward PC 1 was stopped while the run was under way (its bot stopped within the 5 s it was given). It was not started again by itself; check what the bot had done, then use Run again if needed.',
    });
    const asked = remote({ intent: { status: 'cancelled', reason: 'Stopped by the operator.' } });
    expect(statusOutcome(status('interrupted', 'x'), asked)).toEqual({ kind: 'end', status: 'cancelled', reason: 'Stopped by the operator.' });
  });

  it('refusals carry the catalogue code for what went wrong', () => {
    expect(refusalError('unknown_worker', 'worker W9 is not approved').code).toBe('fleet_worker_unapproved');
    expect(refusalError('wrong_pool', 'not in pool ward').code).toBe('fleet_worker_unapproved');
    for (const reason of ['bad_signature', 'wrong_run', 'stale']) expect(refusalError(reason, 'x').code).toBe('fleet_claim_invalid');
    expect(refusalError('policy', 'the supervisor is away from the computer').message).toBe('The run was not started on the worker: the supervisor is away from the computer. Fix that, then use Run again.');
    expect(refusalError('session', 'Signed out.').code).toBe('fleet_policy_refused');
  });

  it('a live remote run offers the controls its worker carries out; a waiting one is listed as waiting for a worker', () => {
    expect(remoteRunView(remote()).control).toEqual({ pause: 'signal', safeStop: false });
    expect(remoteRunView(remote({ bot: { ...bot, checkpoints: true } })).control).toEqual({ pause: 'checkpoint', safeStop: true });
    expect(remoteRunView(remote({ view: { ...remote().view, status: 'queued' } })).control).toBeUndefined();
    expect(queuedRunView(remote({ phase: 'queued' }))).toMatchObject({ runId: 'run-1', waitingFor: 'worker', pool: 'ward', priority: 'normal' });
    expect(queuedRunView(remote({ phase: 'approval' })).waitingFor).toBe('approval');
  });

  it("S91 a remote run's view says what its worker hid from the log, while it runs and once it ended, as a local run's does", () => {
    const run = remote();
    expect(remoteRunView(run)).not.toHaveProperty('redactions');
    run.log.writeRedactedElsewhere('stdout', 'Patient [NHS number], DOB: [date of birth]', { nhsNumber: 1, dateOfBirth: 1 });
    expect(remoteRunView(run).redactions).toEqual({ nhsNumber: 1, dateOfBirth: 1 });
    run.log.writeRedactedElsewhere('stderr', 'Done for [NHS number]', { nhsNumber: 1 });
    expect(endedRemoteView(run, { status: 'succeeded', reason: undefined }, 900)).toMatchObject({ status: 'succeeded', endedAt: 900, redactions: { nhsNumber: 2, dateOfBirth: 1 } });
  });

  it("S63 the reason a remote run ended, worded from what its worker reported, keeps no patient identifier, by the profile's settings", () => {
    const log = new RunLog({ runId: 'run-1', clock: systemClock, redactor: new Redactor(), patient: new PatientRedactor({ nhsNumber: true, dateOfBirth: true, postcode: false, email: false, phone: false }) });
    const run = remote({ log });
    const outcome = statusOutcome(status('failed', 'cannot find /bots/patients/943 476 5919 LS1 4AP/letter.mjs'), run);
    if (outcome.kind !== 'end') throw new Error(`expected an end, got ${outcome.kind}`);
    const view = endedRemoteView(run, outcome, 900);
    expect(view.reason).toBe('The worker could not finish the run: cannot find /bots/patients/[NHS number] LS1 4AP/letter.mjs. Check the bot on that worker, then use Run again.');
    expect(view).not.toHaveProperty('redactions');
  });
});
