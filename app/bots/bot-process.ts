import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants, setPriority } from 'node:os';
import type { Readable } from 'node:stream';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import { autogroupPriority } from './autogroup-priority.js';
import { sharedCaptureScheduler, type CaptureScheduler } from './capture-scheduler.js';
import { killProcessTree } from './kill-process-tree.js';
import { LineSplitter, type PrepareLines, type SplitLine } from './line-splitter.js';

export interface BotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type SpawnOutcome = { ok: true; pid: number } | { ok: false; error: NodeJS.ErrnoException };

export interface BotProcessOptions {
  runId: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  clock: Clock;
  /** Most bytes of one line held before the rest is counted as dropped. */
  keepLineBytes: number;
  /** Redacts the whole lines of a chunk before they are split (LineSplitter `prepare`). */
  prepareLines?: PrepareLines | undefined;
  /** How often a line still being redrawn is shown as drawn (LineSplitter `snapshotEveryMs`; tests shorten it). */
  redrawSnapshotMs?: number | undefined;
  onLine: (stream: 'stdout' | 'stderr', line: SplitLine) => void;
  /**
   * Called as output is queued and drained. Returning a promise pauses both pipes until it
   * settles, which makes a flooding bot block on its own writes instead of growing the
   * supervisor's memory.
   */
  backpressure?: () => Promise<void> | undefined;
  /** Where output chunks are queued and processed; defaults to the one every bot shares. */
  scheduler?: CaptureScheduler;
  /**
   * CPU priority of the bot (os.setPriority; its children inherit it). Below normal by default,
   * so on a small machine the supervisor — its UI, broker and log capture — wins the CPU over
   * the bots it supervises. `undefined` leaves it alone.
   */
  cpuPriority?: number | undefined;
  /** How long to wait for the pipes to close after the bot exits (a straggler may hold them). */
  closeWaitMs?: number;
}

/**
 * One bot's operating-system process: spawning, line capture, tree kill and exit, and nothing
 * about runs, tokens or policy.
 *
 * stdin stays an open pipe that we never write to or end. When the supervisor dies, the OS closes
 * it and the bot sees EOF: that is how the SDK's watchSupervisor() knows to exit (S38).
 */
export class BotProcess {
  readonly runId: string;
  /** Settles once the OS has created the process, or failed to (ENOENT, EACCES…). */
  readonly spawned: Promise<SpawnOutcome>;
  /** Settles once the process has exited and its output has been read to the end. */
  readonly exited: Promise<BotExit>;
  readonly #child: ChildProcess;
  readonly #clock: Clock;
  #pid: number | undefined;
  #hasExited = false;

