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
 *
 * A source that reports a state rather than events (the bots folder: which manifests are bad
 * now) keeps one notice of its own under a name: `show` puts it up or replaces it (no count: it
 * says the state, not how often it was seen), `revise` changes its words only while it is up (a
 * dismissed one stays down until `show`), and `withdraw` takes it down once the state is fine.
 */
export class NoticeBoard {
  #notices: NoticeView[] = [];
  #nextId = 1;
  /** Source name → the id of its notice, while that notice may still be on the board. */
  readonly #sources = new Map<string, string>();
  readonly #changes = new ListenerSet<void>();

  constructor(private readonly clock: Clock) {}

  onDidChange(listener: () => void): Disposable {
    return this.#changes.add(listener);
  }

  /** Notices reuse catalogue errors, so every user-visible string has a code and one source. */
  post(level: NoticeView['level'], error: SupervisorError): void {
    const { code, message } = error;
    const at = this.clock.now();
    const existing = this.#notices.find((notice) => notice.code === code && !this.#isSourced(notice.id));
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

  /** Puts up `source`'s notice, replacing the one it had (same id, so the page keeps its place), newest last. */
  show(source: string, level: NoticeView['level'], error: SupervisorError): void {
    const existing = this.#sourced(source);
    const notice: NoticeView = { id: existing?.id ?? `n${this.#nextId++}`, level, code: error.code, message: error.message, at: this.clock.now() };
    this.#sources.set(source, notice.id);
    this.#notices = [...this.#notices.filter((entry) => entry !== existing), notice].slice(-maxNotices);
    this.#changes.emit();
  }

  /** New words for `source`'s notice, in place, when it is still up; a dismissed notice stays dismissed. */
  revise(source: string, error: SupervisorError): void {
    const existing = this.#sourced(source);
    if (!existing || (existing.code === error.code && existing.message === error.message)) return;
    const revised: NoticeView = { ...existing, code: error.code, message: error.message, at: this.clock.now() };
    this.#notices = this.#notices.map((entry) => (entry === existing ? revised : entry));
    this.#changes.emit();
  }

  /** Takes `source`'s notice down: what it said is no longer so. */
  withdraw(source: string): void {
    const existing = this.#sourced(source);
    this.#sources.delete(source);
    if (existing) this.dismiss(existing.id);
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

  #sourced(source: string): NoticeView | undefined {
    const id = this.#sources.get(source);
    return id === undefined ? undefined : this.#notices.find((notice) => notice.id === id);
  }

  #isSourced(id: string): boolean {
    for (const sourcedId of this.#sources.values()) if (sourcedId === id) return true;
    return false;
  }
}
