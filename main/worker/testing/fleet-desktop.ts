import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { isLiveRunStatus } from '../../../app/common/run-status.js';
import type { Disposable, RunView, SupervisorState } from '../../../app/common/contract.js';
import { ListenerSet } from '../../../app/common/listener-set.js';
import { startTestRedis, type TestRedis } from '../../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../../app/fleet/testing/test-workers.js';
import type { WorkerIdentity } from '../../../app/fleet/worker-identity.js';
import { machinePolicySchema } from '../../../app/policy/machine-policy.js';
import { systemClock, type Clock } from '../../../app/ports/clock.js';
import { nullLogger, type Logger } from '../../../app/ports/logger.js';
import { MemorySecretStore } from '../../../app/ports/secret-store.js';
import { MemorySettingsStore } from '../../../app/ports/settings-store.js';
import type { PresenceSignal, PresenceSource } from '../../../app/ports/presence-source.js';
import type { IssuedTokens } from '../../../app/sandbox/sandbox-provider.js';
import { createSupervisor, type Supervisor } from '../../../app/supervisor.js';
import { WorkerAgent } from '../worker-agent.js';

const probe = join(import.meta.dirname, '..', '..', '..', 'app', 'fleet', 'test-bots', 'remote-probe-bot.mjs');
const askBot = join(import.meta.dirname, 'ask-bot.mjs');
const attachBot = join(import.meta.dirname, 'attach-bot.mjs');
const patientPrintBot = join(import.meta.dirname, 'patient-print-bot.mjs');

/** In both files the attach bot sends: a test searches Redis and the pub/sub traffic for it. */
export const attachMarker = 'ATTACHMARKER-kQ7vZr-never-in-redis';

/** How a worker runs each test bot: the probe, or the SDK bot that asks (`ask-bot.mjs`: mode, timeout). */
function workerBotArgs(botId: string): string[] {
  if (botId === 'remote-ask') return [askBot, 'choice', '60000'];
  if (botId === 'remote-ask-text') return [askBot, 'text', '60000'];
  if (botId === 'remote-ask-quick') return [askBot, 'choice', '1500'];
  if (botId === 'remote-ask-patient') return [askBot, 'patient', '60000'];
  if (botId === 'remote-attach') return [attachBot, attachMarker];
  if (botId === 'remote-patient-print') return [patientPrintBot];
  return [probe, botId === 'remote-loop' ? 'loop' : botId === 'remote-fail' ? 'fail' : 'once'];
}

/** The Redis password the policy names; the supervisor reads it from its SecretStore only. */
export const fleetRedisPassword = 'fleet-redis-pw-3Kq9-never-logged';

/** A real redis-server asking for the password the desktop reads from its SecretStore. */
export async function startFleetRedis(): Promise<TestRedis> {
  const redis = await startTestRedis();
  const admin = new Redis(redis.url);
  await admin.config('SET', 'requirepass', fleetRedisPassword);
  admin.disconnect();
  return redis;
}

/** The host's presence signals as Electron's powerMonitor gives them (lock, unlock, activity), sent by the test. */
export class TestPresence implements PresenceSource {
  readonly #signals = new ListenerSet<PresenceSignal>();
  onDidSignal(listener: (signal: PresenceSignal) => void): Disposable {
    return this.#signals.add(listener);
  }
  signal(signal: PresenceSignal): void {
    this.#signals.emit(signal);
  }
}

/**
 * A real supervisor in fleet mode (policy section, password in the SecretStore, signed in to the
 * sandbox) and real worker agents on the same password-protected redis-server, for the desktop
 * side's tests. Bots on the desktop are manifests with a `pool`; the workers run the probe bot.
 */
export class FleetDesktop {
  supervisor!: Supervisor;
  dataDir = '';
  readonly issued: IssuedTokens[] = [];
  readonly #closers: (() => Promise<unknown> | unknown)[] = [];
  #state: SupervisorState | undefined;
  readonly #waiters = new Set<() => void>();

  /** `redisTls`: the CA its own clients (test and workers) trust, for a `rediss://` address. */
  constructor(readonly redisUrl: string, readonly redisTls?: { ca: string }, readonly logger: Logger = nullLogger) {}

