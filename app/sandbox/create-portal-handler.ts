import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderHtmlPage } from './render-html-page.js';
import { renderErrorPage } from './render-error-page.js';
import { sendHtml, sendJavaScript } from './http-responses.js';
import { portalScript } from './portal-script.js';

export const portalPath = '/portal';
const portalScriptPath = `${portalPath}/app.js`;

export type PortalHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void;

/** A tiny "claims portal" web page for the sample Playwright bot to drive. */
export function createPortalHandler(): PortalHandler {
  const page = renderHtmlPage({
    title: 'Claims portal – Local sandbox',
    scriptPaths: [portalScriptPath],
    bodyHtml: `<main>
<h1>Claims portal</h1>
<p>Demo data from the Local sandbox.</p>
<button type="button" id="load-claims">Load my claims</button>
<p id="status" role="status" aria-live="polite"></p>
<table aria-label="Claims">
<thead><tr><th scope="col">Reference</th><th scope="col">Patient</th><th scope="col">Insurer</th><th scope="col">Amount</th><th scope="col">Status</th></tr></thead>
<tbody id="claim-rows"></tbody>
</table>
</main>`,
  });

  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendHtml(res, 405, renderErrorPage({ title: 'Not allowed', error: 'Use GET.' }));
    } else if (pathname === portalPath || pathname === `${portalPath}/`) {
      sendHtml(res, 200, page);
    } else if (pathname === portalScriptPath) {
      sendJavaScript(res, portalScript);
    } else {
      sendHtml(res, 404, renderErrorPage({ title: 'Page not found', error: 'The portal has no such page.' }));
    }
  };
}
