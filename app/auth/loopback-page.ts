import { createHash } from 'node:crypto';

const style = 'body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem}';
const styleHash = createHash('sha256').update(style).digest('base64');

/** No scripts, no external resources, nothing framed: the page is plain text with one style. */
export const loopbackPageCsp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The small page the loopback listener answers the browser with. Inputs are fixed strings. */
export function renderLoopbackPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} – RPA Supervisor</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main></body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
