import type { CommandInput, CommandName, CommandOutputs, Disposable, EventName, SupervisorApi, SupervisorEvents } from '../common/contract.js';

type Listener = (payload: never) => void;

/** What the facade handles for every connection alike: every command except `followLogs`. */
export type SharedInvoke = <K extends Exclude<CommandName, 'followLogs'>>(command: K, input: CommandInput<K>) => Promise<CommandOutputs[K]>;

/** One window, page or in-process caller: its own listeners and the runs whose live log it follows. */
export interface SupervisorConnection extends Disposable {
  readonly api: SupervisorApi;
}

interface ConnectionEntry {
  listeners: Map<EventName, Set<Listener>>;
  /** `all` until the connection names the runs it follows. */
  follows: 'all' | ReadonlySet<string>;
}

/**
 * Fans core events out to connections. Live log lines are the one heavy stream (a flood is tens
 * of MB/s of JSON), so each connection gets `log` events only for the runs it follows, and the
 * core batches lines only for runs somebody follows (`isLogFollowed`). The renderer reads
 * everything else with `readLog`.
 *
 * Host transports open connections that follow no run until they say so; the facade's own
 * in-process `api` follows every run until it calls `followLogs` (tests and tools rely on that).
 * Each connection is opened with the command handlers, so the fan-out exists (and can answer
 * `isLogFollowed`) before the services that those handlers call.
 */
export class SupervisorConnections {
  readonly #entries = new Set<ConnectionEntry>();

  /**
   * A throwing listener (a window already closed, say) is reported here and skipped: it must not
   * keep the event from the other connections, nor throw into the core's timer that emitted it.
   */
  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  open(options: { followAllLogs: boolean; invoke: SharedInvoke }): SupervisorConnection {
    const entry: ConnectionEntry = { listeners: new Map(), follows: options.followAllLogs ? 'all' : new Set() };
    this.#entries.add(entry);
    const api: SupervisorApi = {
      invoke: async (command, input) => {
        if (command === 'followLogs') {
          entry.follows = new Set((input as CommandInput<'followLogs'>).runIds);
          return undefined as never;
        }
        return options.invoke(command as Exclude<CommandName, 'followLogs'>, input as never) as never;
      },
      on: (event, listener) => {
        const set = entry.listeners.get(event) ?? new Set<Listener>();
        entry.listeners.set(event, set);
        set.add(listener as Listener);
        return { dispose: () => set.delete(listener as Listener) };
      },
    };
    return {
      api,
      dispose: () => {
        this.#entries.delete(entry);
        entry.listeners.clear();
      },
    };
  }

  emit<E extends EventName>(event: E, payload: SupervisorEvents[E]): void {
    const runId = event === 'log' ? (payload as SupervisorEvents['log']).runId : undefined;
    for (const entry of this.#entries) {
      if (runId !== undefined && !follows(entry, runId)) continue;
      for (const listener of entry.listeners.get(event) ?? []) {
        try {
          (listener as (p: SupervisorEvents[E]) => void)(payload);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    }
  }

  /** Whether any connection listening for `log` events follows this run. */
  isLogFollowed(runId: string): boolean {
    for (const entry of this.#entries) {
      if ((entry.listeners.get('log')?.size ?? 0) > 0 && follows(entry, runId)) return true;
    }
    return false;
  }

  dispose(): void {
    for (const entry of this.#entries) entry.listeners.clear();
    this.#entries.clear();
  }
}

function follows(entry: ConnectionEntry, runId: string): boolean {
  return entry.follows === 'all' || entry.follows.has(runId);
}
