import type { ExternalBrowser } from '../../app/ports/external-browser.js';

/**
 * The browser host's "system browser": it asks the connected page to open the URL in a new tab.
 * The page is the user's own browser, so this is still never an embedded window. Only http(s)
 * URLs are passed on; the sign-in card also shows the link in case no page is connected.
 */
export class TabOpener implements ExternalBrowser {
  #send: ((url: string) => void) | undefined;

  attach(send: (url: string) => void): void {
    this.#send = send;
  }

  async open(url: string): Promise<void> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('refused a non-web URL');
    if (!this.#send) throw new Error('no page is connected');
    this.#send(parsed.href);
  }
}
