import type { BotManifest } from '../bots/bot-manifest.js';
import type { RunLog } from '../bots/run-log.js';
import type { HaltCause, QueuedRunView, RunPriority, RunView, UserView } from '../common/contract.js';
import type { RedactionSettings } from '../common/patient-data.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { FleetTicket } from './bullmq-run-queue.js';
import type { RemoteStatus } from './fleet-channels.js';
import type { RemoteRunTicket } from './fleet-coordinator.js';
import { clockOffError } from './worker-beat.js';

/** One remote run while the desktop follows it. */
export interface RemoteRun {
  view: RunView;
  bot: BotManifest;
  ticket: FleetTicket;
  log: RunLog;
  /** Waiting for the supervisor's approval, for a worker, or taken by one. */
  phase: 'approval' | 'queued' | 'claimed';
  started: boolean;
  /** Its end is being written (the log tail drained first); the first end wins. */
  ending?: boolean;
  /** Why the operator (or the policy) stopped it, applied when the worker says it stopped. */
  intent?: StopIntent;
}

export interface StopIntent {
  status: 'cancelled' | 'halted';
  reason: string;
  haltedBy?: HaltCause;
}

export type RemoteEndStatus = 'succeeded' | 'failed' | 'cancelled' | 'halted' | 'interrupted';

/** What the worker that claims the run gets: who, what, where, how long; never a secret. */
export function fleetTicket(run: { id: string; at: number; bot: BotManifest; pool: string; supervisor: UserView | undefined; priority?: RunPriority; redaction?: RedactionSettings }): FleetTicket {
  const { bot } = run;
  return {
    runId: run.id,
    botId: bot.id,
    profileId: bot.profileId,
    enqueuedAt: run.at,
    priority: run.priority ?? bot.priority ?? 'normal',
    exclusive: bot.exclusive === true,
    companyId: bot.company ?? '',
    supervisorId: run.supervisor?.subject ?? '',
    pool: run.pool,
    expectedDurationMs: bot.expectedDurationMs ?? 0,
    ...(run.redaction ? { redaction: run.redaction } : {}),
  };
}

/** What the coordinator checks a claim against. */
export function remoteRunTicket(ticket: FleetTicket): RemoteRunTicket {
  return {
    runId: ticket.runId,
    profileId: ticket.profileId,
    pool: ticket.pool,
    expectedDurationMs: ticket.expectedDurationMs,
    ...(ticket.companyId ? { company: ticket.companyId } : {}),
    ...(ticket.redaction ? { redaction: ticket.redaction } : {}),
  };
}

const hasProcess = (status: RunView['status']) => status === 'running' || status === 'paused' || status === 'waitingForSignIn';

/**
 * What redaction hid from the run's log, by kind, as a local run's view says it: what the worker
 * replaced (the counts sent with each line) and what the desktop's own pass found.
 */
function withRedactions(view: RunView, log: RunLog): RunView {
  const { redactions: _before, ...rest } = view;
  const redactions = log.redactionCounts();
  return Object.keys(redactions).length > 0 ? { ...rest, redactions } : rest;
}

/** The run's view with the controls the worker carries out: Pause, Resume, the two kinds of Stop. */
export function remoteRunView(run: RemoteRun): RunView {
  const view = withRedactions(run.view, run.log);
  if (!hasProcess(view.status)) return view;
  const checkpoints = run.bot.checkpoints === true;
  return { ...view, control: { pause: checkpoints ? 'checkpoint' : 'signal', safeStop: checkpoints, ...(run.intent && checkpoints ? { stopRequested: true } : {}) } };
}

export function isRemoteProcess(run: RemoteRun): boolean {
  return hasProcess(run.view.status);
}

/** A run not yet taken by a worker, as the queue list shows it. */
export function queuedRunView({ ticket, bot, phase }: RemoteRun): QueuedRunView {
  return {
    runId: ticket.runId,
    botId: ticket.botId,
    botName: bot.name,
    profileId: ticket.profileId,
    priority: ticket.priority,
    exclusive: ticket.exclusive,
    enqueuedAt: ticket.enqueuedAt,
    waitingFor: phase === 'approval' ? 'approval' : 'worker',
    pool: ticket.pool,
  };
}

