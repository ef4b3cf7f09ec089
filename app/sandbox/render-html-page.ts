import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';

/**
 * The sandbox's one page shell. The stylesheet is inline but allowed by its hash, so the CSP can
 * forbid every inline script and every external resource (no web fonts, no CDN).
 */
const stylesheet = [
  'body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b;background:#f7f7f5}',
  'h1{font-size:1.4rem}',
  'label{display:block;margin-top:1rem;font-weight:600}',
  'input,textarea{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem}',
  'textarea{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}',
  'button{margin-top:1.25rem;padding:.5rem 1.25rem;font-size:1rem}',
  '.actions{display:flex;gap:.75rem;align-items:flex-end}',
  '.error{color:#a4000f;font-weight:600;border-left:4px solid #a4000f;padding-left:.5rem}',
  '.hint{color:#555;font-size:.9rem}',
  'table{border-collapse:collapse;margin-top:1rem;width:100%}',
  'th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}',
].join('\n');

const styleHash = createHash('sha256').update(stylesheet, 'utf8').digest('base64');

export interface HtmlPageOptions {
  title: string;
  /** Already-escaped HTML for the body. */
  bodyHtml: string;
  /** Same-origin script paths; inline script is never allowed. */
  scriptPaths?: readonly string[];
}

export interface RenderedHtmlPage {
  html: string;
  contentSecurityPolicy: string;
}

export function renderHtmlPage(options: HtmlPageOptions): RenderedHtmlPage {
  const scripts = (options.scriptPaths ?? []).map((path) => `<script src="${escapeHtml(path)}" defer></script>`).join('');
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${stylesheet}</style>
${scripts}
</head>
<body>
${options.bodyHtml}
</body>
</html>
`;
  const scriptSource = options.scriptPaths?.length ? "'self'" : "'none'";
  // No form-action: Chromium applies it to the redirects after a form post, which would block the
  // final redirect to the app's custom scheme or loopback listener.
  const contentSecurityPolicy = [
    "default-src 'none'",
    `style-src 'sha256-${styleHash}'`,
    `script-src ${scriptSource}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
