import type { Disposable, LogBatch, LogLine } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';

/**
 * Coalesces live log lines into one batch per run, emitted at most every `intervalMs`, so a bot
 * printing thousands of lines a second costs the UI a few messages a second.
 *
 * A batch holds at most `maxLinesPerBatch`; when a flood outruns it the oldest pending lines are
 * skipped. The renderer sees the gap in `seq` and can page it in with readLog, because the ring
 * buffer and the file still hold every line.
 */
export class LogBatcher {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #maxLinesPerBatch: number;
  readonly #emit: (batch: LogBatch) => void;
  readonly #pending = new Map<string, LogLine[]>();
  #timer: Disposable | undefined;

  constructor(options: { clock: Clock; emit: (batch: LogBatch) => void; intervalMs?: number; maxLinesPerBatch?: number }) {
    this.#clock = options.clock;
    this.#emit = options.emit;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#maxLinesPerBatch = options.maxLinesPerBatch ?? 2000;
  }

  add(runId: string, line: LogLine): void {
    let lines = this.#pending.get(runId);
    if (!lines) {
      lines = [];
      this.#pending.set(runId, lines);
    }
    lines.push(line);
    // Trim in halves so the cost stays amortised O(1) per line during a flood.
    if (lines.length > this.#maxLinesPerBatch * 2) lines.splice(0, lines.length - this.#maxLinesPerBatch);
    this.#timer ??= this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.flush();
    }, this.#intervalMs);
  }

  /** Emits pending lines now: for one run (before its final status) or for all. */
  flush(runId?: string): void {
    const runIds = runId === undefined ? [...this.#pending.keys()] : [runId];
    for (const id of runIds) {
      const lines = this.#pending.get(id);
      this.#pending.delete(id);
      if (lines && lines.length > 0) this.#emit({ runId: id, lines: lines.slice(-this.#maxLinesPerBatch) });
    }
    if (this.#pending.size === 0) {
      this.#timer?.dispose();
      this.#timer = undefined;
    }
  }

  dispose(): void {
    this.flush();
    this.#timer?.dispose();
    this.#timer = undefined;
  }
}
