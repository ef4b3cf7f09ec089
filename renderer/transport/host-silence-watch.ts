/** How often a connected page asks its host whether it is still answering. */
export const hostPingEveryMs = 5_000;

/**
 * How long a ping may go unanswered before the page says the host is not responding. Long enough
 * that a busy host (a log flood, a slow disk) is never taken for a frozen one; a host whose event
 * loop is held this long cannot give bots their tokens either.
 */
export const hostSilentAfterMs = 15_000;

export interface HostSilenceWatchOptions {
  now: () => number;
  sendPing: (at: number) => void;
  /** The host has not answered a ping for `silentAfterMs`. */
  onSilent: () => void;
  /** The host answered again after `onSilent`. */
  onAnswered: () => void;
  pingEveryMs?: number;
  silentAfterMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * Tells a frozen host from a quiet one. A loopback WebSocket to a stopped or suspended process
 * stays open (the kernel still holds it), so without this the page would show its last state as
 * if it were live and leave clicks waiting forever. Any message counts as an answer; a ping is
 * judged by when it was sent, so a background tab whose timers the browser slows to once a
 * minute is not taken for a silent host.
 */
export class HostSilenceWatch {
  readonly #o: Required<Pick<HostSilenceWatchOptions, 'pingEveryMs' | 'silentAfterMs'>> & HostSilenceWatchOptions;
  #timer: unknown;
  /** When the oldest ping not yet followed by any message was sent. */
  #unansweredSince: number | undefined;
  #silent = false;

  constructor(options: HostSilenceWatchOptions) {
    this.#o = { pingEveryMs: hostPingEveryMs, silentAfterMs: hostSilentAfterMs, ...options };
  }

  get silent(): boolean {
    return this.#silent;
  }

  start(): void {
    this.stop();
    const every = this.#o.setInterval ?? ((callback, ms) => setInterval(callback, ms));
    this.#timer = every(() => this.#tick(), this.#o.pingEveryMs);
  }

  /** Something arrived from the host. */
  heard(): void {
    this.#unansweredSince = undefined;
    if (!this.#silent) return;
    this.#silent = false;
    this.#o.onAnswered();
  }

  stop(): void {
    if (this.#timer !== undefined) (this.#o.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>)))(this.#timer);
    this.#timer = undefined;
    this.#unansweredSince = undefined;
    this.#silent = false;
  }

  #tick(): void {
    const now = this.#o.now();
    if (this.#unansweredSince !== undefined && !this.#silent && now - this.#unansweredSince >= this.#o.silentAfterMs) {
      this.#silent = true;
      this.#o.onSilent();
    }
    this.#unansweredSince ??= now;
    this.#o.sendPing(now);
  }
}
