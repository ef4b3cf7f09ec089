import type { BotManifest } from '../bots/bot-manifest.js';
import type { RunManager } from '../bots/run-manager.js';
import type { RunSupervisor } from '../bots/run-supervisor.js';
import { newestFirst, runPageLimit, withoutPid } from '../bots/stored-run.js';
import type { QueuedRunView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { supervisorError } from '../error-catalogue.js';
import type { RemoteRuns } from './remote-runs.js';

export interface FleetAwareRunsDeps {
  local: RunManager;
  remote: RemoteRuns;
  /** The pool a bot's runs go to (manifest `pool`, or the bot's setting); undefined runs it here. */
  poolOf(bot: BotManifest): string | undefined;
  /** The bot's setting in Settings → Workers, if any (null: this computer). */
  poolSetting(botId: string): string | null | undefined;
  /** Some approved worker (in Settings or the policy) takes this pool. */
  poolHasWorker(pool: string): boolean;
  /** The pool's approved workers are none of them up (PoolWatch); undefined while one is, or not yet read. */
  poolDown?(pool: string): QueuedRunView['workersDown'];
  /** The kill switch's fleet half: every lease revoked and every remote bot killed. */
  killSwitch(): Promise<void>;
  /** Closes the fleet's connections after the runs are disposed. */
  close(): Promise<void>;
}

type Overrides = { [K in keyof RunManager]?: RunManager[K] };

/**
 * The runs facade with fleet mode on: the same RunManager surface the commands, the state
 * snapshot, the audit recorder and retention already use, where bots with a pool start on a
 * worker and remote runs join local ones in every list. Everything else is the local manager.
 */
export function fleetAwareRuns(deps: FleetAwareRunsDeps): RunManager {
  const { local, remote } = deps;
  local.countRunsElsewhere((botId) => remote.countForBot(botId));
  const supervisor = (): RunSupervisor => {
    const own = local.supervisor;
    const routed = {
      pause: (runId: string, by: string) => (remote.isLive(runId) ? remote.control(runId, 'pause', by) : own.pause(runId, by)),
      resume: (runId: string, by: string) => (remote.isLive(runId) ? remote.control(runId, 'resume', by) : own.resume(runId, by)),
      stopAtSafePoint: (runId: string, by: string) => (remote.isLive(runId) ? remote.control(runId, 'safeStop', by) : own.stopAtSafePoint(runId, by)),
    };
    return new Proxy(own, { get: (target, prop) => (Object.hasOwn(routed, prop) ? routed[prop as keyof typeof routed] : bound(target, prop)) });
  };
  const overrides: Overrides = {
    start: async (botId, options = {}) => {
      const bot = local.bot(botId);
      const pool = bot === undefined ? undefined : deps.poolOf(bot);
      return bot !== undefined && pool !== undefined ? remote.start(bot, pool, options) : local.start(botId, options);
    },
    listBots: () =>
      local.listBots().map((view) => {
        const bot = local.bot(view.id);
        const pool = bot === undefined ? undefined : deps.poolOf(bot);
        const [remoteLast] = remote.list({ botId: view.id, limit: 1 });
        const lastRun = remoteLast !== undefined && (view.lastRun === undefined || remoteLast.startedAt > view.lastRun.startedAt) ? remoteLast : view.lastRun;
        const withLast = lastRun === undefined ? view : { ...view, lastRun };
        const setting = bot === undefined ? undefined : deps.poolSetting(bot.id);
        const fleetFacts = { ...(bot?.pool ? { manifestPool: bot.pool } : {}), ...(setting === undefined ? {} : { poolSetting: setting }) };
        if (bot === undefined || pool === undefined) return { ...withLast, ...fleetFacts };
        const blocked = remote.countForBot(bot.id) >= bot.concurrency ? supervisorError('bot_already_running', bot.name, bot.concurrency) : undefined;
        return { ...withLast, ...fleetFacts, pool, ...(blocked && !view.startBlockedReason ? { startBlockedReason: toErrorView(blocked, 'internal_error') } : {}) };
      }),
    listRuns: (filter = {}) => [...local.listRuns(filter), ...remote.list(filter)].sort(newestFirst).slice(0, runPageLimit(filter.limit)),
    pageRuns: async (filter = {}) => {
      const [own, theirs] = await Promise.all([local.pageRuns(filter), remote.records.page(filter)]);
      const current = theirs.map((view) => (remote.isLive(view.id) ? (remote.get(view.id) ?? view) : view));
      return [...own, ...current].sort(newestFirst).slice(0, runPageLimit(filter.limit));
    },
    queued: () => [
      ...local.queued(),
      // A run no worker can take (none approved, or none up) says so, here and in Needs attention, instead of waiting in silence.
      ...remote.queued().map((run) => {
        if (run.waitingFor !== 'worker' || run.pool === undefined) return run;
        if (!deps.poolHasWorker(run.pool)) return { ...run, noWorkerForPool: true };
        const down = deps.poolDown?.(run.pool);
        return down === undefined ? run : { ...run, workersDown: down };
      }),
    ],
    getRun: (runId) => local.getRun(runId) ?? remote.get(runId),
    findRun: async (runId) => (await local.findRun(runId)) ?? remote.get(runId) ?? (await remote.records.lookUp(runId).then((run) => run && withoutPid(run))),
    isLive: (runId) => local.isLive(runId) || remote.isLive(runId),
    moveQueued: (runId, index) => (remote.isLive(runId) && remote.move(runId, index) ? undefined : local.moveQueued(runId, index)),
    cancelQueued: (runId, reason) => (remote.cancelQueued(runId, reason ?? 'Cancelled by the operator while it waited for a worker.') ? undefined : local.cancelQueued(runId, reason)),
    stop: async (runId, reason) => (remote.records.has(runId) ? remote.stop(runId, reason ?? 'Stopped by the operator.') : local.stop(runId, reason)),
    stopAll: async (reason = 'Stopped by the operator (stop all).') => {
      await Promise.all([local.stopAll(reason), remote.stopWhere(() => true, { status: 'cancelled', reason }).then(() => deps.killSwitch())]);
    },
    haltProfile: async (profileId, reason, haltedBy) => {
      await Promise.all([local.haltProfile(profileId, reason, haltedBy), remote.stopWhere((run) => run.profileId === profileId, { status: 'halted', reason, ...(haltedBy ? { haltedBy } : {}) })]);
    },
    readLog: (runId, fromSeq, limit) => (remote.records.has(runId) ? remote.records.readLog(runId, fromSeq, limit) : local.readLog(runId, fromSeq, limit)),
    exportLog: async (runId) => (remote.records.has(runId) ? remote.records.exportLog(runId) : local.exportLog(runId)),
    onDidChange: (listener) => disposeBoth(local.onDidChange(listener), remote.onDidChange(listener)),
    onDidRunEvent: (listener) => disposeBoth(local.onDidRunEvent(listener), remote.onDidRunEvent(listener)),
    onDidLog: (listener) => disposeBoth(local.onDidLog(listener), remote.records.onDidLog(listener)),
    storedRuns: () => [...local.storedRuns(), ...remote.records.storedRuns()],
    archivedRuns: async (at) => [...(await local.archivedRuns(at)), ...(await remote.records.archivedRuns(at))],
    markLogsDeleted: (runIds, at) => {
      local.markLogsDeleted(runIds, at);
      if (remote.records.markLogsDeleted(runIds, at, (runId) => remote.isLive(runId)).length > 0) remote.notifyChanged();
    },
    dispose: async () => {
      await Promise.all([local.dispose(), remote.dispose()]);
      await deps.close();
    },
  };
  return new Proxy(local, {
    get(target, prop) {
      if (prop === 'supervisor') return supervisor();
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof Overrides];
      return bound(target, prop);
    },
  });
}

/** A member of the real object, with methods bound to it so its private fields stay reachable. */
function bound(target: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

function disposeBoth(a: { dispose(): void }, b: { dispose(): void }): { dispose(): void } {
  return { dispose: () => (a.dispose(), b.dispose()) };
}
