import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** The bot every fault test runs: token from its worker's broker, then the sandbox's whoami. */
export const apiProbeBotPath = join(repoRoot, 'main/worker/testing/api-probe-bot.mjs');

export interface WorkerProcessOptions {
  name: string;
  redisUrl: string;
  queueName: string;
  dataDir: string;
  /** argv prefix (`ip netns exec <ns>`), or none to run in the root namespace. */
  exec?: readonly string[];
  onSupervisorLost?: 'wait' | 'stop';
  lostAfterMs?: number;
  pools?: readonly string[];
  /** The api-probe bot's settings: where the sandbox's API is from this worker, and the file it writes. */
  probe?: { apiBaseUrl: string; file: string; intervalMs?: number };
  /** start-worker.ts compiled beforehand into one module `node` runs, instead of tsx compiling it in each worker. */
  prebuilt?: string;
}

/** A worker agent started by its documented command (`main/worker/start-worker.ts`) as a real process. */
export interface WorkerProcess {
  readonly name: string;
  readonly pid: number;
  readonly fingerprint: string;
  readonly output: () => string;
  /**
   * Resolves once the output holds `text`. What the worker printed reaches this process in reads of
   * their own, possibly after what a test saw through Redis, and after the process's exit event.
   */
  printed(text: string | RegExp, timeoutMs?: number): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Writes the worker's bots folder: one manifest, the api-probe bot, with plain values only. */
export function writeProbeBot(botsDir: string, probe: NonNullable<WorkerProcessOptions['probe']>): void {
  mkdirSync(botsDir, { recursive: true });
  const manifest = {
    id: 'api-probe', name: 'API probe', command: 'node', args: [apiProbeBotPath], profileId: 'p1',
    env: { RPA_PROBE_API: probe.apiBaseUrl, RPA_PROBE_FILE: probe.file, RPA_PROBE_INTERVAL_MS: String(probe.intervalMs ?? 50) },
  };
  writeFileSync(join(botsDir, 'api-probe.bot.json'), JSON.stringify(manifest));
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const botsDir = join(options.dataDir, 'bots');
  if (options.probe) writeProbeBot(botsDir, options.probe);
  else mkdirSync(botsDir, { recursive: true });
  const argv = [
    ...(options.exec ?? []), process.execPath, ...(options.prebuilt === undefined ? ['--import', 'tsx', join(repoRoot, 'main/worker/start-worker.ts')] : [options.prebuilt]),
    '--redis-url', options.redisUrl, '--name', options.name, '--pools', (options.pools ?? ['ward']).join(','),
    '--data-dir', options.dataDir, '--bots', botsDir, '--queue', options.queueName,
    '--on-supervisor-lost', options.onSupervisorLost ?? 'wait', '--lost-after-ms', String(options.lostAfterMs ?? 30_000),
  ];
  const [command, ...args] = argv as [string, ...string[]];
  const child: ChildProcess = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const fingerprint = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker ${options.name} did not start in 60 s:\n${output}`)), 60_000);
    const onData = (): void => {
      const match = /ready\. Fingerprint ([A-Z0-9-]+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      done(match[1]);
    };
    child.stdout?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`worker ${options.name} exited (${String(code ?? signal)}) before it was ready:\n${output}`));
    });
  });
  return {
    name: options.name,
    pid: child.pid ?? 0,
    fingerprint,
    output: () => output,
    printed: async (text, timeoutMs = 20_000) => {
      const holds = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      if (holds()) return;
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => {
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          fail(new Error(`worker ${options.name} did not print ${String(text)} in ${String(timeoutMs)} ms:\n${output}`));
        }, timeoutMs);
        // Called after the listener above has appended the chunk, since it was added later.
        function onData(): void {
          if (!holds()) return;
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          done();
        }
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
      });
    },
    exited,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
