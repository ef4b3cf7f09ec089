import type { Disposable, NoticeView } from './common/contract.js';
import { ListenerSet } from './common/listener-set.js';
import type { SupervisorError } from './errors.js';
import type { Clock } from './ports/clock.js';

const maxNotices = 20;

/** Short-lived messages for the UI (ignored links, storage warnings). Bounded, newest last. */
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
    // The same notice twice in a row is one notice: a replayed link should not stack banners.
    const last = this.#notices.at(-1);
    if (last && last.code === code && last.message === message) return;
    this.#notices = [...this.#notices, { id: `n${this.#nextId++}`, level, code, message, at: this.clock.now() }].slice(-maxNotices);
    this.#changes.emit();
  }

  dismiss(id: string): void {
    const before = this.#notices.length;
    this.#notices = this.#notices.filter((n) => n.id !== id);
    if (this.#notices.length !== before) this.#changes.emit();
  }

  list(): NoticeView[] {
    return this.#notices;
  }
}
