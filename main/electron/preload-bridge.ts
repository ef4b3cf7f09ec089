import type { CommandName, Disposable, ErrorView, EventName, ResponseEnvelope, SupervisorApi } from '../../app/contract.js';

/**
 * The object the preload exposes as `window.supervisor`: `invoke` and `on`, nothing else, and
 * never `ipcRenderer` itself (a renderer holding ipcRenderer could send on any channel).
 *
 * The channel and name lists are repeated here instead of imported from `app/contract.ts`,
 * because the contract's zod schemas would drag zod into the sandboxed preload, which cannot
 * `require` packages. `preload-bridge.test.ts` proves the copies equal the contract.
 */
export const bridgeChannels = {
  invoke: 'supervisor:invoke',
  event: (name: EventName): string => `supervisor:event:${name}`,
} as const;

export const bridgeCommandNames: readonly CommandName[] = [
  'getState',
  'signIn',
  'cancelSignIn',
  'signOut',
  'startRun',
  'stopRun',
  'stopAll',
  'listRuns',
  'readLog',
  'exportRunLog',
  'followLogs',
  'dismissNotice',
  'saveProfile',
  'deleteProfile',
  'importProfiles',
  'connectCompany',
  'removeCompany',
  'listAudit',
  'verifyAudit',
  'exportAudit',
  'savePreferences',
  'startSelfTest',
];

export const bridgeEventNames: readonly EventName[] = ['state', 'log', 'openExternal'];

/** The slice of Electron's `ipcRenderer` the bridge uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the bridge. `invoke` rejects with a plain `ErrorView` (`{ code, message }`), not an
 * Error: contextBridge copies only an Error's message across worlds and would drop the code.
 */
export function createSupervisorBridge(ipc: IpcRendererLike): SupervisorApi {
  const commands = new Set<string>(bridgeCommandNames);
  const events = new Set<string>(bridgeEventNames);
  let nextRequestId = 0;

  const invoke = async (command: CommandName, input: unknown): Promise<unknown> => {
    if (typeof command !== 'string' || !commands.has(command)) {
      throw errorView('invalid_request', 'The app does not know that command.');
    }
    const requestId = nextRequestId++;
    const response = (await ipc.invoke(bridgeChannels.invoke, { kind: 'invoke', requestId, command, input: input ?? {} })) as ResponseEnvelope;
    if (response?.kind === 'result' && response.ok === true) return response.value;
    if (response?.kind === 'result' && response.ok === false) throw errorView(response.error.code, response.error.message, response.error.fields);
    throw errorView('internal_error', 'The app sent an answer the window could not read.');
  };

  const on = (event: EventName, listener: (payload: never) => void): Disposable => {
    if (typeof event !== 'string' || !events.has(event) || typeof listener !== 'function') {
      throw errorView('invalid_request', 'The app does not send that event.');
    }
    const channel = bridgeChannels.event(event);
    // The IpcRendererEvent stays here: it carries `sender` (ipcRenderer) and must not leak.
    const forward = (_event: unknown, payload?: unknown): void => listener(payload as never);
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

/** A plain object, because contextBridge drops custom properties on Error instances. */
function errorView(code: string, message: string, fields?: Record<string, string>): ErrorView {
  return { code, message, ...(fields ? { fields } : {}) };
}
