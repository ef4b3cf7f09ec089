import type { Provider } from 'oidc-provider';
import { escapeHtml } from './escape-html.js';
import { renderHtmlPage, type RenderedHtmlPage } from './render-html-page.js';

/** The Copy button's script: same-origin, so the page's CSP still forbids every inline script. */
export const appLinkScriptPath = '/app-link/copy.js';

/**
 * Copies the link shown on the page. Without a clipboard (a page on plain http outside
 * 127.0.0.1, or a refusal) it selects the text, so Ctrl+C still works, and says so.
 */
export const appLinkScript = `'use strict';
(function () {
  var button = document.getElementById('copy-app-link');
  var field = document.getElementById('app-link');
  var status = document.getElementById('copy-status');
  if (!button || !field || !status) return;
  button.hidden = false;
  function selectIt() { field.focus(); field.select(); }
  button.addEventListener('click', function () {
    var done = function () { status.textContent = 'Copied. Now paste it into RPA Supervisor.'; };
    var failed = function () { selectIt(); status.textContent = 'Copying was not allowed. The link is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.'; };
    if (!navigator.clipboard) { failed(); return; }
    navigator.clipboard.writeText(field.value).then(done, failed);
  });
})();
`;

/** True for a redirect a plain browser hands to the operating system: not http or https. */
export function isAppLink(location: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1]?.toLowerCase();
  return scheme !== undefined && scheme !== 'http' && scheme !== 'https';
}

/**
 * The sandbox's last page when the app's redirect is an app link (custom scheme) that this
 * browser cannot open, as in the browser host, which never registers its scheme with the
 * operating system. The link is shown in a read-only field with a Copy button and words that say
 * where it goes; an "Open" link still lets a browser that knows the scheme hand it over.
 */
export function renderAppLinkPage(link: string): RenderedHtmlPage {
  const value = escapeHtml(link);
  const bodyHtml = `<main>
<h1>Almost done: hand this link to RPA Supervisor</h1>
<p>You are signed in. This browser cannot open RPA Supervisor by itself, so copy the link below and paste it into RPA Supervisor, in the box <strong>Paste the link your browser could not open</strong> on the sign-in card (from any other section, <strong>Paste the link</strong> at the top of the window takes you there).</p>
<label for="app-link">Link for RPA Supervisor</label>
<textarea id="app-link" readonly rows="4" spellcheck="false" aria-describedby="app-link-hint">${value}</textarea>
<p class="hint" id="app-link-hint">The link works once, for a few minutes. Do not send it to anybody: it finishes your sign-in.</p>
<div class="actions">
<button type="button" id="copy-app-link" hidden>Copy link</button>
<a href="${value}" id="open-app-link">Open in RPA Supervisor</a>
</div>
<p id="copy-status" role="status" aria-live="polite"></p>
<p class="hint">After pasting, you can close this tab.</p>
</main>`;
  return renderHtmlPage({ title: 'Hand the link to RPA Supervisor – Local sandbox', bodyHtml, scriptPaths: [appLinkScriptPath] });
}

type KoaMiddleware = Parameters<Provider['use']>[0];

/**
 * Turns the provider's final redirect to an app link into the page above. Every other answer,
 * including redirects to https and loopback addresses, passes unchanged.
 */
export function appLinkPageMiddleware(): KoaMiddleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status !== 302 && ctx.status !== 303) return;
    const location = ctx.response.get('location');
    if (!location || !isAppLink(location)) return;
    const page = renderAppLinkPage(location);
    ctx.remove('location');
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('content-security-policy', page.contentSecurityPolicy);
    ctx.set('cache-control', 'no-store');
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    ctx.body = page.html;
  };
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The link on a page from `renderAppLinkPage`, for browserless logins (tests, benchmarks). */
export function readAppLinkFromPage(html: string): string | undefined {
  const escaped = /<textarea id="app-link"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];
  return escaped?.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}
