import { Redis } from 'ioredis';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Disposable, UserView } from '../../../app/common/contract.js';
import { ListenerSet } from '../../../app/common/listener-set.js';
import type { SessionAccess, TokenGrant } from '../../../app/bots/session-access.js';
import { BullmqRunQueue, type FleetTicket } from '../../../app/fleet/bullmq-run-queue.js';
import { fleetKeys, type RemoteStatus } from '../../../app/fleet/fleet-channels.js';
import { FleetCoordinator, type RemoteRunTicket } from '../../../app/fleet/fleet-coordinator.js';
import { createDesktopKey } from '../../../app/fleet/desktop-key.js';
import type { ApprovedWorker } from '../../../app/fleet/run-claim.js';
import type { WorkerRoster } from '../../../app/fleet/worker-roster.js';
import { makeTestWorker } from '../../../app/fleet/testing/test-workers.js';
import { systemClock } from '../../../app/ports/clock.js';
import { nullLogger, type Logger } from '../../../app/ports/logger.js';
import type { WorkerBot } from '../remote-bot.js';
import type { RedactionSettings } from '../../../app/common/patient-data.js';
import { WorkerAgent } from '../worker-agent.js';

const here = dirname(fileURLToPath(import.meta.url));
const onceBot = join(here, '..', '..', '..', 'app', 'fleet', 'test-bots', 'remote-probe-bot.mjs');

/** The bots a harness worker knows, by the id a ticket names. */
const harnessBots: Record<string, WorkerBot> = {
  'lease-probe': { command: process.execPath, args: [join(here, 'lease-probe-bot.mjs')], cwd: here },
  once: { command: process.execPath, args: [onceBot, 'once'], cwd: here },
  'ask-quick': { command: process.execPath, args: [join(here, 'ask-bot.mjs'), 'choice', '1500'], cwd: here },
  'stop-tidy': { command: process.execPath, args: [join(here, 'stop-bot.mjs'), 'tidy'], cwd: here },
  'stop-deaf': { command: process.execPath, args: [join(here, 'stop-bot.mjs'), 'deaf'], cwd: here },
  'patient-print': { command: process.execPath, args: [join(here, 'patient-print-bot.mjs')], cwd: here },
};
type HarnessBotId = 'lease-probe' | 'once' | 'ask-quick' | 'stop-tidy' | 'stop-deaf' | 'patient-print';

/** The supervisor's session, reduced to the one question the fleet asks: may this profile have its token now? */
export class TestSession implements SessionAccess {
  readonly #changes = new ListenerSet<string>();
  signedIn = true;
  constructor(readonly accessToken: string, readonly supervisor: UserView = { subject: 'u-ada', name: 'Dr Ada' }) {}
  tokenFor(profileId: string): TokenGrant {
    if (!this.signedIn) return { ok: false, code: 'signed_out', message: 'Signed out.' };
    return { ok: true, accessToken: this.accessToken, expiresAt: Date.now() + 3_600_000, profileId, supervisor: this.supervisor };
  }
  signOut(): void {
    this.signedIn = false;
    this.#changes.emit('p1');
  }
  onDidChange(listener: (profileId: string) => void): Disposable {
    return this.#changes.add(listener);
  }
}

/** A supervisor (queue + coordinator) and worker agents on one real redis-server, torn down in reverse. */
export class FleetHarness {
  readonly closers: (() => Promise<unknown> | unknown)[] = [];
  readonly approved = new Map<string, ApprovedWorker>();
  /** Set before `startSupervisor` to judge claims by a WorkerRoster instead of `approved`. */
  roster: Pick<WorkerRoster, 'approved' | 'resolve'> | undefined;
  readonly tickets = new Map<string, RemoteRunTicket>();
  queue!: BullmqRunQueue;
  coordinator!: FleetCoordinator;
  /** The supervisor's key: workers pin it with their first lease. */
  readonly desktopKey = createDesktopKey();

  constructor(readonly redisUrl: string, readonly queueName: string) {}

  client(): Redis {
    const c = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.closers.push(() => c.disconnect());
    return c;
  }

