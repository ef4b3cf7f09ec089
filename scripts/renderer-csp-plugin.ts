import type { Plugin } from 'vite';
import { rendererContentSecurityPolicy } from '../app/common/content-security-policy.js';

/** Where renderer/index.html wants its Content-Security-Policy meta tag. */
export const rendererCspPlaceholder = '<!-- renderer-csp -->';

/**
 * Writes the built page's CSP meta tag (S48) from the one builder in
 * app/common/content-security-policy.ts, so renderer/index.html holds no copy of the policy.
 * Build only: the dev server's page is served over http, and the Electron shell's header (relaxed
 * for the dev server) is the policy there.
 */
export function rendererCspPlugin(): Plugin {
  return { name: 'rpa-supervisor-renderer-csp', apply: 'build', transformIndexHtml: { order: 'pre', handler: withRendererCsp } };
}

/** Replaces the one placeholder; a page without it fails the build rather than ship without a CSP. */
export function withRendererCsp(html: string): string {
  const parts = html.split(rendererCspPlaceholder);
  if (parts.length !== 2) throw new Error(`renderer/index.html must hold ${rendererCspPlaceholder} exactly once, where the CSP meta tag goes.`);
  const policy = rendererContentSecurityPolicy({ kind: 'builtPage' }).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return parts.join(`<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}
