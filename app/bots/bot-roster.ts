import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { BotManifest } from './bot-manifest.js';

/**
 * The bots the Overview lists: the bots folder's manifests, and bots whose manifest left the
 * folder while a run of theirs was live. Such a bot stays listed, marked as removed and unable to
 * start, until its last live run ends, so the operator can still see and stop that run from its
 * card; a run keeps the manifest it started with either way.
 */
export class BotRoster {
  #current = new Map<string, BotManifest>();
  readonly #removed = new Map<string, BotManifest>();
  /** Listed ids in order: the folder's order, with a removed bot where its card was, so the card does not jump. */
  #order: string[] = [];
  #elsewhere: (botId: string) => number = () => 0;

  /** `liveRuns(botId)`: how many runs of the bot are queued, starting, running or stopping. */
  constructor(private readonly liveRuns: (botId: string) => number) {}

  /**
   * Runs of a bot that live elsewhere (on workers, in fleet mode) count as its live runs too. The
   * roster hears of their end only when it is next read, so every read lets go of what has ended.
   */
  countRunsElsewhere(liveRuns: (botId: string) => number): void {
    this.#elsewhere = liveRuns;
  }

  #live(botId: string): number {
    return this.liveRuns(botId) + this.#elsewhere(botId);
  }

  /** The folder's manifests now. A bot that left it with a live run is kept, marked removed; one that came back is current again. */
  set(manifests: readonly BotManifest[]): void {
    const next = new Map(manifests.map((manifest) => [manifest.id, manifest]));
    for (const [id, bot] of this.#current) if (!next.has(id) && this.#live(id) > 0) this.#removed.set(id, bot);
    for (const id of next.keys()) this.#removed.delete(id);
    this.#current = next;
    const previous = this.#order;
    const order = [...next.keys()];
    previous.forEach((id, index) => {
      if (!this.#removed.has(id)) return;
      const before = previous.slice(0, index).reverse().find((other) => order.includes(other));
      order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, id);
    });
    this.#order = order;
  }

  /** Lets go of removed bots whose runs have all ended; true when one went. */
  prune(): boolean {
    let pruned = false;
    for (const id of this.#removed.keys()) {
      if (this.#live(id) > 0) continue;
      this.#removed.delete(id);
      pruned = true;
    }
    if (pruned) this.#order = this.#order.filter((id) => this.#current.has(id) || this.#removed.has(id));
    return pruned;
  }

  /** A bot in the folder (removed ones are not: they cannot start or be scheduled). */
  get(botId: string): BotManifest | undefined {
    return this.#current.get(botId);
  }

  /** A bot in the folder, for a start; throws `bot_removed_from_folder` for one kept only for its runs, else `unknown_bot`. */
  startable(botId: string): BotManifest {
    const bot = this.#current.get(botId);
    if (bot) return bot;
    const removed = this.removed(botId);
    throw removed ? this.removedError(removed) : supervisorError('unknown_bot', botId);
  }

  /** Why a removed bot's Start is disabled, said on its card. */
  removedError(bot: BotManifest): SupervisorError {
    return supervisorError('bot_removed_from_folder', bot.name);
  }

  /** A bot kept only for its live runs. */
  removed(botId: string): BotManifest | undefined {
    this.prune();
    return this.#removed.get(botId);
  }

  /** The bots in the folder. */
  current(): BotManifest[] {
    return [...this.#current.values()];
  }

  /** Every bot to list, in order: the folder's, and the removed ones still running where they were. */
  listed(): { bot: BotManifest; removed: boolean }[] {
    this.prune();
    return this.#order.flatMap((id): { bot: BotManifest; removed: boolean }[] => {
      const current = this.#current.get(id);
      if (current) return [{ bot: current, removed: false }];
      const removed = this.#removed.get(id);
      return removed ? [{ bot: removed, removed: true }] : [];
    });
  }
}
