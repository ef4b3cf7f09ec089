import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumMissing, headlessShellPath, isCi, prerequisiteMissing, testBrowserPath } from './prerequisites.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('prerequisiteMissing', () => {
  it('is false when the prerequisite is installed, in CI or not', () => {
    expect(prerequisiteMissing('stress-ng', true, 'apt-get install stress-ng', { CI: 'true' })).toBe(false);
    expect(chromiumMissing({}, () => true)).toBe(false);
  });

  it('skips with a printed reason on a developer machine', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(chromiumMissing({}, () => false)).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Skipping: Chromium at .* is not installed \(apt-get install chromium\)\.$/));
  });

  it('fails in CI instead of skipping', () => {
    expect(() => chromiumMissing({ CI: 'true' }, () => false)).toThrow(/CI must install it/);
    expect(() => chromiumMissing({ CI: '1' }, () => false)).toThrow(/CI must install it/);
  });

  it('reads CI the way CI services set it', () => {
    expect([isCi({ CI: 'true' }), isCi({ CI: '1' }), isCi({ CI: 'TRUE' })]).toEqual([true, true, true]);
    expect([isCi({}), isCi({ CI: '' }), isCi({ CI: 'false' }), isCi({ CI: '0' })]).toEqual([false, false, false, false]);
  });
});

describe('testBrowserPath', () => {
  it('drives the headless shell where it is installed, else Debian\'s Chromium; CHROMIUM_PATH chooses for everything', () => {
    expect(testBrowserPath({}, (path) => path === headlessShellPath)).toBe('/usr/bin/chromium-headless-shell');
    expect(testBrowserPath({}, () => false)).toBe('/usr/bin/chromium');
    expect(testBrowserPath({ CHROMIUM_PATH: '/opt/chromium/chrome' }, () => true)).toBe('/opt/chromium/chrome');
  });
});
