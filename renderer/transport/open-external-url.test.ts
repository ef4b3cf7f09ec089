import { describe, expect, it, vi } from 'vitest';
import { isWebUrl, openExternalUrl } from './open-external-url.js';

describe('openExternalUrl', () => {
  it('opens http(s) URLs in a new tab without an opener', () => {
    const open = vi.fn();
    expect(openExternalUrl('http://127.0.0.1:4000/auth?state=x', open)).toBe(true);
    expect(open).toHaveBeenCalledWith('http://127.0.0.1:4000/auth?state=x', '_blank', 'noopener');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>1</script>', 'file:///etc/passwd', 'com.example.app://cb', 'not a url', ''])(
    'refuses %s',
    (url) => {
      const open = vi.fn();
      expect(openExternalUrl(url, open)).toBe(false);
      expect(open).not.toHaveBeenCalled();
      expect(isWebUrl(url)).toBe(false);
    },
  );
});
