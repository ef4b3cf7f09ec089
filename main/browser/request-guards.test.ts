import { describe, expect, it } from 'vitest';
import { isOwnHost, isOwnOrigin, secretsMatch } from './request-guards.js';

describe('request guards', () => {
  it('accepts only our own loopback Host', () => {
    expect(isOwnHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isOwnHost('localhost:4000', 4000)).toBe(true);
    expect(isOwnHost('evil.example:4000', 4000)).toBe(false);
    expect(isOwnHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isOwnHost(undefined, 4000)).toBe(false);
  });

  it('accepts only our own page as Origin', () => {
    expect(isOwnOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isOwnOrigin('https://evil.example', 4000)).toBe(false);
    expect(isOwnOrigin('null', 4000)).toBe(false);
    expect(isOwnOrigin(undefined, 4000)).toBe(false);
  });

  it('compares secrets without throwing on length mismatch', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abd', 'abc')).toBe(false);
    expect(secretsMatch('ab', 'abc')).toBe(false);
    expect(secretsMatch(undefined, 'abc')).toBe(false);
    expect(secretsMatch(null, 'abc')).toBe(false);
  });
});