/** The run's view once it ended; a failed run keeps what its bot last said was wrong (RunLog.lastError). */
export function endedRemoteView(run: RemoteRun, end: { status: RemoteEndStatus; reason: string | undefined; exitCode?: number | undefined; haltedBy?: HaltCause | undefined }, endedAt: number): RunView {
  const { since: _since, ...rest } = run.view;
  const { status, reason, exitCode, haltedBy } = end;
  const lastError = status === 'failed' ? run.log.lastError() : undefined;
  return {
    ...withRedactions(rest, run.log),
    status,
    endedAt,
    // Worded from what the worker reported (a bot's path, a command): redacted as the log is.
    ...(reason === undefined ? {} : { reason: run.log.redactOutsideLog(reason) }),
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(haltedBy ? { haltedBy } : {}),
    ...(lastError === undefined ? {} : { lastError }),
  };
}

/** What a status the worker wrote does to the run. */
export type StatusOutcome =
  | { kind: 'running' }
  | { kind: 'held'; status: 'paused' | 'waitingForSignIn'; since: number }
  | { kind: 'end'; status: RemoteEndStatus; reason: string | undefined; exitCode?: number; haltedBy?: HaltCause }
  | { kind: 'none' };

/** `clockOffsetMs`: the worker's clock against this computer's, when its heartbeat said (worker-beat.ts). */
export function statusOutcome(entry: RemoteStatus, run: RemoteRun, clockOffsetMs?: number): StatusOutcome {
  switch (entry.status) {
    case 'running':
      return { kind: 'running' };
    case 'paused':
      return { kind: 'held', status: 'paused', since: entry.at };
    // The lease lapsed while the bot runs: it waits on its broker for a fresh one (a sign-in here).
    case 'waiting for supervisor':
      return { kind: 'held', status: 'waitingForSignIn', since: entry.at };
    // A bot that took its safe stop exits 0: the run ends as the operator asked.
    case 'succeeded':
      return run.intent ? intentEnd(run.intent) : { kind: 'end', status: 'succeeded', reason: undefined, exitCode: 0 };
    case 'stopped':
      return run.intent ? intentEnd(run.intent) : { kind: 'end', status: 'cancelled', reason: `Stopped on ${entry.workerName} (${entry.detail ?? 'signal'}).` };
    // The worker program itself was stopped (or restarted after a kill): not the operator's stop, and not a bot failure.
    case 'interrupted':
      return run.intent ? intentEnd(run.intent) : { kind: 'end', status: 'interrupted', reason: supervisorError('fleet_worker_stopped', entry.workerName, entry.detail ?? 'no detail').message };
    case 'failed':
      return { kind: 'end', status: 'failed', reason: supervisorError('fleet_run_failed', entry.detail ?? 'the bot failed').message };
    // A worker whose clock is off refuses the supervisor's signed messages as out of date, whatever it says why.
    case 'refused':
      return { kind: 'end', status: 'failed', reason: (clockOffError(entry.workerName, clockOffsetMs) ?? supervisorError('fleet_policy_refused', entry.detail ?? 'refused')).message };
    default:
      return { kind: 'none' };
  }
}

function intentEnd(intent: StopIntent): StatusOutcome {
  return { kind: 'end', status: intent.status, reason: intent.reason, ...(intent.haltedBy ? { haltedBy: intent.haltedBy } : {}) };
}

/** Waits for `work` (whose failure is ignored), but at most `ms`. */
export async function within(work: Promise<unknown>, ms: number, clock: Pick<Clock, 'setTimer'>): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = clock.setTimer(resolve, ms);
    void work
      .catch(() => undefined)
      .finally(() => {
        timer.dispose();
        resolve();
      });
  });
}
