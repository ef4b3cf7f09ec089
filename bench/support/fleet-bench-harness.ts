import { existsSync } from 'node:fs';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { BullmqRunQueue, type FleetTicket } from '../../app/fleet/bullmq-run-queue.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { poolQueueName } from '../../app/fleet/pool-queue-name.js';
import { FleetCoordinator, type RemoteRunTicket } from '../../app/fleet/fleet-coordinator.js';
import { createDesktopKey } from '../../app/fleet/desktop-key.js';
import type { ApprovedWorker } from '../../app/fleet/run-claim.js';
import { redisServerPath, startTestRedis, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import type { WorkerBot } from '../../main/worker/remote-bot.js';
import { TestSession } from '../../main/worker/testing/fleet-harness.js';
import { WorkerAgent } from '../../main/worker/worker-agent.js';

/**
 * The fleet as the benches drive it: a private redis-server, the supervisor side (BullmqRunQueue
 * + FleetCoordinator, leases from a signed-in session) and worker agents in this process (the
 * root namespace), each with its own Redis connections and local broker, running real bot
 * processes. A finished run's lease goes, as the desktop does when the job completes.
 */
export class FleetBenchHarness {
  readonly closers: (() => Promise<unknown> | unknown)[] = [];
  readonly approved = new Map<string, ApprovedWorker>();
  readonly tickets = new Map<string, RemoteRunTicket>();
  readonly agents: WorkerAgent[] = [];
  /** Remote runs BullMQ reported finished (completed or failed) since the start. */
  finished = 0;
  queue!: BullmqRunQueue;
  coordinator!: FleetCoordinator;
  #commands!: Redis;
  #serial = 0;

  private constructor(readonly redis: TestRedis, readonly session: TestSession, readonly queueName: string) {}

  static async start(options: { accessToken: string; leaseTtlMs?: number; queueName?: string }): Promise<FleetBenchHarness> {
    if (!existsSync(redisServerPath)) throw new Error(`the fleet benches need redis-server at ${redisServerPath} (apt-get install redis-server)`);
    const harness = new FleetBenchHarness(await startTestRedis(), new TestSession(options.accessToken), options.queueName ?? 'rpa-runs');
    harness.closers.push(() => harness.redis.stop());
    harness.#commands = harness.client();
    const queue = new BullmqRunQueue({ connection: harness.client(), eventsConnection: harness.client(), queueName: harness.queueName, maxConcurrentRuns: 64, maxQueuedRuns: 5000 });
    harness.closers.push(() => queue.shutdown());
    await queue.ready();
    const coordinator = new FleetCoordinator({
      redis: harness.client(), subscriber: harness.client(), sessions: harness.session, clock: systemClock, leaseTtlMs: options.leaseTtlMs ?? 120_000,
      approved: (id) => harness.approved.get(id), ticket: (id) => harness.tickets.get(id), desktopKey: createDesktopKey(),
    });
    harness.closers.push(() => coordinator.close());
    await coordinator.start();
    const ended = new QueueEvents(poolQueueName(harness.queueName, 'ward'), { connection: harness.client() });
    harness.closers.push(() => ended.close());
    const finish = (jobId: string): void => {
      harness.finished += 1;
      void coordinator.runEnded(jobId);
    };
    ended.on('completed', ({ jobId }) => finish(jobId));
    ended.on('failed', ({ jobId }) => finish(jobId));
    await ended.waitUntilReady();
    harness.queue = queue;
    harness.coordinator = coordinator;
    return harness;
  }

  client(): Redis {
    const c = new Redis(this.redis.url, { maxRetriesPerRequest: null });
    this.closers.push(() => c.disconnect());
    return c;
  }

  /** An approved worker agent that knows `bots`. */
  async addWorker(name: string, bots: Record<string, WorkerBot>, concurrency = 1): Promise<WorkerAgent> {
    const worker = makeTestWorker(name);
    this.closers.push(worker.dispose);
    this.approved.set(worker.approved.workerId, worker.approved);
    const agent = new WorkerAgent({
      name, pools: ['ward'], identity: worker.identity, redis: this.client(), subscriber: this.client(), workerConnection: this.client(),
      resolveBot: (botId) => bots[botId], clock: systemClock, logger: nullLogger, queueName: this.queueName, concurrency,
    });
    this.closers.push(() => agent.close());
    await agent.start();
    this.agents.push(agent);
    return agent;
  }

  /** Enqueues one remote run the way the desktop does; returns its run id. */
  enqueue(botId: string): string {
    this.#serial += 1;
    const runId = `bench-${String(this.#serial)}`;
    const ticket: FleetTicket = { runId, botId, profileId: 'p1', enqueuedAt: Date.now(), priority: 'normal', exclusive: false, companyId: '', supervisorId: 'u-ada', pool: 'ward', expectedDurationMs: 1000 };
    this.tickets.set(runId, { runId, profileId: 'p1', pool: 'ward', expectedDurationMs: 1000 });
    if (this.queue.enqueue(ticket) !== 'queued') throw new Error(`the fleet queue refused ${runId}`);
    return runId;
  }

  /** The run's log lines as its worker streamed them back. */
  async logLines(runId: string): Promise<string[]> {
    const entries = await this.#commands.xrange(fleetKeys.log(runId), '-', '+');
    return entries.map(([, fields]) => fields[fields.indexOf('line') + 1] ?? '');
  }

  /** Jobs not finished yet in `queue` (waiting, prioritized, delayed or active). */
  async unfinished(queue: Queue = this.queue.queueFor('ward')): Promise<number> {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}
