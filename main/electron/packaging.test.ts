/**
 * What ships, checked (docs/packaging.md, "What ships"). electron-builder's `dir` target packs
 * the real app.asar and resources/ with the real electron-builder.yml against a stand-in
 * Electron distribution (a placeholder executable, so nothing is downloaded) and a stand-in
 * Node.js runtime (this test's own Node). One build serves every assertion. Fuses need the real
 * binary and are covered by after-pack.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutablePath, chromiumMissing } from '../../app/test-support/prerequisites.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(projectRoot, '.tmp', `packaging-${process.pid}`);
const builderOs = { linux: 'linux', darwin: 'mac', win32: 'win' }[process.platform as 'linux' | 'darwin' | 'win32'];
const runtimeDir = path.join(projectRoot, 'build', 'node-runtime', `${builderOs}-${process.arch}`);
const nodeName = process.platform === 'win32' ? 'node.exe' : 'node';
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

let resources: string;
let archive: string[];
let createdRuntime = false;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(dir, entry))
    .filter((file) => statSync(file).isFile());
}

function builtAppIsStale(): boolean {
  const built = path.join(projectRoot, 'out', 'main', 'index.js');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return ['app', 'main', 'renderer'].some((dir) =>
    filesUnder(path.join(projectRoot, dir)).some((file) => !/\.test\.tsx?$/.test(file) && statSync(file).mtimeMs > builtAt),
  );
}

function run(command: string, args: string[], env: Record<string, string> = {}, cwd = workDir): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

beforeAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  const electronDist = path.join(workDir, 'electron-dist');
  mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  const placeholder = path.join(electronDist, process.platform === 'win32' ? 'electron.exe' : 'electron');
  writeFileSync(placeholder, '#!/bin/sh\necho "placeholder Electron"\n');
  chmodSync(placeholder, 0o755);
  // The runtime scripts/fetch-node-runtime.mjs would put there: here, this test's own Node.
  if (!existsSync(path.join(runtimeDir, nodeName))) {
    mkdirSync(runtimeDir, { recursive: true });
    symlinkSync(process.execPath, path.join(runtimeDir, nodeName));
    createdRuntime = true;
  }
  // `npm test` builds before vitest; a lone run of this file builds when out/ is missing or stale.
  if (builtAppIsStale()) {
    const built = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: projectRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`);
  }
  const packed = await run(process.execPath, [path.join(projectRoot, 'main/electron/test-support/pack-dir.mjs'), electronDist, path.join(workDir, 'release')], { ...process.env } as Record<string, string>, projectRoot);
  if (packed.code !== 0) throw new Error(`electron-builder failed:\n${packed.output}`);
  const [appOutDir] = readdirSync(path.join(workDir, 'release')).filter((name) => name.endsWith('-unpacked') || name === 'mac');
  resources = path.join(workDir, 'release', appOutDir as string, 'resources');
  archive = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 600_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  if (createdRuntime) rmSync(runtimeDir, { recursive: true, force: true });
});

describe('the packed app', () => {
  it('ships the built app and the production dependencies, and nothing for development', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/preload.cjs', '/out/renderer/index.html']) expect(archive).toContain(file);
    expect(archive.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(archive.filter((entry) => /\.(test|spec)\.[cm]?[jt]s$|\/(tests?|__tests__)\//.test(entry))).toEqual([]);
    const shippedModules = new Set(archive.filter((entry) => entry.startsWith('/node_modules/')).map((entry) => entry.split('/').slice(2, entry.split('/')[2]?.startsWith('@') ? 4 : 3).join('/')));
    for (const name of Object.keys(packageJson.dependencies)) expect(shippedModules, name).toContain(name);
    const devOnly = Object.keys(packageJson.devDependencies).filter((name) => shippedModules.has(name));
    expect(devOnly).toEqual([]);
  });

  it('ships the sample bots the demo mode lists and the SDK, never the misbehaving test bot', () => {
    const bots = path.join(resources, 'bots');
    expect(readdirSync(bots).sort()).toEqual(['api-bot', 'api-bot.bot.json', 'api-loop-bot', 'api-loop-bot.bot.json', 'portal-bot', 'portal-bot.bot.json', 'sdk']);
    const shipped = filesUnder(bots).map((file) => path.relative(bots, file).replaceAll('\\', '/'));
    expect(shipped.filter((file) => /misbehaving|\.test\.|tsconfig/.test(file))).toEqual([]);
    for (const file of ['sdk/index.mjs', 'sdk/index.d.mts', 'sdk/playwright.mjs', 'sdk/playwright.d.mts', 'sdk/browser-choice.mjs', 'sdk/broker-request.mjs']) expect(shipped).toContain(file);
    // Every shipped bot is a demo bot, so a production install without demo mode lists none.
    for (const manifest of shipped.filter((file) => file.endsWith('.bot.json'))) {
      expect(JSON.parse(readFileSync(path.join(bots, manifest), 'utf8')), manifest).toMatchObject({ demo: true });
    }
  });

  it('everything a shipped bot imports is shipped: its own files, Node built-ins, and playwright-core beside the archive', () => {
    const bots = path.join(resources, 'bots');
    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules');
    const missing: string[] = [];
    for (const file of filesUnder(bots).filter((name) => name.endsWith('.mjs'))) {
      const source = readFileSync(file, 'utf8');
      const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
      for (const specifier of Array.from(source.matchAll(pattern), (match) => match[1] ?? match[2])) {
        if (specifier === undefined) continue;
        if (specifier.startsWith('.')) {
          if (!existsSync(path.resolve(path.dirname(file), specifier))) missing.push(`${path.relative(bots, file)} → ${specifier}`);
        } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier) && !existsSync(path.join(unpacked, specifier, 'package.json'))) {
          missing.push(`${path.relative(bots, file)} → ${specifier}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(existsSync(path.join(unpacked, 'playwright-core', 'index.mjs'))).toBe(true);
  });

  it('ships the Node.js runtime bots run on', () => {
    expect(existsSync(path.join(resources, 'node', nodeName))).toBe(true);
  });

  it.skipIf(chromiumMissing())('the packed SDK launches a browser with the shipped runtime and playwright-core, nothing installed beside the bot', async () => {
    const bot = path.join(workDir, 'lonely-bot');
    mkdirSync(bot, { recursive: true });
    const sdk = path.join(resources, 'bots', 'sdk', 'playwright.mjs');
    const script = `const { launchBrowser } = await import(${JSON.stringify(new URL(`file://${sdk}`).href)});
      const browser = await launchBrowser();
      const page = await browser.newPage();
      await page.setContent('<title>packed ok</title>');
      console.log(await page.title());
      await browser.close();`;
    const result = await run(path.join(resources, 'node', nodeName), ['--input-type=module', '-e', script], {
      RPA_PLAYWRIGHT_CORE: path.join(resources, 'app.asar.unpacked', 'node_modules', 'playwright-core'),
      RPA_BROWSER_PATH: chromiumExecutablePath,
    }, bot);
    expect(result.output).toContain('packed ok');
    expect(result.code).toBe(0);
  }, 60_000);

  it('the packed main, started as a packaged production app, offers no sandbox and lists no bots', async () => {
    const appDir = path.join(workDir, 'extracted-app');
    extractAll(path.join(resources, 'app.asar'), appDir);
    const userData = path.join(workDir, 'user-data');
    mkdirSync(userData, { recursive: true });
    const reportFile = path.join(workDir, 'packaged-report.json');
    // A valid policy turning demo mode on, where the override variable points: a packaged app must not read it.
    const userPolicy = path.join(workDir, 'user-policy.json');
    writeFileSync(userPolicy, JSON.stringify({ version: 1, demoMode: true }));
    chmodSync(userPolicy, 0o644);
    const result = await run(process.execPath, ['--import', path.join(projectRoot, 'main/electron/test-support/register-fake-electron.mjs'), path.join(appDir, 'out', 'main', 'index.js')], {
      FAKE_ELECTRON_REPORT: reportFile,
      FAKE_ELECTRON_USER_DATA: userData,
      FAKE_ELECTRON_PACKAGED: '1',
      FAKE_ELECTRON_APP_PATH: appDir,
      FAKE_ELECTRON_RESOURCES: resources,
      FAKE_ELECTRON_SCENARIO: 'state',
      // Ignored by a packaged app: it reads only the machine's own policy location.
      RPA_SUPERVISOR_POLICY_FILE: userPolicy,
    });
    expect(existsSync(reportFile), result.output).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { error?: string; scenario: { state: { ok: boolean; value: { profiles: { preset: string }[]; bots: unknown[]; host: { sandboxOffered: boolean; scheme: string; policy: { source: string } } } } } };
    expect(report.error).toBeUndefined();
    const state = report.scenario.state;
    expect(state.ok).toBe(true);
    expect(state.value.host).toMatchObject({ sandboxOffered: false, scheme: 'uk.co.rpasupervisor' });
    expect(state.value.host.policy.source).not.toBe('file');
    expect(state.value.profiles.map((profile) => profile.preset)).not.toContain('sandbox');
    expect(state.value.bots).toEqual([]);
    const log = readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/"code":"bot_node","source":"bundled"/);
  }, 60_000);
});