  /** `host.presence`: presence from the host (as Electron has) instead of from the page. */
  async start(fleet: Record<string, unknown> = {}, sections: Record<string, unknown> = {}, host: { presence?: PresenceSource } = {}): Promise<void> {
    this.dataDir = await mkdtemp(join(tmpdir(), 'rpa-fleet-desktop-'));
    this.#closers.push(() => rm(this.dataDir, { recursive: true, force: true }));
    const botsDir = join(this.dataDir, 'bots');
    await mkdir(botsDir);
    const manifest = (id: string, extra: object) => ({ id, name: id, command: process.execPath, args: [probe], profileId: 'sandbox', pool: 'ward', expectedDurationMs: 60_000, ...extra });
    await writeFile(join(botsDir, 'remote-once.bot.json'), JSON.stringify(manifest('remote-once', {})));
    await writeFile(join(botsDir, 'remote-loop.bot.json'), JSON.stringify(manifest('remote-loop', { checkpoints: true })));
    await writeFile(join(botsDir, 'remote-attach.bot.json'), JSON.stringify(manifest('remote-attach', {})));
    await writeFile(join(botsDir, 'remote-fail.bot.json'), JSON.stringify(manifest('remote-fail', {})));
    await writeFile(join(botsDir, 'remote-patient-print.bot.json'), JSON.stringify(manifest('remote-patient-print', {})));
    for (const id of ['remote-ask', 'remote-ask-text', 'remote-ask-quick', 'remote-ask-patient']) await writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify(manifest(id, { name: `Ask bot (${id})` })));
    const secrets = new MemorySecretStore();
    await secrets.set('fleet/redis', fleetRedisPassword);
    const policy = machinePolicySchema.parse({ version: 1, fleet: { enabled: true, redisUrl: this.redisUrl, redisPasswordSecret: 'fleet/redis', leaseTtlMs: 30_000, ...fleet }, ...sections });
    const supervisor: Supervisor = await createSupervisor({
      ports: {
        browser: {
          open: async (url) => {
            void (async () => supervisor.deliverRedirect(await supervisor.sandbox!.completeLoginWithoutBrowser(url)))();
          },
        },
        secrets,
        settings: new MemorySettingsStore(),
        clock: systemClock,
        notifier: { notify: () => undefined },
        logger: this.logger,
      },
      dataDir: this.dataDir,
      flavour: 'development',
      botsDir,
      sandbox: {},
      policy: { kind: 'applied', path: join(this.dataDir, 'policy.json'), policy, profiles: [] },
      ...(host.presence ? { presence: host.presence } : {}),
    });
    this.supervisor = supervisor;
    this.#closers.push(() => supervisor.shutdown());
    supervisor.sandbox?.onTokensIssued((tokens) => this.issued.push(tokens));
    supervisor.api.on('state', (state) => {
      this.#state = state;
      for (const waiter of [...this.#waiters]) waiter();
    });
    await supervisor.api.invoke('signIn', { profileId: 'sandbox' });
    await this.waitFor((s) => s.sessions.find((x) => x.profileId === 'sandbox')?.status === 'active', 'the sandbox session');
    await this.waitFor((s) => s.bots.some((b) => b.id === 'remote-loop'), 'the bots');
  }

  client(): Redis {
    const client = new Redis(this.redisUrl, { password: fleetRedisPassword, maxRetriesPerRequest: null, ...(this.redisTls ? { tls: this.redisTls } : {}) });
    this.#closers.push(() => client.disconnect());
    return client;
  }

  /** A worker agent; `cut()` drops every connection it has, as a worker that hangs or loses its network. */
  /** `identity`: a worker made beforehand (e.g. so the policy can list its fingerprint). */
  /** `logger`: what the worker logs (refused messages); `desktopFingerprint`: a strict pin of the supervisor's key. */
  /** `clock`: the worker computer's own clock (one set wrong, for the clock tests). */
  /** `leaseWaitMs`: how long its claims wait for a lease (5 s: room for a busy machine, where a lease must come). */
  async startWorker(name: string, options: { lockDurationMs?: number; identity?: WorkerIdentity; logger?: Logger; desktopFingerprint?: string; clock?: Clock; leaseWaitMs?: number } = {}): Promise<{ agent: WorkerAgent; cut: () => void; identity: WorkerIdentity }> {
    const worker = options.identity ? { identity: options.identity } : makeTestWorker(name);
    if ('dispose' in worker) this.#closers.push(worker.dispose);
    const clients = [this.client(), this.client(), this.client()] as const;
    const agent = new WorkerAgent({
      name, pools: ['ward'], identity: worker.identity, redis: clients[0], subscriber: clients[1], workerConnection: clients[2],
      resolveBot: (botId) => ({ command: process.execPath, args: workerBotArgs(botId), cwd: import.meta.dirname }),
      clock: options.clock ?? systemClock, logger: options.logger ?? nullLogger, leaseWaitMs: options.leaseWaitMs ?? 5000, ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
      ...(options.desktopFingerprint ? { desktopFingerprint: options.desktopFingerprint } : {}),
    });
    this.#closers.push(() => agent.close());
    await agent.start();
    return { agent, cut: () => clients.forEach((client) => client.disconnect()), identity: worker.identity };
  }

  /** Waits for a state the supervisor publishes (a condition, never a fixed time). */
  async waitFor(predicate: (state: SupervisorState) => boolean, what: string, timeoutMs = 20_000): Promise<SupervisorState> {
    const current = await this.supervisor.api.invoke('getState', {});
    if (predicate(current)) return current;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.#waiters.delete(check), reject(new Error(`Timed out waiting for ${what}; runs: ${JSON.stringify(this.#state?.runs.slice(0, 3).map((r) => [r.status, r.reason]))}, presence ${this.#state?.presence.status ?? '?'}`))), timeoutMs);
      const check = () => {
        if (this.#state === undefined || !predicate(this.#state)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(this.#state);
      };
      this.#waiters.add(check);
    });
  }

  run(state: SupervisorState, runId: string): RunView | undefined {
    return state.runs.find((r) => r.id === runId);
  }

  async runEnd(runId: string, timeoutMs = 20_000): Promise<RunView> {
    const state = await this.waitFor((s) => { const r = this.run(s, runId); return r !== undefined && !isLiveRunStatus(r.status); }, `run ${runId} to end`, timeoutMs);
    return this.run(state, runId)!;
  }

  async logText(runId: string): Promise<string> {
    const page = await this.supervisor.api.invoke('readLog', { runId, fromSeq: 0, limit: 5000 });
    return page.lines.map((l) => `${l.stream}: ${l.text}`).join('\n');
  }

  async close(): Promise<void> {
    for (const close of this.#closers.splice(0).reverse()) await close();
  }
}
