import { isAllowedExternalUrl } from '../../app/common/external-url-allowlist.js';

type OpenWindow = (url: string, target: string, features: string) => unknown;

/**
 * Opens a provider URL in a new tab, which stands in for the system browser in the browser host,
 * when its origin is on the allowlist. `noopener` keeps the provider's page from reaching back
 * into this one through `window.opener`. Returns whether the URL was accepted; the UI's "copy
 * the sign-in link" fallback covers popup blockers.
 */
export function openExternalUrl(url: string, origins: ReadonlySet<string>, open: OpenWindow): boolean {
  if (!isAllowedExternalUrl(url, origins)) return false;
  open(url, '_blank', 'noopener');
  return true;
}
