/**
 * The log-flood benchmark's core process: the real browser host (core + WebSocket transport),
 * signed in to its Local sandbox, with N flooding bots catalogued. Its own RSS and event-loop
 * lag are what the benchmark reports. Driven by the parent over IPC (see flood-protocol.ts):
 * 1. ready (page URL) → 2. start: N runs, flooding → 3. measure: the app window, then all runs
 * stopped and the baseline window: the same bots spawned bare, their pipes only counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { SupervisorApi, SupervisorState } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { runLimits } from '../../app/common/run-limits.js';
import { startBrowserHost, type RunningBrowserHost } from '../../main/browser/browser-host.js';
import { ConfSettingsStore } from '../../main/browser/conf-settings-store.js';
import { floodBotId, paceLineAgeMs, type FloodCoreMessage, type FloodParentMessage, type FloodPlan, type FloodWindow } from './flood-protocol.js';
import { pollUntil } from './poll-until.js';
import { waitFor } from './wait-for.js';

const plan = JSON.parse(process.env.BENCH_FLOOD_PLAN ?? '') as FloodPlan;
const floodBot = plan.bot?.script ?? join(plan.repoRoot, 'bench', 'support', 'flood-bot.mjs');
const extraBotEnv = plan.bot?.env ?? {};
// A safety net: should this process be killed, its bots still stop writing on their own.
const botMaxMs = String(plan.windowMs + 90_000);

function send(message: FloodCoreMessage): void {
  process.send?.(message);
}

const inbox: FloodParentMessage[] = [];
const waiters = new Set<() => void>();
process.on('message', (message: FloodParentMessage) => {
  inbox.push(message);
  for (const waiter of waiters) waiter();
});

async function nextMessage(type: FloodParentMessage['type']): Promise<void> {
  for (;;) {
    const index = inbox.findIndex((m) => m.type === type);
    if (index !== -1) {
      inbox.splice(index, 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
    });
  }
}

/** Samples RSS and event-loop delay over a window in which `lines()` counts captured lines. */
async function measureWindow(bots: number, lines: () => Promise<number>, rssBeforeBytes: number): Promise<FloodWindow> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const linesAtStart = await lines();
  const rssAtWindowStartBytes = process.memoryUsage().rss;
  const startedAt = performance.now();
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, plan.windowMs));
  histogram.disable();
  const linesAtEnd = await lines();
  const elapsedMs = performance.now() - startedAt;
  const memory = process.memoryUsage();
  const rssAfterBytes = memory.rss;
  return {
    bots,
    lines: linesAtEnd - linesAtStart,
    elapsedMs,
    linesSinceStart: linesAtEnd,
    rssGrowthBytes: rssAfterBytes - rssBeforeBytes,
    rssBeforeBytes,
    rssAtWindowStartBytes,
    rssAfterBytes,
    lagP99Ms: histogram.percentile(99) / 1e6,
    lagMaxMs: histogram.max / 1e6,
    heapUsedBytes: memory.heapUsed,
    externalBytes: memory.external,
  };
}

async function writeManifests(botsDir: string): Promise<void> {
  await mkdir(botsDir, { recursive: true });
  for (let index = 0; index < plan.bots; index += 1) {
    const id = floodBotId(index);
    await writeFile(
      join(botsDir, `${id}.bot.json`),
      JSON.stringify({ id, name: `Flood ${index + 1}`, command: 'node', args: [floodBot], profileId: 'sandbox', env: { BENCH_FLOOD_MAX_MS: botMaxMs, ...extraBotEnv } }),
    );
  }
}

async function signIn(host: RunningBrowserHost): Promise<void> {
  const { supervisor } = host;
  if (!supervisor.sandbox) throw new Error('The browser host started without its Local sandbox.');
  const { authorizationUrl } = await supervisor.api.invoke('signIn', { profileId: 'sandbox' });
  const callback = await supervisor.sandbox.completeLoginWithoutBrowser(authorizationUrl);
  const active = waitFor<SupervisorState>(
    (listener) => supervisor.api.on('state', listener),
    (state) => state.sessions.some((s) => s.profileId === 'sandbox' && s.status === 'active'),
    20_000,
    'sign-in',
  );
  await supervisor.deliverRedirect(callback);
  await active;
}

/** Lines captured so far across the runs: each log's newest line carries the run's line count. */
async function capturedLines(api: SupervisorApi, runIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const runId of runIds) {
    const page = await api.invoke('readLog', { runId, limit: 1 });
    total += (page.lines.at(-1)?.seq ?? -1) + 1;
  }
  return total;
}

