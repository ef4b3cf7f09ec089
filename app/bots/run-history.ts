import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RunView } from '../common/contract.js';
import { redactionKinds } from '../common/patient-data.js';
import type { Logger } from '../ports/logger.js';
import { isLiveRunStatus } from '../common/run-status.js';

const userSchema = z.object({ subject: z.string(), name: z.string().optional() });

/** What is persisted per run: its view, plus the pid so a restart can find leftovers. */
const storedRunSchema = z.object({
  id: z.string().min(1),
  botId: z.string(),
  botName: z.string(),
  profileId: z.string(),
  status: z.enum(['queued', 'starting', 'running', 'succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted', 'waitingForSignIn', 'waitingForSupervisor', 'paused']),
  supervisor: userSchema.optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().nullable().optional(),
  signal: z.string().nullable().optional(),
  reason: z.string().optional(),
  lastError: z.string().optional(),
  waitingFor: z.enum(['approval', 'presence', 'answer']).optional(),
  since: z.number().optional(),
  haltedBy: z.enum(['signOut', 'expiry', 'absence', 'shutdown']).optional(),
  pid: z.number().int().optional(),
  redactions: z.partialRecord(z.enum(redactionKinds), z.number().int().min(0)).optional(),
  logDeletedAt: z.number().optional(),
  pool: z.string().optional(),
  worker: z.object({ id: z.string(), name: z.string() }).optional(),
});

export type StoredRun = RunView & { pid?: number };

/**
 * The entry once retention deleted the run's log: the summary stays, the log's content (its last
 * error) goes with it.
 */
export function withLogDeleted({ lastError: _lastError, ...stored }: StoredRun, at: number): StoredRun {
  return { ...stored, logDeletedAt: at };
}

const historyFileSchema = z.object({ version: z.literal(1), runs: z.array(z.unknown()) });

/**
 * Run history as one JSON file, rewritten atomically (temp file, fsync, rename) on every change,
 * so a crash mid-write leaves the previous version intact (S26) and live runs can be recognised as
 * `interrupted` after a restart.
 *
 * Writes are synchronous on purpose: a run changes status a handful of times, the file is small
 * (bounded by `maxRuns`), and the record of a starting run must be on disk before its process
 * exists, or a crash in between would leave an untracked bot.
 */
export class RunHistory {
  readonly path: string;
  readonly #maxRuns: number;
  readonly #logger: Logger;
  readonly #onPrune: (runIds: string[]) => void;
  /** Insertion-ordered, oldest first. */
  readonly #runs = new Map<string, StoredRun>();

  constructor(options: { path: string; logger: Logger; maxRuns?: number; onPrune?: (runIds: string[]) => void }) {
    this.path = options.path;
    this.#logger = options.logger;
    this.#maxRuns = options.maxRuns ?? 1000;
    this.#onPrune = options.onPrune ?? (() => undefined);
    this.#load();
  }

  all(): StoredRun[] {
    return [...this.#runs.values()];
  }

  get(runId: string): StoredRun | undefined {
    return this.#runs.get(runId);
  }

  /** A run's view as last stored (without the pid). */
  view(runId: string): RunView | undefined {
    const stored = this.#runs.get(runId);
    return stored ? withoutPid(stored) : undefined;
  }

  /** Views, newest first: at most `limit` (1 to 1000, default 100), of one bot if `botId` is given. */
  views(filter: { botId?: string | undefined; limit?: number | undefined } = {}): RunView[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const runs: RunView[] = [];
    const all = [...this.#runs.values()];
    for (let i = all.length - 1; i >= 0 && runs.length < limit; i -= 1) {
      const stored = all[i];
      if (!stored || (filter.botId !== undefined && stored.botId !== filter.botId)) continue;
      runs.push(withoutPid(stored));
    }
    return runs;
  }

  upsert(run: StoredRun): void {
    this.#runs.set(run.id, { ...run });
    this.#prune();
    this.#save();
  }

  /** Applies several updates with one write (used for the restart sweep). */
  upsertMany(runs: StoredRun[]): void {
    if (runs.length === 0) return;
    for (const run of runs) this.#runs.set(run.id, { ...run });
    this.#prune();
    this.#save();
  }

  #load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return;
    }
    try {
      const file = historyFileSchema.parse(JSON.parse(text));
      for (const raw of file.runs) {
        const parsed = storedRunSchema.safeParse(raw);
        if (parsed.success) this.#runs.set(parsed.data.id, parsed.data);
      }
    } catch (error) {
      // A hand-edited or truncated file must not stop the app; keep a copy for support.
      const backup = `${this.path}.corrupt-${Date.now()}`;
      try {
        renameSync(this.path, backup);
      } catch {
        // Nothing more we can do; the next save replaces it.
      }
      this.#logger.warn('Run history was unreadable and has been set aside', { backup, error: String(error) });
    }
  }

  #prune(): void {
    if (this.#runs.size <= this.#maxRuns) return;
    const pruned: string[] = [];
    for (const [id, run] of this.#runs) {
      if (this.#runs.size <= this.#maxRuns) break;
      if (isLiveRunStatus(run.status)) continue;
      this.#runs.delete(id);
      pruned.push(id);
    }
    if (pruned.length > 0) this.#onPrune(pruned);
  }

  #save(): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify({ version: 1, runs: this.all() }));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch (error) {
      this.#logger.error('Could not save run history', { path: this.path, error: String(error) });
    }
  }
}

function withoutPid(stored: StoredRun): RunView {
  const { pid: _pid, ...view } = stored;
  return view;
}
