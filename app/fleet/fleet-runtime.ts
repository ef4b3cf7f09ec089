import { join } from 'node:path';
import type { AuditEvent } from '../audit/audit-record.js';
import type { BotManifest } from '../bots/bot-manifest.js';
import type { LiveRunLogs } from '../bots/live-run-logs.js';
import type { Redactor } from '../bots/redactor.js';
import { RunHistory } from '../bots/run-history.js';
import { RunLogs } from '../bots/run-logs.js';
import type { RunManager } from '../bots/run-manager.js';
import { RunStartPolicy } from '../bots/run-start-policy.js';
import type { SessionAccess } from '../bots/session-access.js';
import type { RedactionSettings } from '../common/patient-data.js';
import type { UserView } from '../common/contract.js';
import type { FleetPolicy } from '../policy/fleet-policy.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { ApprovalGate } from '../supervision/approval-gate.js';
import { BullmqRunQueue, defaultFleetQueueName } from './bullmq-run-queue.js';
import { fleetAwareRuns } from './fleet-aware-runs.js';
import { FleetCoordinator } from './fleet-coordinator.js';
import { fleetRedisClients, type FleetRedisSettings } from './fleet-redis.js';
import { outageLog } from './outage-log.js';
import { redisAnswer } from './redis-answer.js';
import { watchRedisRestarts } from './redis-restart-watch.js';
import { within } from './remote-run.js';
import { RemoteRuns } from './remote-runs.js';
import { RemoteStreamReader } from './remote-stream-reader.js';
import { approvedWorkersStore, leaseRevoker, WorkerAdmin } from './worker-admin.js';
import { readHeartbeats } from './worker-beat.js';
import { WorkerRoster } from './worker-roster.js';
import { PoolWatch } from './pool-watch.js';
import { BotPools } from './bot-pools.js';
import { QuestionRelay } from './question-relay.js';
import type { QuestionBoard } from '../supervision/question-board.js';
import { supervisorError } from '../error-catalogue.js';
import type { DesktopKey } from './desktop-key.js';
import type { RunArtifacts } from '../artifacts/run-artifacts.js';
import { RemoteArtifacts } from './remote-artifacts.js';

/** Who approves and removes the workers the policy file lists, in the audit trail. */
const policyActor: UserView = { subject: 'machine-policy', name: 'Machine policy' };

export interface FleetRuntimeDeps {
  fleet: FleetPolicy;
  redis: FleetRedisSettings;
  local: RunManager;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  sessions: SessionAccess;
  redactor: Redactor;
  redactionFor: (profileId: string) => RedactionSettings;
  /** Shared with the local runs: a line about a remote run (a refused file) finds its log here. */
  liveLogs?: LiveRunLogs;
  isLogFollowed: (runId: string) => boolean;
  profileName: (profileId: string) => string;
  scopesOf: (profileId: string) => string[];
  supervisorOf: (profileId: string) => UserView | undefined;
  approvals: Pick<ApprovalGate, 'require' | 'request' | 'state' | 'release' | 'onDidEvent'>;
  requireApproval: boolean;
  isSupervisorPresent: () => boolean;
  /** Presence changes: away withdraws every lease (bots wait, as locally); back leases them again. */
  onPresence: (listener: (present: boolean) => void) => { dispose(): void };
  allowEnvTokenDelivery: boolean;
  audit: { record(event: AuditEvent): void };
  person: () => UserView;
  /** Redis could not be reached (or refused us): said once until it answers again. */
  onUnreachable: (error: Error) => void;
  queueName?: string;
  maxQueuedRuns?: number;
  /** The desktop's question board: questions from bots on workers open there (docs/fleet.md, "Questions"). */
  questions?: Pick<QuestionBoard, 'ask' | 'closeForRun'>;
  /** This desktop's own keys (desktop-key.ts): workers pin it and act only on what it signs. */
  desktopKey: DesktopKey;
  /** The desktop's artifact store: files bots on workers attach are kept there with local runs' (docs/fleet.md, "Artifacts"). */
  artifacts?: Pick<RunArtifacts, 'attach' | 'refused'>;
  /** How long closing waits for commands queued while Redis is away before it drops every connection (default 3 s). */
  closeWithinMs?: number;
}

/**
 * Fleet mode, composed: the BullMQ run queue, the coordinator that checks claims and writes
 * leases, the roster of approved workers, the remote runs and the reader of what workers write
 * back, each on an explicit ioredis client. Loaded only when the policy enables fleet mode.
 */
