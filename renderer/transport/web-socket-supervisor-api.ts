import {
  type CommandInput,
  type CommandName,
  type CommandOutputs,
  type Disposable,
  type ErrorView,
  type EventEnvelope,
  type EventName,
  type RequestEnvelope,
  type ResponseEnvelope,
  type SupervisorApi,
  type SupervisorEvents,
} from '../../app/common/contract.js';
import { errorView, toErrorView } from '../../app/common/error-view.js';
import type { ConnectionMonitor, ConnectionStatus } from './connection-monitor.js';
import { HostSilenceWatch } from './host-silence-watch.js';
import { isEventEnvelope, isResponseEnvelope } from './read-envelope.js';

export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number): void;
}

export interface SocketConnection {
  send(data: string): void;
  close(): void;
}

/** Opens one socket. Injected so the protocol logic is testable without a real WebSocket. */
export type SocketConnector = (url: string, handlers: SocketHandlers) => SocketConnection;

export const browserSocketConnector: SocketConnector = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.open();
  socket.onmessage = (event) => handlers.message(event.data);
  // 'error' is always followed by 'close', which is what drives reconnection.
  socket.onclose = (event) => handlers.close(event.code);
  return { send: (data) => socket.send(data), close: () => socket.close() };
};

/**
 * Close codes with which the host says "this page may not connect" (bad or stale secret).
 * Retrying cannot help, so the transport stops and the UI asks for a fresh link.
 */
const rejectedCloseCodes = new Set([1008, 4401, 4403]);

/** Retry delays; local host, single client, so no jitter is needed. The last one repeats. */
const defaultBackoffMs = [250, 500, 1_000, 2_000, 4_000, 5_000] as const;

/**
 * Attempts in a row that fail before the page says the host has gone (about 4 s with the default
 * delays). A loopback connection does not drop by itself: when it cannot be made again, the host
 * process has stopped or restarted, and a restarted host has a new secret this page does not know.
 */
const defaultMaxFailedAttempts = 4;

export interface WebSocketSupervisorApiOptions {
  url: string;
  connect?: SocketConnector;
  backoffMs?: readonly number[];
  maxFailedAttempts?: number;
  /** How often to ask the host whether it answers, and how long before it counts as not responding. */
  pingEveryMs?: number;
  silentAfterMs?: number;
}

interface PendingRequest {
  resolve(value: unknown): void;
  /** With a plain ErrorView, the same shape the Electron preload rejects with. */
  reject(error: ErrorView): void;
}

/**
 * The SupervisorApi over the browser host's WebSocket, speaking the contract's envelopes.
 *
 * Requests made before the first connection opens are queued, because the UI asks for state
 * immediately. Requests made while reconnecting fail at once rather than being replayed later:
 * starting a bot minutes after the click would surprise the operator. When the socket drops,
 * every request in flight is rejected, since the host may or may not have acted on it.
 *
 * Every failure rejects with a plain ErrorView from the catalogue, exactly as the Electron preload
 * does (test/transport-rejections.test.ts), so the UI never learns which transport it runs on.
 */
export class WebSocketSupervisorApi implements SupervisorApi, ConnectionMonitor {
  #url: string;
  readonly #connect: SocketConnector;
  readonly #backoffMs: readonly number[];
  readonly #maxFailedAttempts: number;
  readonly #pending = new Map<number, PendingRequest>();
  readonly #listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  readonly #statusListeners = new Set<(status: ConnectionStatus) => void>();
  #outbox: string[] = [];
  #socket: SocketConnection | null = null;
  #generation = 0;
  #nextRequestId = 1;
  #attempt = 0;
  /** Whether any socket has opened: a page that was connected and is refused has outlived its host. */
  #everOpened = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #status: ConnectionStatus = 'connecting';
  readonly #silence: HostSilenceWatch;

