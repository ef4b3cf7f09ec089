import { describe, expect, it } from 'vitest';
import { stripControlSequences } from './strip-control-sequences.js';

describe('stripControlSequences', () => {
  it('removes colour codes', () => {
    expect(stripControlSequences('\u001b[31mred\u001b[0m and \u001b[1;32mgreen\u001b[m')).toBe('red and green');
  });

  it('removes OSC sequences such as window titles, with either terminator', () => {
    expect(stripControlSequences('a\u001b]0;evil title\u0007b')).toBe('ab');
    expect(stripControlSequences('a\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
  });

  it('removes cursor movement and screen clearing', () => {
    expect(stripControlSequences('\u001b[2J\u001b[Hstart\u001b[5Aup')).toBe('startup');
  });

  it('removes C1 CSI and stray control characters but keeps tabs', () => {
    expect(stripControlSequences('\u009b31mx\u0000y\u0008z\tend\r')).toBe('xyz\tend');
  });

  it('returns plain text unchanged, including markup, which is rendered as text', () => {
    const text = '<script>alert(1)</script> ✓ café';
    expect(stripControlSequences(text)).toBe(text);
  });
});
