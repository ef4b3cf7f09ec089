import { randomBytes } from 'node:crypto';
import type { Disposable, SelfTestView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { selfTestHost } from '../deep-link/parse-deep-link.js';
import type { Clock } from '../ports/clock.js';
import type { ExternalBrowser } from '../ports/external-browser.js';

export const selfTestTimeoutMs = 30_000;
/** When the link could not be opened for the person, they copy and paste it by hand: that takes longer. */
export const handOverTimeoutMs = 5 * 60_000;

/**
 * Checks that the operating system really hands our scheme back to this app: it opens
 * `<scheme>://selftest?nonce=…` through the system browser and waits for the same link to
 * arrive through deep-link intake, parsed as a `selfTest` link (parse-deep-link.ts), which never
 * reaches OAuth code. The wizard uses it before the first sign-in.
 */
export class DeepLinkSelfTest {
  #view: SelfTestView = { status: 'idle' };
  #nonce: string | undefined;
  #timer: Disposable | undefined;
  readonly #changes = new ListenerSet<SelfTestView>();

  constructor(private readonly deps: { clock: Clock; browser: ExternalBrowser; scheme: string }) {}

  view(): SelfTestView {
    return this.#view;
  }

  onDidChange(listener: (view: SelfTestView) => void): Disposable {
    return this.#changes.add(listener);
  }

  async start(): Promise<{ url: string }> {
    this.#timer?.dispose();
    this.#nonce = randomBytes(16).toString('hex');
    const url = `${this.deps.scheme}://${selfTestHost}?nonce=${this.#nonce}`;
    this.#set({ status: 'waiting', startedAt: this.deps.clock.now(), url });
    this.#failAfter(selfTestTimeoutMs);
    try {
      await this.deps.browser.open(url);
    } catch {
      // The browser host cannot ask the OS to open app links; the person can still copy the link
      // and hand it over (paste box, launcher), which takes minutes rather than seconds.
      this.#failAfter(handOverTimeoutMs);
      this.#set({ ...this.#view, message: 'The link was not opened for you: hand it over yourself within 5 minutes.' });
    }
    return { url };
  }

  #failAfter(ms: number): void {
    this.#timer?.dispose();
    this.#timer = this.deps.clock.setTimer(() => {
      if (this.#view.status === 'waiting') {
        // No message: the window explains a failure with its own coded error, which knows whether
        // this host can register a scheme at all (app_link_not_registered or self_test_timed_out).
        const { message: _message, ...rest } = this.#view;
        this.#set({ ...rest, status: 'failed', finishedAt: this.deps.clock.now() });
      }
    }, ms);
  }

  /** A self-test link came back: it passes only with the nonce of the test that is waiting. */
  answer(nonce: string): boolean {
    if (this.#view.status !== 'waiting' || this.#nonce === undefined || nonce !== this.#nonce) return false;
    this.#timer?.dispose();
    this.#nonce = undefined;
    this.#set({ ...this.#view, status: 'passed', finishedAt: this.deps.clock.now(), message: 'The link came back: this app receives sign-in redirects.' });
    return true;
  }

  dispose(): void {
    this.#timer?.dispose();
    this.#changes.clear();
  }

  #set(view: SelfTestView): void {
    this.#view = view;
    this.#changes.emit(view);
  }
}
