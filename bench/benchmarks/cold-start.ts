import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Benchmark, BenchContext } from '../benchmark.js';
import { formatMs, formatPair, formatRatio, notApplicable } from '../format-values.js';
import { runInterleaved } from '../run-interleaved.js';
import { ratio, summarize } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import type { ColdStartPlan } from '../support/cold-start-host.js';
import { lastJsonLine } from '../support/run-ts-script.js';
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
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * Cold start. Host start → first interactive paint with a restored session: the browser host
 * (core, transport, renderer), bundled as `npm run start:browser` bundles it
 * (browser-host.vite.config.ts), starts as a new process whose stored session for a provider in
 * another process is restored, the already-open Chromium loads its page, and the clock stops when
 * the Overview shows the session as Active with its Sign out button enabled. The baseline is a
 * bare `node` HTTP server started the same way, serving a static page with the same two elements.
 */
export const coldStart: Benchmark = {
  name: 'cold-start',
  rowIds: ['cold-start'],
  async run(context) {
    await mkdir(join(context.repoRoot, 'bench', '.tmp'), { recursive: true });
    const tmp = await mkdtemp(join(context.repoRoot, 'bench', '.tmp', 'cold-'));
    const staticScript = join(tmp, 'static-page.mjs');
    await writeFile(staticScript, staticPageScript);
    const provider = await startExternalProvider(context);
    let browser: Browser | undefined;
    try {
      const host = await buildHost(join(context.repoRoot, 'bench', 'support', 'cold-start-host.ts'), join(tmp, 'host'));
      const plan = (mode: ColdStartPlan['mode']): ColdStartPlan => ({ mode, repoRoot: context.repoRoot, dataDir: join(tmp, 'data'), issuer: provider.issuer, clientId: provider.clientId });
      context.progress('cold start: signing in once, so later starts restore the session');
      await prepare(context, host, plan('prepare'));
      browser = await chromium.launch(chromiumLaunchOptions);
      const open = browser;
      const samples = await runInterleaved({
        warmupPairs: context.quick ? 0 : 2,
        pairs: context.quick ? 1 : 10,
        app: () => startToInteractive(context, open, host, { BENCH_COLD_PLAN: JSON.stringify(plan('serve')) }),
        baseline: () => startToInteractive(context, open, staticScript, {}),
      });
      const a = summarize(samples.app);
      const b = summarize(samples.baseline);
      const r = ratio(a.median, b.median);
      return [
        {
          id: 'cold-start',
          benchmark: `Cold start → Overview interactive with a restored session, browser host + Chromium (n=${a.count})`,
          baseline: 'bare `node` serving a static page with the same elements',
          median: formatPair(a.median, b.median, formatMs),
          p95: formatPair(a.p95, b.p95, formatMs),
          p99: notApplicable,
          ratio: formatRatio(r),
          target: `ratio ≤ ${targetRatio}`,
          met: r <= targetRatio,
        },
      ];
    } finally {
      await browser?.close();
      provider.stop();
      await rm(tmp, { recursive: true, force: true });
    }
  },
};

/** The host built as `npm run start:browser` builds the browser host (browser-host.vite.config.ts). */
async function buildHost(entry: string, outDir: string): Promise<string> {
  // Loaded only here: vite is large, and most benchmark runs never need it.
  const [{ build }, { browserHostBuild }] = await Promise.all([import('vite'), import('../../browser-host.vite.config.js')]);
  await build(browserHostBuild(entry, outDir));
  return join(outDir, 'cold-start-host.mjs');
}

async function prepare(context: BenchContext, script: string, plan: ColdStartPlan): Promise<void> {
  const child = spawn(process.execPath, [script], { cwd: context.repoRoot, env: { ...process.env, BENCH_COLD_PLAN: JSON.stringify(plan) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await collect(child);
  if (code !== 0) throw new Error(`the cold-start host could not sign in (${code}):\n${stderr.slice(-3000)}${stdout.slice(-1000)}`);
}

/** Process start → the page shows the session Active with an enabled button. */
async function startToInteractive(context: BenchContext, browser: Browser, script: string, env: Record<string, string>): Promise<number> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [script], { cwd: context.repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const page = await browser.newContext().then((fresh) => fresh.newPage());
  try {
    const { pageUrl } = await firstJsonLine<{ pageUrl: string }>(child);
    await page.goto(pageUrl);
    await interactive(page);
    return performance.now() - startedAt;
  } finally {
    await page.context().close();
    const exited = new Promise((done) => child.once('close', done));
    child.kill('SIGTERM');
    await exited;
  }
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
        resolve(lastJsonLine<T>(stdout));
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
