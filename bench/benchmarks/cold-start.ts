import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Benchmark, BenchContext, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { runInterleaved, type InterleavedSamples } from '../run-interleaved.js';
import { ratio, summarize } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import type { ColdStartPlan } from '../support/cold-start-host.js';
import { startExternalProvider } from './idle-rss.js';

const targetRatio = 1.5;
const profileId = 'bench-idp';

/**
 * The baseline: a bare Node HTTP server with one static page showing the same two elements the
 * app's Overview must show (the session status and an enabled button).
 */
const staticPageScript = `
import { createServer } from 'node:http';
const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RPA Supervisor</title></head><body><main><h1>Overview</h1>'
  + '<p data-testid="session-status-${profileId}">Active</p><button type="button" data-testid="sign-out-${profileId}">Sign out</button></main></body></html>';
const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page); });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ pageUrl: 'http://127.0.0.1:' + server.address().port + '/' })));
// The browser's idle keep-alive or preconnected sockets would hold a plain close open.
process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

/**
 * Cold start. Host start → first interactive paint with a restored session: the browser host
 * (core, transport, renderer), bundled as `npm run start:browser` bundles it
 * (browser-host.vite.config.ts), starts as a new process whose stored session for a provider in
 * another process is restored, an already-open Chromium loads its page in a new tab, and the
 * clock stops when the Overview shows the session as Active with its Sign out button enabled.
 * The baseline is a bare `node` HTTP server started the same way, serving a static page with the
 * same two elements.
 *
 * A restored session means the app ran before, in a browser that kept its profile: the main row
 * gives each side one Chromium profile on disk for all its starts (warm-up pairs included), as a
 * user's browser is, so the renderer's pinned files come from the browser's HTTP and code caches
 * (main/browser/renderer-files.ts). The second row, informational, gives every start a fresh
 * profile: a browser that never opened the app. In both, the host's own V8 code cache
 * (main/browser/code-cache-loader.ts) is the one the signing-in start wrote, as any earlier run of
 * the app would have.
 */
export const coldStart: Benchmark = {
  name: 'cold-start',
  rowIds: ['cold-start', 'cold-start-fresh-profile'],
  async run(context) {
    await mkdir(join(context.repoRoot, 'bench', '.tmp'), { recursive: true });
    const tmp = await mkdtemp(join(context.repoRoot, 'bench', '.tmp', 'cold-'));
    const staticScript = join(tmp, 'static-page.mjs');
    await writeFile(staticScript, staticPageScript);
    const provider = await startExternalProvider(context);
    const closers: (() => Promise<unknown>)[] = [];
    try {
      const host = await buildHost(join(context.repoRoot, 'bench', 'support', 'cold-start-host.ts'), join(tmp, 'host'));
      const plan = (mode: ColdStartPlan['mode']): ColdStartPlan => ({ mode, repoRoot: context.repoRoot, dataDir: join(tmp, 'data'), issuer: provider.issuer, clientId: provider.clientId });
      context.progress('cold start: signing in once, so later starts restore the session');
      await prepare(context, host, plan('prepare'));
      const serve = { BENCH_COLD_PLAN: JSON.stringify(plan('serve')) };
      const pairs = { warmupPairs: context.quick ? 0 : 2, pairs: context.quick ? 1 : 10 };

      context.progress('cold start: each side in one browser profile kept across its starts');
      const appProfile = await chromium.launchPersistentContext(join(tmp, 'app-profile'), chromiumLaunchOptions);
      closers.push(() => appProfile.close());
      const baselineProfile = await chromium.launchPersistentContext(join(tmp, 'baseline-profile'), chromiumLaunchOptions);
      closers.push(() => baselineProfile.close());
      const keptTabs = { app: tabIn(appProfile), baseline: tabIn(baselineProfile) };
      const kept = await runInterleaved({
        ...pairs,
        app: () => startToInteractive(context, keptTabs.app, host, serve),
        baseline: () => startToInteractive(context, keptTabs.baseline, staticScript, {}),
      });
      context.progress(`cold start, kept profile, by phase (medians): ${describePhases('app', keptTabs.app, pairs.warmupPairs)}; ${describePhases('baseline', keptTabs.baseline, pairs.warmupPairs)}`);

      // Idle browsers would only add to the machine's load during the next row.
      await appProfile.close();
      await baselineProfile.close();

      context.progress('cold start: a fresh browser profile for every start');
      const browser = await chromium.launch(chromiumLaunchOptions);
      closers.push(() => browser.close());
      const freshTabs = { app: freshProfileIn(browser), baseline: freshProfileIn(browser) };
      const fresh = await runInterleaved({
        ...pairs,
        app: () => startToInteractive(context, freshTabs.app, host, serve),
        baseline: () => startToInteractive(context, freshTabs.baseline, staticScript, {}),
      });
      context.progress(`cold start, fresh profiles, by phase (medians): ${describePhases('app', freshTabs.app, pairs.warmupPairs)}; ${describePhases('baseline', freshTabs.baseline, pairs.warmupPairs)}`);
      return [
        row('cold-start', kept, 'Chromium keeping its profile across starts, as a user\'s browser does', true),
        row('cold-start-fresh-profile', fresh, 'a fresh Chromium profile for every start (a browser that never opened the app)', false),
      ];
    } finally {
      for (const close of closers.reverse()) await close();
      provider.stop();
      await rm(tmp, { recursive: true, force: true });
    }
  },
};

function row(id: string, samples: InterleavedSamples, browser: string, hasTarget: boolean): BenchmarkRow {
  const a = summarize(samples.app);
  const b = summarize(samples.baseline);
  const r = ratio(a.median, b.median);
  return {
    id,
    benchmark: `Cold start → Overview interactive with a restored session, browser host + ${browser} (n=${a.count})`,
    baseline: 'bare `node` serving a static page with the same elements, in the same kind of profile',
    median: formatPair(a.median, b.median, formatMs),
    p95: formatPair(a.p95, b.p95, formatMs),
    p99: notApplicable,
    ratio: formatRatio(r),
    target: hasTarget ? `ratio ≤ ${targetRatio}` : 'informational',
    met: hasTarget ? r <= targetRatio : undefined,
  };
}

/** A new tab in a profile kept across starts; closed afterwards, as a user closes it. */
function tabIn(profile: BrowserContext): TabSource {
  return { open: () => profile.newPage(), close: (page) => page.close(), phases: [] };
}

/** A tab in a profile of its own, thrown away afterwards: nothing cached from an earlier start. */
function freshProfileIn(browser: Browser): TabSource {
  return { open: () => browser.newContext().then((fresh) => fresh.newPage()), close: (page) => page.context().close(), phases: [] };
}

interface TabSource {
  open(): Promise<Page>;
  close(page: Page): Promise<void>;
  /** Each start's phases, in ms from process start (progress output only, never a row). */
  phases: Phases[];
}

type Phases = Record<'addressPrinted' | 'responseEnd' | 'coreComposed' | 'domContentLoaded' | 'socketOpen' | 'firstMessage' | 'interactive', number>;

/**
 * Runs in the page before its own scripts: notes when its first WebSocket opens and when the
 * first message (the host's hello, then state) arrives, on the page's clock. Progress output only:
 * it says whether the page waited for its own script or for the host's core.
 */
const socketTimesScript = `(() => {
  const marks = (globalThis.__coldStartMarks = {});
  const Native = globalThis.WebSocket;
  if (!Native) return;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => (marks.socketOpen ??= performance.now()));
      this.addEventListener('message', () => (marks.firstMessage ??= performance.now()));
    }
  };
})();`;

/** Median of each phase over the kept starts, for the progress output. */
function describePhases(side: string, tabs: TabSource, warmupPairs: number): string {
  const kept = tabs.phases.slice(warmupPairs);
  const names = ['addressPrinted', 'responseEnd', 'coreComposed', 'domContentLoaded', 'socketOpen', 'firstMessage', 'interactive'] as const;
  // The static baseline page opens no socket: its socket phases are left out.
  const medians = names.map((name) => [name, summarize(kept.map((each) => each[name]).filter(Number.isFinite)).median] as const).filter(([, value]) => Number.isFinite(value));
  return `${side}: ${medians.map(([name, value]) => `${name} ${formatMs(value)}`).join(', ')}`;
}

/** The host built as `npm run start:browser` builds the browser host (browser-host.vite.config.ts). */
async function buildHost(entry: string, outDir: string): Promise<string> {
  // Loaded only here: vite is large, and most benchmark runs never need it.
  const [{ build }, { browserHostBuild }] = await Promise.all([import('vite'), import('../../browser-host.vite.config.js')]);
  await build(browserHostBuild(entry, outDir));
  return join(outDir, 'start.cjs');
}

async function prepare(context: BenchContext, script: string, plan: ColdStartPlan): Promise<void> {
  const child = spawn(process.execPath, [script], { cwd: context.repoRoot, env: { ...process.env, BENCH_COLD_PLAN: JSON.stringify(plan) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await collect(child);
  if (code !== 0) throw new Error(`the cold-start host could not sign in (${code}):\n${stderr.slice(-3000)}${stdout.slice(-1000)}`);
}

/** Process start → the page shows the session Active with an enabled button. */
async function startToInteractive(context: BenchContext, tabs: TabSource, script: string, env: Record<string, string>): Promise<number> {
  const startedAt = performance.now();
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of every start, either side's, there.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF_DIR] : [];
  const child = spawn(process.execPath, [...profile, script], { cwd: context.repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const page = await within(tabs.open(), 'open a tab');
  try {
    const composedAt = composedTime(child);
    const { pageUrl } = await firstJsonLine<{ pageUrl: string }>(child);
    const addressPrinted = performance.now() - startedAt;
    await page.addInitScript(socketTimesScript);
    await page.goto(pageUrl);
    await interactive(page);
    const elapsed = performance.now() - startedAt;
    const navigation = await page.evaluate(() => {
      // Type-checked without the DOM library, hence the narrow view of `performance`.
      const timing = globalThis.performance as unknown as { timeOrigin: number; getEntriesByType(type: string): { responseEnd: number; domContentLoadedEventEnd: number }[] };
      const entry = timing.getEntriesByType('navigation')[0];
      const marks = (globalThis as unknown as { __coldStartMarks?: { socketOpen?: number; firstMessage?: number } }).__coldStartMarks ?? {};
      return {
        origin: timing.timeOrigin,
        responseEnd: entry?.responseEnd ?? Number.NaN,
        domContentLoaded: entry?.domContentLoadedEventEnd ?? Number.NaN,
        socketOpen: marks.socketOpen ?? Number.NaN,
        firstMessage: marks.firstMessage ?? Number.NaN,
      };
    });
    // Both clocks as epoch ms: the page's navigation began after this process started the host.
    const offset = navigation.origin - (performance.timeOrigin + startedAt);
    tabs.phases.push({
      addressPrinted,
      responseEnd: offset + navigation.responseEnd,
      domContentLoaded: offset + navigation.domContentLoaded,
      coreComposed: (await Promise.race([composedAt, Promise.resolve(Number.NaN)])) - (performance.timeOrigin + startedAt),
      socketOpen: offset + navigation.socketOpen,
      firstMessage: offset + navigation.firstMessage,
      interactive: elapsed,
    });
    return elapsed;
  } finally {
    await within(tabs.close(page), 'close its tab');
    const exited = new Promise((done) => child.once('close', done));
    child.kill('SIGTERM');
    // A process that ignores SIGTERM must not stall the run; the clock stopped long before.
    const stubborn = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(stubborn);
  }
}

/** A browser step that hangs fails the row with its name, instead of stalling the run. */
function within<T>(step: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`Chromium did not ${what} within 30 s`)), 30_000)));
  return Promise.race([step, timeout]).finally(() => clearTimeout(timer));
}

function interactive(page: Page): Promise<unknown> {
  // A function, not a string: the app's CSP forbids eval, so a string predicate never runs. This
  // file is type-checked without the DOM library, hence the narrow view of `document`.
  return page.waitForFunction(
    (id: string) => {
      type Element = { textContent: string | null; disabled?: boolean };
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): Element | null } };
      const status = document.querySelector(`[data-testid="session-status-${id}"]`);
      const button = document.querySelector(`[data-testid="sign-out-${id}"]`);
      return status?.textContent?.trim() === 'Active' && button !== null && button.disabled !== true;
    },
    profileId,
    { polling: 'raf', timeout: 30_000 },
  );
}

/** When the cold-start host says its core was composed (epoch ms; the static page never says). */
function composedTime(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /\{"composedAt":(\d+)\}/.exec(stdout);
      if (found) resolve(Number(found[1]));
    });
  });
}

function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no page address within 30 s:\n${stderr.slice(-2000)}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('\n')) return;
      clearTimeout(timer);
      try {
        // The first line only: the host's next one (when its core was composed) may be in the same chunk.
        resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as T);
      } catch (error) {
        reject(error);
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before printing its address:\n${stderr.slice(-2000)}`));
    });
  });
}

function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}
