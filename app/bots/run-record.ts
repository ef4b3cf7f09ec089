import type { HaltCause, RunStatus, RunView, SupervisorWaitReason, UserView } from '../common/contract.js';
import type { BotManifest } from './bot-manifest.js';
import type { BotExit, BotProcess } from './bot-process.js';
import type { StoredRun } from './run-history.js';
import type { RunLog } from './run-log.js';
import { viewStatusOf } from './run-state.js';

/** Why the supervisor ends a run, decided by whoever asked first (a timeout beats a later stop). */
export interface EndIntent {
  status: 'cancelled' | 'timedOut' | 'halted';
  reason: string;
  /** `halted`: what ended supervision (sign-out, expiry, absence, the app closing). */
  haltedBy?: HaltCause;
}

export type EndedStatus = Exclude<RunStatus, 'queued' | 'starting' | 'running' | 'waitingForSignIn' | 'waitingForSupervisor' | 'paused'>;

/** How the run's process ended, with the pid it had. */
export interface RunExit extends BotExit {
  pid: number;
}

export type EndedRunState = { status: EndedStatus; endedAt: number; reason: string | undefined; exit: RunExit | undefined; haltedBy?: HaltCause };

/** What every phase with a live process carries. */
export interface ProcessFacts {
  pid: number;
  process: BotProcess;
  /** When the time limit stops the run; moved later by a pause when paused time does not count. */
  deadlineAt: number | undefined;
}

/** How an operator's Pause holds the bot: at its next checkpoint (SDK), or by SIGSTOP to its group. */
export type PauseMode = 'checkpoint' | 'signal';

/**
 * The phases in which the bot's process exists. `running` works; the other three are held:
 * by a session that cannot serve it, by the supervisor (an approval, their presence, an answer),
 * or by the operator's Pause.
 */
export type ProcessRunState =
  | ({ status: 'running' } & ProcessFacts)
  | ({ status: 'waitingForSignIn'; since: number } & ProcessFacts)
  | ({ status: 'waitingForSupervisor'; since: number; reason: SupervisorWaitReason } & ProcessFacts)
  | ({ status: 'paused'; since: number; mode: PauseMode } & ProcessFacts);

/**
 * Where a run is in its life, each phase carrying only its own data. Phase changes go through
 * the table in run-state.ts.
 */
export type RunState =
  | { status: 'queued' }
  /** `pendingStop`: a stop asked for while the process was being created, honoured once it exists. */
  | { status: 'starting'; pendingStop: EndIntent | undefined }
  | ProcessRunState
  | { status: 'stopping'; pid: number; process: BotProcess; intent: EndIntent; since: number }
  | EndedRunState;

export type RunningRunState = Extract<RunState, { status: 'running' }>;

/** Who supervises a run: known once the session granted its launch, and kept after it ends. */
export interface Supervision {
  supervisor: UserView;
  /** The session's company (partner profiles), or the manifest's. */
  company: string | undefined;
}

/** One run while it is live. Finished runs live on as history entries and log files. */
export interface Run {
  readonly id: string;
  /** The manifest the run started with; later manifest edits do not touch a live run. */
  readonly bot: BotManifest;
  readonly createdAt: number;
  readonly log: RunLog;
  /** Set by the launcher the moment the session grants the launch. */
  supervision: Supervision | undefined;
  state: RunState;
  /** Resolved once the run has ended and everything it held is released. */
  readonly ended: { readonly promise: Promise<void>; readonly resolve: () => void };
}

/** A run started (its process exists) or ended; for the audit trail. */
export type RunEvent = { type: 'started' | 'ended'; run: RunView; company?: string };

export function isEndedRunState(state: RunState): state is EndedRunState {
  return !['queued', 'starting', 'running', 'waitingForSignIn', 'waitingForSupervisor', 'paused', 'stopping'].includes(state.status);
}

export function isProcessRunState(state: RunState): state is ProcessRunState {
  return state.status === 'running' || state.status === 'waitingForSignIn' || state.status === 'waitingForSupervisor' || state.status === 'paused';
}

export function runView(run: Run): RunView {
  const { state } = run;
  const view: RunView = {
    id: run.id,
    botId: run.bot.id,
    botName: run.bot.name,
    profileId: run.bot.profileId,
    status: viewStatusOf(state.status),
    startedAt: run.createdAt,
  };
  if (run.supervision) view.supervisor = run.supervision.supervisor;
  const redactions = run.log.redactionCounts();
  if (Object.keys(redactions).length > 0) view.redactions = redactions;
  if (state.status === 'waitingForSignIn' || state.status === 'waitingForSupervisor' || state.status === 'paused') view.since = state.since;
  if (state.status === 'waitingForSupervisor') view.waitingFor = state.reason;
  if (isEndedRunState(state)) {
    view.endedAt = state.endedAt;
    if (state.reason !== undefined) view.reason = state.reason;
    const lastError = state.status === 'failed' ? run.log.lastError() : undefined;
    if (lastError !== undefined) view.lastError = lastError;
    if (state.haltedBy !== undefined) view.haltedBy = state.haltedBy;
    if (state.exit) {
      view.exitCode = state.exit.code;
      view.signal = state.exit.signal;
    }
  }
  return view;
}

/** The history entry: the view, plus the pid so a restart can find leftovers. */
export function storedRun(run: Run): StoredRun {
  const { state } = run;
  const pid = isProcessRunState(state) || state.status === 'stopping' ? state.pid : isEndedRunState(state) ? state.exit?.pid : undefined;
  return { ...runView(run), ...(pid === undefined ? {} : { pid }) };
}

export function runEvent(type: RunEvent['type'], run: Run): RunEvent {
  const company = run.supervision?.company;
  return { type, run: runView(run), ...(company === undefined ? {} : { company }) };
}
