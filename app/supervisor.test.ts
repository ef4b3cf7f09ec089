import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView, SupervisorState } from './contract.js';
import { JsonLinesLogger } from './logging/json-lines-logger.js';
import { systemClock } from './ports/clock.js';
import { MemorySecretStore } from './ports/secret-store.js';
import { MemorySettingsStore } from './ports/settings-store.js';
import { chromiumLaunchOptions, loginInChromium } from './sandbox/test-support/browser-login.js';
import { createSupervisor, type Supervisor } from './supervisor.js';

/**
 * The walking skeleton through the core facade, on real parts: the sandbox provider, Chromium
 * doing the login, the custom-scheme callback handed to deep-link intake, a real bot process
 * fetching the token from the real broker and calling the JWKS-checking demo API.
 */
const botsDir = join(import.meta.dirname, '..', 'bots');
const jwtPattern = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;

let browser: Browser;
let dataDir: string;
let supervisor: Supervisor;
let lastState: SupervisorState | undefined;
const callbacks: string[] = [];
const stateWaiters = new Set<() => void>();

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervisor-core-'));
  supervisor = await createSupervisor({
    ports: {
      // The system browser is real Chromium; its custom-scheme redirect goes to deep-link intake,
      // as the OS would deliver it.
      browser: {
        open: async (url) => {
          const callback = await loginInChromium(url, { username: 'demo', password: 'demo-password' }, {
            browser,
            expectRedirectPrefix: `${supervisor.scheme}://`,
          });
          callbacks.push(callback);
          await supervisor.deliverRedirect(callback);
        },
      },
      secrets: new MemorySecretStore(),
      settings: new MemorySettingsStore(),
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
    },
    dataDir,
    flavour: 'development',
    botsDir,
    sandbox: {},
  });
  supervisor.api.on('state', (state) => {
    lastState = state;
    for (const waiter of stateWaiters) waiter();
  });
});

afterAll(async () => {
  await supervisor?.shutdown();
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function waitForState(predicate: (state: SupervisorState) => boolean, timeoutMs = 20_000): Promise<SupervisorState> {
  const current = await supervisor.api.invoke('getState', {});
  if (predicate(current)) return current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stateWaiters.delete(check);
      reject(new Error(`state did not arrive within ${timeoutMs} ms; last: ${JSON.stringify(lastState?.sessions)}`));
    }, timeoutMs);
    const check = () => {
      if (lastState && predicate(lastState)) {
        clearTimeout(timer);
        stateWaiters.delete(check);
        resolve(lastState);
      }
    };
    stateWaiters.add(check);
  });
}

const sandboxSession = (state: SupervisorState) => state.sessions.find((s) => s.profileId === 'sandbox');
const runById = (state: SupervisorState, id: string) => state.runs.find((r) => r.id === id);
const ended = (run: RunView | undefined) => run !== undefined && !['queued', 'starting', 'running'].includes(run.status);

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? allFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}

describe('walking skeleton through the core', () => {
  it('signs in through Chromium; the custom-scheme callback makes the session active for ~24 h', async () => {
    const started = await supervisor.api.invoke('signIn', { profileId: 'sandbox' });
    expect(new URL(started.authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const state = await waitForState((s) => sandboxSession(s)?.status === 'active');
    const session = sandboxSession(state);
    expect(session?.user).toEqual({ subject: 'demo-user-0001', name: 'Dr Demo Supervisor' });
    expect(Math.abs((session?.expiresAt ?? 0) - (Date.now() + 86_400_000))).toBeLessThan(60_000);
  });

  it('S4 a forged callback (wrong state) is rejected, and S5 a replayed one is ignored', async () => {
    const before = sandboxSession(await supervisor.api.invoke('getState', {}));
    const real = new URL(callbacks.at(-1) as string);
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged');
    await supervisor.deliverRedirect(forged.href);
    await supervisor.deliverRedirect(real.href);
    const after = await supervisor.api.invoke('getState', {});
    expect(sandboxSession(after)).toEqual(before);
    expect(after.notices.map((n) => n.code)).toContain('invalid_redirect');
    expect(JSON.stringify(after.notices)).not.toContain(real.searchParams.get('code'));
  });

  it('a bot gets the token from the broker and calls the protected API', async () => {
    const run = await supervisor.api.invoke('startRun', { botId: 'api-bot' });
    const state = await waitForState((s) => ended(runById(s, run.id)));
    expect(runById(state, run.id)).toMatchObject({ status: 'succeeded', exitCode: 0, supervisor: { subject: 'demo-user-0001' } });
    const log = await supervisor.api.invoke('readLog', { runId: run.id });
    expect(log.lines.map((l) => l.text).join('\n')).toMatch(/Authorised as Dr Demo Supervisor \(demo-user-0001\)/);
  });

  it('after sign-out a bot start is refused', async () => {
    await supervisor.api.invoke('signOut', { profileId: 'sandbox' });
    await expect(supervisor.api.invoke('startRun', { botId: 'api-bot' })).rejects.toMatchObject({ code: 'not_signed_in' });
    const state = await supervisor.api.invoke('getState', {});
    expect(sandboxSession(state)?.status).toBe('signedOut');
    expect(state.bots.find((b) => b.id === 'api-bot')?.startBlockedReason?.code).toBe('not_signed_in');
  });

  it('S30 no token appears in any file the app wrote, nor in the state sent to the renderer', async () => {
    const files = await allFiles(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      if ((await stat(file)).size > 50 * 1024 * 1024) continue;
      expect({ file, leaked: jwtPattern.test(await readFile(file, 'utf8')) }).toEqual({ file, leaked: false });
    }
    const state = JSON.stringify(await supervisor.api.invoke('getState', {}));
    expect(jwtPattern.test(state)).toBe(false);
    for (const callback of callbacks) {
      const code = new URL(callback).searchParams.get('code') as string;
      for (const file of files) expect((await readFile(file, 'utf8')).includes(code)).toBe(false);
    }
  });
});
