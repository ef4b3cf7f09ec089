import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { RunView } from '../../common/contract.js';
import { isLiveRunStatus } from '../../common/run-status.js';
import { TokenBroker } from '../../broker/token-broker.js';
import { systemClock } from '../../ports/clock.js';
import { nullLogger } from '../../ports/logger.js';
import type { BotManifest } from '../bot-manifest.js';
import { RunManager, type RunManagerDeps } from '../run-manager.js';
import { FakeSessionAccess } from './fake-session-access.js';
import { waitUntil } from './process-probe.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const botsDir = join(repoRoot, 'bots');
export const misbehavingScript = join(botsDir, 'misbehaving-bot', 'misbehaving-bot.mjs');
export const hour = 60 * 60 * 1000;

/**
 * A real broker, a fake session signed in to `sandbox` with a fresh token, and a fresh data
 * folder per test; every RunManager made through `newManager` is disposed after the test.
 */
export interface RunFixture {
  readonly dataDir: string;
  readonly sessions: FakeSessionAccess;
  readonly broker: TokenBroker;
  /** The signed-in session's access token. */
  readonly token: string;
  /** Secrets handed to runs, captured so tests can knock on the broker with them afterwards. */
  readonly issuedSecrets: Map<string, string>;
  newManager(overrides?: Partial<RunManagerDeps>): RunManager;
}

/** Registers the per-test set-up and tear-down; call at the top of a test file. */
export function useRunFixture(): RunFixture {
  let dataDir = '';
  let sessions = new FakeSessionAccess();
  let broker: TokenBroker | undefined;
  let token = '';
  const issuedSecrets = new Map<string, string>();
  const managers: RunManager[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rpa-runs-'));
    token = `tok_${randomBytes(24).toString('base64url')}`;
    issuedSecrets.clear();
    sessions = new FakeSessionAccess();
    sessions.signIn('sandbox', { accessToken: token, expiresAt: Date.now() + hour, supervisor: { subject: 'demo-user', name: 'Demo User' } });
    broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
  });

  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.dispose();
    await broker?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const liveBroker = (): TokenBroker => {
    if (!broker) throw new Error('the run fixture is used outside a test');
    return broker;
  };

  return {
    get dataDir() {
      return dataDir;
    },
    get sessions() {
      return sessions;
    },
    get broker() {
      return liveBroker();
    },
    get token() {
      return token;
    },
    issuedSecrets,
    newManager(overrides = {}) {
      const manager = new RunManager({
        sessions,
        broker: {
          get url() {
            return liveBroker().url;
          },
          registerRun: (runId, profileId) => {
            const secret = liveBroker().registerRun(runId, profileId);
            issuedSecrets.set(runId, secret);
            return secret;
          },
          revokeRun: (runId) => liveBroker().revokeRun(runId),
        },
        clock: systemClock,
        logger: nullLogger,
        dataDir,
        stopGraceMs: 1000,
        parentEnv: { ...process.env, SUPERVISOR_ONLY_SECRET: 'must-not-leak-to-bots' },
        ...overrides,
      });
      managers.push(manager);
      return manager;
    },
  };
}

/** A manifest for bots/misbehaving-bot in the given MISBEHAVE_MODE. */
export function misbehaving(mode: string, extra: Partial<BotManifest> = {}): BotManifest {
  return {
    id: `misbehaving-${mode}`,
    name: `Misbehaving (${mode})`,
    description: '',
    command: process.execPath,
    args: [misbehavingScript],
    cwd: botsDir,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    concurrency: 1,
    ...extra,
    env: { MISBEHAVE_MODE: mode, ...extra.env },
  };
}

export async function runToEnd(runManager: RunManager, run: RunView, timeoutMs = 15_000): Promise<RunView> {
  let view: RunView | undefined;
  await waitUntil(
    () => {
      view = runManager.listRuns({ limit: 1000 }).find((r) => r.id === run.id);
      return view !== undefined && !isLiveRunStatus(view.status);
    },
    timeoutMs,
    `run ${run.id} to end`,
  );
  return view as RunView;
}

/** The run's log as `stream: text` lines. */
export function logText(runManager: RunManager, runId: string): string {
  return runManager
    .readLog(runId, 0, 5000)
    .lines.map((line) => `${line.stream}: ${line.text}`)
    .join('\n');
}

export async function waitForLog(runManager: RunManager, runId: string, pattern: RegExp): Promise<RegExpExecArray> {
  let match: RegExpExecArray | null = null;
  await waitUntil(() => (match = pattern.exec(logText(runManager, runId))) !== null, 10_000, `log line ${pattern}`);
  return match as unknown as RegExpExecArray;
}
