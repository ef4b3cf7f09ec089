import type { Job } from 'bullmq';
import { Redactor } from '../../app/bots/redactor.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { defaultFleetQueueName, type FleetTicket } from '../../app/fleet/bullmq-run-queue.js';
import { fleetKeys, type ControlMessage } from '../../app/fleet/fleet-channels.js';
import { LeaseSessionAccess } from '../../app/fleet/lease-session-access.js';
import { openTokenLease } from '../../app/fleet/token-lease.js';
import { RemoteBot } from './remote-bot.js';
import type { WorkerAgentOptions } from './worker-agent-options.js';

export type { WorkerAgentOptions } from './worker-agent-options.js';
import { DesktopInbox } from './desktop-inbox.js';
import { DesktopTrust } from './desktop-trust.js';
import { WorkerArtifacts } from './worker-artifacts.js';
import { WorkerGate } from './worker-gate.js';
import { WorkerOrphans } from './worker-orphans.js';
import { WorkerQuestions } from './worker-questions.js';
import { PoolWorkers } from './pool-workers.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';
import { WorkerRunLogs } from './worker-run-logs.js';
import { howBotStopped, settledWithin, WorkerRunReport } from './worker-run-report.js';
import { applyControl } from './worker-control.js';
import { WorkerClaims } from './worker-claims.js';

/**
 * The worker host: takes runs from BullMQ, claims each with its own key, runs the bot against a
 * local broker that serves only the run's live lease, and streams status and redacted log lines
 * back. It only ever connects out to Redis; nothing connects to it.
 */
export class WorkerAgent {
  readonly #o: WorkerAgentOptions;
  readonly #sessions: LeaseSessionAccess;
  readonly #broker: TokenBroker;
  readonly #redactor = new Redactor();
  readonly #logs: WorkerRunLogs;
  readonly #gate: WorkerGate;
  readonly #questions: WorkerQuestions;
  /** The pinned supervisor key: every lease, answer and control message is checked against it. */
  readonly #trust: DesktopTrust;
  readonly #inbox: DesktopInbox;
  /** `attach()` from bots here: sealed to the pinned desktop's key and handed over through Redis. */
  readonly #artifacts: WorkerArtifacts;
  /** The last sealed lease each run opened: the same one announced twice is opened once (its id is spent). */
  readonly #taken = new Map<string, string>();
  /** Runs whose lease went while their bot runs: they wait for a fresh one. */
  readonly #waiting = new Set<string>();
  readonly #claims: WorkerClaims;
  readonly #bots = new Map<string, RemoteBot>();
  #worker: PoolWorkers | undefined;
  readonly #orphans: WorkerOrphans | undefined;
  readonly #heartbeat: WorkerHeartbeat;
  /** Runs the queue ended while this worker still held them (see #onLockLost). */
  readonly #lost = new Set<string>();
  readonly #report: WorkerRunReport;
  /** Every job being processed, so `close()` can wait for each run's last status. */
  readonly #processing = new Set<Promise<unknown>>();
  #closing = false;
  #hurried = false;

