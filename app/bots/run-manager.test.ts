import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Disposable, LogBatch, RunStatus } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { isSupervisorError } from '../errors.js';
import { loadBotManifests } from './bot-manifest.js';
import type { RunManager } from './run-manager.js';
import type { Admission, QueueTicket, RunQueue, WaitingTicket } from './run-queue.js';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';
import { botsDir, hour, logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/** The facade end to end: policy gate, queue wiring, bot views, events and shutdown. */
const fixture = useRunFixture();

async function codeOf(manager: RunManager, botId: string): Promise<string> {
  try {
    await manager.start(botId);
    return 'started';
  } catch (error) {
    return isSupervisorError(error) ? error.code : String(error);
  }
}

describe('RunManager happy path', () => {
  it('runs the real API bot with the SDK against a server that checks the bearer', async () => {
    const { token, broker } = fixture;
    const seen: string[] = [];
    const api: Server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      const ok = req.url === '/api/whoami' && req.headers.authorization === `Bearer ${token}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { sub: 'demo-user', name: 'Demo User' } : { error: 'invalid_token' }));
    });
    await new Promise<void>((resolveListen) => api.listen(0, '127.0.0.1', resolveListen));
    try {
      const { manifests, errors } = await loadBotManifests(botsDir);
      expect(errors).toEqual([]);
      const apiBot = manifests.find((m) => m.id === 'api-bot');
      expect(apiBot).toBeDefined();
      const manager = fixture.newManager({ placeholders: () => ({ 'sandbox.apiBaseUrl': `http://127.0.0.1:${(api.address() as AddressInfo).port}/api` }) });
      manager.setBots(manifests);
      expect(manager.listBots().find((b) => b.id === 'api-bot')?.startBlockedReason).toBeUndefined();

      const batches: LogBatch[] = [];
      manager.onDidLog((batch) => batches.push(batch));
      const started = await manager.start('api-bot');
      expect(started.status).toBe('running');
      expect(started.supervisor).toEqual({ subject: 'demo-user', name: 'Demo User' });
      const ended = await runToEnd(manager, started);
      expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0 });
      expect(logText(manager, ended.id)).toMatch(/stdout: Authorised as Demo User \(demo-user\); token valid for 00:59:\d\d/);
      expect(seen).toEqual([`Bearer ${token}`]);
      expect(batches.flatMap((b) => b.lines).some((l) => l.text.startsWith('Authorised as'))).toBe(true);
      expect(broker.isRunLive(ended.id)).toBe(false);
      expect(manager.listBots().find((b) => b.id === 'api-bot')?.lastRun?.id).toBe(ended.id);
    } finally {
      await new Promise((resolveClose) => api.close(resolveClose));
    }
  });
});

describe('RunManager policy', () => {
  it('refuses to start without a session, with an expired one, or when the run would outlast the token', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash'), misbehaving('crash', { id: 'long', expectedDurationMs: 2 * hour })]);
    expect(await codeOf(manager, 'long')).toBe('run_would_outlast_token');
    expect(manager.listBots().find((b) => b.id === 'long')?.startBlockedReason?.code).toBe('run_would_outlast_token');
    fixture.sessions.expire('sandbox');
    expect(await codeOf(manager, 'misbehaving-crash')).toBe('session_expired');
    fixture.sessions.signOut('sandbox');
    expect(await codeOf(manager, 'misbehaving-crash')).toBe('not_signed_in');
    expect(manager.listBots().find((b) => b.id === 'misbehaving-crash')?.startBlockedReason).toMatchObject({ code: 'not_signed_in', message: 'Sign in to sandbox first.' });
    expect(await codeOf(manager, 'nope')).toBe('unknown_bot');
    expect(manager.listRuns()).toEqual([]);
  });

  it('refuses a second run beyond the bot concurrency and queues beyond the global limit', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const first = await manager.start('misbehaving-hang');
    await expect(manager.start('misbehaving-hang')).rejects.toMatchObject({ code: 'bot_already_running' });
    const queued = await manager.start('other');
    expect(queued.status).toBe('queued');
    await manager.stop(first.id);
    await waitUntil(() => manager.listRuns().find((r) => r.id === queued.id)?.status === 'running', 10_000, 'queued run to start');
    await manager.stop(queued.id, 'done with it');
    expect(manager.listRuns().find((r) => r.id === queued.id)).toMatchObject({ status: 'cancelled', reason: 'done with it' });
  });

  it('refuses a run beyond the queue limit with run_queue_full, and creates no run for it', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1, maxQueuedRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'second' }), misbehaving('hang', { id: 'third' })]);
    await manager.start('misbehaving-hang');
    expect((await manager.start('second')).status).toBe('queued');
    await expect(manager.start('third')).rejects.toMatchObject({ code: 'run_queue_full', message: '1 run is already waiting to start. Wait for some to finish, then try again.' });
    expect(manager.listRuns().map((run) => run.botId)).toEqual(['second', 'misbehaving-hang']);
  });

  it('stopping an unknown run is unknown_run; stopping a finished one changes nothing', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash')]);
    await expect(manager.stop('run-unknown')).rejects.toMatchObject({ code: 'unknown_run' });
    const ended = await runToEnd(manager, await manager.start('misbehaving-crash'));
    await manager.stop(ended.id, 'too late');
    expect(manager.getRun(ended.id)).toEqual(ended);
  });
});

