import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogBatch, RequestEnvelope, SupervisorState } from '../../app/common/contract.js';
import { errorMessage } from '../../app/common/error-catalogue.js';
import type { ConnectionStatus } from './connection-monitor.js';
import { WebSocketSupervisorApi, type SocketConnector, type SocketHandlers } from './web-socket-supervisor-api.js';

interface FakeSocket {
  url: string;
  handlers: SocketHandlers;
  sent: RequestEnvelope[];
  closed: boolean;
}

function fakeConnector() {
  const sockets: FakeSocket[] = [];
  const connect: SocketConnector = (url, handlers) => {
    const socket: FakeSocket = { url, handlers, sent: [], closed: false };
    sockets.push(socket);
    return {
      send: (data) => socket.sent.push(JSON.parse(data) as RequestEnvelope),
      close: () => {
        socket.closed = true;
      },
    };
  };
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { sockets, connect, last };
}

function reply(socket: FakeSocket, message: unknown) {
  socket.handlers.message(JSON.stringify(message));
}

const url = 'ws://127.0.0.1:5555/ws?k=secret';

describe('WebSocketSupervisorApi', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues requests made before the socket opens and sends them on open', async () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    api.start();
    const result = api.invoke('getState', {});
    expect(last().sent).toEqual([]);

    last().handlers.open();
    expect(last().sent).toEqual([{ kind: 'invoke', requestId: 1, command: 'getState', input: {} }]);

    const state: SupervisorState = { at: 1, profiles: [], sessions: [], bots: [], runs: [], notices: [], host: { kind: 'browser', scheme: 'uk.co.rpasupervisor.dev', secretsPersistent: false, flavour: 'development', appLinkRedirectUri: 'uk.co.rpasupervisor.dev://auth/callback', sandboxOffered: true, policy: { source: 'none', path: '', allowUserProfiles: true, allowEnvTokenDelivery: true }, dataDir: '/data' }, companies: [], preferences: { botsDir: '/bots', maxConcurrentRuns: 8, wizardCompleted: true }, selfTest: { status: 'idle' }, today: { dayStartedAt: 0, dayEndsAt: 86_400_000, runs: 0, succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 }, attention: [], presence: { status: 'present', since: 0 } };
    reply(last(), { kind: 'result', requestId: 1, ok: true, value: state });
    await expect(result).resolves.toEqual(state);
  });

  it('rejects with a plain ErrorView: the core code and message, nothing else', async () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    api.start();
    last().handlers.open();
    const result = api.invoke('startRun', { botId: 'demo' });
    reply(last(), { kind: 'result', requestId: 1, ok: false, error: { code: 'not_signed_in', message: 'Sign in to Local sandbox first.' } });
    const error = await result.catch((e: unknown) => e);
    expect(error).toStrictEqual({ code: 'not_signed_in', message: 'Sign in to Local sandbox first.' });
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
  });

  it('resolves void commands (null on the wire) with undefined', async () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    api.start();
    last().handlers.open();
    const result = api.invoke('signOut', { profileId: 'sandbox' });
    reply(last(), { kind: 'result', requestId: 1, ok: true, value: null });
    await expect(result).resolves.toBeUndefined();
  });

  it('dispatches events to their listeners only, and stops after dispose', () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    api.start();
    last().handlers.open();
    const onLog = vi.fn();
    const onState = vi.fn();
    const subscription = api.on('log', onLog);
    api.on('state', onState);
    const batch: LogBatch = { runId: 'r1', lines: [{ seq: 0, at: 1, stream: 'stdout', text: '<b>hi</b>' }] };
    reply(last(), { kind: 'event', event: 'log', payload: batch });
    expect(onLog).toHaveBeenCalledWith(batch);
    expect(onState).not.toHaveBeenCalled();

    subscription.dispose();
    reply(last(), { kind: 'event', event: 'log', payload: batch });
    expect(onLog).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed and unknown messages', () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    api.start();
    last().handlers.open();
    const listener = vi.fn();
    api.on('state', listener);
    last().handlers.message('not json');
    last().handlers.message(new ArrayBuffer(2));
    reply(last(), { kind: 'event', event: 'somethingElse', payload: {} });
    reply(last(), { kind: 'result', requestId: 99, ok: true, value: 1 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps dispatching when one listener throws', () => {
    const { connect, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.start();
    last().handlers.open();
    const second = vi.fn();
    api.on('openExternal', () => {
      throw new Error('boom');
    });
    api.on('openExternal', second);
    reply(last(), { kind: 'event', event: 'openExternal', payload: { url: 'https://example.org/' } });
    expect(second).toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('rejects requests in flight when the socket drops, then reconnects with backoff', async () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [100, 1_000] });
    const statuses: ConnectionStatus[] = [];
    api.onDidChangeStatus((status) => statuses.push(status));
    api.start();
    last().handlers.open();
    const inFlight = api.invoke('stopAll', {});

    last().handlers.close(1006);
    await expect(inFlight).rejects.toMatchObject({ code: 'connection_lost' });
    expect(api.status).toBe('reconnecting');
    await expect(api.invoke('getState', {})).rejects.toMatchObject({ code: 'not_connected' });

    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    expect(last().url).toBe(url);

    // A failed attempt backs off further; the last delay repeats.
    last().handlers.close(1006);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().handlers.close(1006);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(4);

    last().handlers.open();
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
  });

  it('ignores events from a socket it has replaced', () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10] });
    api.start();
    const first = last();
    first.handlers.close(1006);
    vi.advanceTimersByTime(10);
    expect(sockets).toHaveLength(2);
    first.handlers.open();
    expect(api.status).toBe('reconnecting');
  });

  it('stops retrying when the host rejects the page', async () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10] });
    api.start();
    const pending = api.invoke('getState', {});
    last().handlers.close(4401);
    await expect(pending).rejects.toStrictEqual({ code: 'connection_lost', message: errorMessage('connection_lost') });
    expect(api.status).toBe('rejected');
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('says the host has gone once reconnecting keeps failing, and stops trying (never "reconnecting…" forever)', async () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10], maxFailedAttempts: 3 });
    const statuses: ConnectionStatus[] = [];
    api.onDidChangeStatus((status) => statuses.push(status));
    api.start();
    last().handlers.open();
    last().handlers.close(1006);
    for (let attempt = 0; attempt < 3; attempt++) {
      vi.advanceTimersByTime(10);
      last().handlers.close(1006);
    }
    expect(sockets).toHaveLength(4);
    expect(api.status).toBe('gone');
    expect(statuses).toEqual(['open', 'reconnecting', 'gone']);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(4);
    await expect(api.invoke('getState', {})).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('a page that was connected and is then refused has outlived its host: gone, not rejected', () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10] });
    api.start();
    last().handlers.open();
    last().handlers.close(1006);
    vi.advanceTimersByTime(10);
    last().handlers.close(4401);
    expect(api.status).toBe('gone');
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
  });

  it('rejoins with a new address once its host has gone, and only then, refusing commands until open', async () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10] });
    const statuses: ConnectionStatus[] = [];
    api.onDidChangeStatus((status) => statuses.push(status));
    api.start();
    last().handlers.open();
    api.rejoin('ws://127.0.0.1:5555/ws?k=ignored-while-open');
    expect(sockets).toHaveLength(1);

    last().handlers.close(4401);
    expect(api.status).toBe('gone');
    const fresh = 'ws://127.0.0.1:5555/ws?k=new-secret';
    api.rejoin(fresh);
    expect(last().url).toBe(fresh);
    await expect(api.invoke('startRun', { botId: 'api-bot' })).rejects.toMatchObject({ code: 'not_connected' });
    last().handlers.open();
    expect(statuses).toEqual(['open', 'gone', 'reconnecting', 'open']);
    // Nothing asked for while rejoining reaches the new host later.
    expect(last().sent).toEqual([]);
  });

  it('treats a connector that throws as a failed attempt', () => {
    let calls = 0;
    const api = new WebSocketSupervisorApi({
      url,
      backoffMs: [10],
      connect: () => {
        calls++;
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    api.start();
    expect(api.status).toBe('reconnecting');
    vi.advanceTimersByTime(10);
    expect(calls).toBe(2);
    api.dispose();
  });

  it('closes the socket and stops retrying on dispose', () => {
    const { connect, sockets, last } = fakeConnector();
    const api = new WebSocketSupervisorApi({ url, connect, backoffMs: [10] });
    api.start();
    last().handlers.open();
    api.dispose();
    expect(last().closed).toBe(true);
    last().handlers.close(1000);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(1);
    expect(api.status).toBe('closed');
  });
});
