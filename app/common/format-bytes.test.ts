import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';

describe('formatBytes', () => {
  it('says bytes under a kilobyte, whole kilobytes under a megabyte, one decimal under ten megabytes', () => {
    expect(formatBytes(1, 'down')).toBe('1 byte');
    expect(formatBytes(400, 'down')).toBe('400 bytes');
    expect(formatBytes(1024, 'down')).toBe('1 KB');
    expect(formatBytes(1536 * 1024, 'down')).toBe('1.5 MB');
    expect(formatBytes(50 * 1024 * 1024, 'down')).toBe('50 MB');
    expect(formatBytes(1234 * 1024 * 1024, 'up')).toBe('1,234 MB');
  });

  it('rounds room down and sizes up, so "larger than the room left" and "more than the limit" are never contradicted', () => {
    // 100 bytes short of 1 MB of room: not "1 MB left".
    expect(formatBytes(1024 * 1024 - 100, 'down')).toBe('1,023 KB');
    expect(formatBytes(1024 * 1024 - 100, 'up')).toBe('1 MB');
    // A file just over an 8 MB limit reads as more than 8 MB.
    expect(formatBytes(8 * 1024 * 1024 + 1, 'up')).toBe('8.1 MB');
    expect(formatBytes(8 * 1024 * 1024 + 1, 'down')).toBe('8 MB');
    expect(formatBytes(0, 'down')).toBe('0 bytes');
  });
});
