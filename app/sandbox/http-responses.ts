import type { ServerResponse } from 'node:http';
import type { RenderedHtmlPage } from './render-html-page.js';

/** Small writers shared by the sandbox's own routes (login page, demo API, portal). */

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, page: RenderedHtmlPage): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page.html),
    'content-security-policy': page.contentSecurityPolicy,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(page.html);
}

export function sendJavaScript(res: ServerResponse, source: string): void {
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'content-length': Buffer.byteLength(source),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(source);
}