  async startSupervisor(sessions: SessionAccess, leaseTtlMs = 120_000): Promise<void> {
    const { roster } = this;
    this.queue = new BullmqRunQueue({ connection: this.client(), eventsConnection: this.client(), queueName: this.queueName, maxConcurrentRuns: 8, maxQueuedRuns: 100 });
    this.closers.push(() => this.queue.shutdown());
    await this.queue.ready();
    this.coordinator = new FleetCoordinator({
      redis: this.client(), subscriber: this.client(), sessions, clock: systemClock, leaseTtlMs,
      approved: (id) => roster?.approved(id) ?? this.approved.get(id), ticket: (id) => this.tickets.get(id),
      ...(roster ? { resolveWorker: (id: string) => roster.resolve(id) } : {}), desktopKey: this.desktopKey,
    });
    this.closers.push(() => this.coordinator.close());
    await this.coordinator.start();
  }

  async startWorker(name: string, options: { approve: boolean; onSupervisorLost?: 'wait' | 'stop'; leaseWaitMs?: number; pools?: string[]; concurrency?: number; worker?: ReturnType<typeof makeTestWorker>; logger?: Logger; stopGraceMs?: number; dataDir?: string }): Promise<WorkerAgent> {
    const pools = options.pools ?? ['ward'];
    const worker = options.worker ?? makeTestWorker(name, pools);
    this.closers.push(worker.dispose);
    if (options.approve) this.approved.set(worker.approved.workerId, worker.approved);
    const agent = new WorkerAgent({
      name, pools, identity: worker.identity, concurrency: options.concurrency ?? 1, redis: this.client(), subscriber: this.client(), workerConnection: this.client(),
      resolveBot: (botId) => harnessBots[botId],
      clock: systemClock, logger: options.logger ?? nullLogger, ...(options.stopGraceMs === undefined ? {} : { stopGraceMs: options.stopGraceMs }), ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }), queueName: this.queueName, leaseWaitMs: options.leaseWaitMs ?? 3000, onSupervisorLost: options.onSupervisorLost ?? 'wait',
    });
    this.closers.push(() => agent.close());
    await agent.start();
    return agent;
  }

  /**
   * `botId` 'lease-probe' asks for tokens until denied; 'once' takes one token and exits 0; 'ask-quick' asks a question with a 1.5 s
   * timeout; 'stop-tidy' and 'stop-deaf' wait, and on SIGTERM tidy up and exit 0, or ignore it (testing/stop-bot.mjs);
   * 'patient-print' prints synthetic patient identifiers and exits 0. `redaction`: the ticket's patient-data settings;
   * `queuedRedaction`: other settings in the job Redis holds, as somebody who can write to Redis could make them.
   */
  enqueue(runId: string, options: { pool?: string; botId?: HarnessBotId; redaction?: RedactionSettings; queuedRedaction?: RedactionSettings } = {}): void {
    const pool = options.pool ?? 'ward';
    const queued = options.queuedRedaction ?? options.redaction;
    const ticket: FleetTicket = { runId, botId: options.botId ?? 'lease-probe', profileId: 'p1', enqueuedAt: Date.now(), priority: 'normal', exclusive: false, companyId: '', supervisorId: 'u-ada', pool, expectedDurationMs: 1000, ...(queued ? { redaction: queued } : {}) };
    this.tickets.set(runId, { runId, profileId: 'p1', pool, expectedDurationMs: 1000, ...(options.redaction ? { redaction: options.redaction } : {}) });
    this.queue.enqueue(ticket);
  }

  /** The run's redacted log lines as streamed back to Redis. */
  async logLines(runId: string): Promise<string[]> {
    const entries = await this.client().xrange(fleetKeys.log(runId), '-', '+');
    return entries.map(([, fields]) => fields[fields.indexOf('line') + 1] ?? '');
  }

  /** The statuses workers wrote for a run, oldest first. */
  async statuses(runId: string): Promise<RemoteStatus[]> {
    const entries = await this.client().xrange(fleetKeys.status, '-', '+');
    return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('status') + 1] ?? '{}') as RemoteStatus).filter((s) => s.runId === runId);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}

/** Every key Redis holds, read whole whatever its type: what someone reading Redis would see (S69). */
export async function dumpRedis(redis: Redis): Promise<string> {
  const out: string[] = [];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    out.push(key);
    if (type === 'string') out.push((await redis.get(key)) ?? '');
    else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
    else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, 0, -1)));
    else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return out.join('\n');
}
