import { randomBytes } from 'node:crypto';
import type { Disposable, SelfTestView } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import type { ExternalBrowser } from '../ports/external-browser.js';

export const selfTestHost = 'selftest';
export const selfTestTimeoutMs = 30_000;

/**
 * Checks that the operating system really hands our scheme back to this app: it opens
 * `<scheme>://selftest?nonce=…` through the system browser and waits for the same link to
 * arrive through deep-link intake. The wizard uses it before the first sign-in.
 */
export class DeepLinkSelfTest {
  #view: SelfTestView = { status: 'idle' };
  #nonce: string | undefined;
  #timer: Disposable | undefined;

  constructor(
    private readonly deps: { clock: Clock; browser: ExternalBrowser; scheme: string; onChange: () => void },
  ) {}

  view(): SelfTestView {
    return this.#view;
  }

  async start(): Promise<{ url: string }> {
    this.#timer?.dispose();
    this.#nonce = randomBytes(16).toString('hex');
    const url = `${this.deps.scheme}://${selfTestHost}?nonce=${this.#nonce}`;
    this.#set({ status: 'waiting', startedAt: this.deps.clock.now(), url });
    this.#timer = this.deps.clock.setTimer(() => {
      if (this.#view.status === 'waiting') {
        // No message: the window explains a failure with its own coded error, which knows whether
        // this host can register a scheme at all (app_link_not_registered or self_test_timed_out).
        const { message: _message, ...rest } = this.#view;
        this.#set({ ...rest, status: 'failed', finishedAt: this.deps.clock.now() });
      }
    }, selfTestTimeoutMs);
    try {
      await this.deps.browser.open(url);
    } catch {
      // The browser host cannot ask the OS to open app links; the user can still hand the link
      // to the launcher, so keep waiting until the timer decides.
      this.#set({
        ...this.#view,
        message: 'This window cannot ask the operating system to open app links. Run the link through the launcher instead, as shown.',
      });
    }
    return { url };
  }

  /** True when `url` is a self-test link (whether or not it matches); such links never reach OAuth code. */
  accept(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== `${this.deps.scheme}:` || parsed.hostname !== selfTestHost) return false;
    const nonce = parsed.searchParams.get('nonce');
    if (this.#view.status === 'waiting' && nonce !== null && nonce === this.#nonce) {
      this.#timer?.dispose();
      this.#nonce = undefined;
      this.#set({ ...this.#view, status: 'passed', finishedAt: this.deps.clock.now(), message: 'The link came back: this app receives sign-in redirects.' });
    }
    return true;
  }

  dispose(): void {
    this.#timer?.dispose();
  }

  #set(view: SelfTestView): void {
    this.#view = view;
    this.deps.onChange();
  }
}
