import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../ports/logger.js';
import { orphanReaperSource } from './orphan-reaper-source.js';

export interface OrphanReaperOptions {
  /** A real Node.js binary (RunManager's `nodeExecutable`); the reaper is `node -e <source>`. */
  nodeExecutable: string;
  logger: Logger;
  /** Where PATH and the Windows system folders are taken from. Default `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
}

/** Logged once when the reaper cannot run; runs go on without it. */
export const orphanReaperUnavailableCode = 'orphan_reaper_unavailable';

/** Run ids the reaper accepts; RunLifecycle's `run-<base36>-<hex>` fits. */
const runIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Kills the bots of a supervisor that died without cleaning up (S38): a small detached Node
 * process that is told which runs are live and, when its stdin reaches EOF — which the OS
 * guarantees when the supervisor dies, even by SIGKILL — kills their process trees. Unlike the
 * SDK's watchSupervisor(), it needs no cooperation from the bot, and it also reaches the bot's
 * children and detached grandchildren.
 *
 * The process starts on the first start() (a run is about to start) and restarts on the next one
 * if it died. It never keeps the supervisor alive, and failing to start it only loses this safety
 * net: it is logged once and runs carry on.
 */
export class OrphanReaper {
  readonly #options: OrphanReaperOptions;
  /** Kept here too, so a restarted reaper can be told about runs that are already live. */
  readonly #tracked = new Map<string, number>();
  #child: ChildProcess | undefined;
  #warned = false;
  #closed = false;

  constructor(options: OrphanReaperOptions) {
    this.#options = options;
  }

  /** The reaper's pid while it runs (for tests). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the reaper process unless it is running. Never throws. */
  start(): void {
    if (this.#child || this.#closed) return;
    let child: ChildProcess;
    try {
      child = spawn(this.#options.nodeExecutable, ['-e', orphanReaperSource], {
        // Own process group (POSIX): a signal to the supervisor's group, or the terminal's Ctrl-C,
        // must not take the reaper down with it.
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
        windowsHide: true,
        env: reaperEnv(this.#options.parentEnv ?? process.env),
      });
    } catch (error) {
      this.#unavailable(error);
      return;
    }
    this.#child = child;
    const gone = (error?: unknown) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      if (!this.#closed) this.#unavailable(error ?? new Error(`the reaper exited (code ${child.exitCode}, signal ${child.signalCode})`));
    };
    child.once('error', gone);
    child.once('exit', () => gone());
    // EPIPE after the reaper died is reported through 'exit' above; the stream error adds nothing.
    child.stdin?.on('error', () => undefined);
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    for (const [runId, pid] of this.#tracked) this.#send(`track ${runId} ${pid}`);
  }

  /** A run's bot process exists; it is killed if the supervisor dies before untrack(). */
  track(runId: string, pid: number): void {
    if (!runIdPattern.test(runId) || !Number.isInteger(pid) || pid <= 1) return;
    this.#tracked.set(runId, pid);
    this.#send(`track ${runId} ${pid}`);
  }

  /** The run's tree has been dealt with (BotProcess killed it after the bot exited). */
  untrack(runId: string): void {
    if (!this.#tracked.delete(runId)) return;
    this.#send(`untrack ${runId}`);
  }

  /**
   * Normal shutdown, after every run has ended: ending stdin makes the reaper exit, with nothing
   * left to kill. A run still tracked at this point is killed, which is what shutdown wants anyway.
   */
  close(): void {
    this.#closed = true;
    this.#child?.stdin?.end();
    this.#child = undefined;
  }

  #send(line: string): void {
    const stdin = this.#child?.stdin;
    if (stdin?.writable) stdin.write(`${line}\n`);
  }

  #unavailable(error: unknown): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#options.logger.warn('The orphan reaper is not running: bots of a supervisor that dies may outlive it until the next start', {
      code: orphanReaperUnavailableCode,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Only what the reaper needs to find `taskkill` and run on Windows. The host's NODE_OPTIONS (a
 * loader, an inspector) must not apply to it, and an RPA_RUN_ID would make it look like a bot.
 */
function reaperEnv(parentEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parentEnv)) {
    if (value !== undefined && ['PATH', 'SYSTEMROOT', 'WINDIR'].includes(name.toUpperCase())) env[name] = value;
  }
  return env;
}
