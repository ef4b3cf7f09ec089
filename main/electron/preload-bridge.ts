import { commandNames, eventNames, ipcChannels, type CommandName, type Disposable, type EventName, type ResponseEnvelope, type SupervisorApi } from '../../app/common/contract.js';
import { errorView, toErrorView } from '../../app/common/error-view.js';

/**
 * The object the preload exposes as `window.supervisor`: `invoke` and `on`, nothing else, and
 * never `ipcRenderer` itself (a renderer holding ipcRenderer could send on any channel). The
 * command, event and channel names come from app/common/contract.ts, which is free of zod and
 * Node, so the sandboxed preload bundle can carry them.
 */
/** The slice of Electron's `ipcRenderer` the bridge uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the bridge. `invoke` rejects with a plain `ErrorView` (`{ code, message, fields? }`), not
 * an Error: contextBridge copies only an Error's message across worlds and would drop the code.
 * The browser host's transport rejects with the same shape (test/transport-rejections.test.ts).
 */
export function createSupervisorBridge(ipc: IpcRendererLike): SupervisorApi {
  const commands = new Set<string>(commandNames);
  const events = new Set<string>(eventNames);
  let nextRequestId = 0;

  const invoke = async (command: CommandName, input: unknown): Promise<unknown> => {
    if (typeof command !== 'string' || !commands.has(command)) {
      throw errorView('unknown_command');
    }
    const requestId = nextRequestId++;
    let response: ResponseEnvelope;
    try {
      response = (await ipc.invoke(ipcChannels.invoke, { kind: 'invoke', requestId, command, input: input ?? {} })) as ResponseEnvelope;
    } catch {
      // Electron's own Error (no handler while the app shuts down, input it cannot clone): its
      // text names channels and loses its code across contextBridge, and the core may or may not
      // have acted on the request.
      throw errorView('connection_lost');
    }
    if (response?.kind === 'result' && response.ok === true) return response.value;
    if (response?.kind === 'result' && response.ok === false) throw toErrorView(response.error, 'response_unreadable');
    throw errorView('response_unreadable');
  };

  const on = (event: EventName, listener: (payload: never) => void): Disposable => {
    if (typeof event !== 'string' || !events.has(event) || typeof listener !== 'function') {
      throw errorView('unknown_event');
    }
    const channel = ipcChannels.event(event);
    // The IpcRendererEvent stays here: it carries `sender` (ipcRenderer) and must not leak.
    // ipcRenderer is an EventEmitter: a throw would end the emit for every listener after this one.
    const forward = (_event: unknown, payload?: unknown): void => {
      try {
        listener(payload as never);
      } catch (error) {
        console.error('RPA Supervisor: event listener failed', error);
      }
    };
    ipc.on(channel, forward);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        ipc.removeListener(channel, forward);
      },
    };
  };

  return { invoke, on } as SupervisorApi;
}