/** Whether every run's newest captured line was printed less than a second ago. */
async function everyRunFresh(api: SupervisorApi, runIds: readonly string[]): Promise<boolean> {
  for (const runId of runIds) {
    const text = (await api.invoke('readLog', { runId, limit: 1 })).lines[0]?.text ?? '';
    if (!(paceLineAgeMs(text) < 1000)) return false;
  }
  return true;
}

/**
 * Waits until the capture has caught up with the bots (every run fresh, and still so a second
 * later), 60 s at most; returns how long that took.
 */
async function settle(api: SupervisorApi, runIds: readonly string[]): Promise<number> {
  const startedAt = performance.now();
  let freshSince: number | undefined;
  await pollUntil(
    async () => {
      if (!(await everyRunFresh(api, runIds))) freshSince = undefined;
      else freshSince ??= performance.now();
      return freshSince !== undefined && performance.now() - freshSince >= 1000 ? true : undefined;
    },
    'the capture catching up with the bots',
    60_000,
  ).catch(() => undefined);
  return performance.now() - startedAt;
}

/** Floods, measures, reports the window at once (so the page's frame probe stops with it), then stops the runs. */
async function appWindow(host: RunningBrowserHost): Promise<void> {
  const { api } = host.supervisor;
  const rssBefore = process.memoryUsage().rss;
  const runIds: string[] = [];
  for (let index = 0; index < plan.bots; index += 1) runIds.push((await api.invoke('startRun', { botId: floodBotId(index) })).id);
  const flooding = await pollUntil(
    async () => {
      const state = await api.invoke('getState', {});
      const running = runIds.filter((id) => state.runs.find((r) => r.id === id)?.status === 'running');
      if (running.length < Math.min(plan.bots, state.preferences.maxConcurrentRuns)) return undefined;
      for (const id of running) if ((await api.invoke('readLog', { runId: id, limit: 1 })).lines[0]?.stream !== 'stdout') return undefined;
      return running.length;
    },
    'every flood bot writing',
    // Two hundred bots starting on a busy two-core machine take minutes.
    180_000,
  );
  const settledAfterMs = plan.linesCarryPrintTime ? await settle(api, runIds) : 0;
  send({ type: 'flooding', settledAfterMs });
  await nextMessage('measure');
  send({ type: 'appResult', window: await measureWindow(flooding, () => capturedLines(api, runIds), rssBefore) });
  const ended = waitFor<SupervisorState>(
    (listener) => api.on('state', listener),
    (state) => runIds.every((id) => !isLiveRunStatus(state.runs.find((r) => r.id === id)?.status ?? 'running')),
    // Fifty bots with full pipes take a while to stop on a busy two-core machine.
    120_000,
    'every flood run to stop',
  );
  await api.invoke('stopAll', {});
  await ended;
}

/** The floor: the same bots spawned bare, their output only counted, never kept. */
async function baselineWindow(): Promise<FloodWindow> {
  const rssBefore = process.memoryUsage().rss;
  let lines = 0;
  const children: ChildProcess[] = [];
  for (let index = 0; index < plan.bots; index += 1) {
    const child = spawn(process.execPath, [floodBot], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BENCH_FLOOD_MAX_MS: botMaxMs, ...extraBotEnv } });
    child.stdout?.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    });
    children.push(child);
  }
  await pollUntil(() => (lines > 0 ? true : undefined), 'the bare bots writing', 60_000);
  try {
    return await measureWindow(plan.bots, async () => lines, rssBefore);
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-bench-flood-'));
  const botsDir = join(dataDir, 'bots');
  await writeManifests(botsDir);
  // Fifty (or 200) bots at once need more than the default 8 concurrent runs; the ceiling is 256.
  new ConfSettingsStore(dataDir).set('preferences', { maxConcurrentRuns: Math.min(runLimits.maxConcurrentRunsCeiling, Math.max(8, plan.bots)), wizardCompleted: true });
  const host = await startBrowserHost({
    dataDir,
    botsDir,
    rendererDir: join(plan.repoRoot, 'out', 'renderer'),
    sandbox: {},
  });
  // If the benchmark dies, stop the bots (RunManager halts them) rather than leave them flooding.
  process.once('disconnect', () => void host.close().finally(() => process.exit(1)));
  try {
    // Signed in before any page connects, so no sign-in tab opens in the benchmark's browser.
    await signIn(host);
    send({ type: 'ready', pageUrl: host.pageUrl });
    await nextMessage('start');
    await appWindow(host);
    send({ type: 'baselineResult', window: await baselineWindow() });
    await nextMessage('exit');
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
