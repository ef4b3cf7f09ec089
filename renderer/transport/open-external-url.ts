/**
 * True only for absolute http(s) URLs. The browser host asks the page to open the provider's
 * sign-in page; anything else (javascript:, data:, file:, custom schemes) is refused so a
 * compromised or buggy host cannot make the page run or navigate to something unexpected.
 */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

type OpenWindow = (url: string, target: string, features: string) => unknown;

/**
 * Opens a provider URL in a new tab, which stands in for the system browser in the browser host.
 * `noopener` keeps the provider's page from reaching back into this one through `window.opener`.
 * Returns whether the URL was accepted; the UI's "copy the sign-in link" fallback covers popup
 * blockers.
 */
export function openExternalUrl(url: string, open: OpenWindow): boolean {
  if (!isWebUrl(url)) return false;
  open(url, '_blank', 'noopener');
  return true;
}
