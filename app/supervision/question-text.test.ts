import { describe, expect, it } from 'vitest';
import { questionExcerpt } from './question-text.js';

describe('questionExcerpt (the audit trail\'s one-line question)', () => {
  it('keeps a short question whole, on one line', () => {
    expect(questionExcerpt('Post it?\nReally?', 200)).toBe('Post it? Really?');
  });

  it('cuts a long one at a word, with an ellipsis, within the bound', () => {
    const excerpt = questionExcerpt(`Which batch ${'remittance '.repeat(30)}now?`, 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt).toMatch(/^Which batch (remittance )*remittance…$/);
  });

  it('cuts a single long word where it must', () => {
    expect(questionExcerpt('x'.repeat(300), 50)).toBe(`${'x'.repeat(49)}…`);
  });
});
