import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from '../../app/bots/line-splitter.js';

/** How a worker runs one bot it knows by id (its own bots folder). */
export interface WorkerBot {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: Record<string, string>;
}

export interface RemoteBotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One bot process on a worker, in its own process group (so stop reaches its children), with
 * only the allow-listed environment plus the broker's address, the run secret and the run id.
 */
export class RemoteBot {
  readonly #child: ChildProcess;
  readonly exited: Promise<RemoteBotExit>;
  #killTimer: NodeJS.Timeout | undefined;
  #held = false;

  /**
   * `output.backpressure`: asked after each chunk read; a promise stops reading the bot's output
   * until it settles, so a bot printing faster than its lines can be sent blocks on its writes.
   */
  constructor(bot: WorkerBot, run: { runId: string; brokerUrl: string; runSecret: string }, output: { onLine: (stream: 'out' | 'err', text: string) => void; backpressure?: () => Promise<void> | undefined }) {
    this.#child = spawn(bot.command, [...bot.args], {
      cwd: bot.cwd,
      detached: true,
      // stdin stays open and unwritten, as on the desktop: its end tells an SDK bot (watchSupervisor) that the worker died.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...bot.env, RPA_BROKER_URL: run.brokerUrl, RPA_RUN_SECRET: run.runSecret, RPA_RUN_ID: run.runId },
    });
    this.#child.stdin?.on('error', () => undefined);
    const streams = [this.#child.stdout, this.#child.stderr];
    for (const [name, stream] of [['out', this.#child.stdout], ['err', this.#child.stderr]] as const) {
      const splitter = new LineSplitter({ keepBytes: 16_384, now: () => Date.now(), onLine: (line) => output.onLine(name, line.text) });
      stream?.on('data', (chunk: Buffer) => {
        splitter.push(chunk);
        const wait = this.#held ? undefined : output.backpressure?.();
        if (wait === undefined) return;
        this.#held = true;
        for (const s of streams) s?.pause();
        void wait.then(() => {
          this.#held = false;
          for (const s of streams) s?.resume();
        });
      });
      stream?.on('end', () => splitter.end());
    }
    this.exited = new Promise((resolve) => {
      this.#child.once('error', () => resolve({ code: 127, signal: null }));
      this.#child.once('close', (code, signal) => {
        clearTimeout(this.#killTimer);
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** SIGTERM to the group, SIGKILL after the grace. */
  stop(graceMs = 5000): void {
    this.#signal('SIGTERM');
    this.#killTimer ??= setTimeout(() => this.#signal('SIGKILL'), graceMs);
  }

  kill(): void {
    this.#signal('SIGKILL');
  }

  /** Holds a bot without checkpoints: SIGSTOP to its group (Linux, macOS). */
  pause(): void {
    this.#signal('SIGSTOP');
  }

  resume(): void {
    this.#signal('SIGCONT');
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined || this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group has gone already.
    }
  }
}
