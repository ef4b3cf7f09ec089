import type { Disposable } from '../../app/common/contract.js';

/**
 * - `connecting`: the first connection attempt is under way.
 * - `open`: commands and events flow.
 * - `reconnecting`: the connection dropped (or never came up) and the transport is retrying.
 * - `unresponsive`: connected, but the host has not answered for a while (frozen, suspended, or
 *   its computer overloaded); what the page shows may be out of date. Back to `open` when it answers.
 * - `rejected`: the host refused this page (missing or stale link); retrying cannot help.
 * - `gone`: the host went away (stopped, or restarted with a new address and secret); this page
 *   can never reach it again, so the transport has stopped trying.
 * - `closed`: the transport was disposed.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'unresponsive' | 'reconnecting' | 'rejected' | 'gone' | 'closed';

/** Reports whether the transport to the core is up, so the UI can say so and resync on return. */
export interface ConnectionMonitor {
  readonly status: ConnectionStatus;
  onDidChangeStatus(listener: (status: ConnectionStatus) => void): Disposable;
}

/** For transports that cannot drop, such as Electron IPC, or cannot ever connect. */
export function fixedConnection(status: ConnectionStatus): ConnectionMonitor {
  return {
    status,
    onDidChangeStatus: () => ({ dispose: () => undefined }),
  };
}
