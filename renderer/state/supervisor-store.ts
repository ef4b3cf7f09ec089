import type { Disposable, ErrorView, SupervisorApi, SupervisorState } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import type { ConnectionMonitor, ConnectionStatus } from '../transport/connection-monitor.js';
import { shareUnchanged } from './share-unchanged.js';

export interface SupervisorSnapshot {
  /** The latest state from the core, or null until the first one arrives. */
  state: SupervisorState | null;
  connection: ConnectionStatus;
  /**
   * Increases each time the connection (re)opens. Views that hold data outside the snapshot,
   * such as a run log, re-read when it changes so nothing sent while disconnected is missed.
   */
  connectionEpoch: number;
  /** Why the first state could not be loaded, when it could not. */
  loadError: ErrorView | null;
}

/**
 * Holds the core's state for React: subscribes to `state` events and asks for a full snapshot
 * whenever the connection opens, because events sent while disconnected are lost.
 * It owns no UI state; selections and command errors live in components.
 */
export class SupervisorStore {
  readonly #api: SupervisorApi;
  readonly #connection: ConnectionMonitor;
  readonly #listeners = new Set<() => void>();
  readonly #disposables: Disposable[] = [];
  #snapshot: SupervisorSnapshot;
  /** How many pushed states have arrived: a read answered after a push may be older than it. */
  #pushes = 0;

  constructor(api: SupervisorApi, connection: ConnectionMonitor) {
    this.#api = api;
    this.#connection = connection;
    this.#snapshot = { state: null, connection: connection.status, connectionEpoch: 0, loadError: null };
  }

  start(): void {
    this.#disposables.push(
      this.#api.on('state', (state) => this.#acceptPush(state)),
      this.#connection.onDidChangeStatus((status) => this.#onConnection(status)),
    );
    if (this.#connection.status === 'open') this.#onOpen();
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#listeners.clear();
  }

  /** For useSyncExternalStore; arrow properties keep their identity stable across renders. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): SupervisorSnapshot => this.#snapshot;

  /**
   * Asks for a fresh snapshot now. For commands whose effect the core may not push at once
   * (settings and profile edits): the screen then shows the change without waiting for the next
   * unrelated event. Failures are ignored; the next pushed state corrects the view anyway.
   */
  readonly refresh = (): Promise<void> => this.#read().catch(() => undefined);

  #onConnection(status: ConnectionStatus): void {
    this.#update({ connection: status });
    if (status === 'open') this.#onOpen();
  }

  #onOpen(): void {
    this.#update({ connectionEpoch: this.#snapshot.connectionEpoch + 1 });
    this.#read().catch((error: unknown) => {
      // Keep showing the last state we had; only the very first load failing is an error.
      if (this.#snapshot.state === null) this.#update({ loadError: toErrorView(error, 'unexpected') });
    });
  }

  /**
   * The host pushes each state as it builds it, over one ordered channel, so the last to arrive is
   * the newest. Its `at` is the host's wall clock, which goes back when the computer's clock is
   * corrected: comparing it would freeze the view on the old snapshot until the clock caught up.
   */
  #acceptPush(state: SupervisorState): void {
    this.#pushes++;
    this.#acceptState(state);
  }

  /** A getState reply can arrive after a newer pushed snapshot; only then does `at` decide. */
  async #read(): Promise<void> {
    const pushesBefore = this.#pushes;
    const state = await this.#api.invoke('getState', {});
    const current = this.#snapshot.state;
    if (this.#pushes !== pushesBefore && current !== null && state.at < current.at) return;
    this.#acceptState(state);
  }

  #acceptState(state: SupervisorState): void {
    const current = this.#snapshot.state;
    // Unchanged bots, runs and sessions keep their identity, so only the cards that changed render.
    this.#update({ state: current === null ? state : shareUnchanged(current, state), loadError: null });
  }

  #update(patch: Partial<SupervisorSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}