  constructor(options: WorkerAgentOptions) {
    this.#o = options;
    // First: a heartbeat interval out of bounds is refused before anything else is set up.
    this.#heartbeat = new WorkerHeartbeat({ redis: options.redis, workerId: options.identity.fingerprint, clock: options.clock, everyMs: options.heartbeatEveryMs });
    this.#claims = new WorkerClaims({ identity: options.identity, redis: options.redis, clock: options.clock, leaseWaitMs: options.leaseWaitMs ?? 10_000 });
    this.#sessions = new LeaseSessionAccess(options.clock);
    this.#trust = new DesktopTrust({
      workerId: options.identity.fingerprint, redis: options.redis, clock: options.clock, logger: options.logger,
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }), ...(options.desktopFingerprint === undefined ? {} : { fingerprint: options.desktopFingerprint }),
    });
    this.#inbox = new DesktopInbox(this.#trust, {
      leaseAnnounced: (runId) => {
        // Anything in Redis may be there (a key of another type): a lease that cannot be read is refused, never a crash.
        if (this.#claims.waiting(runId) || this.#bots.has(runId)) void this.#takeLease(runId).catch((error: unknown) => this.#o.logger.warn('Fleet lease refused', { runId, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) }));
      },
      refused: (runId, reason, detail, holder) => {
        // Another claim for a run granted to this worker (its own claim replayed, a copy of the job elsewhere): its lease is on the way.
        if (reason === 'already_started' && holder === this.workerId && !this.#bots.has(runId)) return;
        this.#claims.decide(runId, { ok: false, detail, reason });
      },
      revoked: (runIds) => (runIds === 'all' ? this.#sessions.runIds() : runIds).forEach((runId) => this.#sessions.drop(runId)),
      control: async (runIds, message) => {
        for (const runId of runIds === 'all' ? [...this.#bots.keys()] : runIds) await this.#control(runId, message);
      },
    });
    // A bot's ask() goes to the desktop signed with this worker's key; the outcome comes back signed by the desktop and sealed to it.
    this.#questions = new WorkerQuestions({ identity: options.identity, redis: options.redis, subscriber: options.subscriber, leases: this.#sessions, clock: options.clock, logger: options.logger, redact: (runId, text) => this.#logs.redactQuestionText(runId, this.#redactor.redact(text)), openSigned: (signed) => this.#trust.open('answer', signed) });
    this.#gate = new WorkerGate(this.#questions);
    this.#artifacts = new WorkerArtifacts({ identity: options.identity, redis: options.redis, subscriber: options.subscriber, desktop: () => this.#trust.desktop, openSigned: (signed) => this.#trust.open('artifactReply', signed), clock: options.clock });
    this.#broker = new TokenBroker({ sessions: this.#sessions, clock: options.clock, logger: options.logger, gate: this.#gate, artifacts: this.#artifacts });
    this.#sessions.onDidChange((runId) => this.#onLeaseChange(runId));
    this.#orphans = options.dataDir === undefined ? undefined : new WorkerOrphans({ dataDir: options.dataDir, logger: options.logger });
    this.#logs = new WorkerRunLogs({ redis: options.redis, clock: options.clock, secrets: this.#redactor });
    this.#report = new WorkerRunReport({ redis: options.redis, workerId: options.identity.fingerprint, workerName: options.name, clock: options.clock, say: (line) => options.logger.info(line) });
  }

  get workerId(): string {
    return this.#o.identity.fingerprint;
  }

  /** The supervisor key this worker pinned, once it has. */
  get desktopFingerprint(): string | undefined {
    return this.#trust.fingerprint;
  }

  async start(): Promise<void> {
    const { subscriber, redis } = this.#o;
    // Before any new work: bots a killed instance left behind are killed and their runs reported once.
    for (const { runId, killed } of (await this.#orphans?.recover()) ?? []) {
      this.#o.logger.warn('Stopped a bot left behind by a previous run of this worker', { runId, killed });
      await this.#report.status(runId, 'interrupted', killed > 0 ? 'it restarted after being killed, and stopped the bot it had left running' : 'it restarted after being killed; its bot had already ended');
    }
    await this.#broker.start();
    await this.#inbox.start(subscriber);
    await this.#questions.start();
    await this.#artifacts.start();
    await this.#enrol();
    this.#heartbeat.start();
    // A Redis restarted without persistence forgets enrolments: write ours again whenever the connection comes back.
    redis.on('ready', () => void this.#enrol().catch(() => undefined));
    this.#worker = new PoolWorkers({
      queueName: this.#o.queueName ?? defaultFleetQueueName, pools: this.#o.pools, connection: this.#o.workerConnection, concurrency: this.#o.concurrency ?? 1,
      lockDurationMs: this.#o.lockDurationMs ?? 30_000, process: (job) => this.#run(job), onLockLost: (jobIds) => void this.#onLockLost(jobIds),
      onError: (error) => (this.#o.onQueueError ? this.#o.onQueueError(error) : this.#o.logger.warn('Fleet worker error', { error: String(error) })),
    });
    await this.#worker.start();
  }

  /**
   * Stops taking jobs; tells every bot to stop (SIGTERM, SIGKILL after the grace) while its broker
   * still answers, so it can finish a step and say so; reports each run `interrupted`; then closes.
   */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#worker?.stopTaking();
    this.#claims.decideAll({ ok: false, detail: 'before its bot started', reason: 'closing' });
    const graceMs = this.#o.stopGraceMs ?? 5000;
    for (const bot of this.#bots.values()) {
      bot.stop(graceMs);
      // A bot held by SIGSTOP handles the SIGTERM only once it runs again.
      bot.resume();
    }
    await settledWithin([...this.#processing], graceMs + 2000);
    for (const bot of this.#bots.values()) bot.kill();
    this.#questions.close();
    await this.#worker?.close();
    await this.#broker.close();
    await this.#heartbeat.close();
    this.#orphans?.close();
    await this.#o.subscriber.unsubscribe().catch(() => undefined);
  }

  /** Kills every bot at once: a second Ctrl-C while `close()` waits out their grace. */
  hurry(): void {
    if (this.#closing && this.#bots.size > 0) this.#hurried = true;
    for (const bot of this.#bots.values()) bot.kill();
  }

  async #run(job: Job<FleetTicket>): Promise<{ exitCode: number | null }> {
    const processing = this.#process(job);
    this.#processing.add(processing);
    try {
      return await processing;
    } finally {
      this.#processing.delete(processing);
    }
  }

  async #process(job: Job<FleetTicket>): Promise<{ exitCode: number | null }> {
    const ticket = job.data;
    if (!this.#o.pools.includes(job.name)) throw new Error(`refused: this worker is not in pool ${job.name}`);
    const bot = this.#o.resolveBot(ticket.botId);
    if (bot === undefined) throw new Error(`refused: bot ${ticket.botId} is not installed on ${this.#o.name}`);
    this.#report.taken(ticket.runId, ticket.botId, job.name);
    await this.#report.status(ticket.runId, 'starting');
    const decision = await this.#claims.claim(ticket);
    // Stopped while the claim was answered: the run ends here, completed in the queue so it is not reported twice.
    if ((!decision.ok && decision.reason === 'closing') || (decision.ok && this.#closing)) {
      this.#sessions.drop(ticket.runId);
      await this.#report.status(ticket.runId, 'interrupted', 'before its bot started');
      return { exitCode: null };
    }
    // A copy of a run another worker already started (the desktop added it again after Redis lost
    // it): failing this job would end that live run on the desktop, so the copy just completes.
    if (!decision.ok && decision.reason === 'already_started') return { exitCode: null };
    if (!decision.ok) {
      this.#taken.delete(ticket.runId);
      await this.#report.status(ticket.runId, 'refused', decision.detail);
      throw new Error(`refused: ${decision.detail}`);
    }
    const runSecret = this.#broker.registerRun(ticket.runId, ticket.runId);
    const secretRedaction = this.#redactor.add(runSecret);
    this.#logs.open(ticket.runId, decision.redaction, ticket.redaction);
    const remote = new RemoteBot(bot, { runId: ticket.runId, brokerUrl: this.#broker.url, runSecret }, this.#logs.output(ticket.runId));
    this.#bots.set(ticket.runId, remote);
    this.#orphans?.started(ticket.runId, remote.pid);
    await this.#report.status(ticket.runId, 'running');
    const exit = await remote.exited;
    this.#bots.delete(ticket.runId);
    this.#orphans?.ended(ticket.runId);
    this.#broker.revokeRun(ticket.runId);
    this.#gate.forget(ticket.runId);
    this.#waiting.delete(ticket.runId);
    this.#sessions.drop(ticket.runId);
    this.#taken.delete(ticket.runId);
    this.#artifacts.forget(ticket.runId);
    this.#logs.close(ticket.runId);
    secretRedaction.dispose();
    const ok = exit.code === 0;
    const lost = this.#lost.delete(ticket.runId);
    if (this.#closing && !lost) {
      await this.#report.status(ticket.runId, 'interrupted', howBotStopped(exit, this.#o.stopGraceMs ?? 5000, this.#hurried));
      return { exitCode: exit.code };
    }
    await this.#report.status(ticket.runId, ok ? 'succeeded' : exit.signal ? 'stopped' : 'failed', lost ? 'worker lost: the run ended in the queue while this worker was cut off' : (exit.signal ?? `exit code ${String(exit.code)}`));
    if (!ok) throw new Error(exit.signal ? `stopped (${exit.signal})` : `the bot exited with code ${String(exit.code)}`);
    return { exitCode: exit.code };
  }

  async #enrol(): Promise<void> {
    const { identity } = this.#o;
    // Enrolment: the supervisor lists this key until an admin approves or removes it.
    await this.#o.redis.hset(fleetKeys.enrolments, this.workerId, JSON.stringify({ workerId: this.workerId, name: this.#o.name, fingerprint: identity.fingerprint, publicKeyPem: identity.publicKeyPem, leasePublicKeyPem: identity.leasePublicKeyPem, pools: this.#o.pools, at: this.#o.clock.now() }));
  }

  /**
   * This worker could not renew a job's lock. If the job has ended in the queue (another worker
   * declared it lost after a partition), the supervisor has marked the run interrupted: the bot
   * stops here too, so it never runs on unseen. A job Redis no longer knows (it restarted without
   * persistence) keeps running: its lease and the status stream still carry it.
   */
  async #onLockLost(jobIds: string[]): Promise<void> {
    for (const runId of jobIds) {
      const bot = this.#bots.get(runId);
      if (bot === undefined || this.#worker === undefined) continue;
      const job = await this.#worker.job(runId);
      const state = job === undefined ? 'unknown' : await job.getState().catch(() => 'unknown' as const);
      if (state === 'unknown' || state === 'active') continue;
      this.#o.logger.warn('The queue ended a run this worker still held: stopping its bot', { runId, state });
      this.#lost.add(runId);
      this.#sessions.drop(runId);
      bot.kill();
    }
  }

  /** One control verb for one run this worker holds; others' runs are not its business. */
  async #control(runId: string, message: ControlMessage): Promise<void> {
    const bot = this.#bots.get(runId);
    if (bot !== undefined) await applyControl(message, { bot, gate: this.#gate, runId, report: (status) => this.#report.status(runId, status) });
  }

  async #takeLease(runId: string): Promise<void> {
    const jwe = await this.#o.redis.get(fleetKeys.lease(runId));
    if (jwe === null || jwe === this.#taken.get(runId)) return;
    // Claimed before it is opened: the same lease announced twice in a row is opened once.
    this.#taken.set(runId, jwe);
    const opened = await openTokenLease(jwe, { workerId: this.workerId, leasePrivateKey: this.#o.identity.leasePrivateKey }, { runId, now: this.#o.clock.now() }, (signed) => this.#trust.open('lease', signed));
    if (!opened.ok) {
      // An unsigned one was logged by the trust, with its code.
      if (opened.reason !== 'unsigned') this.#o.logger.warn('Fleet lease refused', { runId, reason: opened.reason });
      // Not a refusal yet: a forged lease must not end a claim the real one may still answer.
      else this.#claims.trouble(runId, this.#trust.leaseTrouble(opened.detail, this.#o.desktopFingerprint));
      return;
    }
    // The claim may have ended while the lease was read and opened (silence, or the worker closing):
    // a token is held only for a run this worker is waiting for or running.
    if (!this.#claims.waiting(runId) && !this.#bots.has(runId)) {
      this.#o.logger.info('Fleet lease not taken: the claim had already ended', { runId });
      return;
    }
    // The token never reaches Redis in clear; the bot's log lines are redacted of it before they are written.
    const redaction = this.#redactor.add(opened.lease.accessToken);
    setTimeout(() => redaction.dispose(), Math.max(0, opened.lease.tokenExpiresAt - this.#o.clock.now()) + 60_000).unref();
    this.#sessions.hold(opened.lease);
    this.#claims.decide(runId, { ok: true, redaction: opened.lease.redaction });
  }

  #onLeaseChange(runId: string): void {
    const bot = this.#bots.get(runId);
    if (bot === undefined) return;
    if (this.#sessions.has(runId)) {
      // A fresh lease after a wait (the supervisor back, or signed in again): the bot works again.
      if (this.#waiting.delete(runId)) void this.#report.status(runId, 'running');
      return;
    }
    if (this.#o.onSupervisorLost === 'stop') return bot.stop();
    this.#waiting.add(runId);
    void this.#report.status(runId, 'waiting for supervisor');
  }
}
