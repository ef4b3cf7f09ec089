import { describe, expect, it, vi } from 'vitest';
import type { BotView, CommandName, Disposable, EventName, RunView, SupervisorApi, SupervisorEvents, SupervisorState } from '../../app/common/contract.js';
import type { ConnectionMonitor, ConnectionStatus } from '../transport/connection-monitor.js';
import { SupervisorStore } from './supervisor-store.js';

function state(at: number): SupervisorState {
  return { at, profiles: [], sessions: [], bots: [], runs: [], notices: [], host: { kind: 'browser', scheme: 'uk.co.rpasupervisor.dev', secretsPersistent: false, flavour: 'development', appLinkRedirectUri: 'uk.co.rpasupervisor.dev://auth/callback', sandboxOffered: true, policy: { source: 'none', path: '', allowUserProfiles: true, allowEnvTokenDelivery: true }, dataDir: '/data' }, companies: [], preferences: { botsDir: '/bots', maxConcurrentRuns: 8, wizardCompleted: true }, selfTest: { status: 'idle' }, today: { dayStartedAt: 0, dayEndsAt: 86_400_000, runs: 0, succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 }, attention: [], presence: { status: 'present', since: 0 } };
}

class FakeApi implements SupervisorApi {
  readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  getState: () => Promise<SupervisorState> = () => Promise.resolve(state(1));
  invoke = vi.fn((command: CommandName) => {
    if (command === 'getState') return this.getState();
    return Promise.resolve(undefined);
  }) as unknown as SupervisorApi['invoke'];

  on<E extends EventName>(event: E, listener: (payload: SupervisorEvents[E]) => void): Disposable {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return { dispose: () => set.delete(listener as (payload: never) => void) };
  }

  emit<E extends EventName>(event: E, payload: SupervisorEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: SupervisorEvents[E]) => void)(payload);
  }
}

