import { isAllowedExternalUrl } from '../../app/common/external-url-allowlist.js';
import type { ExternalBrowser } from '../../app/ports/external-browser.js';

/**
 * The browser host's "system browser": it asks the connected page to open the URL in a new tab.
 * The page is the user's own browser, so this is still never an embedded window. Only URLs on
 * the profiles' own providers and bounce pages are passed on (S47), and the page checks again;
 * the sign-in card also shows the link in case no page is connected.
 */
export class TabOpener implements ExternalBrowser {
  #send: ((url: string) => void) | undefined;
  #allowedOrigins: () => Promise<ReadonlySet<string>> = async () => new Set();

  /** `allowedOrigins` is read at each open, so a profile added a moment ago counts. */
  attach(send: (url: string) => void, allowedOrigins: () => Promise<ReadonlySet<string>>): void {
    this.#send = send;
    this.#allowedOrigins = allowedOrigins;
  }

  async open(url: string): Promise<void> {
    if (!isAllowedExternalUrl(url, await this.#allowedOrigins())) throw new Error('refused a URL outside the profiles\' providers');
    if (!this.#send) throw new Error('no page is connected');
    this.#send(new URL(url).href);
  }
}
