import { describe, expect, it, vi } from 'vitest';
import { browserHostSecretKey, browserHostSocketUrl, takeBrowserHostSecret } from './browser-host-secret.js';

function environment(hash: string, stored: string | null = null) {
  const items = new Map<string, string>();
  if (stored !== null) items.set(browserHostSecretKey, stored);
  const replaceState = vi.fn();
  return {
    items,
    replaceState,
    env: {
      location: { hash, pathname: '/', search: '' },
      history: { replaceState, state: null },
      storage: { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) },
    },
  };
}

describe('takeBrowserHostSecret', () => {
  it('takes the secret from the fragment, stores it, and removes it from the address bar', () => {
    const { env, items, replaceState } = environment('#k=abc%2Bdef');
    expect(takeBrowserHostSecret(env)).toBe('abc+def');
    expect(items.get(browserHostSecretKey)).toBe('abc+def');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps a literal plus sign, as a base64 secret may contain one', () => {
    expect(takeBrowserHostSecret(environment('#k=a+b').env)).toBe('a+b');
  });

  it('ignores a malformed escape instead of throwing', () => {
    expect(takeBrowserHostSecret(environment('#k=%E0%A4%A').env)).toBeNull();
  });

  it('uses the stored secret after a reload', () => {
    const { env, replaceState } = environment('', 'stored');
    expect(takeBrowserHostSecret(env)).toBe('stored');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('prefers a fresh fragment over an older stored secret', () => {
    const { env } = environment('#k=new', 'old');
    expect(takeBrowserHostSecret(env)).toBe('new');
  });

  it('returns null when there is no secret anywhere', () => {
    expect(takeBrowserHostSecret(environment('#other=1').env)).toBeNull();
    expect(takeBrowserHostSecret(environment('#k=').env)).toBeNull();
  });

  it('still works when storage is unavailable', () => {
    const { env } = environment('#k=abc');
    expect(takeBrowserHostSecret({ ...env, storage: null })).toBe('abc');
  });
});

describe('browserHostSocketUrl', () => {
  it('encodes the secret into the query', () => {
    expect(browserHostSocketUrl('127.0.0.1:4000', 'a+b/c=')).toBe('ws://127.0.0.1:4000/ws?k=a%2Bb%2Fc%3D');
  });
});
