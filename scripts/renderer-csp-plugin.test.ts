import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rendererContentSecurityPolicy } from '../app/common/content-security-policy.js';
import { rendererCspPlaceholder, withRendererCsp } from './renderer-csp-plugin.js';

/**
 * The built renderer is a file:// page in the packaged app, which gets no response headers, so
 * its meta-tag CSP is the only one that applies there (S48). The build writes that tag into
 * renderer/index.html from the one policy builder; this checks what it writes.
 */
const indexHtml = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');

function metaPolicies(html: string): string[] {
  const tags = html.match(/<meta[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi) ?? [];
  return tags.map((tag) => {
    const match = /content="([^"]*)"|content='([^']*)'/i.exec(tag);
    return match?.[1] ?? match?.[2] ?? '';
  });
}

describe('the built page CSP meta tag (S48)', () => {
  it('is written from the builder, exactly once, before any script or style', () => {
    expect(metaPolicies(indexHtml), 'renderer/index.html itself holds no copy of the policy').toEqual([]);
    const built = withRendererCsp(indexHtml);
    expect(metaPolicies(built)).toEqual([rendererContentSecurityPolicy({ kind: 'builtPage' })]);
    expect(built).not.toContain(rendererCspPlaceholder);
    const metaAt = built.search(/<meta[^>]*Content-Security-Policy/);
    for (const first of [built.indexOf('<script'), built.indexOf('<link rel="stylesheet"'), built.indexOf('<style')].filter((at) => at >= 0)) {
      expect(metaAt).toBeLessThan(first);
    }
  });

  it('keeps scripts and styles to the app itself and blocks plugins and base tags', () => {
    const [policy = ''] = metaPolicies(withRendererCsp(indexHtml));
    expect(policy).toContain("default-src 'self'; script-src 'self'; style-src 'self'");
    expect(policy).toContain("object-src 'none'; base-uri 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|'strict-dynamic'|(^|\s)\*(\s|;|$)|https?:(\s|;|$)/);
  });

  it('fails the build when the page has no place, or two places, for the tag', () => {
    expect(() => withRendererCsp('<html><head></head></html>')).toThrow(/exactly once/);
    expect(() => withRendererCsp(`${rendererCspPlaceholder}${rendererCspPlaceholder}`)).toThrow(/exactly once/);
  });
});
