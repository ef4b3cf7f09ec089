import { describe, expect, it } from 'vitest';
import { listInWords, peopleInWords } from './list-in-words.js';

describe('listInWords', () => {
  it('joins names as a sentence does, with "and" or "or" before the last', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['A'])).toBe('A');
    expect(listInWords(['A', 'B'])).toBe('A and B');
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listInWords(['A', 'B', 'C'], 'or')).toBe('A, B or C');
  });
});

describe('peopleInWords', () => {
  it('names up to three people, and past three the first two and how many others', () => {
    expect(peopleInWords(['Ann', 'Ben', 'Cat'])).toBe('Ann, Ben and Cat');
    expect(peopleInWords(['Ann', 'Ben', 'Cat', 'Dan'])).toBe('Ann, Ben and 2 others');
  });
});
