import { attentionBody, attentionTitle } from '../common/attention-text.js';
import type { AttentionItemView } from '../common/contract.js';
import type { Notifier } from '../ports/notifier.js';

/**
 * One notification per new attention item: an item is announced the first time a snapshot holds
 * it unacknowledged, never again. Items present at start-up are shown by the strip, not announced
 * again (they were announced by the instance that saw them appear).
 */
export class AttentionNotifications {
  readonly #notifier: Notifier;
  readonly #seen = new Set<string>();
  #seeded = false;

  constructor(notifier: Notifier) {
    this.#notifier = notifier;
  }

  update(items: readonly AttentionItemView[]): void {
    for (const item of items) {
      if (this.#seen.has(item.id)) continue;
      this.#seen.add(item.id);
      if (this.#seeded && !item.acknowledged) {
        this.#notifier.notify({ title: attentionTitle(item), body: attentionBody(item), level: item.level, itemId: item.id });
      }
    }
    this.#seeded = true;
    // Forget ids no longer shown, so the set stays as small as the board.
    if (this.#seen.size > 2000) {
      const current = new Set(items.map((item) => item.id));
      for (const id of this.#seen) if (!current.has(id)) this.#seen.delete(id);
    }
  }
}