describe('RunManager live settings and events', () => {
  it('applies a raised global limit at once by starting queued runs', async () => {
    const manager = fixture.newManager({ maxConcurrentRuns: 1 });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const first = await manager.start('misbehaving-hang');
    const queued = await manager.start('other');
    expect(queued.status).toBe('queued');
    manager.setMaxConcurrentRuns(2);
    await waitUntil(() => manager.getRun(queued.id)?.status === 'running', 10_000, 'the queued run to start');
    expect(manager.getRun(first.id)?.status).toBe('running');
  });
});

/** Another engine behind the RunQueue port: everything waits until the test admits it (a worker's claim). */
class ManualQueue implements RunQueue {
  maxConcurrentRuns = 4;
  readonly maxQueuedRuns = 10;
  readonly released: string[] = [];
  readonly #waiting: QueueTicket[] = [];
  readonly #admissions = new ListenerSet<QueueTicket>();

  setMaxConcurrentRuns(limit: number): void {
    this.maxConcurrentRuns = limit;
  }

  enqueue(ticket: QueueTicket): Admission {
    this.#waiting.push(ticket);
    return 'queued';
  }

  cancel(runId: string): boolean {
    const index = this.#waiting.findIndex((ticket) => ticket.runId === runId);
    if (index !== -1) this.#waiting.splice(index, 1);
    return index !== -1;
  }

  release(runId: string): void {
    this.released.push(runId);
  }

  move(): boolean {
    return false;
  }

  waiting(): readonly WaitingTicket[] {
    return this.#waiting.map((ticket) => ({ ...ticket, waitingFor: 'slot' as const }));
  }

  onDidAdmit(listener: (ticket: QueueTicket) => void): Disposable {
    return this.#admissions.add(listener);
  }

  close(): void {
    this.#admissions.clear();
  }

  admitNext(): void {
    const next = this.#waiting.shift();
    if (next) this.#admissions.emit(next);
  }
}

describe('RunManager with another queue engine', () => {
  it('queues every run with the engine and launches one when the engine admits it', async () => {
    const queue = new ManualQueue();
    const manager = fixture.newManager({ queue });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'other' })]);
    const first = await manager.start('misbehaving-hang');
    const second = await manager.start('other');
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    expect(queue.waiting().map((ticket) => [ticket.runId, ticket.botId, ticket.profileId])).toEqual([
      [first.id, 'misbehaving-hang', 'sandbox'],
      [second.id, 'other', 'sandbox'],
    ]);
    expect(logText(manager, first.id)).toBe('system: Queued: 4 runs are already running, as many as run at once here; this one starts when a slot is free.');

    queue.admitNext();
    await waitForLog(manager, first.id, /now hanging/);
    expect(manager.getRun(first.id)?.status).toBe('running');
    await manager.stop(second.id);
    expect(queue.waiting()).toEqual([]);
    await manager.stop(first.id);
    expect(queue.released).toEqual([second.id, first.id]);
    expect(manager.listRuns().map((run) => run.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('RunManager dispose', () => {
  it('halts live runs, leaves no process behind and refuses new starts', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('hang')]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    const statuses: RunStatus[] = [];
    manager.onDidChange(() => statuses.push(manager.listRuns()[0]?.status ?? 'queued'));
    const pid = JSON.parse(await readFile(join(fixture.dataDir, 'runs.json'), 'utf8')).runs.find((r: { id: string }) => r.id === run.id)?.pid as number;
    expect(isProcessAlive(pid)).toBe(true);
    await manager.dispose();
    expect(manager.listRuns()[0]).toMatchObject({ status: 'halted', reason: 'RPA Supervisor closed.' });
    expect(statuses).toContain('halted');
    expect(isProcessAlive(pid)).toBe(false);
    await expect(manager.start('misbehaving-hang')).rejects.toMatchObject({ code: 'supervisor_shutting_down' });
  });
});