  constructor(options: WebSocketSupervisorApiOptions) {
    this.#url = options.url;
    this.#connect = options.connect ?? browserSocketConnector;
    this.#backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.#maxFailedAttempts = options.maxFailedAttempts ?? defaultMaxFailedAttempts;
    this.#silence = new HostSilenceWatch({
      now: () => Date.now(),
      sendPing: (at) => this.#socket?.send(JSON.stringify({ kind: 'ping', at })),
      onSilent: () => this.#status === 'open' && this.#setStatus('unresponsive'),
      onAnswered: () => this.#status === 'unresponsive' && this.#setStatus('open'),
      ...(options.pingEveryMs === undefined ? {} : { pingEveryMs: options.pingEveryMs }),
      ...(options.silentAfterMs === undefined ? {} : { silentAfterMs: options.silentAfterMs }),
    });
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Opens the first connection. Separate from the constructor so listeners can attach first. */
  start(): void {
    if (this.#socket || this.#status !== 'connecting') return;
    this.#openSocket();
  }

  invoke<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandOutputs[K]> {
    // A host that does not answer would act on a click whenever it recovers, if ever: refused now, as while reconnecting.
    if (this.#status === 'unresponsive') return Promise.reject(errorView('host_not_responding'));
    if (this.#status !== 'open' && this.#status !== 'connecting') {
      return Promise.reject(errorView('not_connected'));
    }
    const requestId = this.#nextRequestId++;
    const envelope: RequestEnvelope = { kind: 'invoke', requestId, command, input };
    const data = JSON.stringify(envelope);
    return new Promise<CommandOutputs[K]>((resolve, reject) => {
      this.#pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      if (this.#status === 'open' && this.#socket) this.#socket.send(data);
      else this.#outbox.push(data);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: SupervisorEvents[E]) => void): Disposable {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return { dispose: () => set.delete(entry) };
  }

  onDidChangeStatus(listener: (status: ConnectionStatus) => void): Disposable {
    this.#statusListeners.add(listener);
    return { dispose: () => this.#statusListeners.delete(listener) };
  }

  /**
   * Connects again with another address (a restarted host's new secret, which another tab of this
   * origin was given), once this page has been refused or its host has gone. The page keeps all it
   * shows and holds, so nothing typed is lost. Commands fail fast meanwhile, as while reconnecting.
   */
  rejoin(url: string): void {
    if (this.#status !== 'gone' && this.#status !== 'rejected') return;
    this.#url = url;
    this.#attempt = 0;
    this.#setStatus('reconnecting');
    this.#openSocket();
  }

  dispose(): void {
    if (this.#status === 'closed') return;
    this.#clearRetry();
    this.#silence.stop();
    this.#generation++;
    this.#socket?.close();
    this.#socket = null;
    this.#failAll(errorView('not_connected'));
    this.#setStatus('closed');
  }

  #openSocket(): void {
    const generation = ++this.#generation;
    // Events from a socket we have already given up on must not touch the current one.
    const current = () => generation === this.#generation;
    try {
      this.#socket = this.#connect(this.#url, {
        open: () => current() && this.#handleOpen(),
        message: (data) => current() && this.#handleMessage(data),
        close: (code) => current() && this.#handleClose(code),
      });
    } catch {
      // A constructor throw (bad URL, CSP) is treated like a failed connection.
      this.#socket = null;
      this.#handleClose(1006);
    }
  }

  #handleOpen(): void {
    this.#attempt = 0;
    this.#everOpened = true;
    this.#setStatus('open');
    this.#silence.start();
    const queued = this.#outbox;
    this.#outbox = [];
    for (const data of queued) this.#socket?.send(data);
  }

  #handleMessage(data: unknown): void {
    // Whatever it is (a pong, a state, a reply), the host is answering.
    this.#silence.heard();
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (isResponseEnvelope(message)) this.#settle(message);
    else if (isEventEnvelope(message)) this.#dispatch(message);
  }

  #settle(response: ResponseEnvelope): void {
    const pending = this.#pending.get(response.requestId);
    if (!pending) return;
    this.#pending.delete(response.requestId);
    if (response.ok) pending.resolve(response.value ?? undefined);
    else pending.reject(toErrorView(response.error, 'response_unreadable'));
  }

  #dispatch(envelope: EventEnvelope): void {
    const set = this.#listeners.get(envelope.event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(envelope.payload);
      } catch (error) {
        // One broken listener must not starve the others of state or log events.
        console.error('RPA Supervisor: event listener failed', error);
      }
    }
  }

  #handleClose(code: number): void {
    this.#socket = null;
    this.#silence.stop();
    this.#failAll(errorView('connection_lost'));
    if (rejectedCloseCodes.has(code)) {
      // Refused after it had been connected: the host restarted with a new secret.
      this.#setStatus(this.#everOpened ? 'gone' : 'rejected');
      return;
    }
    if (this.#attempt >= this.#maxFailedAttempts) {
      this.#setStatus('gone');
      return;
    }
    this.#setStatus('reconnecting');
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    const delayMs = this.#backoffMs[Math.min(this.#attempt, this.#backoffMs.length - 1)] ?? 1_000;
    this.#attempt++;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#openSocket();
    }, delayMs);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #failAll(view: ErrorView): void {
    this.#outbox = [];
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(view);
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of [...this.#statusListeners]) listener(status);
  }
}
