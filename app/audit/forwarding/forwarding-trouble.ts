import type { SupervisorError } from '../../errors.js';
import type { NoticeBoard } from '../../notice-board.js';

/** A collector restart takes seconds; only an outage longer than this is worth a notice. */
export const defaultNoticeAfterMs = 60_000;

/**
 * One outage of the collector: since when sending fails, and the one notice that says so.
 * The notice is posted once per outage, when it has lasted `noticeAfterMs` (not at every retry,
 * which would count up on the board), and taken down when the collector takes records again or
 * the admin changes or switches off forwarding.
 */
export class ForwardingTrouble {
  readonly #notices: Pick<NoticeBoard, 'post' | 'list' | 'dismiss'> | undefined;
  readonly #noticeAfterMs: number;
  #since: number | undefined;
  #noticed = false;

  constructor(notices: Pick<NoticeBoard, 'post' | 'list' | 'dismiss'> | undefined, noticeAfterMs = defaultNoticeAfterMs) {
    this.#notices = notices;
    this.#noticeAfterMs = noticeAfterMs;
  }

  /** When the current outage began, or undefined while sending works. */
  get since(): number | undefined {
    return this.#since;
  }

  /** A failed attempt at `now`; `error` is what Settings shows too. Returns true for an outage's first failure. */
  failed(now: number, error: SupervisorError): boolean {
    const first = this.#since === undefined;
    this.#since ??= now;
    if (!this.#noticed && now - this.#since >= this.#noticeAfterMs) {
      this.#noticed = true;
      this.#notices?.post('warning', error);
    }
    return first;
  }

  /** The collector took a batch, or forwarding was changed: the outage, and its notice, are over. */
  over(): void {
    this.#since = undefined;
    if (!this.#noticed) return;
    this.#noticed = false;
    const notice = this.#notices?.list().find((entry) => entry.code === 'audit_forwarding_failed');
    if (notice) this.#notices?.dismiss(notice.id);
  }
}
