import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { PauseMode } from './run-record.js';

/** What a bot's `checkpoint()` is told: carry on, hold here (paused or held), or stop now. */
export type CheckpointAnswer = 'continue' | 'hold' | 'stop';

/** The operator's controls over one live run, shared by the run manager and the broker. */
export interface RunControlFacts {
  /** The bot calls `checkpoint()`: its manifest says so, or it has called it. */
  readonly checkpoints: boolean;
  /** The operator's Pause, and how it holds the bot. */
  readonly pause: PauseMode | undefined;
  /** "Stop at next safe point": asked for, then handed to the bot at a checkpoint. */
  readonly safeStop: 'requested' | 'delivered' | undefined;
  /** Who asked for the safe stop first, as the run's end names them. */
  readonly safeStopBy: string | undefined;
  /** Checkpoint requests parked in the broker right now: the bot holds at a safe point. */
  readonly holding: number;
  /** Who the run is, for its questions and approval. */
  readonly context: RunContext;
}

/** The run as its supervisor sees it in a question or an approval. */
export interface RunContext {
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
}

type Entry = { -readonly [K in keyof RunControlFacts]: RunControlFacts[K] };

/**
 * Pause, resume and "stop at next safe point" for live runs, in one place both sides read: the
 * run manager sets them from the operator's commands and shows them, and the broker answers a
 * bot's `checkpoint()` from them. Announces every change by run id.
 */
export class RunControls {
  readonly #entries = new Map<string, Entry>();
  readonly #changes: ListenerSet<string>;

  constructor(onListenerError?: (error: unknown) => void) {
    this.#changes = new ListenerSet(onListenerError);
  }

  register(context: RunContext, options: { checkpoints: boolean }): void {
    this.#entries.set(context.runId, { checkpoints: options.checkpoints, pause: undefined, safeStop: undefined, safeStopBy: undefined, holding: 0, context });
  }

  context(runId: string): RunContext | undefined {
    return this.#entries.get(runId)?.context;
  }

  release(runId: string): void {
    if (this.#entries.delete(runId)) this.#changes.emit(runId);
  }

  facts(runId: string): RunControlFacts | undefined {
    return this.#entries.get(runId);
  }

  setPause(runId: string, mode: PauseMode | undefined): void {
    this.#update(runId, (entry) => {
      entry.pause = mode;
    });
  }

  /** `by`: the person who asked; a second ask changes nothing, the first person's stop stands. */
  requestSafeStop(runId: string, by: string): void {
    this.#update(runId, (entry) => {
      if (entry.safeStop !== undefined) return;
      entry.safeStop = 'requested';
      entry.safeStopBy = by;
    });
  }

  /**
   * A bot reached `checkpoint()`. A requested safe stop wins and is handed over once; a pause or
   * an outside hold (the supervisor is away, an approval is pending) holds it; otherwise it goes on.
   * A run the controls do not know (it has ended) is told to stop.
   */
  checkpoint(runId: string, heldOutside: boolean): CheckpointAnswer {
    const entry = this.#entries.get(runId);
    if (!entry) return 'stop';
    if (!entry.checkpoints) {
      this.#update(runId, (e) => {
        e.checkpoints = true;
      });
    }
    if (entry.safeStop !== undefined) {
      this.#update(runId, (e) => {
        e.safeStop = 'delivered';
      });
      return 'stop';
    }
    return entry.pause !== undefined || heldOutside ? 'hold' : 'continue';
  }

  /** The broker parks (+1) or answers (-1) a held checkpoint request. */
  holding(runId: string, delta: 1 | -1): void {
    this.#update(runId, (entry) => {
      entry.holding = Math.max(0, entry.holding + delta);
    });
  }

  onDidChange(listener: (runId: string) => void): Disposable {
    return this.#changes.add(listener);
  }

  #update(runId: string, change: (entry: Entry) => void): void {
    const entry = this.#entries.get(runId);
    if (!entry) return;
    const before = [entry.checkpoints, entry.pause, entry.safeStop, entry.holding].join('|');
    change(entry);
    if ([entry.checkpoints, entry.pause, entry.safeStop, entry.holding].join('|') !== before) this.#changes.emit(runId);
  }
}
