import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor.js';
import { sanitizeLogText } from './sanitize-log-text.js';
import { stripAnsi } from './strip-ansi.js';

describe('stripAnsi', () => {
  it('removes colours, cursor moves, OSC titles and hyperlinks', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m \u001b[2K\u001b[1Gok')).toBe('red ok');
    expect(stripAnsi('\u001b]0;title\u0007text')).toBe('text');
    expect(stripAnsi('\u001b]8;;https://x.test\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
    expect(stripAnsi('\u009b1mbold')).toBe('bold');
  });
});

describe('sanitizeLogText', () => {
  const redactor = new Redactor();

  it('replaces control characters and drops carriage returns', () => {
    expect(sanitizeLogText('a\u0000b\rc\td\u0007', 0, redactor, 100)).toBe('a\uFFFDbc\td\uFFFD');
  });

  it('replaces a line feed, so one log line stays one line in the file', () => {
    expect(sanitizeLogText('Starting bot: node -e first\nsecond\r\n', 0, redactor, 100)).toBe('Starting bot: node -e first\uFFFDsecond\uFFFD');
  });

  it('redacts a token hidden by colour codes', () => {
    const r = new Redactor();
    r.add('secret-token-value');
    expect(sanitizeLogText('secret-\u001b[1mtoken-value', 0, r, 100)).toBe('[REDACTED]');
  });

  it('redacts before truncating, so no prefix of a token survives', () => {
    const r = new Redactor();
    const token = 'T'.repeat(40);
    r.add(token);
    const text = sanitizeLogText(`${'a'.repeat(20)}${token}`, 0, r, 30);
    expect(text).toBe(`${'a'.repeat(20)}[REDACTED]`);
    const cut = sanitizeLogText(`${'a'.repeat(25)}${token}`, 0, r, 30);
    expect(cut).not.toContain('T');
    expect(cut).toMatch(/… \[truncated 5 bytes\]$/);
  });

  it('truncates at a character boundary and counts bytes dropped earlier', () => {
    const text = sanitizeLogText('ab€€', 10, redactor, 4);
    expect(text).toBe('ab… [truncated 16 bytes]');
  });
});
