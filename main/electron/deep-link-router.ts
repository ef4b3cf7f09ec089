import { parseDeepLink, type DeepLink } from '../../app/deep-link/parse-deep-link.js';
import type { Logger } from '../../app/ports/logger.js';
import { extractDeepLink, type DeepLinkIntakeOptions } from './deep-link-intake.js';

export type DeepLinkSource = 'argv' | 'second-instance' | 'open-url';

/** Links held before the core is ready; more than a handful means something is flooding us. */
export const defaultDeepLinkCapacity = 8;

/**
 * The one place OS-delivered links enter the shell (VS Code's `electronUrlListener` idea): the
 * cold-start argv, a `second-instance` argv (Windows, Linux) and macOS `open-url`, which arrives
 * before `ready` and must be registered in `will-finish-launching`. Each URL is parsed once
 * (`parseDeepLink`) and the result is queued until the core is ready, then handed over exactly
 * once, in arrival order. Unknown links go to the core too, which logs them without the link
 * and tells the user; argv that fails the intake's checks is logged here with its source and a
 * fixed reason, never the link (S7, S8, S30).
 */
export class DeepLinkRouter {
  readonly #options: DeepLinkIntakeOptions;
  readonly #logger: Logger;
  readonly #capacity: number;
  #queued: DeepLink[] = [];
  #deliver: ((link: DeepLink) => void) | undefined;

  constructor(options: DeepLinkIntakeOptions & { logger: Logger; capacity?: number }) {
    const { logger, capacity, ...intake } = options;
    this.#options = intake;
    this.#logger = logger;
    this.#capacity = capacity ?? defaultDeepLinkCapacity;
  }

  /** Links waiting for the core. */
  get pending(): number {
    return this.#queued.length;
  }

  fromArgv(argv: readonly string[], source: 'argv' | 'second-instance'): void {
    const result = extractDeepLink(argv, this.#options);
    if (result.kind === 'url') this.#push(result.url);
    else if (result.kind === 'rejected') this.#logger.warn('ignored a malformed deep link', { code: 'invalid_redirect', source, reason: result.reason });
  }

  fromOpenUrl(url: unknown): void {
    this.#push(url);
  }

  /** Connects the core: queued links are delivered now, in arrival order, later ones as they arrive. */
  attach(deliver: (link: DeepLink) => void): void {
    if (this.#deliver) throw new Error('DeepLinkRouter is already attached');
    this.#deliver = deliver;
    const queued = this.#queued;
    this.#queued = [];
    for (const link of queued) deliver(link);
  }

  #push(url: unknown): void {
    const link = parseDeepLink(url, { scheme: this.#options.scheme });
    if (this.#deliver) this.#deliver(link);
    else if (this.#queued.length < this.#capacity) this.#queued.push(link);
    else this.#logger.warn('dropped a deep link that arrived before start-up finished', { code: 'deep_link_dropped' });
  }
}
