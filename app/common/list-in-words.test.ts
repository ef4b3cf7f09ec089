import { describe, expect, it } from 'vitest';
import { listInWords } from './list-in-words.js';

describe('listInWords', () => {
  it('joins names as a sentence does, with "and" or "or" before the last', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['A'])).toBe('A');
    expect(listInWords(['A', 'B'])).toBe('A and B');
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listInWords(['A', 'B', 'C'], 'or')).toBe('A, B or C');
  });
});