  constructor(options: BotProcessOptions) {
    this.runId = options.runId;
    this.#clock = options.clock;
    this.#child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      // Own process group on POSIX, so the whole tree can be signalled at once. On Windows
      // `detached` would open a console window instead; tree-kill covers the tree there.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    // A bot that never reads stdin can make our end fail with EPIPE on exit; that is not an error.
    this.#child.stdin?.on('error', () => undefined);

    const now = () => options.clock.now();
    const snapshotEveryMs = options.redrawSnapshotMs;
    const splitters = {
      stdout: new LineSplitter({ keepBytes: options.keepLineBytes, prepare: options.prepareLines, now, snapshotEveryMs, onLine: (line) => options.onLine('stdout', line) }),
      stderr: new LineSplitter({ keepBytes: options.keepLineBytes, prepare: options.prepareLines, now, snapshotEveryMs, onLine: (line) => options.onLine('stderr', line) }),
    };
    const streams = [this.#child.stdout, this.#child.stderr].filter((s): s is Readable => s !== null);
    // 'data' handlers only queue: the shared scheduler does the per-line work in time slices.
    const capture = (options.scheduler ?? sharedCaptureScheduler).register<{ stream: 'stdout' | 'stderr'; chunk: Buffer }>({
      handle: ({ stream, chunk }) => splitters[stream].push(chunk),
      pause: () => {
        for (const s of streams) s.pause();
      },
      resume: () => {
        for (const s of streams) s.resume();
      },
      ...(options.backpressure ? { backpressure: options.backpressure } : {}),
    });
    const listen = (stream: Readable | null, name: 'stdout' | 'stderr') => {
      stream?.on('data', (chunk: Buffer) => capture.push({ stream: name, chunk }, chunk.length));
      stream?.on('error', () => undefined);
    };
    listen(this.#child.stdout, 'stdout');
    listen(this.#child.stderr, 'stderr');
    const cpuPriority = 'cpuPriority' in options ? options.cpuPriority : osConstants.priority.PRIORITY_BELOW_NORMAL;

    this.spawned = new Promise<SpawnOutcome>((resolveSpawn) => {
      this.#child.once('spawn', () => {
        this.#pid = this.#child.pid;
        if (cpuPriority !== undefined && this.#pid !== undefined) lowerPriority(this.#pid, cpuPriority);
        resolveSpawn({ ok: true, pid: this.#child.pid ?? -1 });
      });
      this.#child.once('error', (error: NodeJS.ErrnoException) => {
        // 'error' after a successful spawn (a failed kill) is not a spawn failure; resolve is idempotent.
        resolveSpawn({ ok: false, error });
      });
    });

    this.exited = new Promise<BotExit>((resolveExit) => {
      void this.spawned.then((outcome) => {
        if (!outcome.ok) {
          this.#hasExited = true;
          resolveExit({ code: null, signal: null });
        }
      });
      this.#child.once('exit', (code, signal) => {
        this.#hasExited = true;
        void this.#afterExit(streams, options.closeWaitMs ?? 2000)
          .then(() => capture.whenEmpty())
          .then(() => {
            splitters.stdout.end();
            splitters.stderr.end();
            resolveExit({ code, signal });
          });
      });
    });
  }

  get pid(): number | undefined {
    return this.#pid;
  }

  get hasExited(): boolean {
    return this.#hasExited;
  }

  /** Signals the bot's whole tree. Safe to call at any time, including after exit. */
  async signalTree(signal: NodeJS.Signals): Promise<void> {
    if (this.#pid === undefined) return;
    await killProcessTree(this.#pid, signal, { runId: this.runId });
  }

  /**
   * Graceful stop: SIGTERM to the tree, then SIGKILL if it is still running after `graceMs`.
   * Resolves when the process has exited.
   */
  async stop(graceMs: number): Promise<BotExit> {
    if (this.#pid === undefined) {
      // Spawn still in flight: wait for it so we have a pid (or know there is nothing to stop).
      const outcome = await this.spawned;
      if (!outcome.ok) return this.exited;
    }
    if (!this.#hasExited) await this.signalTree('SIGTERM');
    let escalation: Disposable | undefined;
    if (!this.#hasExited) {
      escalation = this.#clock.setTimer(() => void this.signalTree('SIGKILL'), graceMs);
    }
    try {
      return await this.exited;
    } finally {
      escalation?.dispose();
    }
  }

  /**
   * After the bot exits, kill whatever it left behind (a run owns its tree for its whole life, so
   * no orphans outlive it), then give the pipes a bounded time to drain. A detached straggler we
   * could not find might hold them open for ever, so after the bound we stop reading.
   */
  async #afterExit(streams: Readable[], closeWaitMs: number): Promise<void> {
    if (this.#pid !== undefined) await killProcessTree(this.#pid, 'SIGKILL', { runId: this.runId });
    const open = streams.filter((stream) => !stream.readableEnded && !stream.destroyed);
    if (open.length === 0) return;
    await new Promise<void>((resolveWait) => {
      let remaining = open.length;
      const timer = this.#clock.setTimer(() => {
        for (const stream of open) stream.destroy();
        resolveWait();
      }, closeWaitMs);
      for (const stream of open) {
        stream.once('close', () => {
          remaining -= 1;
          if (remaining === 0) {
            timer.dispose();
            resolveWait();
          }
        });
      }
    });
  }
}

function lowerPriority(pid: number, priority: number): void {
  try {
    setPriority(pid, priority);
  } catch {
    // Not permitted or not supported here: the bot just runs at normal priority.
  }
  void autogroupPriority.lower(pid, priority);
}
