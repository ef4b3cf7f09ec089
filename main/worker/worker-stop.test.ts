import { describe, expect, it } from 'vitest';
import type { FleetRunLost } from '../../app/fleet/bullmq-run-queue.js';
import { findProcessesByRunId } from '../../app/bots/process-table.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import type { Logger } from '../../app/ports/logger.js';
import { TestSession } from './testing/fleet-harness.js';
import { harnessPerTest } from './testing/harness-per-test.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LXN0b3AifQ.c2lnbmF0dXJlLWZvci1zdG9wLXRlc3Q';

/** What the worker program would print: every line its logger was given. */
function saying(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const add = (message: string) => void lines.push(message);
  return { logger: { info: add, warn: add, error: add }, lines };
}

describe.skipIf(redisServerMissing())('a worker program stopped (systemd stop, Ctrl-C) while its bots run, on a real redis-server', () => {
  const harness = harnessPerTest('stop');

  it('tells its bot to stop (SIGTERM, the broker still answering), reports the run interrupted once, and says each run on its own output', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const lost: FleetRunLost[] = [];
    f.queue.onDidLose((l) => lost.push(l));
    const { logger, lines } = saying();
    const agent = await f.startWorker('Ward PC stop', { approve: true, logger });
    f.enqueue('run-tidy', { botId: 'stop-tidy' });
    await until(async () => ((await f.logLines('run-tidy')).includes('working, broker answered 200') ? true : undefined));

    await agent.close();

    // The bot tidied up with its token still served, and its last words reached the desktop's copy.
    expect(await f.logLines('run-tidy')).toContain('tidied up, broker answered 200');
    const statuses = (await f.statuses('run-tidy')).map((s) => s.status);
    expect(statuses.filter((s) => s === 'interrupted')).toHaveLength(1);
    expect(statuses.at(-1)).toBe('interrupted');
    expect((await f.statuses('run-tidy')).at(-1)?.detail).toBe('its bot stopped when told to (exit code 0)');
    // Completed in the queue: no second, conflicting end reaches the desktop.
    expect(lost).toEqual([]);
    expect(await findProcessesByRunId('run-tidy')).toEqual([]);
    expect(lines).toContain('Run run-tidy (bot stop-tidy, pool ward) running.');
    expect(lines.find((l) => l.startsWith('Run run-tidy (bot stop-tidy, pool ward) ended interrupted after '))).toMatch(/: its bot stopped when told to \(exit code 0\)\.$/);
    expect(lines.join('\n')).not.toContain(token);
  });

  it('a bot that ignores SIGTERM is killed after the grace, and the run says so', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    const agent = await f.startWorker('Ward PC deaf', { approve: true, stopGraceMs: 1000 });
    f.enqueue('run-deaf', { botId: 'stop-deaf' });
    await until(async () => ((await f.logLines('run-deaf')).includes('working, broker answered 200') ? true : undefined));

    await agent.close();

    expect(await f.logLines('run-deaf')).toContain('SIGTERM ignored');
    expect((await f.statuses('run-deaf')).at(-1)).toMatchObject({ status: 'interrupted', detail: 'its bot did not stop within 1 s and was killed' });
    expect(await findProcessesByRunId('run-deaf')).toEqual([]);
  });

  it('a run claimed while the worker stops never starts its bot, and waiting runs stay in the queue for another worker', async () => {
    const f = harness();
    await f.startSupervisor(new TestSession(token));
    // Nobody answers the claim (the desktop's coordinator is gone): the stop must not wait it out.
    await f.coordinator.close();
    const agent = await f.startWorker('Ward PC claim', { approve: true, leaseWaitMs: 60_000 });
    f.enqueue('run-claimed', { botId: 'stop-tidy' });
    await until(async () => ((await f.statuses('run-claimed')).some((s) => s.status === 'starting') ? true : undefined));
    f.enqueue('run-later', { botId: 'once' });
    await until(async () => await f.queue.getJob('run-later'));

    const closedAt = Date.now();
    await agent.close();

    expect(Date.now() - closedAt).toBeLessThan(5000);
    expect((await f.statuses('run-claimed')).at(-1)).toMatchObject({ status: 'interrupted', detail: 'before its bot started' });
    expect(await f.logLines('run-claimed')).toEqual([]);
    expect(await f.statuses('run-later')).toEqual([]);
    // Still waiting in its pool's queue for another worker, with no attempt used.
    expect(['waiting', 'prioritized']).toContain(await (await f.queue.getJob('run-later'))?.getState());
  });
});
