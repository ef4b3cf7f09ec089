import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SupervisorState } from '../../app/common/contract.js';
import { browserHostBuild } from '../../browser-host.vite.config.js';

/**
 * `npm run start:browser` runs the browser host from its bundle (browser-host.vite.config.ts),
 * with the core's dependencies bundled in: built here the same way and started with plain
 * `node`, it serves the page, composes the core (settings through conf, schemas through zod, the
 * Local sandbox through the oidc-provider left as a package) and answers the page. conf's ajv and
 * semver and zod's other locales are left out (scripts/browser-host-stubs-plugin.ts). Its files
 * compile through V8's code cache from the second start on (code-cache-loader.ts).
 */
const repoRoot = resolve(import.meta.dirname, '..', '..');
let buildDir: string;
let dataDir: string;
let host: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  // Two folders below the repository, as dist/browser-host is: default-paths.ts finds the
  // renderer and the sample bots from there.
  await mkdir(join(repoRoot, 'dist'), { recursive: true });
  buildDir = await mkdtemp(join(repoRoot, 'dist', 'bundle-test-'));
  await build(browserHostBuild(join(repoRoot, 'main', 'browser', 'launch.ts'), buildDir));
  // After the build, which empties its folder first.
  dataDir = await mkdtemp(join(buildDir, 'data-'));
}, 120_000); // a build on a busy two-core machine: a bound, not a wait

afterAll(async () => {
  await stopHost();
  await rm(buildDir, { recursive: true, force: true });
});

async function stopHost(): Promise<void> {
  if (host && host.exitCode === null) {
    const exited = new Promise((done) => host?.once('exit', done));
    host.kill('SIGTERM');
    await exited;
  }
}

function startHost(): Promise<string> {
  output = '';
  host = spawn(process.execPath, [join(buildDir, 'start.cjs'), '--no-open'], {
    cwd: repoRoot,
    env: { ...process.env, RPA_SUPERVISOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = host;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolvePage, reject) => {
    child.stdout?.on('data', () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]+)/.exec(output);
      if (match && output.includes('is running.')) resolvePage(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the bundled host exited (${code}):\n${output}`)));
  });
}

function getState(pageUrl: string): Promise<SupervisorState> {
  return invoke(pageUrl, 'getState', {}) as Promise<SupervisorState>;
}

function invoke(pageUrl: string, command: string, input: object): Promise<unknown> {
  const url = new URL(pageUrl);
  const secret = new URLSearchParams(url.hash.slice(1)).get('k') ?? '';
  const ws = new WebSocket(`ws://${url.host}/ws?k=${encodeURIComponent(secret)}`, { origin: url.origin });
  return new Promise((resolveValue, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ kind: 'invoke', requestId: 1, command, input })));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { requestId?: number; ok?: boolean; value?: unknown };
      if (message.requestId !== 1) return;
      ws.close();
      if (message.ok) resolveValue(message.value);
      else reject(new Error(`${command} failed: ${data.toString()}`));
    });
  });
}

describe('the browser host bundle', () => {
  it('is one entry with its chunks beside it, and runs with plain node', async () => {
    expect(existsSync(join(buildDir, 'start.cjs'))).toBe(true);
    expect(existsSync(join(buildDir, 'launch.cjs'))).toBe(true);
    // The Local sandbox's chunk loads oidc-provider with import(): Node compiles it itself.
    const native = JSON.parse(await readFile(join(buildDir, 'native-compile.json'), 'utf8')) as string[];
    expect(native).toHaveLength(1);
    expect(native[0]).toMatch(/^sandbox-provider-[\w-]+\.cjs$/);
    const pageUrl = await startHost();
    const page = await fetch(new URL('/', pageUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const state = await getState(pageUrl);
    expect(state.profiles.map((profile) => profile.id)).toContain('sandbox');
    expect(state.host.kind).toBe('browser');
    expect(output).not.toMatch(/Error:|cannot find (module|package)/i);
  }, 90_000);

  it('leaves out conf’s ajv and semver and zod’s other locales, and conf still keeps the settings', async () => {
    const chunks = (await readdir(buildDir)).filter((name) => name.endsWith('.cjs'));
    const code = (await Promise.all(chunks.map((name) => readFile(join(buildDir, name), 'utf8')))).join('\n');
    expect(code).toContain('node_modules/conf/');
    expect(code).toContain('node_modules/zod/v4/locales/en.js');
    expect(code).not.toMatch(/node_modules\/(ajv|ajv-formats|semver|fast-uri)\//);
    expect(code).not.toContain('node_modules/zod/v4/locales/fr.js');
    // Saved through the bundled conf, then read back by a fresh host.
    await stopHost();
    await invoke(await startHost(), 'savePreferences', { maxConcurrentRuns: 3 });
    await stopHost();
    const state = await getState(await startHost());
    expect(state.preferences.maxConcurrentRuns).toBe(3);
    expect(output).not.toMatch(/leaves out|Error:/);
  }, 90_000);

  it('starts from its code cache once it has run, the Local sandbox included', async () => {
    // The starts above wrote the cache as they stopped.
    await stopHost();
    const cached = await readdir(join(buildDir, '.code-cache'));
    for (const file of ['launch.cjs', 'supervisor-', 'zod-']) expect(cached.some((name) => name.startsWith(file)), file).toBe(true);
    expect(cached.some((name) => name.startsWith('sandbox-provider-'))).toBe(false);
    const state = await getState(await startHost());
    expect(state.profiles.map((profile) => profile.id)).toContain('sandbox');
    expect(output).not.toMatch(/Error:|ExperimentalWarning/);
  }, 90_000);
});
