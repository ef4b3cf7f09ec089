import { Redis } from 'ioredis';

/**
 * The Redis connections a test's worker agents use, made as BullMQ needs them
 * (`maxRetriesPerRequest: null`) and closed together when the test is done.
 */
export class RedisClients {
  readonly #url: string;
  readonly #quiet: boolean;
  readonly #all: Redis[] = [];

  /** `quiet`: for a test that takes the server down on purpose, whose clients reconnect with nothing to report. */
  constructor(url: string, options: { quiet?: boolean } = {}) {
    this.#url = url;
    this.#quiet = options.quiet === true;
  }

  open(): Redis {
    const client = new Redis(this.#url, { maxRetriesPerRequest: null });
    if (this.#quiet) client.on('error', () => undefined);
    this.#all.push(client);
    return client;
  }

  /** The three connections a WorkerAgent takes. */
  forAgent(): { redis: Redis; subscriber: Redis; workerConnection: Redis } {
    return { redis: this.open(), subscriber: this.open(), workerConnection: this.open() };
  }

  disconnectAll(): void {
    for (const client of this.#all.splice(0)) client.disconnect();
  }
}
