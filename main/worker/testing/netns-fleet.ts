import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { killRunLeftovers } from '../../../app/bots/kill-process-tree.js';
import { BullmqRunQueue, type FleetRunLost, type FleetTicket } from '../../../app/fleet/bullmq-run-queue.js';
import { fleetKeys, type RemoteStatus } from '../../../app/fleet/fleet-channels.js';
import { FleetCoordinator, type FleetEvent, type RemoteRunTicket } from '../../../app/fleet/fleet-coordinator.js';
import { createDesktopKey } from '../../../app/fleet/desktop-key.js';
import { watchRedisRestarts } from '../../../app/fleet/redis-restart-watch.js';
import { createNetworkNamespace, type NetworkNamespace } from '../../../app/fleet/testing/network-namespace.js';
import { startTestRedis, type TestRedis } from '../../../app/fleet/testing/redis-server.js';
import { startTcpRelay, type TcpRelay } from '../../../app/fleet/testing/tcp-relay.js';
import { startWorkerProcess, type WorkerProcess, type WorkerProcessOptions } from '../../../app/fleet/testing/worker-process.js';
import { WorkerRoster } from '../../../app/fleet/worker-roster.js';
import { systemClock } from '../../../app/ports/clock.js';
import { startSandbox, type RunningSandbox } from '../../../app/sandbox/sandbox-provider.js';
import { discoverSandbox, signInWithoutBrowser } from '../../../app/sandbox/test-support/sandbox-client.js';
import { TestSession } from './fleet-harness.js';
import { prebuiltEntry } from './prebuilt-entry.js';
import { until } from '../../../app/fleet/testing/until.js';

/** One line the api-probe bot wrote: what it got, and when. */
export interface ProbeLine {
  runId: string;
  kind: 'served' | 'api ok' | 'api refused' | 'denied' | 'unreachable';
  at: number;
  /** The first token a bot process was served: one per start of the bot. */
  first: boolean;
}

/**
 * The fleet fault lab: worker agents as real processes, each in its own network namespace joined
 * to the root namespace by a veth pair; Redis, the sandbox (through a relay on each pair's root
 * side) and the supervisor (queue + coordinator) in the root namespace; a real access token from
 * the sandbox. Everything is torn down in reverse order, also when a test fails.
 */
