import { isPermissionAllowed } from './permission-policy.js';
import type { Session, WebContents } from 'electron';
import type { Logger } from '../../app/ports/logger.js';
import { decideNavigation, decideWindowOpen } from './navigation-policy.js';

/**
 * Applied to every WebContents the app ever creates (via `web-contents-created`), so a future
 * window cannot forget it: no navigation, no new windows, no <webview> (S47). A web link the page
 * opens goes to the system browser through `openWebLink` (ShellExternalBrowser), the one place
 * that calls `shell.openExternal`.
 */
export function hardenWebContents(contents: WebContents, options: { logger: Logger; openWebLink: (url: string) => boolean }): void {
  const { logger } = options;
  const deny = (event: { preventDefault(): void }, url: string, what: string, log = true): void => {
    if (decideNavigation(url).allow) return;
    event.preventDefault();
    if (log) logger.warn('blocked a navigation from the window', { code: 'navigation_blocked', what, target: describeTarget(url) });
  };
  contents.on('will-navigate', (event) => deny(event, event.url, 'will-navigate'));
  // Fires for the main frame too, right after will-navigate; log subframes only to avoid doubles.
  contents.on('will-frame-navigate', (event) => deny(event, event.url, 'will-frame-navigate', !event.isMainFrame));
  contents.on('will-redirect', (event) => deny(event, event.url, 'will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a webview', { code: 'webview_blocked' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (!decision.openExternally || !options.openWebLink(decision.url)) {
      logger.warn('blocked window.open', { code: 'window_open_blocked', target: describeTarget(url) });
    }
    return { action: decision.action };
  });
}

/** Permission prompts (camera, notifications, geolocation…) are never granted to the page. */
export function denyAllPermissions(target: Session, logger: Logger): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    const allowed = isPermissionAllowed(permission);
    if (!allowed) logger.warn('denied a permission request', { code: 'permission_denied', permission });
    callback(allowed);
  });
  target.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  target.setDevicePermissionHandler(() => false);
}

/** Sends the CSP as a response header too (the meta tag covers file://, the header http). */
export function applyContentSecurityPolicy(target: Session, policy: string): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/** Scheme and host only: a blocked URL's path or query may hold codes or personal data. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'unparseable';
  }
}
