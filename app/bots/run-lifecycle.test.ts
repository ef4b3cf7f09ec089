import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../common/contract.js';
import { logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/** RunLifecycle through a real RunManager: phase order, events, and ending runs in every phase. */
const fixture = useRunFixture();

describe('RunLifecycle events', () => {
  it('announces run start and end, with the supervisor, for the audit trail', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash')]);
    const events: string[] = [];
    manager.onDidRunEvent((event) => events.push(`${event.type}:${event.run.status}:${event.run.supervisor?.subject ?? '-'}`));
    const ended = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(ended.status).toBe('failed');
    expect(events).toEqual(['started:running:demo-user', 'ended:failed:demo-user']);
  });

  it('stores each visible phase once, in order; stopping shows as running until the process is gone', async () => {
    const manager = fixture.newManager({ stopGraceMs: 1500 });
    manager.setBots([misbehaving('hang', { env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const seen: RunStatus[] = [];
    manager.onDidChange(() => {
      const status = manager.listRuns()[0]?.status;
      if (status !== undefined && status !== seen.at(-1)) seen.push(status);
    });
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    const stopped = manager.stop(run.id, 'Operator pressed Stop');
    await waitForLog(manager, run.id, /stdout: ignoring SIGTERM/);
    expect(manager.getRun(run.id)?.status).toBe('running');
    await stopped;
    expect(seen).toEqual(['starting', 'running', 'cancelled']);
    expect(manager.getRun(run.id)).toMatchObject({ status: 'cancelled', signal: 'SIGKILL', reason: 'Operator pressed Stop' });
  });
});

describe('RunLifecycle ending runs', () => {
  it('cancels a queued run without starting it, and halts a profile on request', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const running = await manager.start('misbehaving-hang');
    const queued = await manager.start('other');
    await manager.stop(queued.id);
    expect(manager.listRuns().find((r) => r.id === queued.id)?.status).toBe('cancelled');
    await manager.haltProfile('sandbox', 'The session ended and policy is stop.');
    expect(manager.listRuns().find((r) => r.id === running.id)).toMatchObject({ status: 'halted', reason: 'The session ended and policy is stop.' });
  });

  it('honours a stop asked for while the process is being created, once the process exists', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('hang')]);
    const events: string[] = [];
    manager.onDidRunEvent((event) => events.push(`${event.type}:${event.run.status}`));
    const starting = manager.start('misbehaving-hang');
    const [run] = manager.listRuns();
    expect(run?.status).toBe('starting');
    const stopped = manager.stop(run?.id as string, 'Stopped before it began');
    expect((await starting).status).toBe('running');
    await stopped;
    expect(manager.getRun(run?.id as string)).toMatchObject({ status: 'cancelled', reason: 'Stopped before it began' });
    expect(events).toEqual(['started:running', 'ended:cancelled']);
    expect(logText(manager, run?.id as string)).toMatch(/system: Stopping \(SIGTERM, then SIGKILL after [^)]+\): Stopped before it began/);
    // The last line says it in the words of the run's status label (Stopped), not "cancelled".
    expect(logText(manager, run?.id as string)).toMatch(/; the run was stopped\.$/m);
  });

  it('stops every live run at once, queued and running, with one reason', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const running = await manager.start('misbehaving-hang');
    const queued = await manager.start('other');
    await manager.stopAll();
    for (const id of [running.id, queued.id]) {
      expect(manager.getRun(id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by the operator (stop all).' });
    }
    expect(logText(manager, queued.id)).not.toMatch(/Starting/);
  });
});