export class NetnsFleet {
  readonly closers: (() => Promise<unknown> | unknown)[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'rpa-netns-fleet-'));
  readonly probeFile = join(this.dir, 'probe.log');
  readonly queueName = 'rpa-runs';
  readonly namespaces: NetworkNamespace[] = [];
  readonly lost: FleetRunLost[] = [];
  readonly events: FleetEvent[] = [];
  readonly tickets = new Map<string, RemoteRunTicket>();
  readonly audit: string[] = [];
  redis!: TestRedis;
  sandbox!: RunningSandbox;
  relay!: TcpRelay;
  session!: TestSession;
  roster!: WorkerRoster;
  queue: BullmqRunQueue | undefined;
  coordinator: FleetCoordinator | undefined;
  #command!: Redis;

  /** Namespaces, Redis, the sandbox and a signed-in session; the supervisor starts separately. */
  async start(workerHosts: number): Promise<this> {
    this.closers.push(() => rmSync(this.dir, { recursive: true, force: true }));
    for (let i = 0; i < workerHosts; i += 1) {
      const ns = await createNetworkNamespace();
      this.closers.push(() => ns.remove());
      this.namespaces.push(ns);
    }
    const hosts = this.namespaces.map((ns) => ns.hostAddress);
    this.redis = await startTestRedis({ bind: ['127.0.0.1', ...hosts] });
    this.closers.push(() => this.redis.stop());
    this.sandbox = await startSandbox();
    this.closers.push(() => this.sandbox.close());
    this.relay = await startTcpRelay(hosts, { host: '127.0.0.1', port: Number(new URL(this.sandbox.issuer).port) });
    this.closers.push(() => this.relay.close());
    const config = await discoverSandbox(this.sandbox);
    const tokens = await signInWithoutBrowser(this.sandbox, config, 'http://127.0.0.1/callback');
    this.session = new TestSession(tokens.access_token, { subject: 'demo', name: 'Dr Demo Supervisor' });
    this.#command = this.client();
    this.roster = new WorkerRoster({ redis: this.#command, load: () => [], save: () => undefined, audit: (c) => this.audit.push(`${c.action} ${c.workerName}`), now: () => Date.now() });
    return this;
  }

  client(): Redis {
    const c = new Redis(this.redis.url, { maxRetriesPerRequest: null });
    // Refused connections while a test restarts Redis are the fault under test; ioredis reconnects.
    c.on('error', () => undefined);
    this.closers.push(() => c.disconnect());
    return c;
  }

  /** The supervisor side as the desktop composes it: a lost run's lease is revoked; a restarted Redis gets the waiting runs again. */
  async startSupervisor(leaseTtlMs: number): Promise<void> {
    const queue = new BullmqRunQueue({ connection: this.client(), eventsConnection: this.client(), queueName: this.queueName, maxConcurrentRuns: 8, maxQueuedRuns: 100 });
    this.closers.push(() => queue.shutdown());
    await queue.ready();
    const coordinator = new FleetCoordinator({
      redis: this.client(), subscriber: this.client(), sessions: this.session, clock: systemClock, leaseTtlMs,
      approved: (id) => this.roster.approved(id), ticket: (id) => this.tickets.get(id), desktopKey: createDesktopKey(),
    });
    this.closers.push(() => coordinator.close());
    await coordinator.start();
    coordinator.onDidChange((e) => this.events.push(e));
    queue.onDidLose((l) => {
      this.lost.push(l);
      void coordinator.revoke([l.runId], l.reason).catch(() => undefined);
    });
    const watch = watchRedisRestarts(this.client(), () => void queue.resubmitWaiting());
    this.closers.push(() => watch.dispose());
    this.queue = queue;
    this.coordinator = coordinator;
  }

  /** A worker agent process inside namespace `index`, approved by an admin unless told otherwise. */
  async startWorker(index: number, name: string, options: Partial<WorkerProcessOptions> & { approve?: boolean } = {}): Promise<WorkerProcess> {
    const ns = this.namespaces[index];
    if (ns === undefined) throw new Error(`no namespace ${String(index)}`);
    const worker = await startWorkerProcess({
      name, queueName: this.queueName, dataDir: join(this.dir, `worker-${String(index)}`), exec: ns.exec,
      redisUrl: `redis://${ns.hostAddress}:${String(this.redis.port)}`,
      probe: { apiBaseUrl: `http://${ns.hostAddress}:${String(this.relay.port)}/api`, file: this.probeFile },
      prebuilt: prebuiltEntry('main/worker/start-worker.ts'),
      ...options,
    });
    // SIGKILL first: a fault test may have left it holding a bot; the reaper then clears the bot.
    this.closers.push(() => worker.kill('SIGKILL'));
    if (options.approve !== false) {
      const approved = await this.roster.approve(worker.fingerprint, { name, pools: ['ward'] }, 'admin');
      if (!approved.ok) throw new Error(approved.reason === 'not_waiting' ? approved.message : `not started for pools ${approved.notServed.join(', ')}`);
    }
    return worker;
  }

  /** `botId`: the api-probe bot every worker has, or one a test put in the worker's bots folder. */
  enqueue(runId: string, botId = 'api-probe'): void {
    const ticket: FleetTicket = { runId, botId, profileId: 'p1', enqueuedAt: Date.now(), priority: 'normal', exclusive: false, companyId: '', supervisorId: 'demo', pool: 'ward', expectedDurationMs: 1000 };
    this.tickets.set(runId, { runId, profileId: 'p1', pool: 'ward', expectedDurationMs: 1000 });
    // Whatever a test does, no bot of this run outlives it.
    this.closers.push(() => killRunLeftovers(runId));
    if (this.queue === undefined) throw new Error('start the supervisor first');
    this.queue.enqueue(ticket);
  }

  /** What the run's bot wrote, read from its file (readable while its worker is cut off). */
  probe(runId: string): ProbeLine[] {
    let text = '';
    try {
      text = readFileSync(this.probeFile, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').flatMap((line) => {
      const match = /^(\S+) (served|api ok|api refused|denied|unreachable)(.*) at (\d+)$/.exec(line);
      if (!match || match[1] !== runId) return [];
      const kind = match[2] as ProbeLine['kind'];
      return [{ runId, kind, at: Number(match[4]), first: kind === 'served' && match[3]?.trim() === '1' }];
    });
  }

  /** Waits until the run's bot has called the sandbox API with a served token `count` times. */
  async apiCalls(runId: string, count: number, timeoutMs = 60_000): Promise<ProbeLine[]> {
    return until(() => {
      const lines = this.probe(runId).filter((l) => l.kind === 'api ok');
      return lines.length >= count ? lines : undefined;
    }, timeoutMs);
  }

  /** The statuses workers streamed back for a run, oldest first. */
  async statuses(runId: string): Promise<RemoteStatus[]> {
    const entries = await this.#command.xrange(fleetKeys.status, '-', '+');
    return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as RemoteStatus).filter((s) => s.runId === runId);
  }

  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'netns fleet teardown failed');
  }
}
