import type { Logger } from '../../app/ports/logger.js';
import { acceptOpenUrl, extractDeepLink, type DeepLinkIntake, type DeepLinkIntakeOptions } from './deep-link-intake.js';
import { DeepLinkQueue } from './deep-link-queue.js';

export type DeepLinkSource = 'argv' | 'second-instance' | 'open-url';

/**
 * The one place OS-delivered links enter the shell (VS Code's `electronUrlListener` idea): the
 * cold-start argv, a `second-instance` argv (Windows, Linux) and macOS `open-url`, which arrives
 * before `ready` and must be registered in `will-finish-launching`. Each is checked by the pure
 * intake, then queued until the core is ready and handed over exactly once, in arrival order.
 *
 * Rejections are logged with their source and a fixed reason, never the link (S7, S8, S30).
 */
export class DeepLinkRouter {
  readonly #options: DeepLinkIntakeOptions;
  readonly #logger: Logger;
  readonly #queue: DeepLinkQueue;

  constructor(options: DeepLinkIntakeOptions & { logger: Logger; capacity?: number }) {
    const { logger, capacity, ...intake } = options;
    this.#options = intake;
    this.#logger = logger;
    this.#queue = new DeepLinkQueue({
      ...(capacity === undefined ? {} : { capacity }),
      onDrop: () => logger.warn('dropped a deep link that arrived before start-up finished', { code: 'deep_link_dropped' }),
    });
  }

  /** Links waiting for the core. */
  get pending(): number {
    return this.#queue.size;
  }

  fromArgv(argv: readonly string[], source: 'argv' | 'second-instance'): void {
    this.#take(extractDeepLink(argv, this.#options), source);
  }

  fromOpenUrl(url: unknown): void {
    this.#take(acceptOpenUrl(url, this.#options.scheme), 'open-url');
  }

  /** Connects the core; queued links are delivered now, later ones as they arrive. */
  attach(deliver: (url: string) => void): void {
    this.#queue.attach(deliver);
  }

  #take(result: DeepLinkIntake, source: DeepLinkSource): void {
    if (result.kind === 'url') this.#queue.push(result.url);
    else if (result.kind === 'rejected') this.#logger.warn('ignored a malformed deep link', { code: 'invalid_redirect', source, reason: result.reason });
  }
}
