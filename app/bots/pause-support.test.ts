import { describe, expect, it } from 'vitest';
import { pauseSupport, safeStopSupport } from './pause-support.js';

describe('pauseSupport', () => {
  const platforms: NodeJS.Platform[] = ['linux', 'darwin', 'win32', 'freebsd', 'openbsd', 'aix', 'sunos'];

  it.each(platforms)('on %s, a bot with checkpoints is paused at its next checkpoint', (platform) => {
    expect(pauseSupport(platform, true)).toBe('checkpoint');
  });

  it.each(platforms.filter((platform) => platform !== 'win32'))('on %s, a bot without the SDK is paused by signalling its process group', (platform) => {
    expect(pauseSupport(platform, false)).toBe('signal');
  });

  it('on Windows, a bot without checkpoints cannot be paused (the UI says why)', () => {
    expect(pauseSupport('win32', false)).toBe('unavailable');
  });

  it('offers "Stop at next safe point" only to bots with checkpoints', () => {
    expect(safeStopSupport(true)).toBe(true);
    expect(safeStopSupport(false)).toBe(false);
  });
});
