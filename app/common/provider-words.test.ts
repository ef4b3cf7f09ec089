import { describe, expect, it } from 'vitest';
import { providerWords } from './provider-words.js';

describe('providerWords: a provider’s words as one bounded line of text', () => {
  it('controls become spaces, so no forged log line or styling', () => {
    expect(providerWords('no\nINFO forged line\u001b[31m\u2028x', 100)).toBe('no INFO forged line [31m x');
  });

  it('bidirectional and invisible format characters go', () => {
    expect(providerWords('\u202eevil\u202c \u2066a\u2069\u200b\ufeff\u061cb', 100)).toBe('evil ab');
  });

  it('is clipped with an ellipsis past its bound; ordinary text is kept as it is', () => {
    expect(providerWords('x'.repeat(301), 300)).toBe(`${'x'.repeat(300)}…`);
    expect(providerWords('The user said no (é, 你好, <b>markup</b>)', 300)).toBe('The user said no (é, 你好, <b>markup</b>)');
  });
});
