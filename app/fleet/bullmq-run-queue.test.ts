import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BullmqRunQueue, type FleetRunLost, type FleetTicket } from './bullmq-run-queue.js';
import { poolQueueName } from './pool-queue-name.js';
import { redisServerMissing, startTestRedis, type TestRedis } from './testing/redis-server.js';
import { until } from './testing/until.js';
import type { QueueTicket } from '../bots/run-queue.js';

function ticket(runId: string, extra: Partial<FleetTicket> = {}): FleetTicket {
  return { runId, botId: 'claims-bot', profileId: 'p1', enqueuedAt: Date.now(), companyId: 'c1', supervisorId: 'u1', priority: 'normal', exclusive: false, pool: 'ward', expectedDurationMs: 60_000, ...extra };
}

describe.skipIf(redisServerMissing())('BullmqRunQueue on a real redis-server', () => {
  let redis: TestRedis;
  const closers: (() => Promise<unknown> | void)[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await redis.stop();
  });

  function client(): Redis {
    const c = new Redis(redis.url, { maxRetriesPerRequest: null });
    closers.push(() => c.disconnect());
    return c;
  }

  async function engine(queueName: string, maxQueuedRuns = 2): Promise<BullmqRunQueue> {
    const queue = new BullmqRunQueue({ connection: client(), eventsConnection: client(), queueName, maxConcurrentRuns: 4, maxQueuedRuns });
    closers.push(() => queue.shutdown());
    await queue.ready();
    return queue;
  }

  function worker(queueName: string, process: (job: Job<FleetTicket>) => Promise<void>, options: { lockDuration?: number; stalledInterval?: number } = {}): Worker<FleetTicket> {
    const w = new Worker<FleetTicket>(poolQueueName(queueName, 'ward'), process, { connection: client(), maxStalledCount: 0, ...options });
    closers.push(() => w.close(true));
    return w;
  }

  it('answers queued at once, admits when a worker takes the job, and carries the whole ticket', async () => {
    const queue = await engine('admit');
    const admitted: QueueTicket[] = [];
    queue.onDidAdmit((t) => admitted.push(t));
    expect(queue.enqueue(ticket('run-1', { priority: 'high' }))).toBe('queued');
    expect(admitted).toEqual([]);
    expect(queue.waiting().map((t) => t.runId)).toEqual(['run-1']);
    const seen: FleetTicket[] = [];
    worker('admit', async (job) => {
      seen.push(job.data);
    });
    await until(() => (admitted.length === 1 ? true : undefined));
    expect(admitted[0]?.runId).toBe('run-1');
    await until(() => (seen.length === 1 ? true : undefined));
    expect(seen[0]).toMatchObject({ runId: 'run-1', companyId: 'c1', supervisorId: 'u1', pool: 'ward', priority: 'high', expectedDurationMs: 60_000 });
    expect(queue.waiting()).toEqual([]);
  });

  it('refuses beyond maxQueuedRuns, cancels a waiting run, and never adds the same run twice', async () => {
    const queue = await engine('limits');
    expect(queue.enqueue(ticket('a'))).toBe('queued');
    expect(queue.enqueue(ticket('b'))).toBe('queued');
    expect(queue.enqueue(ticket('c'))).toBe('full');
    expect(queue.cancel('b')).toBe(true);
    expect(queue.cancel('b')).toBe(false);
    expect(queue.cancel('unknown')).toBe(false);
    // The add and the removal run in the background: wait until Redis holds exactly run "a".
    const waitingIds = async (): Promise<string[]> => (await queue.queueFor('ward').getJobs(['waiting', 'prioritized'])).map((j) => j.id ?? '');
    let ids = await waitingIds();
    const startedAt = Date.now();
    while (ids.join(',') !== 'a' && Date.now() - startedAt < 10_000) ids = await waitingIds();
    expect(ids).toEqual(['a']);
    // A second add of the same run id is a no-op: the job id is the run id.
    await queue.queueFor('ward').add('ward', ticket('a'), { jobId: 'a' });
    expect(await waitingIds()).toEqual(['a']);
  });

  it('keeps the port\'s order rule for the waiting list and moves a run in Redis too', async () => {
    const queue = await engine('order', 5);
    queue.enqueue(ticket('n1'));
    queue.enqueue(ticket('l1', { priority: 'low' }));
    expect(queue.enqueue(ticket('h1', { priority: 'high' }))).toBe('queued');
    expect(queue.waiting().map((t) => t.runId)).toEqual(['h1', 'n1', 'l1']);
    expect(queue.move('l1', 0)).toBe(true);
    expect(queue.move('gone', 0)).toBe(false);
    expect(queue.waiting().map((t) => [t.runId, t.moved])).toEqual([['l1', 'forward'], ['h1', undefined], ['n1', undefined]]);
    const priorities = async (): Promise<number | undefined> => (await queue.getJob('l1'))?.priority;
    await vi.waitFor(async () => expect(await priorities()).toBe(1), { timeout: 10_000, interval: 20 });
  });

  it('S71 marks a run lost by its worker as "worker lost" and never retries it (at most once)', async () => {
    const queue = await engine('stall');
    const lost: FleetRunLost[] = [];
    queue.onDidLose((l) => lost.push(l));
    let starts = 0;
    const doomed: Worker<FleetTicket> = worker('stall', async () => {
      starts += 1;
      // The worker dies mid-run: it stops renewing its lock without finishing the job.
      void doomed.close(true);
      await new Promise(() => undefined);
    }, { lockDuration: 400, stalledInterval: 200 });
    expect(queue.enqueue(ticket('run-lost'))).toBe('queued');
    await until(() => (starts === 1 ? true : undefined));
    // A healthy worker in the pool runs the stalled-job check.
    worker('stall', async () => {
      starts += 1;
    }, { lockDuration: 400, stalledInterval: 200 });
    const [first] = await until(() => (lost.length > 0 ? lost : undefined));
    expect(first).toMatchObject({ runId: 'run-lost', reason: 'worker lost' });
    // The 'stalled' event may arrive before BullMQ has moved the job on: wait for the state it ends in.
    const job = await queue.getJob('run-lost');
    await vi.waitFor(async () => expect(await job?.getState()).toBe('failed'), { timeout: 10_000, interval: 20 });
    expect(starts).toBe(1);
  });
  it('one queue per pool: a run goes to its pool\'s queue only, so a worker of another pool never sees it', async () => {
    const queue = await engine('pools', 5);
    const admitted: string[] = [];
    queue.onDidAdmit((t) => admitted.push(t.runId));
    expect(queue.enqueue(ticket('ward-1'))).toBe('queued');
    expect(queue.enqueue(ticket('lab-1', { pool: 'lab' }))).toBe('queued');
    expect(queue.enqueue(ticket('bad-1', { pool: 'Lab:x' }))).toBe('full');
    const seen: Record<string, string[]> = { ward: [], lab: [] };
    for (const pool of ['ward', 'lab']) {
      const w = new Worker<FleetTicket>(poolQueueName('pools', pool), async (job) => void seen[pool]!.push(job.data.runId), { connection: client(), maxStalledCount: 0 });
      closers.push(() => w.close(true));
    }
    await until(() => (admitted.length === 2 ? true : undefined));
    expect(seen).toEqual({ ward: ['ward-1'], lab: ['lab-1'] });
    expect(await client().exists('bull:pools-ward:events', 'bull:pools-lab:events')).toBe(2);
    expect(await client().keys('bull:pools:*')).toEqual([]);
  });

  it('adds the waiting runs of every pool again after Redis came back empty', async () => {
    const queue = await engine('again', 5);
    queue.enqueue(ticket('again-ward'));
    queue.enqueue(ticket('again-lab', { pool: 'lab' }));
    const jobIds = async (): Promise<string[]> => (await Promise.all(['ward', 'lab'].map(async (pool) => (await queue.queueFor(pool).getJobs(['waiting', 'prioritized'])).map((j) => j.id ?? '')))).flat();
    await vi.waitFor(async () => expect(await jobIds()).toEqual(['again-ward', 'again-lab']), { timeout: 10_000, interval: 20 });
    await client().flushall();
    expect(await jobIds()).toEqual([]);
    expect(await queue.resubmitWaiting()).toBe(2);
    expect(await jobIds()).toEqual(['again-ward', 'again-lab']);
  });
});
