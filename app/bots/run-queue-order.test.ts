import { describe, expect, it } from 'vitest';
import { waitUntil } from './testing/process-probe.js';
import { logText, misbehaving, useRunFixture, waitForLog } from './testing/run-fixture.js';

/** Priorities, the operator's order, cancel and `exclusive` through the real run manager and real processes. */
const fixture = useRunFixture();

describe('RunManager queue order', () => {
  it('starts waiting runs by priority (a start may override the manifest), first come first served within one', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([
      misbehaving('hang'),
      misbehaving('hang', { id: 'low', priority: 'low' }),
      misbehaving('hang', { id: 'normal' }),
      misbehaving('hang', { id: 'urgent', priority: 'high' }),
    ]);
    const first = await manager.start('misbehaving-hang');
    const low = await manager.start('low');
    const normal = await manager.start('normal');
    const raised = await manager.start('low', { priority: 'high' }).catch((error: unknown) => error);
    // The low bot allows one live run; its second start is refused, not queued.
    expect(raised).toMatchObject({ code: 'bot_already_running' });
    const urgent = await manager.start('urgent');
    expect(manager.queued().map((run) => [run.botId, run.priority, run.waitingFor])).toEqual([
      ['urgent', 'high', 'slot'],
      ['normal', 'normal', 'slot'],
      ['low', 'low', 'slot'],
    ]);
    await manager.stop(first.id);
    await waitUntil(() => manager.getRun(urgent.id)?.status === 'running', 10_000, 'the high run to start first');
    expect([manager.getRun(normal.id)?.status, manager.getRun(low.id)?.status]).toEqual(['queued', 'queued']);
  });

  it('a run the operator moves to the front starts next; a cancelled queued run never starts', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots(['hang', 'a', 'b', 'c'].map((id) => misbehaving('hang', { id })));
    const first = await manager.start('hang');
    const [a, b, c] = [await manager.start('a'), await manager.start('b'), await manager.start('c')];
    manager.moveQueued(c.id, 0);
    expect(manager.queued().map((run) => [run.runId, run.moved])).toEqual([
      [c.id, 'forward'],
      [a.id, undefined],
      [b.id, undefined],
    ]);
    manager.cancelQueued(a.id);
    expect(manager.getRun(a.id)).toMatchObject({ status: 'cancelled', reason: 'Cancelled by the operator while it waited in the queue.' });
    await manager.stop(first.id);
    await waitUntil(() => manager.getRun(c.id)?.status === 'running', 10_000, 'the moved run to start');
    expect(manager.getRun(b.id)?.status).toBe('queued');
    expect(() => manager.cancelQueued(c.id)).toThrow(expect.objectContaining({ code: 'run_not_queued' }));
    expect(() => manager.moveQueued(a.id, 0)).toThrow(expect.objectContaining({ code: 'run_not_queued' }));
    expect(manager.getRun(a.id)?.status).toBe('cancelled');
  });

  it('runs one exclusive bot at a time; the other waits with its reason while plain bots start', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 4 });
    manager.setBots([misbehaving('hang', { id: 'screen-a', exclusive: true }), misbehaving('hang', { id: 'screen-b', exclusive: true }), misbehaving('hang', { id: 'plain' })]);
    const screenA = await manager.start('screen-a');
    const screenB = await manager.start('screen-b');
    const plain = await manager.start('plain');
    expect([screenA.status, screenB.status, plain.status]).toEqual(['running', 'queued', 'running']);
    expect(manager.queued()).toMatchObject([{ runId: screenB.id, exclusive: true, waitingFor: 'exclusive' }]);
    expect(logText(manager, screenB.id)).toBe('system: Queued: another bot that uses the screen is running; this one starts when it ends.');
    expect(manager.listBots().find((bot) => bot.id === 'screen-a')).toMatchObject({ exclusive: true, priority: 'normal' });
    await waitForLog(manager, screenA.id, /now hanging/);
    await manager.stop(screenA.id);
    await waitUntil(() => manager.getRun(screenB.id)?.status === 'running', 10_000, 'the second exclusive run to start');
    expect(manager.queued()).toEqual([]);
  });
});
