import { describe, expect, it } from 'vitest';
import { effectiveBotsDir, isAllowedBotPath, isInsideFolder } from './bot-folders.js';

describe('isInsideFolder', () => {
  it.each([
    ['/opt/bots', '/opt/bots', 'linux', true],
    ['/opt/bots/a/b.mjs', '/opt/bots', 'linux', true],
    ['/opt/bots/../home/me/evil.mjs', '/opt/bots', 'linux', false],
    ['/opt/bots-other/x', '/opt/bots', 'linux', false],
    ['/OPT/bots/x', '/opt/bots', 'linux', false],
    ['relative/x', '/opt/bots', 'linux', false],
    ['C:\\ProgramData\\Clinic Bots\\x.bot.json', 'c:/programdata/clinic bots', 'win32', true],
    ['D:\\ProgramData\\Clinic Bots\\x', 'C:\\ProgramData\\Clinic Bots', 'win32', false],
    ['C:\\ProgramData\\Clinic Bots\\..\\Users\\x', 'C:\\ProgramData\\Clinic Bots', 'win32', false],
  ] as const)('%s in %s (%s) → %s', (path, folder, platform, expected) => {
    expect(isInsideFolder(path, folder, platform)).toBe(expected);
  });

  it('allows any path when the policy names no folders', () => {
    expect(isAllowedBotPath('/home/me/bots', undefined, 'linux')).toBe(true);
    expect(isAllowedBotPath('/home/me/bots', ['/opt/bots'], 'linux')).toBe(false);
  });
});

describe('effectiveBotsDir', () => {
  const allowed = ['/opt/clinic-bots', '/srv/more-bots'];

  it('keeps the user choice when no folders are named', () => {
    expect(effectiveBotsDir({ chosen: '/home/me/bots', defaultDir: '/app/bots', allowedFolders: undefined, platform: 'linux' })).toEqual({ dir: '/home/me/bots' });
  });

  it('keeps an allowed choice', () => {
    expect(effectiveBotsDir({ chosen: '/srv/more-bots/team', defaultDir: '/app/bots', allowedFolders: allowed, platform: 'linux' })).toEqual({ dir: '/srv/more-bots/team' });
  });

  it('replaces a choice outside the allowed folders with the first allowed folder, and names it', () => {
    expect(effectiveBotsDir({ chosen: '/home/me/bots', defaultDir: '/app/bots', allowedFolders: allowed, platform: 'linux' })).toEqual({ dir: '/opt/clinic-bots', ignored: '/home/me/bots' });
  });

  it('uses the host default when it is allowed, else the first allowed folder', () => {
    expect(effectiveBotsDir({ chosen: undefined, defaultDir: '/srv/more-bots', allowedFolders: allowed, platform: 'linux' })).toEqual({ dir: '/srv/more-bots' });
    expect(effectiveBotsDir({ chosen: undefined, defaultDir: '/app/bots', allowedFolders: allowed, platform: 'linux' })).toEqual({ dir: '/opt/clinic-bots' });
  });
});
