import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunView, SupervisorState } from '../../common/contract.js';
import { JsonLinesLogger } from '../../logging/json-lines-logger.js';
import { systemClock } from '../../ports/clock.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../../supervisor.js';

/**
 * A real supervisor for integration tests: the real sandbox provider, real broker, real bot
 * processes and real HTTP. Only the "system browser" is replaced: it signs in through the
 * sandbox's login form with plain HTTP (`completeLoginWithoutBrowser`) and hands the callback to
 * deep-link intake, as the OS would.
 */
export interface SupervisorHarness {
  supervisor: Supervisor;
  dataDir: string;
  /** Every callback URL delivered (they carry authorization codes, which must never be stored). */
  callbacks: string[];
  /** Signs in (or re-authenticates) the sandbox profile and resolves when the session is active again. */
  signIn(): Promise<SupervisorState>;
  waitForState(predicate: (state: SupervisorState) => boolean, what: string, timeoutMs?: number): Promise<SupervisorState>;
  waitForRunEnd(runId: string, timeoutMs?: number): Promise<RunView>;
  logText(runId: string): Promise<string>;
  /** Every file under the data folder, recursively. */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startSupervisorHarness(options: {
  botsDir: string;
  accessTokenTtlSeconds?: number;
  /** How the "system browser" logs in and returns the callback URL; default: the sandbox form over plain HTTP. */
  login?: (authorizationUrl: string, supervisor: Supervisor) => Promise<string>;
}): Promise<SupervisorHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervision-'));
  const callbacks: string[] = [];
  const browserErrors: unknown[] = [];
  let lastState: SupervisorState | undefined;
  const waiters = new Set<() => void>();
  const supervisor: Supervisor = await createSupervisor({
    ports: {
      browser: {
        open: async (url) => {
          // Like a real browser, the login happens after open() returns.
          void (async () => {
            const sandbox = supervisor.sandbox;
            if (!sandbox) throw new Error('no sandbox');
            const callback = options.login ? await options.login(url, supervisor) : await sandbox.completeLoginWithoutBrowser(url);
            callbacks.push(callback);
            await supervisor.deliverRedirect(callback);
          })().catch((error: unknown) => browserErrors.push(error));
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
    botsDir: options.botsDir,
    sandbox: options.accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds: options.accessTokenTtlSeconds },
  });
  const ready = supervisor;
  ready.api.on('state', (state) => {
    lastState = state;
    for (const waiter of [...waiters]) waiter();
  });

  const waitForState = async (predicate: (state: SupervisorState) => boolean, what: string, timeoutMs = 20_000): Promise<SupervisorState> => {
    const current = await ready.api.invoke('getState', {});
    if (predicate(current)) return current;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        const errors = browserErrors.map(String).join('; ');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${errors ? ` (sign-in errors: ${errors})` : ''}`));
      }, timeoutMs);
      const check = () => {
        if (lastState && predicate(lastState)) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(lastState);
        }
      };
      waiters.add(check);
    });
  };

  const session = (state: SupervisorState) => state.sessions.find((s) => s.profileId === 'sandbox');

  return {
    supervisor: ready,
    dataDir,
    callbacks,
    async signIn() {
      const before = session(await ready.api.invoke('getState', {}))?.expiresAt ?? 0;
      await ready.api.invoke('signIn', { profileId: 'sandbox' });
      return waitForState((s) => {
        const current = session(s);
        return (current?.status === 'active' || current?.status === 'expiring') && (current.expiresAt ?? 0) > Math.max(before, Date.now());
      }, 'the sandbox session to become active');
    },
    waitForState,
    async waitForRunEnd(runId, timeoutMs = 30_000) {
      const state = await waitForState(
        (s) => {
          const run = s.runs.find((r) => r.id === runId);
          return run !== undefined && !['queued', 'starting', 'running'].includes(run.status);
        },
        `run ${runId} to end`,
        timeoutMs,
      );
      return state.runs.find((r) => r.id === runId) as RunView;
    },
    async logText(runId) {
      const page = await ready.api.invoke('readLog', { runId, fromSeq: 0, limit: 5000 });
      return page.lines.map((line) => `${line.stream}: ${line.text}`).join('\n');
    },
    async files() {
      return allFiles(dataDir);
    },
    async close() {
      await ready.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? allFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))));
  return nested.flat();
}

/** JWT-shaped text: what an access or ID token looks like. */
export const jwtPattern = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;

/** Reads every file the app wrote and reports any that holds a JWT or one of the given codes. */
export async function findLeaks(files: string[], codes: string[]): Promise<{ file: string; what: string }[]> {
  const leaks: { file: string; what: string }[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (jwtPattern.test(text)) leaks.push({ file, what: 'a JWT' });
    for (const code of codes) if (text.includes(code)) leaks.push({ file, what: 'an authorization code' });
  }
  return leaks;
}
