import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from './escape-html.js';
import { sendHtml } from './http-responses.js';
import { FormBodyError, readFormBody } from './read-form-body.js';
import { renderHtmlPage } from './render-html-page.js';
import type { SandboxCompanyConsents } from './sandbox-company-consents.js';

export const marketplacePath = '/marketplace';

export type MarketplaceHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * A stand-in for the HCSS Marketplace, where a customer company's admin adds or removes the
 * partner app. Removing it makes the `company` grant refuse that company from then on, as HCSS
 * does, so the app's handling of withdrawn consent can be tried by hand and in browser tests.
 * Changes are accepted only from this page itself (the form's Origin must be the sandbox's).
 */
export function createMarketplaceHandler(options: { issuer: string; consents: SandboxCompanyConsents }): MarketplaceHandler {
  const origin = new URL(options.issuer).origin;
  return async (req, res, pathname) => {
    if (pathname !== marketplacePath) return sendPage(res, 404, 'The marketplace has no such page.');
    if (req.method === 'GET' || req.method === 'HEAD') return sendPage(res, 200);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, HEAD, POST');
      return sendPage(res, 405, 'Use the buttons on this page.');
    }
    // A form on another site must not switch a company's consent. The page's own form arrives
    // with Origin "null" (the sandbox's pages send no referrer), so a browser's Sec-Fetch-Site,
    // which no page can set, vouches for it.
    const sameSite = req.headers.origin === origin || (req.headers.origin === 'null' && req.headers['sec-fetch-site'] === 'same-origin');
    if (!sameSite) return sendPage(res, 403, 'Changes are accepted only from this page.');
    let form: URLSearchParams;
    try {
      form = await readFormBody(req);
    } catch (error) {
      if (error instanceof FormBodyError) return sendPage(res, error.status, error.message);
      throw error;
    }
    const companyId = form.get('companyId') ?? '';
    const action = form.get('action');
    const done = action === 'remove' ? options.consents.withdraw(companyId) : action === 'add' ? options.consents.consent(companyId) : false;
    if (!done) return sendPage(res, 400, 'Unknown company or action.');
    res.writeHead(303, { location: marketplacePath, 'cache-control': 'no-store' });
    res.end();
  };

  function sendPage(res: ServerResponse, status: number, error?: string): void {
    const rows = options.consents
      .list()
      .map(({ companyId, consented }) => {
        const id = escapeHtml(companyId);
        const [action, label] = consented ? ['remove', `Remove the app for ${id}`] : ['add', `Add the app for ${id}`];
        return `<tr><td>${id}</td><td data-company-status="${id}">${consented ? 'App added' : 'App removed'}</td><td><form method="post" action="${marketplacePath}"><input type="hidden" name="companyId" value="${id}"><input type="hidden" name="action" value="${action}"><button type="submit">${label}</button></form></td></tr>`;
      })
      .join('');
    const bodyHtml = `<main>
<h1>HCSS Marketplace (Local sandbox)</h1>
<p class="hint">A company's admin adds or removes RPA Supervisor here. While it is removed, the provider refuses that company's tokens.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<table aria-label="Companies">
<thead><tr><th scope="col">Company</th><th scope="col">Status</th><th scope="col">Change</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</main>`;
    sendHtml(res, status, renderHtmlPage({ title: 'HCSS Marketplace – Local sandbox', bodyHtml }));
  }
}
