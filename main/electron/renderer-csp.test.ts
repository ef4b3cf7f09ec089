import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The built renderer is a file:// page, which gets no response headers, so its meta-tag CSP is
 * the only one that applies in the packaged app (S48). This keeps that tag strict.
 */
const indexHtml = new URL('../../renderer/index.html', import.meta.url);

function metaPolicies(html: string): string[] {
  const tags = html.match(/<meta[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi) ?? [];
  return tags.map((tag) => {
    const match = /content="([^"]*)"|content='([^']*)'/i.exec(tag);
    return match?.[1] ?? match?.[2] ?? '';
  });
}

function directive(policy: string, name: string): string[] | undefined {
  for (const part of policy.split(';')) {
    const [key, ...values] = part.trim().split(/\s+/);
    if (key === name) return values;
  }
  return undefined;
}

describe('renderer CSP meta tag (S48)', () => {
  it('exists in renderer/index.html', () => {
    expect(existsSync(indexHtml), 'renderer/index.html must exist: the shell loads it').toBe(true);
    expect(metaPolicies(readFileSync(indexHtml, 'utf8'))).toHaveLength(1);
  });

  it('allows scripts and styles only from the app itself and blocks plugins and base tags', () => {
    const [policy = ''] = metaPolicies(readFileSync(indexHtml, 'utf8'));
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(directive(policy, 'style-src')).toEqual(["'self'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|'strict-dynamic'|(^|\s)\*(\s|;|$)|https?:(\s|;|$)/);
  });
});