export function startFleet(deps: FleetRuntimeDeps): { runs: RunManager; workers: WorkerAdmin; ready: Promise<void> } {
  const { clock, logger } = deps;
  // Every client, Queue, event stream and reader reports here: one line per Redis outage, not one per client and retry.
  const outage = outageLog({ now: () => clock.now(), unreachable: (error) => deps.onUnreachable(error), other: (error) => logger.warn('Fleet mode error', { error: String(error) }) });
  const clients = fleetRedisClients(deps.redis, (error) => outage.report(error));
  const commands = clients.client();
  commands.on('ready', () => outage.recovered());
  const queue = new BullmqRunQueue({
    connection: clients.client(),
    eventsConnection: clients.client(),
    queueName: deps.queueName ?? defaultFleetQueueName,
    maxConcurrentRuns: 1000,
    maxQueuedRuns: deps.maxQueuedRuns ?? 200,
    onError: (error) => outage.report(error),
  });
  const seen = new Map<string, number>();
  /** Each worker's clock against this computer's, from its last beat read: says why a claim or lease failed on time. */
  const clockOffsets = new Map<string, number>();
  const answer = redisAnswer(commands, deps.redis.url);
  const roster = new WorkerRoster({
    redis: commands,
    answer,
    ...approvedWorkersStore(deps.settings),
    policyKeys: approvedWorkersStore(deps.settings, 'fleetPolicyWorkers'),
    audit: (change) =>
      deps.audit.record({
        type: change.action === 'worker_approved' ? 'workerApproved' : 'workerRemoved',
        actor: change.source === 'policy' ? policyActor : deps.person(),
        detail: `${change.workerName} (${change.fingerprint}) ${change.action === 'worker_approved' ? 'approved' : 'removed'} ${change.source === 'policy' ? (change.action === 'worker_approved' ? 'by the machine policy' : 'from the machine policy') : 'in Settings → Workers'}.`,
      }),
    now: () => clock.now(),
  });
  const coordinator = new FleetCoordinator({
    redis: commands,
    subscriber: clients.client(),
    sessions: deps.sessions,
    clock,
    leaseTtlMs: deps.fleet.leaseTtlMs,
    approved: (workerId) => roster.approved(workerId),
    resolveWorker: (workerId) => roster.resolve(workerId),
    ticket: (runId) => remote.ticket(runId),
    // The same rules as a local start: the supervisor at the computer, the approval given.
    mayStart: (ticket) => (deps.isSupervisorPresent() ? remote.approvalRefusal(ticket.runId) : 'the supervisor is away from the computer'),
    desktopKey: deps.desktopKey,
    clockOffsetOf: (workerId) => clockOffsets.get(workerId),
  });
  const logsDir = join(deps.dataDir, 'logs');
  // Pruned runs go to fleet-runs-archive.jsonl, and their logs stay until retention deletes them.
  const history = new RunHistory({ path: join(deps.dataDir, 'fleet-runs.json'), logger });
  const logs = new RunLogs({
    logsDir,
    clock,
    logger,
    redactor: deps.redactor,
    isLogFollowed: deps.isLogFollowed,
    history: { get: (runId) => history.find(runId) },
    onListenerError: (error) => logger.error('A remote run listener failed', { error: String(error) }),
    redactionFor: deps.redactionFor,
    live: deps.liveLogs,
  });
  const reader = new RemoteStreamReader({
    blocking: clients.client(),
    commands,
    handlers: {
      status: (entry) => {
        // The worker stamps statuses by its own clock: "last heard from" is on this computer's.
        seen.set(entry.workerId, entry.at - (clockOffsets.get(entry.workerId) ?? 0));
        return remote.status(entry);
      },
      line: (runId, stream, text, redacted) => remote.line(runId, stream, text, redacted),
    },
    onError: (error) => outage.report(error),
    onRefused: (why) => logger.warn('A status from a worker was dropped', { why }),
  });
  // Referenced by the coordinator's and the reader's callbacks, which run only once everything is started.
  const remote: RemoteRuns = new RemoteRuns({
    queue,
    coordinator,
    history,
    logs,
    clock,
    logger,
    policy: new RunStartPolicy({ sessions: deps.sessions, clock, profileName: deps.profileName, allowEnvTokenDelivery: deps.allowEnvTokenDelivery }),
    supervisorOf: deps.supervisorOf,
    approvals: deps.approvals,
    needsApproval: (bot) => deps.requireApproval || bot.requiresApproval === true,
    approvalFacts: (bot) => ({ profileName: deps.profileName(bot.profileId), scopes: deps.scopesOf(bot.profileId) }),
    drain: (runId) => reader.drain(runId),
    clockOffsetOf: (workerId) => clockOffsets.get(workerId),
    beforeStop: async (runId, intent) => relay?.beforeStop(runId, intent),
  });
  const relay = deps.questions && new QuestionRelay({ redis: commands, subscriber: clients.client(), board: deps.questions, approved: (id) => roster.approved(id), coordinator, runs: remote, profileName: deps.profileName, clock, logger, desktopKey: deps.desktopKey });
  const artifacts = deps.artifacts && new RemoteArtifacts({
    redis: commands, subscriber: clients.client(), store: deps.artifacts, holderOf: (runId) => coordinator.holderOf(runId),
    profileOf: (runId) => (remote.isLive(runId) ? remote.get(runId)?.profileId : undefined), desktopKey: deps.desktopKey, clock, logger,
  });
  // Resolves once Redis answers; until then runs wait listed as queued.
  const ready = Promise.all([queue.ready(), coordinator.start(), reader.start(), relay?.start(), artifacts?.start()]).then(() => undefined);
  const presence = deps.onPresence((present) => void (present ? coordinator.resumeAll() : coordinator.suspendAll('supervisor away')).catch((error: unknown) => logger.warn('Fleet leases did not follow presence', { error: String(error) })));
  // A Redis without persistence comes back empty: add this desktop's waiting runs again (job id = run id, never twice).
  const restarts = watchRedisRestarts(commands, () => void queue.resubmitWaiting().catch((error: unknown) => logger.warn('Fleet runs were not added again after a Redis restart', { error: String(error) })));
  const pools = new BotPools(deps.settings);
  // Every beat read, by Settings → Workers or the pool watch, is when that worker was last heard from.
  const heartbeats = async (workerIds: readonly string[]) => {
    const beats = await readHeartbeats(answer, commands, workerIds, () => clock.now());
    for (const [workerId, { heardAt, clockOffsetMs }] of beats) {
      seen.set(workerId, Math.max(seen.get(workerId) ?? 0, heardAt));
      clockOffsets.set(workerId, clockOffsetMs);
    }
    return beats;
  };
  const workers = new WorkerAdmin({
    roster,
    canApprove: deps.fleet.allowApprovalInSettings,
    lastSeen: (workerId) => seen.get(workerId),
    heartbeats,
    // Removal holds at once (claims are checked against the roster); the leases' deletion is sent when Redis is back, and they lapse by their TTL anyway.
    revokeWorker: leaseRevoker(answer, (workerId) => coordinator.workerRemoved(workerId), logger),
    leaseTtlMs: deps.fleet.leaseTtlMs,
    desktopFingerprint: deps.desktopKey.fingerprint,
    setBotPool: (botId, pool) => {
      const bot = deps.local.bot(botId);
      if (bot === undefined) throw supervisorError('unknown_bot', botId);
      pools.set(botId, pool);
      deps.audit.record({ type: 'settingsChanged', actor: deps.person(), botId, detail: `${bot.name} runs ${pool === undefined ? 'where its manifest says' : pool === null ? 'on this computer' : `on workers of pool ${pool}`}.` });
      remote.notifyChanged();
    },
  });
  const poolHasWorker = (pool: string) => roster.list().some((worker) => worker.pools.includes(pool)) || roster.policyList().some(({ approval }) => approval.pools.includes(pool));
  // Runs waiting for a pool whose workers are all down are said in the queue and in Needs attention.
  const poolWatch = new PoolWatch({
    waitingPools: () => new Set(remote.queued().flatMap((run) => (run.waitingFor === 'worker' && run.pool !== undefined && poolHasWorker(run.pool) ? [run.pool] : []))),
    workersFor: (pool) => [
      ...roster.policyList().flatMap(({ approval }) => (approval.pools.includes(pool) ? [{ workerId: approval.fingerprint, name: approval.name }] : [])),
      ...roster.list().flatMap((worker) => (worker.pools.includes(pool) ? [{ workerId: worker.workerId, name: worker.name }] : [])),
    ],
    approvedWorkerIds: () => [...roster.policyList().map(({ approval }) => approval.fingerprint), ...roster.list().map((worker) => worker.workerId)],
    heartbeats,
    lastSeen: (workerId) => seen.get(workerId),
    onChange: () => remote.notifyChanged(),
    clock,
    logger,
  });
  poolWatch.start();
  const pokePools = remote.onDidChange(() => poolWatch.poke());
  // The policy's approvals apply at start; a worker it no longer lists is removed (audited) and revoked.
  void workers.applyPolicy(deps.fleet.approvedWorkers ?? []).catch((error: unknown) => logger.warn('Fleet policy approvals not applied', { error: String(error) }));
  const runs = fleetAwareRuns({
    local: deps.local,
    remote,
    poolOf: (bot: BotManifest) => pools.poolOf(bot),
    poolSetting: (botId) => pools.override(botId),
    poolHasWorker,
    poolDown: (pool) => poolWatch.downFor(pool),
    // This supervisor's runs only: other desktops sharing the Redis keep theirs.
    killSwitch: async () => {
      const runIds = remote.list({ limit: 1000 }).filter((run) => remote.isLive(run.id)).map((run) => run.id);
      if (runIds.length === 0) return;
      await coordinator.revoke(runIds, 'kill switch');
      await Promise.all(runIds.map((runId) => coordinator.control(runId, 'kill')));
    },
    close: async () => {
      pokePools.dispose();
      poolWatch.dispose();
      presence.dispose();
      restarts.dispose();
      // With Redis away, commands wait for it: closing gets a bounded time, then every connection is dropped.
      await within(Promise.all([coordinator.close(), relay?.close(), artifacts?.close(), reader.close(), queue.shutdown()]), deps.closeWithinMs ?? 3000, clock);
      clients.closeAll();
    },
  });
  return { runs, workers, ready };
}
