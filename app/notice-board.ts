import type { Disposable, NoticeView } from './common/contract.js';
import { ListenerSet } from './common/listener-set.js';
import type { SupervisorError } from './errors.js';
import type { Clock } from './ports/clock.js';

const maxNotices = 20;

const severity: Record<NoticeView['level'], number> = { info: 0, warning: 1, error: 2 };

/**
 * Short-lived messages for the UI (ignored links, storage warnings). Bounded, newest last.
 *
 * Notices coalesce by code: posting a code that is already on the board updates that notice
 * (latest message and time, a count, the more severe level) and moves it to the end, so sixteen
 * refused links are one notice "×16", not sixteen banners.
 */
export class NoticeBoard {
  #notices: NoticeView[] = [];
  #nextId = 1;
  readonly #changes = new ListenerSet<void>();

  constructor(private readonly clock: Clock) {}

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  /** Notices reuse catalogue errors, so every user-visible string has a code and one source. */
  post(level: NoticeView['level'], error: SupervisorError): void {
    const { code, message } = error;
    const at = this.clock.now();
    const existing = this.#notices.find((notice) => notice.code === code);
    const others = this.#notices.filter((notice) => notice !== existing);
    const notice: NoticeView = existing
      ? {
          id: existing.id,
          level: severity[level] >= severity[existing.level] ? level : existing.level,
          code,
          message,
          at,
          count: (existing.count ?? 1) + 1,
        }
      : { id: `n${this.#nextId++}`, level, code, message, at };
    this.#notices = [...others, notice].slice(-maxNotices);
    this.#changes.emit();
  }

  dismiss(id: string): void {
    const before = this.#notices.length;
    this.#notices = this.#notices.filter((n) => n.id !== id);
    if (this.#notices.length !== before) this.#changes.emit();
  }

  /** "Dismiss all": the board is empty afterwards; a later post starts a fresh notice. */
  dismissAll(): void {
    if (this.#notices.length === 0) return;
    this.#notices = [];
    this.#changes.emit();
  }

  list(): NoticeView[] {
    return this.#notices;
  }
}