class FakeConnection implements ConnectionMonitor {
  status: ConnectionStatus;
  readonly listeners = new Set<(status: ConnectionStatus) => void>();
  constructor(status: ConnectionStatus) {
    this.status = status;
  }
  onDidChangeStatus(listener: (status: ConnectionStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  set(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

/**
 * Lets the store's pending promise callbacks run: one message-queue turn, after every microtask
 * queued before it. No timer, since the store sets none; MessageChannel is in both the DOM and Node.
 */
const flush = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

describe('SupervisorStore', () => {
  it('loads state at once when the transport is already open (Electron)', async () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();
    await flush();
    expect(store.getSnapshot().state?.at).toBe(1);
    expect(store.getSnapshot().connectionEpoch).toBe(1);
  });

  it('waits for the socket, then reloads state after every reconnect', async () => {
    const api = new FakeApi();
    const connection = new FakeConnection('connecting');
    const store = new SupervisorStore(api, connection);
    store.start();
    expect(api.invoke).not.toHaveBeenCalled();

    connection.set('open');
    await flush();
    expect(store.getSnapshot().state?.at).toBe(1);

    connection.set('reconnecting');
    expect(store.getSnapshot().connection).toBe('reconnecting');
    api.getState = () => Promise.resolve(state(5));
    connection.set('open');
    await flush();
    expect(store.getSnapshot().state?.at).toBe(5);
    expect(store.getSnapshot().connectionEpoch).toBe(2);
  });

  it('applies pushed state and never goes back to an older snapshot', async () => {
    const api = new FakeApi();
    let resolveLate: (value: SupervisorState) => void = () => undefined;
    api.getState = () => new Promise((resolve) => (resolveLate = resolve));
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();

    api.emit('state', state(10));
    resolveLate(state(3));
    await flush();
    expect(store.getSnapshot().state?.at).toBe(10);
  });

  it('notifies subscribers with a new snapshot object', () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('connecting'));
    store.start();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    api.emit('state', state(2));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).not.toBe(before);
  });

  it('keeps the identity of bots and runs that did not change, so their cards need not render again', () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('connecting'));
    store.start();
    const run = (id: string, status: RunView['status']): RunView => ({ id, botId: id, botName: id, profileId: 'p', status, startedAt: 1 });
    const bot = (id: string, lastRun: RunView): BotView => ({ id, name: id, description: '', profileId: 'p', tokenDelivery: 'broker', lastRun });
    api.emit('state', { ...state(2), runs: [run('a', 'running'), run('b', 'running')], bots: [bot('a', run('a', 'running')), bot('b', run('b', 'running'))] });
    const before = store.getSnapshot().state;
    api.emit('state', { ...state(3), runs: [run('a', 'running'), run('b', 'succeeded')], bots: [bot('a', run('a', 'running')), bot('b', run('b', 'succeeded'))] });
    const after = store.getSnapshot().state;
    expect(after?.at).toBe(3);
    expect(after?.runs[0]).toBe(before?.runs[0]);
    expect(after?.bots[0]).toBe(before?.bots[0]);
    expect(after?.bots[1]).not.toBe(before?.bots[1]);
    expect(after?.bots[1]?.lastRun?.status).toBe('succeeded');
    expect(after?.profiles).toBe(before?.profiles);
  });

  it('reports a failed first load with the core message', async () => {
    const api = new FakeApi();
    api.getState = () => Promise.reject({ code: 'internal_error', message: 'Something went wrong inside RPA Supervisor.' });
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();
    await flush();
    expect(store.getSnapshot().loadError).toEqual({ code: 'internal_error', message: 'Something went wrong inside RPA Supervisor.' });
  });

  it('stops listening when disposed', () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('connecting'));
    store.start();
    store.dispose();
    api.emit('state', state(2));
    expect(store.getSnapshot().state).toBeNull();
  });

  it('refresh() reads a newer snapshot on demand, for changes the core does not push', async () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();
    await flush();
    api.getState = () => Promise.resolve({ ...state(5), preferences: { ...state(5).preferences, wizardCompleted: false } });
    await store.refresh();
    expect(store.getSnapshot().state?.at).toBe(5);
    expect(store.getSnapshot().state?.preferences.wizardCompleted).toBe(false);
  });

  it('refresh() keeps the current state when the read fails', async () => {
    const api = new FakeApi();
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();
    await flush();
    api.getState = () => Promise.reject(new Error('gone'));
    await store.refresh();
    expect(store.getSnapshot().state?.at).toBe(1);
    expect(store.getSnapshot().loadError).toBeNull();
  });

  it('S109 keeps showing what the core pushes after the host clock is set back', async () => {
    const api = new FakeApi();
    api.getState = () => Promise.resolve(state(10_000));
    const store = new SupervisorStore(api, new FakeConnection('open'));
    store.start();
    await flush();
    expect(store.getSnapshot().state?.at).toBe(10_000);

    // The computer's clock is corrected an hour back: every later snapshot is stamped earlier.
    api.emit('state', { ...state(10_000 - 3_600_000), runs: [{ id: 'r', botId: 'b', botName: 'b', profileId: 'p', status: 'running', startedAt: 1 }] });
    expect(store.getSnapshot().state?.runs.map((run) => run.id)).toEqual(['r']);
  });

  it('S109 takes a reconnect read after the host clock was set back, when nothing newer was pushed meanwhile', async () => {
    const api = new FakeApi();
    const connection = new FakeConnection('open');
    api.getState = () => Promise.resolve(state(10_000));
    const store = new SupervisorStore(api, connection);
    store.start();
    await flush();

    connection.set('reconnecting');
    api.getState = () => Promise.resolve({ ...state(5_000), runs: [{ id: 'later', botId: 'b', botName: 'b', profileId: 'p', status: 'running', startedAt: 1 }] });
    connection.set('open');
    await flush();
    expect(store.getSnapshot().state?.runs.map((run) => run.id)).toEqual(['later']);
  });
});
