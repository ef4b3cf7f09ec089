import { SupervisorError } from '../../app/errors.js';
import type { ExternalBrowser } from '../../app/ports/external-browser.js';
import { isAllowedExternalUrl } from './external-url-policy.js';

/**
 * ExternalBrowser over Electron's `shell.openExternal` (RFC 8252: sign-in happens in the user's
 * own browser). The URL is checked first, because openExternal hands anything (file:, smb:,
 * ms-settings:) to the OS. The error never repeats the URL: it carries state and PKCE values.
 */
export class ShellExternalBrowser implements ExternalBrowser {
  readonly #openExternal: (url: string) => Promise<void>;

  constructor(openExternal: (url: string) => Promise<void>) {
    this.#openExternal = openExternal;
  }

  async open(url: string): Promise<void> {
    if (!isAllowedExternalUrl(url)) {
      throw new SupervisorError(
        'external_url_refused',
        'The sign-in page address is not an https address (or http on this computer), so it was not opened. Check the provider profile.',
      );
    }
    await this.#openExternal(url);
  }
}
