import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('timeoutMs', 'timeoutMs')).toBe(0);
    expect(editDistance('timeoutMS', 'timeoutMs')).toBe(1);
    expect(editDistance('profileID', 'profileId')).toBe(1);
    expect(editDistance('comand', 'command')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });
});
