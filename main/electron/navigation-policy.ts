import { isAllowedExternalUrl } from './external-url-policy.js';

/**
 * The renderer is a single page loaded once; it never needs to navigate. Any navigation (a
 * link, `location.href = …`, a form post, a drag-and-drop) would replace the trusted page that
 * owns `window.supervisor` with something else, so every one is denied (S47).
 */
export function decideNavigation(_url: string): { allow: false } {
  return { allow: false };
}

export type WindowOpenDecision = { action: 'deny'; openExternally: false } | { action: 'deny'; openExternally: true; url: string };

/**
 * `window.open` and `target=_blank` never create an Electron window. A plain web link the user
 * clicked (help pages, the provider's site) goes to the system browser, but only after the
 * external URL policy accepts it.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return isAllowedExternalUrl(url) ? { action: 'deny', openExternally: true, url } : { action: 'deny', openExternally: false };
}
