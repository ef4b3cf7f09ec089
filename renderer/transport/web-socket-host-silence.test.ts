import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from '../../app/common/error-catalogue.js';
import type { ConnectionStatus } from './connection-monitor.js';
import { WebSocketSupervisorApi, type SocketConnector, type SocketHandlers } from './web-socket-supervisor-api.js';

/** One fake socket: what the page sent, and a way to speak for the host. */
function rig() {
  let handlers: SocketHandlers | undefined;
  const sent: { kind: string; requestId?: number }[] = [];
  const connect: SocketConnector = (_url, socketHandlers) => {
    handlers = socketHandlers;
    return { send: (data) => sent.push(JSON.parse(data) as { kind: string }), close: () => undefined };
  };
  const api = new WebSocketSupervisorApi({ url: 'ws://127.0.0.1:5555/ws', connect, pingEveryMs: 5_000, silentAfterMs: 15_000 });
  const statuses: ConnectionStatus[] = [];
  api.onDidChangeStatus((status) => statuses.push(status));
  api.start();
  handlers!.open();
  const host = (message: unknown) => handlers!.message(JSON.stringify(message));
  return { api, sent, statuses, host, pings: () => sent.filter((m) => m.kind === 'ping') };
}

describe('the browser host page when its host stops answering', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings while connected, and a host that answers each ping stays open', () => {
    const r = rig();
    for (let i = 0; i < 6; i += 1) {
      vi.advanceTimersByTime(5_000);
      r.host({ kind: 'pong', at: Date.now() });
    }
    expect(r.pings()).toHaveLength(6);
    expect(r.api.status).toBe('open');
  });

  it('a host silent for 15 s is unresponsive: new commands are refused at once with host_not_responding, one already sent keeps waiting; its next message makes the page open again', async () => {
    const r = rig();
    const before = r.api.invoke('getState', {});
    vi.advanceTimersByTime(20_000);
    expect(r.api.status).toBe('unresponsive');
    expect(r.statuses).toEqual(['open', 'unresponsive']);
    await expect(r.api.invoke('stopAll', {})).rejects.toEqual({ code: 'host_not_responding', message: errorMessage('host_not_responding') });
    expect(r.sent.filter((m) => m.kind === 'invoke')).toHaveLength(1);
    // The host recovers and answers what it was asked before it froze.
    r.host({ kind: 'result', requestId: 1, ok: true, value: { at: 1 } });
    await expect(before).resolves.toEqual({ at: 1 });
    expect(r.api.status).toBe('open');
    expect(r.statuses).toEqual(['open', 'unresponsive', 'open']);
  });

  it('a state event counts as an answer as much as a pong', () => {
    const r = rig();
    for (let i = 0; i < 8; i += 1) {
      vi.advanceTimersByTime(5_000);
      r.host({ kind: 'event', event: 'log', payload: { runId: 'r', lines: [] } });
    }
    expect(r.api.status).toBe('open');
  });
});
