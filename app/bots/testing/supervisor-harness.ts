import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunView, SupervisorState } from '../../common/contract.js';
import { isLiveRunStatus } from '../../common/run-status.js';
import { JsonLinesLogger } from '../../logging/json-lines-logger.js';
import { systemClock } from '../../ports/clock.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import type { AccessTokenFormat, IssuedTokens } from '../../sandbox/sandbox-provider.js';
import { createSupervisor, type Supervisor } from '../../supervisor.js';
import { chromiumExecutablePath } from '../../test-support/prerequisites.js';
import { filesUnder, findSecrets, findSecretsInFiles, labelled, type KnownSecret, type Leak } from '../../test-support/find-secrets.js';

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
  /** Every token the sandbox issued to this supervisor and every authorization code delivered. */
  secrets(): KnownSecret[];
  /**
   * Where any of `secrets()` (plus `extra`) occurs literally: every file under the data folder,
   * and the state the renderer would get (S30, S45).
   */
  leaks(extra?: KnownSecret[]): Promise<Leak[]>;
  close(): Promise<void>;
}

export async function startSupervisorHarness(options: {
  botsDir: string;
  accessTokenTtlSeconds?: number;
  /** Default 'jwt'. */
  accessTokenFormat?: AccessTokenFormat;
  /** How the "system browser" logs in and returns the callback URL; default: the sandbox form over plain HTTP. */
  login?: (authorizationUrl: string, supervisor: Supervisor) => Promise<string>;
}): Promise<SupervisorHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervision-'));
  const callbacks: string[] = [];
  const browserErrors: unknown[] = [];
  let lastState: SupervisorState | undefined;
  const waiters = new Set<() => void>();
  // The browser Playwright bots launch, as an administrator sets it in Preferences (RPA_BROWSER_PATH).
  const settings = new MemorySettingsStore();
  settings.set('preferences', { browserPath: chromiumExecutablePath });
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
      settings,
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
    },
    dataDir,
    flavour: 'development',
    botsDir: options.botsDir,
    sandbox: {
      ...(options.accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
      ...(options.accessTokenFormat === undefined ? {} : { accessTokenFormat: options.accessTokenFormat }),
    },
  });
  const ready = supervisor;
  const issued: IssuedTokens[] = [];
  ready.sandbox?.onTokensIssued((tokens) => issued.push(tokens));
  const secrets = (): KnownSecret[] => [
    ...labelled('access token', issued.map((t) => t.accessToken)),
    ...labelled('ID token', issued.flatMap((t) => (t.idToken === undefined ? [] : [t.idToken]))),
    ...labelled('refresh token', issued.flatMap((t) => (t.refreshToken === undefined ? [] : [t.refreshToken]))),
    ...labelled('authorization code', callbacks.map((callback) => new URL(callback).searchParams.get('code') ?? '')),
  ];
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
          return run !== undefined && !isLiveRunStatus(run.status);
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
      return filesUnder(dataDir);
    },
    secrets,
    async leaks(extra = []) {
      const known = [...secrets(), ...extra];
      const inFiles = await findSecretsInFiles(await filesUnder(dataDir), known);
      const state = JSON.stringify(await ready.api.invoke('getState', {}));
      return [...inFiles, ...findSecrets([{ where: 'the renderer state', text: state }], known)];
    },
    async close() {
      await ready.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
