import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const launcher = join(repoRoot, 'main', 'browser', 'launch.ts');
/** The hand-off launcher as a person runs it: `node bin/hand-off.mjs` (no build, no npm). */
const handOffLauncher = join(repoRoot, 'bin', 'hand-off.mjs');

/** Names the folder of the bundle Playwright's global set-up built for this run (browser-host-bundle.ts). */
export const browserHostBundleVariable = 'RPA_E2E_BROWSER_HOST_BUNDLE';

/** The launcher's node arguments: the run's bundle as `npm run start:browser` starts it, else the sources through tsx. */
function launcherArgs(): string[] {
  const bundleDir = process.env[browserHostBundleVariable];
  return bundleDir ? [join(bundleDir, 'start.cjs')] : ['--import', 'tsx', launcher];
}

export interface BrowserHostProcess {
  pageUrl: string;
  dataDir: string;
  output(): string;
  /**
   * Runs the hand-off launcher (`node bin/hand-off.mjs`), the way a person hands over a link the
   * browser could not open: pasted on its stdin, or as its argument when `args` are given.
   */
  handOff(link: string, options?: { asArgument?: boolean }): Promise<{ code: number | null; output: string }>;
  /** Runs the browser host launcher a second time with `args`. */
  runLauncher(args: string[]): Promise<{ code: number | null; output: string }>;
  stop(): Promise<void>;
}

/**
 * Starts the real browser host launcher in its own process with a fresh data folder, and reads the
 * page address it prints: `npm run start:browser`'s bundle, built once per run, or without it (a
 * spec run outside playwright.config.ts's global set-up) the launcher's sources through tsx.
 */
export async function startBrowserHostProcess(env: Record<string, string> = {}): Promise<BrowserHostProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervisor-e2e-'));
  const childEnv = { ...process.env, RPA_SUPERVISOR_DATA_DIR: dataDir, ...env };
  const child = spawn(process.execPath, [...launcherArgs(), '--no-open'], { cwd: repoRoot, env: childEnv });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const pageUrl = await new Promise<string>((resolvePage, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start within 90 s:\n${output}`)), 90_000);
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]+)/.exec(output);
      // The page is served before the core is composed; tests start once both are up.
      if (match && output.includes('is running.')) {
        clearTimeout(timer);
        resolvePage(match[1] as string);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited early (${code}):\n${output}`));
    });
  });

  return {
    pageUrl,
    dataDir,
    output: () => output,
    handOff: (link, options = {}) => {
      const child = spawn(process.execPath, [handOffLauncher, ...(options.asArgument ? [link] : [])], { cwd: repoRoot, env: childEnv });
      const ended = runToEnd(child);
      child.stdin?.end(options.asArgument ? '' : `${link}\n`);
      return ended;
    },
    runLauncher: (args) => runToEnd(spawn(process.execPath, [...launcherArgs(), ...args], { cwd: repoRoot, env: childEnv })),
    async stop() {
      // A host a test killed has a signal code and no exit code: its 'exit' has already fired.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}
