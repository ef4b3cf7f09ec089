import { describe, expect, it } from 'vitest';
import { bouncePageContentSecurityPolicy, rendererContentSecurityPolicy } from './content-security-policy.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const strictCore = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

describe('rendererContentSecurityPolicy (S48)', () => {
  it('is strict in the Electron shell, with no inline script or style and no framing', () => {
    const policy = directives(rendererContentSecurityPolicy({ kind: 'electron' }));
    for (const [name, sources] of Object.entries(strictCore)) expect(policy.get(name), name).toEqual(sources);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(rendererContentSecurityPolicy({ kind: 'electron' })).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('relaxes only what the Vite dev server needs', () => {
    const policy = directives(rendererContentSecurityPolicy({ kind: 'electron', devServerOrigin: 'http://localhost:5173' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(rendererContentSecurityPolicy({ kind: 'electron', devServerOrigin: 'http://localhost:5173' })).not.toContain('unsafe-eval');
  });

  it('lets the browser host page reach only its own WebSocket', () => {
    const policy = directives(rendererContentSecurityPolicy({ kind: 'browserHost', port: 41234 }));
    for (const [name, sources] of Object.entries(strictCore)) expect(policy.get(name), name).toEqual(sources);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:41234']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('gives the built page a meta policy as strict as the headers, minus what a meta tag cannot carry', () => {
    const meta = rendererContentSecurityPolicy({ kind: 'builtPage' });
    const policy = directives(meta);
    for (const [name, sources] of Object.entries(strictCore)) expect(policy.get(name), name).toEqual(sources);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*']);
    expect(policy.has('frame-ancestors')).toBe(false);
    expect(meta).not.toMatch(/unsafe-|'strict-dynamic'|(^|\s)\*(\s|;|$)|https?:(\s|;|$)/);
  });
});

describe('bouncePageContentSecurityPolicy', () => {
  it("loads nothing but the page's own script and style; the header also refuses framing", () => {
    expect(bouncePageContentSecurityPolicy('meta')).toBe("default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'");
    expect(bouncePageContentSecurityPolicy('header')).toBe(`${bouncePageContentSecurityPolicy('meta')}; frame-ancestors 'none'`);
  });
});
