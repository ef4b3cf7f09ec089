import { supervisorError } from '../../app/error-catalogue.js';
import type { ExternalBrowser } from '../../app/ports/external-browser.js';
import type { Logger } from '../../app/ports/logger.js';
import { isAllowedExternalUrl, isSelfTestUrl } from './external-url-policy.js';

/**
 * The one way the app hands a URL to the OS (`shell.openExternal`; S47). openExternal passes
 * anything (file:, smb:, ms-settings:) to the OS, so every URL is checked here first, and this
 * class is the only caller (main-process glue creates exactly one; electronegativity's allowlist
 * names this single use).
 *
 * - {@link open} is the core's ExternalBrowser port (RFC 8252: sign-in happens in the user's own
 *   browser): web pages, plus our own scheme's self-test link for the first-run wizard.
 * - {@link openWebLink} is for links the page tries to open (`window.open`, `target=_blank`):
 *   web pages only. The page never gets to trigger the custom scheme.
 *
 * Neither error nor log repeats a URL: authorization URLs carry state and PKCE values.
 */
export class ShellExternalBrowser implements ExternalBrowser {
  readonly #openExternal: (url: string) => Promise<void>;
  readonly #scheme: string;
  readonly #logger: Logger | undefined;

  constructor(openExternal: (url: string) => Promise<void>, options: { scheme: string; logger?: Logger }) {
    this.#openExternal = openExternal;
    this.#scheme = options.scheme;
    this.#logger = options.logger;
  }

  async open(url: string): Promise<void> {
    if (!isAllowedExternalUrl(url) && !isSelfTestUrl(url, this.#scheme)) throw supervisorError('external_url_refused');
    await this.#openExternal(url);
  }

  /** Returns whether the link was handed to the system browser; failures are logged, not thrown. */
  openWebLink(url: string): boolean {
    if (!isAllowedExternalUrl(url)) return false;
    this.#openExternal(url).catch(() => this.#logger?.warn('the system browser did not open a link', { code: 'open_external_failed' }));
    return true;
  }
}
