import { spawn } from 'node:child_process';
import { repoRoot } from '../../../app/fleet/testing/worker-process.js';
import { until } from '../../../app/fleet/testing/until.js';
import { prebuiltEntry } from './prebuilt-entry.js';

/** `npm run worker -- …` as an administrator types it, as a real process: what it prints and how it ends. */
export interface WorkerCommand {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout and stderr together match (and returns the match), or fails with what was printed. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (if it still runs) and waits for it to end. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<WorkerCommand>();

/** SIGKILLs every worker a test started and left running (a failed test), so none outlives the suite. */
export async function killLeftoverWorkers(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.stop('SIGKILL')));
}

/**
 * Starts `main/worker/start-worker.ts` (compiled once per test process, prebuilt-entry.ts) with
 * these arguments, in the repository, with only PATH and HOME (and `env`) set.
 */
export function runWorkerCommand(args: readonly string[], env: NodeJS.ProcessEnv = {}): WorkerCommand {
  const child = spawn(process.execPath, [prebuiltEntry('main/worker/start-worker.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => {
      ended = { code, signal };
      done(ended);
    }),
  );
  const command: WorkerCommand = {
    pid: child.pid ?? 0,
    stdout: () => stdout,
    stderr: () => stderr,
    printed: async (pattern, timeoutMs = 40_000) => {
      const said = (): string => `\nstdout:\n${stdout}\nstderr:\n${stderr}`;
      const seen = until(() => pattern.exec(stdout + stderr) ?? undefined, timeoutMs);
      // A worker that ended without saying it fails at once, not at the timeout.
      const gone = exited.then(({ code, signal }) => {
        const match = pattern.exec(stdout + stderr);
        if (match) return match;
        throw new Error(`the worker ended (${String(code ?? signal)}) without printing ${String(pattern)}`);
      });
      return Promise.race([seen, gone]).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}${said()}`);
      });
    },
    exited,
    stop: async (signal) => {
      if (ended === undefined) child.kill(signal);
      return exited;
    },
  };
  running.add(command);
  void exited.then(() => running.delete(command));
  return command;
}
