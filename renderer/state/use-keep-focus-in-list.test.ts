import { describe, expect, it } from 'vitest';
import { focusOrder } from './use-keep-focus-in-list.js';

describe('focusOrder', () => {
  it('tries the entry now in the place of the one that went (the next one) first, then those after it, then those before it, nearest first', () => {
    // "b" was answered at index 1: "c" has moved into its place.
    expect(focusOrder(['a', 'c', 'd'], 1)).toEqual(['c', 'd', 'a']);
    expect(focusOrder(['a', 'b', 'c', 'd'], 2)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('falls back to the new last entry when the last one went', () => {
    expect(focusOrder(['a', 'b'], 2)).toEqual(['b', 'a']);
  });

  it('starts at the first entry for an index before the list (an entry not found)', () => {
    expect(focusOrder(['a', 'b'], -1)).toEqual(['a', 'b']);
  });

  it('has nothing to try when no entry is left, so focus goes to the heading', () => {
    expect(focusOrder([], 0)).toEqual([]);
  });
});
