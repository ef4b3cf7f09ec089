import { describe, expect, it, vi } from 'vitest';
import { commandNames, ipcChannels } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { createSupervisorBridge, type IpcRendererLike } from './preload-bridge.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(reply: (channel: string, request: unknown) => unknown) {
  const listeners = new Map<string, Set<Listener>>();
  const sent: Array<{ channel: string; request: unknown }> = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, request) => {
      sent.push({ channel, request });
      return reply(channel, request);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer-would-leak-here', ports: [] }, payload);
  };
  return { ipc, sent, emit, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('createSupervisorBridge', () => {
  it('exposes only invoke and on', () => {
    const bridge = createSupervisorBridge(fakeIpc(() => undefined).ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('wraps a command in a request envelope on the one invoke channel and unwraps the value', async () => {
    const fake = fakeIpc((_channel, request) => ({ kind: 'result', requestId: (request as { requestId: number }).requestId, ok: true, value: { profileId: 'p', authorizationUrl: 'https://idp/' } }));
    const bridge = createSupervisorBridge(fake.ipc);
    await expect(bridge.invoke('signIn', { profileId: 'p' })).resolves.toEqual({ profileId: 'p', authorizationUrl: 'https://idp/' });
    await bridge.invoke('getState', {});
    expect(fake.sent).toEqual([
      { channel: 'supervisor:invoke', request: { kind: 'invoke', requestId: 0, command: 'signIn', input: { profileId: 'p' } } },
      { channel: 'supervisor:invoke', request: { kind: 'invoke', requestId: 1, command: 'getState', input: {} } },
    ]);
  });

  it('passes every command of the contract, each on the one invoke channel', async () => {
    const fake = fakeIpc((_channel, request) => ({ kind: 'result', requestId: (request as { requestId: number }).requestId, ok: true, value: null }));
    const bridge = createSupervisorBridge(fake.ipc);
    for (const command of commandNames) await bridge.invoke(command, {} as never);
    expect(fake.sent.map((sent) => (sent.request as { command: string }).command)).toEqual([...commandNames]);
    expect(new Set(fake.sent.map((sent) => sent.channel))).toEqual(new Set([ipcChannels.invoke]));
  });

  it('rejects with a plain { code, message } that survives contextBridge', async () => {
    const fake = fakeIpc(() => ({ kind: 'result', requestId: 0, ok: false, error: { code: 'not_signed_in', message: 'Sign in to Sandbox first.' } }));
    const failure = await createSupervisorBridge(fake.ipc).invoke('startRun', { botId: 'b' }).catch((e: unknown) => e);
    expect(failure).toEqual({ code: 'not_signed_in', message: 'Sign in to Sandbox first.' });
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('rejects an unreadable answer without passing it on', async () => {
    const fake = fakeIpc(() => 'garbage');
    await expect(createSupervisorBridge(fake.ipc).invoke('getState', {})).rejects.toStrictEqual(errorView('response_unreadable'));
  });

  it('rejects with a plain ErrorView, not Electron\'s Error, when the main process has no handler (it is shutting down)', async () => {
    const bridge = createSupervisorBridge({
      // What ipcRenderer.invoke rejects with once the handler was removed: an Error whose text names the channel.
      invoke: () => Promise.reject(new Error("Error invoking remote method 'supervisor:invoke': Error: No handler registered for 'supervisor:invoke'")),
      on: () => undefined,
      removeListener: () => undefined,
    });
    const failure = await bridge.invoke('startRun', { botId: 'b' }).catch((e: unknown) => e);
    expect(failure).toStrictEqual(errorView('connection_lost'));
    expect(Object.getPrototypeOf(failure)).toBe(Object.prototype);
  });

  it('S46 refuses unknown commands before anything is sent', async () => {
    const fake = fakeIpc(() => undefined);
    const bridge = createSupervisorBridge(fake.ipc);
    await expect(bridge.invoke('deleteEverything' as never, {} as never)).rejects.toStrictEqual(errorView('unknown_command'));
    expect(fake.sent).toEqual([]);
  });

  it('hands listeners the payload only, never the IpcRendererEvent', () => {
    const fake = fakeIpc(() => undefined);
    const received: unknown[][] = [];
    createSupervisorBridge(fake.ipc).on('log', (...args: unknown[]) => void received.push(args));
    fake.emit('supervisor:event:log', { runId: 'r', lines: [] });
    expect(received).toEqual([[{ runId: 'r', lines: [] }]]);
  });

  it('a throwing listener does not starve the others of the event, as over the browser host\'s WebSocket', () => {
    // ipcRenderer is an EventEmitter: a listener that throws ends the emit for the ones after it.
    const fake = fakeIpc(() => undefined);
    const bridge = createSupervisorBridge(fake.ipc);
    const received: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      bridge.on('state', () => {
        throw new Error('a broken component');
      });
      bridge.on('state', (state: unknown) => void received.push(state));
      expect(() => fake.emit('supervisor:event:state', { at: 1 })).not.toThrow();
      expect(received).toEqual([{ at: 1 }]);
      expect(consoleError).toHaveBeenCalledTimes(1);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('dispose removes exactly its own listener, once', () => {
    const fake = fakeIpc(() => undefined);
    const bridge = createSupervisorBridge(fake.ipc);
    const first = bridge.on('state', () => undefined);
    bridge.on('state', () => undefined);
    expect(fake.listenerCount('supervisor:event:state')).toBe(2);
    first.dispose();
    first.dispose();
    expect(fake.listenerCount('supervisor:event:state')).toBe(1);
  });

  it('refuses to subscribe to channels outside the contract', () => {
    const fake = fakeIpc(() => undefined);
    const bridge = createSupervisorBridge(fake.ipc);
    let thrown: unknown;
    try {
      bridge.on('supervisor:invoke' as never, () => undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toStrictEqual(errorView('unknown_event'));
    expect(fake.listenerCount('supervisor:event:supervisor:invoke')).toBe(0);
  });
});
