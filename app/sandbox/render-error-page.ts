import { escapeHtml } from './escape-html.js';
import { renderHtmlPage, type RenderedHtmlPage } from './render-html-page.js';

export interface ErrorPageOptions {
  title: string;
  /** An OAuth error code or short reason; escaped, never trusted. */
  error: string;
  description?: string | undefined;
}

export function renderErrorPage(options: ErrorPageOptions): RenderedHtmlPage {
  const description = options.description ? `<p>${escapeHtml(options.description)}</p>` : '';
  const bodyHtml = `<main>
<h1>${escapeHtml(options.title)}</h1>
<p class="error" role="alert">${escapeHtml(options.error)}</p>
${description}
<p>Go back to RPA Supervisor and start signing in again.</p>
</main>`;
  return renderHtmlPage({ title: options.title, bodyHtml });
}
